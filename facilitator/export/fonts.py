"""The bundled DejaVu Sans, registered with reportlab once, and which characters it can draw."""

from __future__ import annotations

import threading
from functools import cache

from reportlab.graphics import shapes
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
        # drawings start from these defaults: without this every drawing would pull in an
        # unembedded Helvetica (the app uses reportlab for nothing else)
        shapes.STATE_DEFAULTS["fontName"] = REGULAR
        _registered = True


@cache
def covered(name: str = REGULAR) -> frozenset[int]:
    """Code points the face ``name`` can draw. The regular face has the most (Arabic, for
    one, is missing from the oblique); text in the others falls back to it."""
    register()
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def font_for(text: str, preferred: str) -> str:
    """``preferred`` if it can draw every character of ``text``, else the regular face."""
    have = covered(preferred)
    return preferred if all(ord(ch) in have for ch in text) else REGULAR
