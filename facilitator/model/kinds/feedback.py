from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from . import KindSettings, StepKind

KIND = "feedback"


class Question(KindSettings):
    id: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
    text: str = Field(..., min_length=1, max_length=300)
    type: Literal["rating", "text"] = "rating"


class Settings(KindSettings):
    questions: tuple[Question, ...] = ()

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, questions):
        ids = [q.id for q in questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids must be unique")
        return questions


SPEC = StepKind(
    name=KIND,
    label="Feedback",
    description="A short form on the phones: 1-5 ratings and free text.",
    settings=Settings,
    takes_feedback=True,
)
