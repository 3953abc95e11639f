"""The database: one SQLite file in the data folder, in WAL mode with synchronous=FULL so that a
note acknowledged to a phone survives a crash or a power cut. Alembic migrations run at open."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .errors import ModelError, NotFound

DB_FILENAME = "facilitator.sqlite3"
BUSY_TIMEOUT_MS = 10_000


def _set_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (savepoints and
    # BEGIN IMMEDIATE need it); see SQLAlchemy's "Serializable isolation / Savepoints" notes.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path, *, begin: str = "BEGIN") -> Engine:
    """An engine on the file; ``begin`` is the statement that opens each transaction
    (``BEGIN IMMEDIATE`` for writers, so two writers never deadlock upgrading their locks)."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=8,
        max_overflow=8,
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


# The newest migration. Opening a database that is already there costs no Alembic import
# (about half a second); tests check this matches the migration scripts.
HEAD_REVISION = "0005"


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (the newest by default)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for a new (or pre-Alembic) file."""
    with engine.connect() as connection:
        try:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except SQLAlchemyError:
            return None


def fetch(session: Session, entity: type, ident, missing: str, code: str | None = None):
    """The row of ``entity`` with primary key ``ident``; NotFound(``missing``, ``code``) if
    there is none."""
    row = session.get(entity, ident)
    if row is None:
        raise NotFound(missing, code)
    return row


class Database:
    """The open database: hands out short sessions, one per operation.

    Writes are serialised by one lock inside this process (SQLite has a single writer anyway);
    this avoids lock-upgrade deadlocks between threads, and WAL lets reads go on meanwhile.
    """

    def __init__(self, folder: Path, *, migrate: bool = True):
        self.folder = Path(folder)
        self.path = self.folder / DB_FILENAME
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.engine = make_engine(self.path)
            self.write_engine = make_engine(self.path, begin="BEGIN IMMEDIATE")
            if migrate and schema_revision(self.write_engine) != HEAD_REVISION:
                upgrade(self.write_engine)
        except (OSError, SQLAlchemyError) as error:
            reason = getattr(error, "orig", None) or getattr(error, "strerror", None) or error
            raise ModelError(f"Cannot open the data folder {self.folder}: {reason}.") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self.write_lock = threading.RLock()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.write_lock, self._write_sessions() as session, session.begin():
            yield session

    def media_folder(self, relative: str) -> Path:
        return self.folder / relative

    def close(self) -> None:
        self.engine.dispose()
        self.write_engine.dispose()
