"""Position steps: the picture with room to mark one's own place (handout), and with every
dot the room placed (summary)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from facilitator.model.records import StepInfo

from ..drawings import position_map
from ..parts import picture, step_heading

KIND = "position"


def handout(step: StepInfo, ctx) -> list[Flowable]:
    hint = Paragraph("Mark where you are on the picture.", ctx.styles["small"])
    image = picture(step.media_path("image"), ctx.width, 330, ctx.styles)
    return [KeepTogether(step_heading(step, ctx.styles, number=ctx.number) + [image, hint])]


def summary(step: StepInfo, ctx) -> list[Flowable]:
    dots = ctx.data.results(step).get("dots", [])
    count = len(dots)
    line = f"{count} {'person' if count == 1 else 'people'} placed a dot."
    drawing = position_map(step.media_path("image"), dots, ctx.width, 330)
    heading = step_heading(step, ctx.styles, number=ctx.number)
    return [KeepTogether(heading + [Paragraph(line, ctx.styles["small"]), Spacer(1, 3), drawing])]
