"""Word clouds: in the handout the question with lines to write on; in the summary the cloud as
a reportlab drawing, laid out by the projector's own layout (facilitator/model/cloud.py) in the
projector's area and scaled to the page, and the word counts as a table (the top words, then
how many more). Hidden words are in neither: the tally has left them out."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model import cloud
from facilitator.model.kinds import wordcloud
from facilitator.model.records import StepInfo

from .. import fonts
from ..document import RULE, table_style
from ..parts import WritingLines, step_heading
from ..text import clean, para, visual

KIND = "wordcloud"
TABLE_TOP = 30  # words listed in the summary's table
FACE = fonts.BOLD
MIDDLE = 0.346  # the middle of DejaVu Sans's line above its baseline, in parts of the size


def handout(step: StepInfo, ctx) -> list[Flowable]:
    n = wordcloud.SPEC.settings_of(step.settings).words
    how = "A word or a short phrase." if n == 1 else f"Up to {n} words or short phrases."
    hint = Paragraph(how, ctx.styles["small"])
    lines = WritingLines(n, gap=24)
    return [KeepTogether(step_heading(step, ctx.styles, number=ctx.number) + [hint, lines])]


def _share(count: int, answered: int) -> str:
    return f"{round(100 * count / answered) if answered else 0}%"


def summary(step: StepInfo, ctx) -> list[Flowable]:
    results = ctx.data.results(step)
    styles, answered = ctx.styles, results.get("answered", 0)
    words = results.get("words", [])
    who = "1 person" if answered == 1 else f"{answered} people"
    line = f"{who} gave {len(words)} different word{'s' if len(words) != 1 else ''}."
    hidden = results.get("hidden", 0)
    if hidden:
        line += f" {hidden} word{'s' if hidden != 1 else ''} hidden by the facilitator."
    heading = step_heading(step, styles, number=ctx.number)
    intro = Paragraph(line, styles["small"])
    if not words:
        return [KeepTogether(heading + [intro])]
    picture = cloud_drawing(words, ctx.width)
    return [KeepTogether(heading + [intro, Spacer(1, 4), picture]), *counts_table(words, ctx)]


def counts_table(words: list[dict], ctx) -> list[Flowable]:
    """The top words with how many gave each, two to a row, and a line for the rest."""
    top = words[:TABLE_TOP]
    cell, figure = ctx.styles["cell"], ctx.styles["cellhead"]
    cells = [[para(w["text"], cell), Paragraph(str(w["count"]), figure)] for w in top]
    half = (len(cells) + 1) // 2
    rows = []
    for i in range(half):
        right = cells[i + half] if i + half < len(cells) else ["", ""]
        rows.append([*cells[i], "", *right])
    count_w, gap = 36, 18
    text_w = (ctx.width - gap - 2 * count_w) / 2
    table = Table(rows, colWidths=[text_w, count_w, gap, text_w, count_w])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (4, 0), (4, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (1, -1), 0.3, RULE),
                ("LINEBELOW", (3, 0), (4, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    out: list[Flowable] = [Spacer(1, 6), table]
    if len(words) > len(top):
        more = len(words) - len(top)
        out.append(Paragraph(f"and {more} more (every word is in the CSV).", ctx.styles["small"]))
    return out


def _measure(text: str, size: int) -> tuple[float, float]:
    return fonts.string_width(text, FACE, size), size * cloud.LINE_HEIGHT


def cloud_drawing(words: list[dict], width: float) -> Drawing:
    """The cloud as the projector lays it out (in its area, at its sizes), scaled to ``width``
    points; each word in its colour, characters the bold face lacks in a face that has them."""
    fonts.register()
    shown = [{**w, "text": visual(clean(w["text"], single_line=True))} for w in words]
    area_w, area_h = cloud.ROOM_AREA
    laid = cloud.layout(
        shown, area_w, area_h, _measure, min_size=cloud.MIN_SIZE, max_size=cloud.MAX_SIZE
    )
    scale = width / area_w
    d = Drawing(width, area_h * scale)
    d.add(Rect(0, 0, width, area_h * scale, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    group = Group(transform=(scale, 0, 0, scale, 0, 0))
    for word in laid.words:
        middle = area_h - (word.y + word.h / 2)
        baseline = middle - word.size * MIDDLE
        _add_text(group, word.x, baseline, word.text, word.size, colors.HexColor(word.colour))
    d.add(group)
    return d


def _add_text(group: Group, x: float, y: float, text: str, size: int, colour) -> None:
    """One line of text as Strings, one per run of characters a face draws."""
    for face, piece in fonts.runs(text, FACE):
        group.add(String(x, y, piece, fontName=face, fontSize=size, fillColor=colour))
        x += pdfmetrics.stringWidth(piece, face, size)


def csv_rows(step: StepInfo, results: dict) -> list[dict]:
    """One line per word not hidden: its text, how many gave it and their share of the people
    who answered."""
    answered = results.get("answered", 0)
    return [
        {"text": w["text"], "count": w["count"], "share": _share(w["count"], answered)}
        for w in results.get("words", [])
    ]
