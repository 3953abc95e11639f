"""Scale steps: in the handout each statement with the scale's numbers to circle on paper; in
the summary each statement's mean, how many rated it and a chart of how many gave each value
(dark bars on light grey, the mean a black mark: it reads in greyscale); CSV lines for a
spreadsheet."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model import kinds
from facilitator.model.records import StepInfo

from .. import fonts
from ..document import INK, MUTED, RULE, table_style
from ..fonts import BOLD
from ..parts import chart_table, step_heading
from ..text import markup

KIND = "scale"
CHART_WIDTH = 220
CHART_HEIGHT = 62
BAR_GREY = colors.HexColor("#EEEEEE")


def _settings(step: StepInfo):
    return kinds.get(KIND).settings_of(step.settings)


def handout(step: StepInfo, ctx) -> list[Flowable]:
    """Each statement, and under it the scale's numbers between its end labels, to circle."""
    settings = _settings(step)
    heading = step_heading(step, ctx.styles, number=ctx.number)
    hint = Paragraph("Circle one number for each statement.", ctx.styles["small"])
    out = [
        KeepTogether([_statement(text, ctx.styles), _circle_row(settings, ctx)])
        for text in settings.statements
    ]
    return [KeepTogether([*heading, hint, *out[:1]]), *out[1:]]


def _statement(text: str, styles) -> Paragraph:
    return Paragraph(markup(text, single_line=True, font=BOLD), styles["h3"])


def _circle_row(settings, ctx) -> Table:
    values = list(settings.values)
    label_w = min(120, ctx.width * 0.22)
    number_w = (ctx.width - 2 * label_w) / len(values)
    left, right = (
        Paragraph(markup(t, single_line=True), ctx.styles["small"]) for t in settings.labels
    )
    numbers = [Paragraph(f"<para align=center>{v}</para>", ctx.styles["body"]) for v in values]
    table = Table(
        [[left, *numbers, right]], colWidths=[label_w, *[number_w] * len(values), label_w]
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
                ("LINEBELOW", (1, 0), (-2, 0), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def summary(step: StepInfo, ctx) -> list[Flowable]:
    """The tally (facilitator/model/kinds/scale.py): a row per statement with its mean, count
    and distribution chart."""
    results = ctx.data.results(step)
    settings = _settings(step)
    heading = step_heading(step, ctx.styles, number=ctx.number)
    people = int(results.get("answered", 0))
    who = "1 person" if people == 1 else f"{people} people"
    low, high = settings.scale
    left, right = settings.labels
    ends = f"{low} = {markup(left)}, {high} = {markup(right)}" if left or right else ""
    intro = Paragraph(f"{who} answered on a scale of {low} to {high}. {ends}", ctx.styles["small"])
    if not people:
        return [KeepTogether([*heading, intro])]
    table = _results_table(results.get("statements", []), settings, ctx)
    return [KeepTogether([*heading, intro, Spacer(1, 4), table])]


def _results_table(rows: list[dict], settings, ctx) -> Table:
    lines = []
    for row in rows:
        if row["count"]:
            figure = f"Mean <b>{row['mean']:.1f}</b> from {row['count']} ratings"
        else:
            figure = "No ratings."
        cell = [_statement(row["text"], ctx.styles), Paragraph(figure, ctx.styles["small"])]
        lines.append([cell, distribution_chart(row, list(settings.values), CHART_WIDTH)])
    return chart_table(lines, ctx.width, CHART_WIDTH)


def distribution_chart(row: dict, values: list[int], width: float) -> Drawing:
    """A column per value of the scale, its value under it and its count over it (in a line
    above the columns); the mean a black triangle on the axis with a dashed line up."""
    counts = row.get("distribution") or [0] * len(values)
    label_h, count_h = 14, 10
    d = Drawing(width, CHART_HEIGHT)
    slot = width / len(values)
    room = CHART_HEIGHT - label_h - count_h
    most = max(max(counts, default=0), 1)
    heights = [room * count / most for count in counts]
    for i, h in enumerate(heights):
        x = i * slot + slot * 0.15
        d.add(Rect(x, label_h, slot * 0.7, room, fillColor=BAR_GREY, strokeColor=None))
        if h:
            d.add(Rect(x, label_h, slot * 0.7, h, fillColor=INK, strokeColor=None))
    if row.get("mean") is not None:
        _mean_mark(d, slot * (row["mean"] - values[0] + 0.5), label_h, room)
    for i, (value, count) in enumerate(zip(values, counts, strict=False)):
        centre = i * slot + slot / 2
        d.add(String(centre, 2, str(value), fontName=fonts.REGULAR, fontSize=7.5,
                     textAnchor="middle", fillColor=MUTED))  # fmt: skip
        d.add(String(centre, CHART_HEIGHT - count_h + 2.5, str(count), fontName=fonts.REGULAR,
                     fontSize=7, textAnchor="middle", fillColor=INK))  # fmt: skip
    return d


def _mean_mark(d: Drawing, x: float, base: float, room: float) -> None:
    """A dashed black line edged in white (seen on a dark bar too), on a black triangle."""
    d.add(Line(x, base, x, base + room, strokeColor=colors.white, strokeWidth=3.2))
    d.add(Line(x, base, x, base + room, strokeColor=colors.black, strokeWidth=1.2,
               strokeDashArray=[2, 1.5]))  # fmt: skip
    d.add(Polygon([x - 4, base - 4, x + 4, base - 4, x, base + 1.5], fillColor=colors.black,
                  strokeColor=colors.white, strokeWidth=0.6))  # fmt: skip


def csv_rows(step: StepInfo, results: dict) -> list[dict]:
    """Per statement a line with its mean (``share``, to one decimal) and how many rated it,
    then a line per value of the scale with how many gave it."""
    low = (results.get("scale") or _settings(step).scale)[0]
    out = []
    for row in results.get("statements", []):
        mean = "" if row["mean"] is None else round(row["mean"], 1)
        out.append({"text": f"{row['text']}: mean", "count": row["count"], "share": mean})
        for i, count in enumerate(row["distribution"]):
            out.append({"text": f"{row['text']}: {low + i}", "count": count, "share": ""})
    return out
