"""The one place that finds bundled files (demo workshops, the phone page, fonts, icons).

The same lookup works in a source checkout (``assets/`` beside the package), an installed wheel
(the files are installed as ``facilitator/assets``) and a PyInstaller bundle (``assets/`` inside
``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def assets_root() -> Path:
    """The folder holding the bundled assets."""
    package = Path(__file__).resolve().parent
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "assets")
    candidates += [package.parent / "assets", package / "assets"]
    for candidate in candidates:
        if (candidate / "workshops").is_dir():
            return candidate
    raise FileNotFoundError(
        "The bundled assets are missing; reinstall Facilitator (looked in: "
        + ", ".join(str(c) for c in candidates)
        + ")."
    )


def asset_path(*parts: str) -> Path:
    """The path of one bundled file or folder, e.g. ``asset_path("web", "index.html")``."""
    return assets_root().joinpath(*parts)
