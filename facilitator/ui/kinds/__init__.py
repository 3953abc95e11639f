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
    uses_player: bool = False  # plays the shared video player (its module's USES_PLAYER)


@cache
def registry() -> dict[str, KindUI]:
    found: dict[str, KindUI] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if kind is not None:
            controls = getattr(module, "CONTROLS", None)
            player = getattr(module, "USES_PLAYER", False)
            found[kind] = KindUI(kind, module.STAGE, controls, player)
    return found


def get(kind: str) -> KindUI:
    """The ui of ``kind``. A kind the model does not know (a run made by a newer version)
    shows as an info slide; a kind it knows has its module (see :func:`missing`)."""
    return registry().get(kind) or registry()["info"]


def missing() -> list[str]:
    """A sentence for each kind of the model without its projector view here."""
    from facilitator.model import kinds

    return [
        f"the kind '{kind}' has no projector view (facilitator/ui/kinds/{kind}.py)"
        for kind in kinds.names()
        if kind not in registry()
    ]
