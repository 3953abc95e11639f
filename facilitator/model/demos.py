"""The demo workshops bundled in ``assets/workshops``, added to the library on request."""

from __future__ import annotations

from pathlib import Path

from facilitator.assets import asset_path

from .library import Library
from .records import WorkshopInfo
from .workshop_file import YAML_NAME, import_workshop, load

DEFAULT_DEMO = "Change Agents - session 1"


def demo_folders() -> list[Path]:
    root = asset_path("workshops")
    return sorted(p for p in root.iterdir() if (p / YAML_NAME).is_file())


def ensure_demos(library: Library) -> list[WorkshopInfo]:
    """Import every bundled demo not yet in the library; returns all demos in the library."""
    present = {w.title for w in library.workshops() if w.is_demo}
    for folder in demo_folders():
        title = _title_of(folder)
        if title not in present:
            import_workshop(library, folder, is_demo=True)
    return [w for w in library.workshops() if w.is_demo]


def demo_workshop(library: Library, title: str = DEFAULT_DEMO) -> WorkshopInfo:
    """The demo called ``title``, imported first if needed."""
    for ws in ensure_demos(library):
        if ws.title == title:
            return ws
    raise LookupError(f"no bundled demo called {title!r}")


def _title_of(folder: Path) -> str:
    return load(folder).title
