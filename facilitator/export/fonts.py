"""The bundled DejaVu Sans, registered with reportlab once, and which characters it can draw."""

from __future__ import annotations

import threading
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from facilitator.assets import asset_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()
_registered = False


def register() -> None:
    """Register the fonts (and the bold/italic mapping Paragraph markup uses); idempotent and
    safe from any thread. Fonts are embedded (subset) in every PDF that uses them."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(asset_path("fonts", filename))))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, OBLIQUE)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


@cache
def covered() -> frozenset[int]:
    """Code points every bundled face can draw (the intersection, so bold and oblique text
    never falls into a missing glyph either)."""
    register()
    sets = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in FILES]
    return frozenset(set.intersection(*sets))
