"""Feedback forms: a paper version in the handout; in the summary each rating's average and
distribution as a small chart, and every comment (without names: feedback is anonymous)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model.records import StepInfo

from ..drawings import rating_chart
from ..fonts import BOLD
from ..parts import WritingLines, chart_table, listing, step_heading
from ..text import markup, para

KIND = "feedback"
CHART_WIDTH = 200


def _questions(step: StepInfo) -> list[dict]:
    return [q for q in step.settings.get("questions", []) if isinstance(q, dict)]


def handout(step: StepInfo, ctx) -> list[Flowable]:
    heading = step_heading(step, ctx.styles, number=ctx.number)
    out: list[Flowable] = []
    scale = "&nbsp;&nbsp;&nbsp;".join(f"{i}&nbsp;○" for i in range(1, 6))
    for q in _questions(step):
        text = Paragraph(markup(q.get("text", ""), single_line=True, font=BOLD), ctx.styles["h3"])
        if q.get("type") == "rating":
            hint = f"{scale}&nbsp;&nbsp;&nbsp;(1 = not at all, 5 = very)"
            out.append(KeepTogether([text, Paragraph(hint, ctx.styles["body"])]))
        else:
            out.append(KeepTogether([text, WritingLines(3)]))
    if not out:
        return heading
    return [KeepTogether(heading + out[:1]), *out[1:]]


def summary(step: StepInfo, ctx) -> list[Flowable]:
    """The tally of the form (facilitator/model/kinds/feedback.py): each rating's average and
    distribution, then every comment."""
    results = ctx.data.results(step)
    styles = ctx.styles
    heading = step_heading(step, styles, number=ctx.number)
    people = results.get("answered", 0)
    who = "1 person" if people == 1 else f"{people} people"
    intro = Paragraph(f"{who} answered.", styles["small"])
    if not people:
        return [KeepTogether(heading + [intro])]
    questions = results.get("questions", [])
    ratings = [q for q in questions if q["type"] == "rating"]
    first = [Spacer(1, 4), _ratings_table(ratings, ctx)] if ratings else []
    out: list[Flowable] = [KeepTogether(heading + [intro, *first])]
    for q in questions:
        if q["type"] == "rating":
            continue
        title = Paragraph(markup(q["text"], single_line=True, font=BOLD), styles["h3"])
        if not q["comments"]:
            out.append(KeepTogether([title, Paragraph("No comments.", styles["small"])]))
            continue
        items = [para(c, styles["note"], bullet="•") for c in q["comments"]]
        out += listing(title, items)
    return out


def _ratings_table(ratings: list[dict], ctx) -> Table:
    rows = []
    for q in ratings:
        if q["count"]:
            figure = f"<b>{q['average']:.1f}</b> out of 5 on average, from {q['count']} answers"
        else:
            figure = "No answers."
        cell = [
            Paragraph(markup(q["text"], single_line=True, font=BOLD), ctx.styles["cellhead"]),
            Paragraph(figure, ctx.styles["small"]),
        ]
        rows.append([cell, rating_chart(q["distribution"], CHART_WIDTH)])
    return chart_table(rows, ctx.width, CHART_WIDTH)
