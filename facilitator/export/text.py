"""User text made safe for the PDF: plain text, never markup.

Every string people typed goes through here before reportlab sees it: control and invisible
format characters are dropped, each character is set in a bundled face that has it (emoji in
the monochrome emoji face), one that no bundled face can draw becomes a visible replacement
mark, and markup characters are escaped. Right-to-left text (Arabic, Hebrew) is shaped,
wrapped in reading order and then put in visual order line by line, since reportlab itself
lays text out left to right.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.platypus import Flowable, Paragraph

from . import fonts

MISSING = "\ufffd"  # the replacement character: DejaVu draws it as a visible diamond with "?"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# invisible format characters: zero-width space and joiner, direction overrides and marks,
# variation selectors, tags; they would only hide or reorder text (ZWNJ stays: Persian needs it)
_INVISIBLE = re.compile(
    "[\u200b\u200d-\u200f\u202a-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
# skin-tone modifiers: a monochrome face can only print them as a swatch after the emoji
_TONES = re.compile("[\U0001f3fb-\U0001f3ff]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_MISSING_RUN = re.compile(MISSING + "{2,}")


def clean(text: object, *, single_line: bool = False) -> str:
    """``text`` as the fonts can print it: no control or format characters, unknown glyphs
    replaced by one visible mark per run."""
    text = unicodedata.normalize("NFC", str(text or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = _TONES.sub("", _INVISIBLE.sub("", _CONTROL.sub("", text.replace("\t", " "))))
    if single_line:
        text = " ".join(text.split())
    have = fonts.printable()
    if not have.issuperset(map(ord, text.replace("\n", ""))):
        text = "".join(_printable(ch, have) for ch in text)
        text = _MISSING_RUN.sub(MISSING, text)
    return text.strip()


def _printable(ch: str, have: frozenset[int]) -> str:
    if ch == "\n" or ord(ch) in have:
        return ch
    if unicodedata.category(ch) in ("Cf", "Mn", "Me"):  # joiners, variation selectors, marks
        return ""
    return MISSING


def markup(text: object, *, single_line: bool = False, font: str = fonts.REGULAR) -> str:
    """User text as Paragraph markup that shows exactly the characters typed; characters
    ``font`` lacks are set in a face that has them (one does, after :func:`clean`)."""
    text = clean(text, single_line=single_line)
    if is_rtl(text):  # short text (names, titles): each line put in visual order
        text = "\n".join(visual(line) for line in text.split("\n"))
    return _escape(text, font)


def _escape(text: str, font: str) -> str:
    if fonts.one_face(text.replace("\n", ""), font):
        return escape(text).replace("\n", "<br/>")
    return "".join(_run_markup(face, piece, font) for face, piece in fonts.runs(text, font))


def _run_markup(face: str, piece: str, font: str) -> str:
    body = escape(piece).replace("\n", "<br/>")
    return body if face == font else f'<font name="{face}">{body}</font>'


def is_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def visual(text: str) -> str:
    """One line of text in visual order with Arabic letters joined (for drawings)."""
    return get_display(arabic_reshaper.reshape(text)) if is_rtl(text) else text


def para(text: object, style, *, after: str = "", bullet: str | None = None) -> Flowable:
    """A paragraph of user text in ``style``; ``after`` is trusted markup appended to it
    (a byline), kept on its own line when the text runs right to left; ``bullet`` is a
    trusted bullet label (a note's number)."""
    safe = clean(text)
    if not is_rtl(safe):
        return Paragraph(_escape(safe, style.fontName) + after, style, bulletText=bullet)
    return BidiParagraph(safe, style, after, bullet)


class BidiParagraph(Flowable):
    """A paragraph holding right-to-left text: wrapped in logical order at the width it is
    given, each line then reordered for display; right-aligned when the text starts RTL."""

    def __init__(self, text: str, style, after: str = "", bullet: str | None = None):
        super().__init__()
        self.text, self.style, self.after, self.bullet = text, style, after, bullet
        self._inner: Paragraph | None = None

    def _build(self, width: float) -> Paragraph:
        size, font = self.style.fontSize, self.style.fontName
        room = width - self.style.leftIndent - self.style.rightIndent
        lines = []
        for block in self.text.split("\n"):
            lines += [_escape(visual(line), font) for line in wrap(block, font, size, room)]
        body = "<br/>".join(lines)
        if self.after:
            body += "<br/>" + self.after.strip()
        align = 2 if _starts_rtl(self.text) else self.style.alignment
        style = self.style.clone(f"{self.style.name}-rtl", alignment=align, splitLongWords=0)
        return Paragraph(body, style, bulletText=self.bullet)

    def wrap(self, availWidth, availHeight):
        self._inner = self._build(availWidth)
        return self._inner.wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        self._inner = self._build(availWidth)
        return self._inner.split(availWidth, availHeight)

    def draw(self):
        self._inner.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter


def _starts_rtl(text: str) -> bool:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking of one block of text at ``width`` points, in logical order;
    a word wider than the line is cut."""

    def fits(s: str) -> bool:
        return fonts.string_width(arabic_reshaper.reshape(s), font, size) <= width

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while not fits(line) and len(line) > 1:
            low, high = 1, len(line) - 1  # the longest head that fits, by bisection
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if fits(line[:mid]) else (low, mid - 1)
            lines.append(line[:low])
            line = line[low:]
    if line or not lines:
        lines.append(line)
    return lines
