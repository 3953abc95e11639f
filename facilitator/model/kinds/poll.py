"""Poll: the room picks one option (or up to ``choose`` of them). The answer is the picked
options' indexes; the tally counts each option and its share of the people who answered (so
the shares add up to more than 100 % when people may pick several)."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from ..errors import InvalidInput
from ..text import clean
from . import KindAnswer, KindSettings, StepKind

KIND = "poll"
MIN_OPTIONS, MAX_OPTIONS = 2, 12
OPTION_MAX = 120  # characters of one option


class Settings(KindSettings):
    options: tuple[str, ...] = ("Option 1", "Option 2")
    choose: int = 1  # how many options one person may pick
    results: Literal["hidden", "live"] = "live"

    @field_validator("options", mode="before")
    @classmethod
    def _clean_options(cls, value):
        """Each option on one line, trimmed; 2-12 of them, each 1-120 characters, no two alike
        (ignoring case: "Yes" and "yes" would split the room's votes)."""
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError("The options are a list of texts.")
        if not MIN_OPTIONS <= len(value) <= MAX_OPTIONS:
            raise ValueError(
                f"A poll has {MIN_OPTIONS} to {MAX_OPTIONS} options, not {len(value)}."
            )
        options = tuple(_option(number, text) for number, text in enumerate(value, start=1))
        folded = [o.casefold() for o in options]
        for number, option in enumerate(folded, start=1):
            if folded.index(option) != number - 1:
                raise ValueError(
                    f"Option {number} is the same as option {folded.index(option) + 1}."
                )
        return options

    @model_validator(mode="after")
    def _choose_fits(self):
        if not 1 <= self.choose <= len(self.options):
            raise ValueError(
                f"People may pick 1 to {len(self.options)} options (choose), not {self.choose}."
            )
        return self


def _option(number: int, text: str) -> str:
    try:
        return clean(text, what=f"Option {number}", limit=OPTION_MAX, single_line=True)
    except InvalidInput as error:  # pydantic reports ValueErrors, with their sentence
        raise ValueError(error.message) from None


class Answer(KindAnswer):
    choices: tuple[int, ...]

    @field_validator("choices", mode="before")
    @classmethod
    def _numbers(cls, value):
        whole = (
            isinstance(value, (list, tuple))
            and len(value) <= MAX_OPTIONS
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        )
        if not whole:
            raise ValueError("A poll answer is a short list of option numbers, such as [0, 2].")
        return value


def check(settings: Settings, answer: Answer) -> dict:
    """The picked options, each once and each an option of this poll, no more than ``choose``;
    stored in the options' order."""
    picked = answer.choices
    if not picked:
        raise InvalidInput("Pick an option first.")
    if len(set(picked)) != len(picked):
        raise InvalidInput("Each option can be picked only once.")
    wrong = [i for i in picked if not 0 <= i < len(settings.options)]
    if wrong:
        raise InvalidInput(f"This poll has no option {wrong[0]} (its options are 0 to "
                           f"{len(settings.options) - 1}).")  # fmt: skip
    if len(picked) > settings.choose:
        most = "one option" if settings.choose == 1 else f"up to {settings.choose} options"
        raise InvalidInput(f"You can pick {most} on this poll, not {len(picked)}.")
    return {"choices": sorted(picked)}


def share(count: int, answered: int) -> float:
    """``count`` as a percentage of the people who answered, to one decimal (0 without any)."""
    return round(100 * count / answered, 1) if answered else 0.0


def percent(value: float) -> int:
    """A share as the whole percentage shown to people (halves round up: 12.5 -> 13)."""
    return int(value + 0.5)


def tally(settings: Settings, answers, data: dict) -> dict:
    """Per option, in the options' order: its count and share of the people who answered;
    ``votes``: the choices made in all; ``leading``: the indexes of the most picked options
    (all of them on a tie, none before the first vote)."""
    counts = [0] * len(settings.options)
    for a in answers:
        for i in a.answer.get("choices", ()):
            if 0 <= i < len(counts):  # an answer stays countable if the options changed
                counts[i] += 1
    answered = len(answers)
    top = max(counts, default=0)
    options = [
        {"index": i, "text": text, "count": counts[i], "share": share(counts[i], answered)}
        for i, text in enumerate(settings.options)
    ]
    return {
        "answered": answered,
        "votes": sum(counts),
        "choose": settings.choose,
        "options": options,
        "leading": [i for i, c in enumerate(counts) if top and c == top],
    }


SPEC = StepKind(
    name=KIND,
    order=60,
    label="Poll",
    description="A question with options; the room's choices arrive as live bars.",
    phone="The options: pick one (or up to a set number) and send.",
    settings=Settings,
    answer=Answer,
    check=check,
    tally=tally,
    results_hidden=lambda settings: settings.results == "hidden",
)
