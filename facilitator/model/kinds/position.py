from __future__ import annotations

from . import KindSettings, StepKind

KIND = "position"


class Settings(KindSettings):
    image: str | None = None


SPEC = StepKind(
    name=KIND,
    label="Position",
    description="A picture; each person taps where they are and the dots arrive live.",
    settings=Settings,
    takes_placements=True,
    media_fields=("image",),
)
