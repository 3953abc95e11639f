"""The step kinds. Each kind is one module in this package defining ``KIND`` (its name) and
``SPEC`` (a :class:`StepKind`); the registry finds them, so a new kind adds a file, not an ``elif``.

A kind that takes one answer per person (a poll, a dot on a picture, a feedback form) declares
its answer model, how an answer is checked against the step's settings and how answers add up
(``tally``); every such answer lives in the one ``responses`` table. The web, ui and export
layers have their own per-kind modules keyed by the same ``KIND``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import InvalidInput


class KindSettings(BaseModel):
    """Base of each kind's own settings: unknown fields are refused, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class KindAnswer(BaseModel):
    """Base of each kind's answer model: what one person sends (unknown fields refused)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# check(settings, answer) -> the answer as stored (plain JSON data); raises InvalidInput with a
# sentence when the answer does not fit this step (a choice that is not an option...).
Check = Callable[[Any, Any], dict]
# tally(settings, answers, data) -> the step's results as plain JSON data; ``answers`` are the
# stored answers, one per person (records.ResponseInfo), oldest first; ``data`` the kind's own
# state of the step in this run (StepStateInfo.data: e.g. words the facilitator hid).
Tally = Callable[[Any, Sequence, dict], dict]


@dataclass(frozen=True)
class StepKind:
    """What the rest of the program needs to know about one kind of step."""

    name: str
    label: str
    description: str
    settings: type[KindSettings]
    takes_notes: bool = False
    has_zones: bool = False
    media_fields: tuple[str, ...] = field(default_factory=tuple)
    order: int = 50  # its place in the editor's list of kinds (the agenda's usual order)
    phone: str = "The title and question."  # what an attendee's phone shows, in a sentence
    # settings that must name a file, with what it is: {"image": "a picture"}
    required_media: tuple[tuple[str, str], ...] = ()
    new_step_title: str = ""  # a new step's title in the editor ("New slide")
    answer: type[KindAnswer] | None = None  # one answer per person, in the responses table
    check: Check | None = None
    tally: Tally | None = None
    # whether the room sees the results only once the facilitator shows them
    results_hidden: Callable[[Any], bool] = field(default=lambda settings: False)
    # how many votes (upvotes, dots) one person may give on this step's notes: None without a
    # limit (still one per note), 0 when it takes no votes
    votes_per_person: Callable[[Any], int | None] = field(default=lambda settings: 0)

    @property
    def new_title(self) -> str:
        return self.new_step_title or f"New {self.label.lower()} step"

    @property
    def takes_answers(self) -> bool:
        return self.answer is not None

    @property
    def collects(self) -> bool:
        """Whether phones send this kind anything (notes or answers), so it can be closed."""
        return self.takes_notes or self.takes_answers

    def default_settings(self) -> dict:
        return self.settings().model_dump(mode="json")

    def settings_of(self, settings: dict) -> KindSettings:
        """The step's stored settings as this kind's model (the defaults where they are bad:
        stored settings were checked when the workshop was saved)."""
        try:
            return self.settings.model_validate(settings or {})
        except ValidationError:
            return self.settings()

    def clean_answer(self, settings: dict, raw: object) -> dict:
        """One person's answer, checked by the answer model and against the step's settings;
        InvalidInput with a sentence when it does not fit."""
        if self.answer is None:
            raise InvalidInput("This step does not take answers.")
        try:
            answer = self.answer.model_validate(raw)
        except ValidationError as error:
            raise InvalidInput(_first_problem(error)) from None
        checked = self.check(self.settings_of(settings), answer) if self.check else None
        return checked if checked is not None else answer.model_dump(mode="json")

    def count(self, settings: dict, answers: Sequence, data: dict | None = None) -> dict:
        """The step's results from its answers (empty for a kind without a tally)."""
        if self.tally is None:
            return {}
        return self.tally(self.settings_of(settings), answers, dict(data or {}))

    def vote_budget(self, settings: dict) -> int | None:
        """The votes one person may give on a step with these settings (None: no limit)."""
        return self.votes_per_person(self.settings_of(settings))

    def starts_hidden(self, settings: dict) -> bool:
        return bool(self.results_hidden(self.settings_of(settings)))


def _first_problem(error: ValidationError) -> str:
    """A sentence for the first thing wrong with an answer; a kind's own ValueError messages
    (raised in its validators) are sentences already."""
    first = error.errors(include_url=False)[0]
    message = str(first.get("msg", "")).removeprefix("Value error, ")
    if first.get("type") == "value_error":
        return message
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"That answer does not fit this step ({where}: {message})."


@cache
def registry() -> dict[str, StepKind]:
    """Every kind by name, in the order a facilitator meets them."""
    found: dict[str, StepKind] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, StepKind):
            assert spec.name == module.KIND, f"{info.name}: KIND and SPEC.name differ"
            found[spec.name] = spec
    return dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))


def get(name: str) -> StepKind:
    """The kind called ``name``; KeyError if there is none."""
    return registry()[name]


def names() -> list[str]:
    return list(registry())

