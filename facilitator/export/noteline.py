"""A note with its byline (author, votes), the summary's most common line, made cheaply: most
notes are one short left-to-right line in the regular face, drawn straight onto the canvas;
longer ones become a paragraph built from ready-made fragments, skipping reportlab's markup
parser. The rest (line breaks, right-to-left text, emoji) take the general path in
:mod:`text`."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from . import fonts
from .text import _escape, clean, is_rtl, para, visual

BYLINE_SIZE = 8
BYLINE_COLOR = "#555555"
BYLINE = f'<font size="{BYLINE_SIZE}" color="{BYLINE_COLOR}">{{}}</font>'
_templates: dict[str, tuple] = {}


def byline_para(text: object, byline: object, style, *, bullet: str | None = None) -> Flowable:
    """User text followed by a small grey byline of user text, both plain text."""
    safe, by = clean(text), visual(clean(byline, single_line=True))
    plain = fonts.one_face(safe, fonts.REGULAR) and fonts.one_face(by, fonts.REGULAR)
    if "\n" in safe or is_rtl(safe) or style.fontName != fonts.REGULAR or not plain:
        after = " " + BYLINE.format(_escape(by, fonts.REGULAR))
        return para(safe, style, after=after, bullet=bullet)
    return NoteLine(safe, by, style, bullet)


class NoteLine(Flowable):
    """One line: bullet, text, byline; a fragment-built paragraph when it does not fit."""

    def __init__(self, text: str, byline: str, style, bullet: str | None):
        super().__init__()
        self.text, self.byline, self.style, self.bullet = text, byline, style, bullet
        self._paragraph: Paragraph | None = None

    def _fits(self, width: float) -> bool:
        st = self.style
        used = stringWidth(self.text + " ", st.fontName, st.fontSize)
        used += stringWidth(self.byline, fonts.REGULAR, BYLINE_SIZE)
        return used <= width - st.leftIndent - st.rightIndent

    def _as_paragraph(self) -> Paragraph:
        if self._paragraph is None:
            body, small = _frag_templates(self.style)
            frags = [body.clone(text=self.text + " "), small.clone(text=self.byline)]
            self._paragraph = Paragraph(self.text, self.style, bulletText=self.bullet, frags=frags)
        return self._paragraph

    def wrap(self, availWidth, availHeight):
        if self._fits(availWidth):
            self._paragraph = None
            self.width, self.height = availWidth, self.style.leading
            return self.width, self.height
        self._as_paragraph()
        return self._paragraph.wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        if self._fits(availWidth):
            return []  # one line: it moves to the next frame whole
        return self._as_paragraph().split(availWidth, availHeight)

    def draw(self):
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        c, st = self.canv, self.style
        baseline = self.height - st.fontSize
        if self.bullet:
            c.setFillColor(st.bulletColor)
            c.setFont(st.bulletFontName, st.bulletFontSize)
            c.drawString(st.bulletIndent, baseline, self.bullet)
        c.setFillColor(st.textColor)
        c.setFont(st.fontName, st.fontSize)
        c.drawString(st.leftIndent, baseline, self.text)
        x = st.leftIndent + stringWidth(self.text + " ", st.fontName, st.fontSize)
        c.setFillColor(colors.HexColor(BYLINE_COLOR))
        c.setFont(fonts.REGULAR, BYLINE_SIZE)
        c.drawString(x, baseline, self.byline)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter


def _frag_templates(style) -> tuple:
    if style.name not in _templates:
        sample = Paragraph("a " + BYLINE.format("b"), style)
        _templates[style.name] = (sample.frags[0], sample.frags[-1])
    return _templates[style.name]
