"""Small pieces both documents use: step headings, lined space to write, pictures, QR codes."""

from __future__ import annotations

import re
from pathlib import Path

import qrcode
from PIL import Image as PILImage
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Table

from facilitator.model import kinds
from facilitator.model.records import StepInfo

from .document import RULE, table_style
from .fonts import BOLD
from .text import markup, para


def step_heading(step: StepInfo, styles, *, number: int) -> list[Flowable]:
    """ "3. Title" with the step's question below it (when it has one)."""
    out: list[Flowable] = [numbered_title(step, styles, number)]
    if step.prompt.strip():
        out.append(para(step.prompt, styles["prompt"]))
    return out


def numbered_title(step: StepInfo, styles, number: int) -> Paragraph:
    """The step's title after its number in the agenda, unless the title has a number of its
    own ("1. Bottom up"): "2. 1. Bottom up" would only confuse."""
    title = markup(step.title, single_line=True, font=BOLD) or kinds.get(step.kind).label
    if re.match(r"\d+[.)]\s", step.title.strip()):
        return Paragraph(title, styles["h1"])
    return Paragraph(f"{number}.&nbsp;&nbsp;{title}", styles["h1"])


def listing(heading: Flowable, items: list[Flowable]) -> list[Flowable]:
    """A heading and its items, free to break across pages, but never the heading alone at a
    page's foot nor one item alone at the top of the next."""
    if len(items) <= 4:
        return [KeepTogether([heading, *items])]
    return [KeepTogether([heading, *items[:2]]), *items[2:-2], KeepTogether(items[-2:])]


class WritingLines(Flowable):
    """Ruled lines to write on, ``count`` of them ``gap`` points apart."""

    def __init__(self, count: int, gap: float = 22):
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.count * self.gap + 4
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap
            c.line(0, y, self.width, y)


def image_size(path: Path) -> tuple[int, int] | None:
    """The pixel size of a picture file, or None if it is missing or unreadable."""
    try:
        with PILImage.open(path) as img:
            return img.size
    except (OSError, ValueError):
        return None


def picture(path: Path | None, width: float, max_height: float, styles) -> Flowable:
    """A picture scaled to fit, or a sentence saying why it is missing."""
    size = image_size(path) if path else None
    if size is None:
        name = path.name if path else "none set"
        return Paragraph(f"(The picture could not be read: {markup(name)}.)", styles["small"])
    scale = min(width / size[0], max_height / size[1])
    return Image(str(path), width=size[0] * scale, height=size[1] * scale)


class QrCode(Flowable):
    """A QR code of a link, ``size`` points square with its quiet zone. The modules come from
    the ``qrcode`` library and are drawn as one path, one rectangle per run of dark modules in
    a row (reportlab's own widget draws a shape object per module, 20 times slower)."""

    def __init__(self, value: str, size: float):
        super().__init__()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data(value)
        code.make(fit=True)
        self.matrix: list[list[bool]] = code.get_matrix()
        self.width = self.height = size

    def draw(self) -> None:
        count = len(self.matrix)
        cell = self.width / count
        path = self.canv.beginPath()
        for r, row in enumerate(self.matrix):
            y = self.height - (r + 1) * cell
            x = 0
            while x < count:
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < count and row[x]:
                    x += 1
                path.rect(start * cell, y, (x - start) * cell, cell)
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)


def qr_code(value: str, size: float) -> QrCode:
    """A QR code of ``value`` (a link), ``size`` points square, with its quiet zone."""
    return QrCode(value, size)


def chart_table(rows: list[list], width: float, chart_width: float) -> Table:
    """Rows of [what it is, its chart]: the text beside a chart ``chart_width`` wide, a rule
    between rows (a feedback form's ratings, a scale's statements)."""
    table = Table(rows, colWidths=[width - chart_width - 12, chart_width + 12])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, "#BBBBBB"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table
