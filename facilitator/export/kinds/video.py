"""Video steps: the clip's name and its prompt question, with room to write."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from facilitator.model.records import StepInfo

from ..parts import WritingLines, step_heading
from ..text import markup

KIND = "video"


def _caption(step: StepInfo, styles) -> list[Flowable]:
    caption = step.settings.get("caption")
    if not caption:
        return []
    return [Paragraph(f"Video: {markup(caption, single_line=True)}", styles["small"])]


def handout(step: StepInfo, ctx) -> list[Flowable]:
    heading = step_heading(step, ctx.styles, number=ctx.number)
    lines = WritingLines(5)
    return [KeepTogether(heading[:1] + _caption(step, ctx.styles) + heading[1:] + [lines])]


def summary(step: StepInfo, ctx) -> list[Flowable]:
    heading = step_heading(step, ctx.styles, number=ctx.number)
    return [KeepTogether(heading[:1] + _caption(step, ctx.styles) + heading[1:])]
