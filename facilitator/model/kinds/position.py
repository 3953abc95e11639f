"""Position: a picture; each person taps where they are. The answer is the dot, x and y in 0..1
of the picture; the tally is every dot."""

from __future__ import annotations

from pydantic import Field

from . import KindAnswer, KindSettings, StepKind

KIND = "position"


class Settings(KindSettings):
    image: str | None = None


class Answer(KindAnswer):
    x: float = Field(..., ge=0, le=1, allow_inf_nan=False)
    y: float = Field(..., ge=0, le=1, allow_inf_nan=False)


def tally(settings: Settings, answers, data: dict) -> dict:
    dots = [{"x": a.answer["x"], "y": a.answer["y"]} for a in answers]
    return {"answered": len(dots), "dots": dots}


SPEC = StepKind(
    name=KIND,
    order=50,
    label="Position",
    description="A picture; each person taps where they are and the dots arrive live.",
    phone="The picture: tap where you are, tap again to move.",
    settings=Settings,
    media_fields=("image",),
    required_media=(("image", "a picture"),),
    answer=Answer,
    tally=tally,
)
