"""Whiteboard steps: their settings, and the rules of what the room sees of a board (its notes
face down until the reveal, others' notes on the phones, vote counts, names); who a note is by
is model.authors'."""

from __future__ import annotations

from pydantic import Field

from ..authors import anonymous
from . import KindSettings, StepKind

KIND = "whiteboard"


class Settings(KindSettings):
    reveal: bool = False  # notes stay hidden from the room until the facilitator reveals them
    votes: int = Field(0, ge=0, le=20)  # dot votes per person on this board; 0 = no voting
    show_others: bool = True  # phones see everyone's notes (after reveal, when reveal is on)
    anonymous: bool = False  # no author names anywhere but the facilitator's console
    votes_visible: bool = True  # phones see vote counts live; False: only once the board closes


SPEC = StepKind(
    name=KIND,
    order=40,
    label="Whiteboard",
    description="Post-its arrive live from phones; group them, vote, reveal.",
    phone="A box to add notes; each person sees their own notes.",
    settings=Settings,
    takes_notes=True,
    has_zones=True,
    votes_per_person=lambda settings: settings.votes,
)


# -- what the room sees: the one place the server, the console, the projector and the exports
# read these rules from. ``step`` is a StepInfo, ``state`` its StepStateInfo in the run (None:
# nothing revealed, not closed).
_DEFAULTS = Settings().model_dump()


def _setting(step, name: str):
    return step.settings.get(name, _DEFAULTS[name])


def face_up(step, state) -> bool:
    """Whether the room may read the board's notes: at once on a board without ``reveal``,
    else once the facilitator has revealed them."""
    return not _setting(step, "reveal") or (state is not None and state.revealed)


def was_revealed(step, state) -> bool:
    """Whether the facilitator has revealed a board that kept its notes face down until then
    (False on a board without ``reveal``)."""
    return bool(_setting(step, "reveal")) and state is not None and state.revealed


def others_visible(step, state) -> bool:
    """Whether phones see other people's notes on this board right now."""
    return bool(_setting(step, "show_others")) and face_up(step, state)


def takes_votes(step) -> bool:
    return int(_setting(step, "votes") or 0) > 0


def counts_shown(step, state) -> bool:
    """Whether the room sees how many votes each note has: always, unless the board keeps them
    back (``votes_visible: false``) until it is closed."""
    return bool(_setting(step, "votes_visible")) or (state is not None and state.locked)


def names_shown(step, state) -> bool:
    """Whether phones on this board see the names of other people's notes."""
    return others_visible(step, state) and not anonymous(step)
