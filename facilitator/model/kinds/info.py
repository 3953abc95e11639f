from __future__ import annotations

from . import KindSettings, StepKind

KIND = "info"


class Settings(KindSettings):
    image: str | None = None
    show_join: bool = False  # show the QR code, address and room code (the join slide)


SPEC = StepKind(
    name=KIND,
    order=10,
    label="Information",
    description="A slide: title, text and an optional picture (welcome, principles, join).",
    phone="The title and text.",
    settings=Settings,
    new_step_title="New slide",
    media_fields=("image",),
)
