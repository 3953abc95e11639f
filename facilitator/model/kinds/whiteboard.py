from __future__ import annotations

from pydantic import Field

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
    label="Whiteboard",
    description="Post-its arrive live from phones; group them, vote, reveal.",
    settings=Settings,
    takes_notes=True,
    has_zones=True,
)
