"""The composition root of the model: one object bundling the database, the event bus and the
services, built once by the app, the server or the command line and passed in where needed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .board import Board
from .db import Database
from .events import EventBus
from .library import Library
from .responses import Responses
from .runs import Runs
from .themes import Themes


@dataclass
class Model:
    db: Database
    bus: EventBus
    library: Library
    runs: Runs
    board: Board
    responses: Responses
    themes: Themes

    def close(self) -> None:
        self.themes.stop()
        self.db.close()


def open_model(folder: Path, *, bus: EventBus | None = None) -> Model:
    """Open (creating and migrating if needed) the database in ``folder``."""
    db = Database(Path(folder))
    bus = bus or EventBus()
    return Model(
        db,
        bus,
        Library(db, bus),
        Runs(db, bus),
        Board(db, bus),
        Responses(db, bus),
        Themes(db, bus),
    )
