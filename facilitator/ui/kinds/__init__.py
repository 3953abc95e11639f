"""Per-kind modules of the ui layer, keyed by each kind's KIND.

Each module defines ``KIND``, ``STAGE`` (a :class:`~facilitator.ui.kinds.base.StageView`
subclass: what the projector shows) and ``CONTROLS`` (a
:class:`~facilitator.ui.kinds.base.KindControls` subclass for the console, or None). Adding a kind
adds a file here, not an ``elif``.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class KindUI:
    kind: str
    stage: type
    controls: type | None


@cache
def registry() -> dict[str, KindUI]:
    found: dict[str, KindUI] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if kind is not None:
            found[kind] = KindUI(kind, module.STAGE, getattr(module, "CONTROLS", None))
    return found


def get(kind: str) -> KindUI:
    """The ui of ``kind``; the info slide for a kind this version does not know."""
    return registry().get(kind) or registry()["info"]
