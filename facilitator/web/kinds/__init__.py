"""Per-kind modules of the web layer, keyed by each kind's KIND, and the check that every kind
has one (and its part of the phone page, ``assets/web/kinds/KIND.js``).

Each module defines ``KIND`` and may define:
- ``phone_step(step, state) -> dict``: what phones need to show the step, beyond its title and
  prompt (the same for everyone, so it is serialised once and sent to every phone);
- ``phone_state(ctx, step, participant_id) -> dict``: what one phone needs on top (its own notes),
  read when the phone asks for ``/api/state``;
- ``phone_results(step, state, results) -> dict``: the results as phones may see them (the
  kind's tally as it is, without this).
Kinds that take answers get ``closed`` and ``results_shown`` in their step, and the phone's own
``answer`` and (while shown) the ``results`` in its state, here, for every kind alike.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from facilitator.assets import asset_path
from facilitator.model import kinds as model_kinds
from facilitator.model.records import StepInfo, StepStateInfo
from facilitator.model.responses import results_shown


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
    spec = model_kinds.registry().get(step.kind)
    if spec is not None and spec.collects:
        view["closed"] = state.locked
        view["results_shown"] = results_shown(step, state)
    module = registry().get(step.kind)
    if module is not None and hasattr(module, "phone_step"):
        view.update(module.phone_step(step, state))
    return view


def phone_state(ctx, step: StepInfo, participant_id: int) -> dict:
    out = {}
    spec = model_kinds.registry().get(step.kind)
    if spec is not None and spec.takes_answers:
        out["answer"] = ctx.model.responses.answer_of(ctx.run_id, step.id, participant_id)
        state = ctx.live.state_of(step.id)
        if results_shown(step, state):
            out["results"] = phone_results(step, state, ctx.live.results_now(step))
    module = registry().get(step.kind)
    if module is not None and hasattr(module, "phone_state"):
        out.update(module.phone_state(ctx, step, participant_id))
    return out


def phone_results(step: StepInfo, state: StepStateInfo, results: dict) -> dict:
    """The step's results as phones see them (the kind may leave some out)."""
    module = registry().get(step.kind)
    if module is not None and hasattr(module, "phone_results"):
        return module.phone_results(step, state, results)
    return results


def phone_part(kind: str):
    """The file of the phone page that shows ``kind``."""
    return asset_path("web", "kinds", f"{kind}.js")


def missing() -> list[str]:
    """A sentence for each kind without its web module or its part of the phone page."""
    problems = []
    for kind in model_kinds.names():
        if kind not in registry():
            problems.append(
                f"the kind '{kind}' has no web module (facilitator/web/kinds/{kind}.py)"
            )
        if not phone_part(kind).is_file():
            problems.append(f"the kind '{kind}' has no part of the phone page (kinds/{kind}.js)")
    return problems


def media_url(step: StepInfo, field: str) -> str | None:
    """The address phones load a step's picture from, or None if it has none."""
    if not step.settings.get(field):
        return None
    return f"/media/{step.id}/{field}"
