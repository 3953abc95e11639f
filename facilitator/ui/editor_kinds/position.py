"""Settings of a position step: the picture people place their dot on."""

from __future__ import annotations

from facilitator.model.records import StepInfo

from ..widgets import hint
from . import PICTURE_FILTER, KindEditor, media_row, show_media

KIND = "position"


class PositionEditor(KindEditor):
    KIND = KIND

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.image = media_row(self, "image", "picture", "&Picture:", PICTURE_FILTER)
        self.form.addRow("", hint("Each person taps where they are on this picture.", self))

    def show_settings(self, step: StepInfo) -> None:
        show_media(self.image, step, "image")


EDITOR = PositionEditor
