"""Reflect steps: the question, with lined space in the handout; in the summary the question
alone (each person's scratch note stays on their phone)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from facilitator.model.records import StepInfo

from ..parts import WritingLines, step_heading

KIND = "reflect"


def handout(step: StepInfo, ctx) -> list[Flowable]:
    return [KeepTogether(step_heading(step, ctx.styles, number=ctx.number) + [WritingLines(7)])]


def summary(step: StepInfo, ctx) -> list[Flowable]:
    note = Paragraph("A question for private reflection: answers stayed on each phone.",
                     ctx.styles["small"])  # fmt: skip
    return [KeepTogether(step_heading(step, ctx.styles, number=ctx.number) + [note])]
