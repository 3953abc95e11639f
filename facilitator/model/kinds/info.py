from __future__ import annotations

from . import KindSettings, StepKind

KIND = "info"


class Settings(KindSettings):
    image: str | None = None
    show_join: bool = False  # show the QR code, address and room code (the join slide)


SPEC = StepKind(
    name=KIND,
    label="Information",
    description="A slide: title, text and an optional picture (welcome, principles, join).",
    settings=Settings,
    media_fields=("image",),
)
