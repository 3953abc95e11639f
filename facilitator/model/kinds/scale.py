"""Scale: statements each rated on one labelled scale (1-5, 0-10...), as Mentimeter's "Scales".
The answer is a rating per statement (a person may skip some); the tally is, per statement,
how many rated it, their mean and how many gave each value of the scale."""

from __future__ import annotations

import re

from pydantic import Field, StrictInt, field_validator

from ..errors import InvalidInput
from . import KindAnswer, KindSettings, StepKind

KIND = "scale"
STATEMENTS_MAX = 10
STATEMENT_MAX = 200  # characters of one statement
LABEL_MAX = 40  # characters of one end label
SPAN_MAX = 10  # high - low: at most 11 values (0 to 10)
VALUE_LIMIT = 10  # either end of the scale lies within -10..10
_INDEX = re.compile(r"[0-9]{1,2}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Settings(KindSettings):
    statements: tuple[str, ...] = ("Statement 1",)
    scale: tuple[StrictInt, StrictInt] = (1, 5)
    labels: tuple[str, str] = ("Disagree", "Agree")

    @field_validator("statements")
    @classmethod
    def _statements(cls, statements):
        out = tuple(_one_line(s) for s in statements)
        if not 1 <= len(out) <= STATEMENTS_MAX:
            raise ValueError(f"a scale step has 1 to {STATEMENTS_MAX} statements, not {len(out)}")
        for text in out:
            if not text:
                raise ValueError("a statement needs some text")
            if len(text) > STATEMENT_MAX:
                raise ValueError(f"a statement can be at most {STATEMENT_MAX} characters")
        return out

    @field_validator("labels")
    @classmethod
    def _labels(cls, labels):
        out = tuple(_one_line(label) for label in labels)
        if any(len(label) > LABEL_MAX for label in out):
            raise ValueError(f"an end label can be at most {LABEL_MAX} characters")
        return out

    @field_validator("scale")
    @classmethod
    def _scale(cls, scale):
        low, high = scale
        if not (-VALUE_LIMIT <= low < high <= VALUE_LIMIT):
            raise ValueError(
                f"the scale goes from a low to a higher whole number, both within "
                f"-{VALUE_LIMIT} and {VALUE_LIMIT} (such as [1, 5] or [0, 10])"
            )
        if high - low > SPAN_MAX:
            raise ValueError(f"a scale has at most {SPAN_MAX + 1} values (such as [0, 10])")
        return scale

    @property
    def values(self) -> range:
        return range(self.scale[0], self.scale[1] + 1)


class Answer(KindAnswer):
    # values are checked in check() so that each mistake gets its own sentence
    ratings: dict[str, object] = Field(..., max_length=50)


def check(settings: Settings, answer: Answer) -> dict:
    """Ratings keyed by the statement's index ("0" is the first), each a whole number on the
    scale; statements left out are skipped, but at least one is rated."""
    low, high = settings.scale
    out: dict[int, int] = {}
    for key, value in answer.ratings.items():
        index = int(key) if _INDEX.fullmatch(key) and str(int(key)) == key else -1
        if not 0 <= index < len(settings.statements):
            raise InvalidInput(f"There is no statement '{str(key)[:20]}' on this step.")
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(f"A rating is a whole number from {low} to {high}.")
        out[index] = value
    if not out:
        raise InvalidInput("Choose a number for at least one statement.")
    return {"ratings": {str(i): out[i] for i in sorted(out)}}


def tally(settings: Settings, answers, data: dict) -> dict:
    """Per statement (in order): its text, how many rated it, their mean (None without any)
    and ``distribution``, how many gave each value from the low end to the high end."""
    values = list(settings.values)
    given: list[list[int]] = [[] for _ in settings.statements]
    for response in answers:
        for key, value in (response.answer.get("ratings") or {}).items():
            index = int(key) if str(key).isdigit() else -1
            if 0 <= index < len(given) and value in values and not isinstance(value, bool):
                given[index].append(value)
    statements = [
        {
            "index": i,
            "text": text,
            "count": len(ratings),
            "mean": sum(ratings) / len(ratings) if ratings else None,
            "distribution": [ratings.count(v) for v in values],
        }
        for i, (text, ratings) in enumerate(zip(settings.statements, given, strict=True))
    ]
    return {
        "answered": len(answers),
        "scale": list(settings.scale),
        "labels": list(settings.labels),
        "statements": statements,
    }


SPEC = StepKind(
    name=KIND,
    order=65,
    label="Scale",
    description="Statements, each rated on a labelled scale (1-5, 0-10); live distributions.",
    phone="A row of numbers per statement: tap one for each statement.",
    new_step_title="New scale",
    settings=Settings,
    answer=Answer,
    check=check,
    tally=tally,
)
