"""Per-kind modules of the export layer, keyed by each kind's ``KIND`` (as in the model).

Each module defines ``KIND`` and may define ``handout(step, ctx) -> list[Flowable]`` (its part
of the handout), ``summary(step, ctx) -> list[Flowable]`` (its part of the discussion summary)
and ``csv_rows(step, results) -> list[dict]`` (its results as CSV lines: ``text``, ``count``,
``share``). A module without one of them gets the plain default: its title and question, no
CSV lines. A kind without a module is refused at start (:func:`missing`).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from reportlab.platypus import Flowable

from facilitator.model import kinds as model_kinds
from facilitator.model.records import StepInfo

from ..data import RunData
from ..parts import step_heading


@dataclass(frozen=True)
class HandoutContext:
    styles: dict
    width: float  # of the text frame, in points
    number: int  # the step's number in the agenda


@dataclass(frozen=True)
class SummaryContext:
    styles: dict
    width: float
    number: int
    data: RunData
    height: float = 680.0  # of the text frame (a Letter page's; A4's is taller)


@cache
def registry() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if kind:
            found[kind] = module
    return found


def handout(step: StepInfo, ctx: HandoutContext) -> list[Flowable]:
    make = getattr(registry().get(step.kind), "handout", None)
    return make(step, ctx) if make else step_heading(step, ctx.styles, number=ctx.number)


def summary(step: StepInfo, ctx: SummaryContext) -> list[Flowable]:
    make = getattr(registry().get(step.kind), "summary", None)
    return make(step, ctx) if make else step_heading(step, ctx.styles, number=ctx.number)


def csv_rows(step: StepInfo, results: dict) -> list[dict]:
    make = getattr(registry().get(step.kind), "csv_rows", None)
    return make(step, results) if make else []


def missing() -> list[str]:
    """A sentence for each kind without its export module."""
    return [
        f"the kind '{kind}' has no export module (facilitator/export/kinds/{kind}.py)"
        for kind in model_kinds.names()
        if kind not in registry()
    ]
