"""Note vectors in the database: read with a board, and stored beside each note as float32
bytes. Reads and writes are Core statements (no ORM objects), as the server's busy reads are."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import and_, bindparam, select, update

from facilitator.model import orm
from facilitator.model.db import Database

from .encoder import DIMENSIONS
from .service import BOARD_KIND

_NOTE = orm.Note.__table__.c
_STEP = orm.Step.__table__.c
_GROUP = orm.Group.__table__.c


@dataclass(frozen=True)
class BoardNote:
    """A visible note of a board as the clustering sees it."""

    id: int
    text: str
    group_id: int | None
    vector: np.ndarray | None  # None until the note has been embedded


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, "<f4").tobytes()


def from_bytes(data: bytes | None) -> np.ndarray | None:
    """The vector stored, or None when there is none (or it is not one of ours)."""
    if data is None or len(data) != DIMENSIONS * 4:
        return None
    return np.frombuffer(data, "<f4")


def board_notes(db: Database, run_id: int, step_id: int) -> list[BoardNote]:
    """The board's visible notes, oldest first, with their vectors where made."""
    query = (
        select(_NOTE.id, _NOTE.text, _NOTE.group_id, _NOTE.vector)
        .where(_NOTE.run_id == run_id, _NOTE.step_id == step_id, _NOTE.hidden.is_(False))
        .order_by(_NOTE.id)
    )
    with db.read() as s:
        rows = s.execute(query).all()
    return [BoardNote(nid, text, group, from_bytes(vector)) for nid, text, group, vector in rows]


def group_names(db: Database, run_id: int, step_id: int) -> dict[int, str]:
    query = select(_GROUP.id, _GROUP.name).where(_GROUP.run_id == run_id, _GROUP.step_id == step_id)
    with db.read() as s:
        return dict(s.execute(query).all())


def waiting(db: Database, note_ids: Iterable[int]) -> list[tuple[int, str]]:
    """Of ``note_ids``, the visible notes on boards that have no vector yet: (id, text)."""
    ids = sorted(set(note_ids))
    if not ids:
        return []
    query = (
        select(_NOTE.id, _NOTE.text)
        .join(orm.Step.__table__, _STEP.id == _NOTE.step_id)
        .where(
            _NOTE.id.in_(ids),
            _NOTE.vector.is_(None),
            _NOTE.hidden.is_(False),
            _STEP.kind == BOARD_KIND,
        )
        .order_by(_NOTE.id)
    )
    with db.read() as s:
        return [(nid, text) for nid, text in s.execute(query)]


def store(db: Database, made: Sequence[tuple[int, str, np.ndarray]]) -> int:
    """Store each (note id, the text embedded, vector) in one transaction, where the note
    still has that text and no vector (it may have been edited meanwhile); returns how many."""
    if not made:
        return 0
    statement = (
        update(orm.Note.__table__)
        .where(
            and_(
                _NOTE.id == bindparam("nid"),
                _NOTE.text == bindparam("was"),
                _NOTE.vector.is_(None),
            )
        )
        .values(vector=bindparam("data"))
    )
    rows = [{"nid": nid, "was": text, "data": to_bytes(v)} for nid, text, v in made]
    with db.write() as s:
        result = s.connection().execute(statement, rows)
    return result.rowcount
