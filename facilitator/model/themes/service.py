"""``model.themes``: proposals of groups for a board ("Suggest groups"), worked out on the
laptop, and the background keeper that embeds notes as they arrive."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from facilitator.model import orm
from facilitator.model.db import Database, fetch
from facilitator.model.errors import InvalidInput
from facilitator.model.events import EventBus

from .installed import ThemesUnavailable, check_installed
from .records import Proposal

if TYPE_CHECKING:  # numpy and the model load on first use: every command imports this module
    from .encoder import Encoder
    from .keeper import VectorKeeper
    from .vectors import BoardNote

BOARD_KIND = "whiteboard"
LEVELS = range(-2, 3)  # "fewer groups" .. "more groups"

log = logging.getLogger(__name__)


class Themes:
    """Suggested groups for the boards of a run. Proposing reads the board and changes
    nothing; the notes' vectors are made by the keeper (``start``) or, for notes still
    without one, by the proposal itself."""

    def __init__(self, db: Database, bus: EventBus, encoder: Encoder | None = None):
        self.db, self.bus = db, bus
        self._encoder = encoder
        self.keeper: VectorKeeper | None = None
        self._problem: str | None = None

    @property
    def encoder(self) -> Encoder:
        """The sentence model, shared by the keeper and the proposals (loaded on first use)."""
        if self._encoder is None:
            from .encoder import Encoder

            self._encoder = Encoder()
        return self._encoder

    def ready(self) -> bool:
        """Whether proposals can be made here; ``problem()`` says why not."""
        return not self.problem()

    def problem(self) -> str:
        """ "" when ready; otherwise the sentence of the ThemesUnavailable ``propose`` raises."""
        if self._problem is None:
            try:
                check_installed()
                self._problem = ""
            except ThemesUnavailable as error:
                self._problem = error.message
        return self._problem

    def propose(self, run_id: int, step_id: int, *, level: int = 0) -> Proposal:
        """Groups for the board's visible notes. ``level`` from -2 ("fewer groups") to 2 ("more
        groups"); the same notes give the same proposal."""
        if level not in LEVELS:
            raise InvalidInput("The level of detail is a number from -2 (fewer) to 2 (more).")
        self._check_board(run_id, step_id)
        if not self.ready():
            raise ThemesUnavailable(self.problem())
        from . import proposal, vectors

        notes = vectors.board_notes(self.db, run_id, step_id)
        if not notes:
            return Proposal((), ())
        names = vectors.group_names(self.db, run_id, step_id)
        return proposal.build(notes, self._vectors(notes), names, level=level)

    def start(self) -> bool:
        """Start embedding notes as they arrive (the app and ``serve``); False, with the reason
        logged, where the model cannot run."""
        if self.keeper is not None:
            return True
        if not self.ready():
            log.warning("suggested groups are unavailable: %s", self.problem())
            return False
        from .keeper import VectorKeeper

        self.keeper = VectorKeeper(self.db, self.bus, self.encoder)
        self.keeper.start()
        return True

    def stop(self) -> None:
        if self.keeper is not None:
            self.keeper.stop()
            self.keeper = None

    def _vectors(self, notes: list[BoardNote]):
        """One row per note: the stored vector, or one made now (not stored: proposing
        changes nothing)."""
        import numpy as np

        from .encoder import DIMENSIONS

        out = np.zeros((len(notes), DIMENSIONS), np.float32)
        missing = []
        for row, note in enumerate(notes):
            if note.vector is None:
                missing.append(row)
            else:
                out[row] = note.vector
        if missing:
            made = self.encoder.note_vectors(
                [notes[r].text for r in missing], threads=os.cpu_count() or 1
            )
            out[missing] = made
        return out

    def _check_board(self, run_id: int, step_id: int) -> None:
        with self.db.read() as s:
            run = fetch(s, orm.Run, run_id, f"There is no run {run_id}.")
            step = s.get(orm.Step, step_id)
            if step is None or step.workshop_id != run.workshop_id:
                raise InvalidInput(f"That step is not part of run {run_id}.")
            if step.kind != BOARD_KIND:
                raise InvalidInput(
                    f"Groups are suggested for whiteboards; {step.title!r} is a {step.kind} step."
                )
