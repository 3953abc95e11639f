"""Polls: in the handout the question and its options as a paper tick list; in the summary each
option's count and share of the people who voted, as a bar chart drawn with reportlab's own
graphics (dark bars on light grey: it reads in greyscale), and how many voted."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model.kinds.poll import percent
from facilitator.model.records import StepInfo

from ..document import INK, RULE, table_style
from ..parts import step_heading
from ..text import para

KIND = "poll"
BAR_WIDTH = 170  # points
BAR_HEIGHT = 10
FIGURE_WIDTH = 48
TRACK = colors.HexColor("#E6E6E6")


def _options(step: StepInfo) -> list[str]:
    return [str(o) for o in step.settings.get("options") or ()]


def _choose(step: StepInfo) -> int:
    return int(step.settings.get("choose") or 1)


def tick_box(size: float = 11) -> Drawing:
    """An empty square to tick on paper."""
    d = Drawing(size, size)
    d.add(Rect(0, 0, size, size, fillColor=None, strokeColor=INK, strokeWidth=0.9))
    return d


def handout(step: StepInfo, ctx) -> list[Flowable]:
    heading = step_heading(step, ctx.styles, number=ctx.number)
    options = _options(step)
    if not options:
        return heading
    choose = _choose(step)
    how = "Tick one." if choose == 1 else f"Tick up to {choose}."
    rows = [[tick_box(), para(text, ctx.styles["body"])] for text in options]
    table = Table(rows, colWidths=[22, ctx.width - 22])
    table.setStyle(_rows_style(padding=3))
    return [KeepTogether(heading + [Paragraph(how, ctx.styles["small"]), table])]


def share_bar(share: float, width: float = BAR_WIDTH, height: float = BAR_HEIGHT) -> Drawing:
    """One option's bar: its share (0-100) of the people who voted, on a full-width track."""
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=TRACK, strokeColor=None))
    if share > 0:
        d.add(Rect(0, 0, width * min(share, 100) / 100, height, fillColor=INK, strokeColor=None))
    return d


def summary(step: StepInfo, ctx) -> list[Flowable]:
    """The tally (facilitator/model/kinds/poll.py): a row per option in the poll's order."""
    results = ctx.data.results(step)
    styles = ctx.styles
    heading = step_heading(step, styles, number=ctx.number)
    people = results.get("answered", 0)
    intro = f"{'1 person' if people == 1 else f'{people} people'} voted."
    choose = results.get("choose", _choose(step))
    if choose > 1:
        intro += (f" Each could pick up to {choose} options, so the shares (of the people "
                  "who voted) add up to more than 100 %.")  # fmt: skip
    out = heading + [Paragraph(intro, styles["small"])]
    options = results.get("options", [])
    if options:
        out += [Spacer(1, 4), _chart(options, ctx)]
    return [KeepTogether(out)]


def _chart(options: list[dict], ctx) -> Table:
    small, bold, head = ctx.styles["cell"], ctx.styles["cellhead"], ctx.styles["small"]
    rows = [[Paragraph(label, head) for label in ("Option", "", "Share", "People")]]
    for o in options:
        rows.append(
            [
                para(o["text"], small),
                share_bar(o["share"]),
                Paragraph(f"{percent(o['share'])}&nbsp;%", bold),
                Paragraph(str(o["count"]), small),
            ]
        )
    text_w = ctx.width - BAR_WIDTH - 2 * FIGURE_WIDTH - 16
    table = Table(
        rows, colWidths=[text_w, BAR_WIDTH + 16, FIGURE_WIDTH, FIGURE_WIDTH], repeatRows=1
    )
    table.setStyle(_rows_style(padding=4, line=True))
    return table


def _rows_style(*, padding: float, line: bool = False):
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]
    if line:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE))
    return table_style(commands)


def csv_rows(step: StepInfo, results: dict) -> list[dict]:
    """One line per option: its text, how many picked it and its share ("42%")."""
    return [
        {"text": o["text"], "count": o["count"], "share": f"{percent(o['share'])}%"}
        for o in results.get("options", [])
    ]
