"""The step kinds. Each kind is one module in this package defining ``KIND`` (its name) and
``SPEC`` (a :class:`StepKind`); the registry finds them, so a new kind adds a file, not an ``elif``.

The web, ui and export layers have their own per-kind modules keyed by the same ``KIND``.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, ConfigDict


class KindSettings(BaseModel):
    """Base of each kind's own settings: unknown fields are refused, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class StepKind:
    """What the rest of the program needs to know about one kind of step."""

    name: str
    label: str
    description: str
    settings: type[KindSettings]
    takes_notes: bool = False
    takes_placements: bool = False
    takes_feedback: bool = False
    has_zones: bool = False
    media_fields: tuple[str, ...] = field(default_factory=tuple)

    def default_settings(self) -> dict:
        return self.settings().model_dump(mode="json")


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
    order = ["info", "video", "reflect", "whiteboard", "position", "feedback"]
    return dict(sorted(found.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def get(name: str) -> StepKind:
    """The kind called ``name``; KeyError if there is none."""
    return registry()[name]


def names() -> list[str]:
    return list(registry())
