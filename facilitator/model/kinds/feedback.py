"""Feedback: a short form of 1-5 ratings and free text. The answer is the form, question by
question; the tally is each rating's average and distribution, and every comment."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictInt, StrictStr, field_validator

from ..errors import InvalidInput
from ..text import clean
from . import KindAnswer, KindSettings, StepKind

KIND = "feedback"
TEXT_MAX = 2000  # characters of one free-text answer
RATINGS = (1, 2, 3, 4, 5)


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


class Answer(KindAnswer):
    answers: dict[str, StrictInt | StrictStr | None] = Field(..., max_length=50)


def check(settings: Settings, answer: Answer) -> dict:
    """Ratings 1-5 and free text, keyed by the questions' ids; unknown ids and bad values are
    refused with a sentence, empty answers left out."""
    questions = {q.id: q for q in settings.questions}
    out: dict = {}
    for key, value in answer.answers.items():
        question = questions.get(key)
        if question is None:
            raise InvalidInput(f"There is no question '{str(key)[:40]}' on this form.")
        if value is None or value == "":
            continue
        if question.type == "rating":
            if isinstance(value, bool) or not isinstance(value, int) or value not in RATINGS:
                raise InvalidInput("A rating is a whole number from 1 to 5.")
            out[key] = value
        else:
            out[key] = clean(value, what="An answer", limit=TEXT_MAX)
    return {"answers": out}


def tally(settings: Settings, answers, data: dict) -> dict:
    """Per question: a rating's average (None without answers), count and how many gave each
    of 1-5; a text question's comments, oldest first."""
    forms = [a.answer.get("answers", {}) for a in answers]
    questions = []
    for q in settings.questions:
        given = [form[q.id] for form in forms if q.id in form]
        item = {"id": q.id, "text": q.text, "type": q.type, "count": len(given)}
        if q.type == "rating":
            item["average"] = sum(given) / len(given) if given else None
            item["distribution"] = [given.count(v) for v in RATINGS]
        else:
            item["comments"] = given
        questions.append(item)
    return {"answered": len(forms), "questions": questions}


SPEC = StepKind(
    name=KIND,
    order=90,
    label="Feedback",
    description="A short form on the phones: 1-5 ratings and free text.",
    phone="A short form of ratings and comments.",
    settings=Settings,
    answer=Answer,
    check=check,
    tally=tally,
    results_hidden=lambda settings: True,  # averages go up when the facilitator shows them
)
