from __future__ import annotations

from pydantic import Field, model_validator

from . import KindSettings, StepKind

KIND = "video"


class Settings(KindSettings):
    video: str | None = None
    start: float = Field(0.0, ge=0)
    end: float | None = Field(None, gt=0)
    caption: str | None = None

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end is not None and self.end <= self.start:
            raise ValueError("end must come after start")
        return self


SPEC = StepKind(
    name=KIND,
    order=20,
    label="Video",
    description="A local video plays full screen between its marks, then its prompt question.",
    phone="The question, while the film plays on the projector.",
    settings=Settings,
    required_media=(("video", "a video file"),),
    media_fields=("video",),
)
