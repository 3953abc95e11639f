"""Information slides: their text (and picture) in the handout; nothing in the summary."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from facilitator.model.records import StepInfo

from ..parts import numbered_title, picture
from ..text import para

KIND = "info"


def handout(step: StepInfo, ctx) -> list[Flowable]:
    """The slide's title and text. The join slide (QR code, room code) means nothing on
    paper, so it is left out of the handout (it stays in the agenda)."""
    if step.settings.get("show_join"):
        return []
    out: list[Flowable] = [numbered_title(step, ctx.styles, ctx.number)]
    for block in step.prompt.split("\n\n"):
        if block.strip():
            out.append(para(block, ctx.styles["body"]))
    if step.settings.get("image"):
        out += [Spacer(1, 4), picture(step.media_path("image"), ctx.width, 260, ctx.styles)]
    return [KeepTogether(out[:2]), *out[2:]]  # never a title alone at the foot of a page


def summary(step: StepInfo, ctx) -> list[Flowable]:
    return []
