"""What every PDF shares: paper sizes, paragraph styles, the page frame with a running header
and "page N of M", progress reports, and writing through a temporary file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from facilitator.model.errors import InvalidInput

from . import fonts
from .text import clean, visual

PAPERS = {"A4": A4, "LETTER": letter}
MARGIN = 18 * mm
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9A9A9A")
Progress = Callable[[int, int], None] | None


def page_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS[str(paper).strip().upper()]
    except KeyError:
        raise InvalidInput(f"Paper must be A4 or Letter, not '{paper}'.") from None


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every export, by name."""
    fonts.register()
    base = ParagraphStyle(
        "body",
        fontName=fonts.REGULAR,
        bulletFontName=fonts.REGULAR,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=4,
    )

    def make(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    bold = fonts.BOLD
    return {
        "body": base,
        "title": make("title", fontName=bold, fontSize=24, leading=29, spaceAfter=10),
        "subtitle": make("subtitle", fontSize=12.5, leading=17, textColor=MUTED, spaceAfter=6),
        "h1": make(
            "h1",
            keepWithNext=1,
            fontName=bold,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=5,
        ),
        "h2": make(
            "h2",
            keepWithNext=1,
            fontName=bold,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "h3": make(
            "h3",
            keepWithNext=1,
            fontName=bold,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "prompt": make("prompt", fontName=fonts.OBLIQUE, fontSize=10.5, leading=14, spaceAfter=6),
        "small": make("small", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=2),
        "note": make(
            "note",
            leftIndent=22,
            bulletIndent=0,
            bulletFontName=bold,
            bulletFontSize=8.5,
            bulletColor=MUTED,
            spaceAfter=3.5,
        ),
        "cell": make("cell", fontSize=9, leading=12, spaceAfter=0),
        "cellhead": make("cellhead", fontName=bold, fontSize=9.5, leading=12, spaceAfter=0),
    }


def table_style(commands: list) -> TableStyle:
    """A table style whose cells use the bundled font (reportlab's default is Helvetica,
    which would be referenced without being embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), *commands])


@dataclass(frozen=True)
class Header:
    """The running header: what the document is (left) and of what (right)."""

    left: str
    right: str


class Tick(Flowable):
    """An invisible mark that reports progress when layout reaches it."""

    width = height = 0

    def __init__(self, progress: Progress, done: int, total: int):
        super().__init__()
        self.progress, self.done, self.total = progress, done, total

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        if self.progress:
            self.progress(self.done, self.total)


def _numbered_canvas(header: Header, first_page_header: bool):
    class NumberedCanvas(Canvas):
        """Keeps each page until the end so the footer can say "page N of M"."""

        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = fonts.REGULAR  # never an unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _decorate(self, header, number, total, first_page_header or number > 1)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _decorate(canvas: Canvas, header: Header, number: int, total: int, with_header: bool):
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.REGULAR, 8)
    canvas.drawCentredString(width / 2, MARGIN / 2, f"Page {number} of {total}")
    if with_header:
        room = (width - 2 * MARGIN) / 2 - 6
        top = height - MARGIN / 2 - 2
        left, right = (fit(t, fonts.REGULAR, 8, room) for t in (header.left, header.right))
        fonts.draw_string(canvas, MARGIN, top, left, fonts.REGULAR, 8)
        fonts.draw_string(canvas, width - MARGIN, top, right, fonts.REGULAR, 8, align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, top - 4, width - MARGIN, top - 4)
    canvas.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """One line of user text for a drawing, cleaned, in visual order, cut with an ellipsis to
    ``width`` when set in ``font`` (draw it with :func:`fonts.draw_string`, which sets the
    characters ``font`` lacks in a face that has them)."""
    text = clean(text, single_line=True)
    if fonts.string_width(visual(text), font, size) > width:
        while text and fonts.string_width(visual(text) + "…", font, size) > width:
            text = text[: max(0, len(text) - max(1, len(text) // 8))]
        text = text.rstrip() + "…"
    return visual(text)


def build_pdf(
    path: Path,
    story: list[Flowable],
    *,
    paper: str,
    title: str,
    header: Header,
    first_page_header: bool = True,
) -> None:
    """Lay out ``story`` on pages of ``paper`` and write it to ``path`` (directly)."""
    size = page_size(paper)
    doc = BaseDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=clean(title, single_line=True),
        author="Facilitator",
        creator="Facilitator",
    )
    frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(header, first_page_header))


def content_width(paper: str) -> float:
    return page_size(paper)[0] - 2 * MARGIN - 12  # the frame's own padding


def content_height(paper: str) -> float:
    return page_size(paper)[1] - 2 * MARGIN - 12


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it only when the block succeeds."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; choose a file name.")
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(handle)
    temp_path = Path(temp)
    try:
        yield temp_path
        os.chmod(temp_path, 0o644)  # mkstemp makes it private; a handout is for sharing
        os.replace(temp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()
