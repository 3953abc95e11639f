"""Per-kind modules of the web layer, keyed by each kind's KIND.

Each module may define:
- ``phone_step(step, state) -> dict``: what phones need to show the step, beyond its title and
  prompt (the same for everyone, so it is serialised once and sent to every phone);
- ``phone_state(ctx, step, participant_id) -> dict``: what one phone needs on top (its own notes,
  its dot, its answers), read when the phone asks for ``/api/state``.
A kind without a module here shows its title and prompt only.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from facilitator.model.records import StepInfo, StepStateInfo


@cache
def registry() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found[module.KIND] = module
    return found


def step_view(step: StepInfo, state: StepStateInfo, index: int, count: int) -> dict:
    """The public description of a step for phones: never facilitator notes or file paths."""
    view = {
        "id": step.id,
        "index": index,
        "count": count,
        "kind": step.kind,
        "title": step.title,
        "prompt": step.prompt,
        "timer_seconds": step.timer_seconds,
    }
    module = registry().get(step.kind)
    if module is not None and hasattr(module, "phone_step"):
        view.update(module.phone_step(step, state))
    return view


def phone_state(ctx, step: StepInfo, participant_id: int) -> dict:
    module = registry().get(step.kind)
    if module is not None and hasattr(module, "phone_state"):
        return module.phone_state(ctx, step, participant_id)
    return {}


def media_url(step: StepInfo, field: str) -> str | None:
    """The address phones load a step's picture from, or None if it has none."""
    if not step.settings.get(field):
        return None
    return f"/media/{step.id}/{field}"
