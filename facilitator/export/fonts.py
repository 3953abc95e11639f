"""The bundled fonts, registered with reportlab once: DejaVu Sans for text and Noto Emoji
(monochrome) for the emoji DejaVu lacks; which characters each can draw; and text set in runs,
each character in the first face that has it (reportlab itself uses one font per string)."""

from __future__ import annotations

import re
import threading
from functools import cache

from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from facilitator.assets import asset_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
EMOJI = "NotoEmoji"
FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    EMOJI: "NotoEmoji-Medium.ttf",
}
# after the face asked for, a character is looked for in these, in order
FALLBACKS = (REGULAR, EMOJI)
PICTOGRAPHS = 0x1F000  # emoji from here on are always drawn from the emoji face

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
        for bold in (0, 1):  # one emoji face for every style
            for italic in (0, 1):
                addMapping(EMOJI, bold, italic, EMOJI)
        if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
            global _reportlab_cmap
            _reportlab_cmap = ttfonts.makeToUnicodeCMap
            ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        # drawings start from these defaults: without this every drawing would pull in an
        # unembedded Helvetica (the app uses reportlab for nothing else)
        shapes.STATE_DEFAULTS["fontName"] = REGULAR
        _registered = True


_reportlab_cmap = ttfonts.makeToUnicodeCMap
_ASTRAL = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.M)


def _to_unicode_cmap(fontname, subset) -> str:
    """reportlab's ToUnicode map of a font subset, with characters past U+FFFF (emoji)
    written as UTF-16 surrogate pairs: reportlab writes them as five hex digits, which
    readers take for another character, so copied or searched emoji came out wrong."""

    def pair(match: re.Match) -> str:
        utf16 = chr(int(match[2], 16)).encode("utf-16-be").hex().upper()
        return f"{match[1]} <{utf16}>"

    return _ASTRAL.sub(pair, _reportlab_cmap(fontname, subset))


@cache
def covered(name: str = REGULAR) -> frozenset[int]:
    """Code points the face ``name`` is used for. The regular face has the most text glyphs
    (Arabic, for one, is missing from the oblique); text in the others falls back to it.
    The few pictographs DejaVu has (past U+1F000) are left to the emoji face, so that all
    the emoji on a page look alike."""
    register()
    have = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
    if name == EMOJI:
        return have
    return have - {code for code in covered(EMOJI) if code >= PICTOGRAPHS}


@cache
def printable() -> frozenset[int]:
    """Code points some bundled face can draw."""
    return frozenset().union(*(covered(name) for name in FALLBACKS))


def one_face(text: str, font: str) -> bool:
    """Whether ``font`` alone draws every character of ``text``."""
    have = covered(font)
    return all(ord(ch) in have for ch in text)


def face_for(ch: str, preferred: str) -> str:
    """The face that draws ``ch``: ``preferred`` if it can, else the first fallback that can
    (``preferred`` when none can: the caller has replaced such characters already)."""
    code = ord(ch)
    if ch == "\n" or code in covered(preferred):
        return preferred
    return next((f for f in FALLBACKS if code in covered(f)), preferred)


def runs(text: str, preferred: str) -> list[tuple[str, str]]:
    """``text`` cut into (face, piece) runs, each piece drawn in one face."""
    if one_face(text, preferred):
        return [(preferred, text)] if text else []
    out: list[tuple[str, str]] = []
    for ch in text:
        face = face_for(ch, preferred)
        if out and out[-1][0] == face:
            out[-1] = (face, out[-1][1] + ch)
        else:
            out.append((face, ch))
    return out


def string_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` set in runs (see :func:`runs`), in points."""
    return sum(stringWidth(piece, face, size) for face, piece in runs(text, font))


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float,
                align: str = "left") -> None:  # fmt: skip
    """Draw one line of ``text`` at ``x`` (its left, centre or right, by ``align``),
    baseline ``y``, each character in a face that has it."""
    if align != "left":
        width = string_width(text, font, size)
        x -= width / 2 if align == "centre" else width
    for face, piece in runs(text, font):
        canvas.setFont(face, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, face, size)
