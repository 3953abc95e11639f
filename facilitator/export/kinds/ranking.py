"""Rankings: in the handout the items with a box each to number on paper; in the summary the
items in the room's order with their average rank, a bar (the Borda score) and how many put
each first; in the CSV one line per item in that order."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model.records import StepInfo

from ..document import INK, RULE, table_style
from ..parts import step_heading
from ..text import markup

KIND = "ranking"
BAR_WIDTH = 120
TRACK = colors.HexColor("#E4E4E4")


def _items(step: StepInfo) -> list[str]:
    return [str(t) for t in step.settings.get("items") or []]


def handout(step: StepInfo, ctx) -> list[Flowable]:
    heading = step_heading(step, ctx.styles, number=ctx.number)
    items = _items(step)
    if not items:
        return heading
    hint = f"Number the items from 1 (the most important to you) to {len(items)}."
    rows = [
        [_box(), Paragraph(markup(text, single_line=True), ctx.styles["body"])] for text in items
    ]
    table = Table(rows, colWidths=[34, ctx.width - 34])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [KeepTogether([*heading, Paragraph(hint, ctx.styles["small"]), Spacer(1, 2), table])]


def _box(size: float = 22) -> Drawing:
    """An empty square to write a number in."""
    d = Drawing(size, size)
    d.add(Rect(0, 0, size, size, fillColor=None, strokeColor=INK, strokeWidth=0.9))
    return d


def _bar(score: float, width: float = BAR_WIDTH, height: float = 9) -> Drawing:
    """A bar of ``score`` (0..1) on a light track: dark on light grey, readable in greyscale."""
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=TRACK, strokeColor=None))
    if score > 0:
        d.add(Rect(0, 0, width * min(score, 1.0), height, fillColor=INK, strokeColor=None))
    return d


def summary(step: StepInfo, ctx) -> list[Flowable]:
    """The tally (facilitator/model/kinds/ranking.py): the room's order, best first."""
    results = ctx.data.results(step)
    styles = ctx.styles
    heading = step_heading(step, styles, number=ctx.number)
    people = int(results.get("answered", 0))
    who = "Nobody" if not people else ("1 person" if people == 1 else f"{people} people")
    intro = Paragraph(f"{who} ranked the items (1 = first).", styles["small"])
    if not people:
        return [KeepTogether([*heading, intro])]
    return [KeepTogether([*heading, intro, Spacer(1, 4), _table(results["items"], ctx)])]


def _table(items: list[dict], ctx) -> Table:
    styles = ctx.styles
    head = ["", "Item", "Score", "Average rank", "First for"]
    rows = [[Paragraph(f"<b>{h}</b>", styles["small"]) for h in head]]
    for place, item in enumerate(items, 1):
        average = "-" if item["average"] is None else f"{item['average']:.1f}"
        rows.append(
            [
                Paragraph(f"<b>{place}</b>", styles["cell"]),
                Paragraph(markup(item["text"], single_line=True), styles["cell"]),
                _bar(float(item.get("score") or 0.0)),
                Paragraph(f"<b>{average}</b>", styles["cell"]),
                Paragraph(str(item["ranks"][0] if item.get("ranks") else 0), styles["cell"]),
            ]
        )
    fixed = 22 + BAR_WIDTH + 12 + 70 + 50
    table = Table(rows, colWidths=[22, ctx.width - fixed, BAR_WIDTH + 12, 70, 50], repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def csv_rows(step: StepInfo, results: dict) -> list[dict]:
    """One line per item in the room's order: the item, how many ranked it, its average rank
    (to one decimal; empty while nobody has)."""
    return [
        {
            "text": item["text"],
            "count": item["count"],
            "share": "" if item["average"] is None else round(item["average"], 1),
        }
        for item in results.get("items", [])
    ]
