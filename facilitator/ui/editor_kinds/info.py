"""Settings of an info step: its picture and whether it is the join slide."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from facilitator.model.records import StepInfo

from . import PICTURE_FILTER, KindEditor, media_row, show_media

KIND = "info"


class InfoEditor(KindEditor):
    KIND = KIND
    PROMPT_LABEL = "&Text:"

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.image = media_row(self, "image", "picture", "&Picture:", PICTURE_FILTER)
        self.show_join = QCheckBox("Show how to &join (QR code)", self)
        self.show_join.toggled.connect(lambda on: self.setting("show_join", on))
        self.form.addRow("", self.show_join)

    def show_settings(self, step: StepInfo) -> None:
        show_media(self.image, step, "image")
        self.show_join.setChecked(bool(step.settings.get("show_join")))


EDITOR = InfoEditor
