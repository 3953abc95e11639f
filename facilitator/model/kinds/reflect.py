from __future__ import annotations

from . import KindSettings, StepKind

KIND = "reflect"


class Settings(KindSettings):
    pass


SPEC = StepKind(
    name=KIND,
    order=30,
    label="Reflect",
    description="A question shown large, with an optional countdown; a private scratch note.",
    phone="The question, and a private scratch note that stays on the phone.",
    settings=Settings,
)
