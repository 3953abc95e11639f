from __future__ import annotations

from . import KindSettings, StepKind

KIND = "reflect"


class Settings(KindSettings):
    pass


SPEC = StepKind(
    name=KIND,
    label="Reflect",
    description="A question shown large, with an optional countdown; a private scratch note.",
    settings=Settings,
)
