"""Settings of a video step: the clip, its start and end marks and a caption."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit

from facilitator.model.records import StepInfo

from . import VIDEO_FILTER, KindEditor, media_row, show_media

KIND = "video"


def _seconds_box(parent, special: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0, 24 * 3600)
    box.setDecimals(1)
    box.setSingleStep(1)
    box.setSuffix(" s")
    box.setSpecialValueText(special)
    box.setKeyboardTracking(False)
    box.setMaximumWidth(200)
    return box


class VideoEditor(KindEditor):
    KIND = KIND

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.video = media_row(self, "video", "video", "&Video file:", VIDEO_FILTER)
        self.start = _seconds_box(self, "From the beginning")
        self.end = _seconds_box(self, "To the end")
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText("e.g. the film and scene, for the console")
        self.form.addRow("&Start at:", self.start)
        self.form.addRow("Stop &at:", self.end)
        self.form.addRow("&Caption:", self.caption)
        self.start.valueChanged.connect(self._marks)
        self.end.valueChanged.connect(self._marks)
        self.caption.textEdited.connect(
            lambda text: self.setting("caption", text or None, now=False)
        )

    def _marks(self) -> None:
        start, end = self.start.value(), self.end.value()
        if end and end <= start:
            self.failed.emit("The end mark must come after the start mark.")
            return
        self.edited.emit({"settings": {"start": start, "end": end or None}}, True)

    def show_settings(self, step: StepInfo) -> None:
        show_media(self.video, step, "video")
        self.start.setValue(float(step.settings.get("start") or 0))
        self.end.setValue(float(step.settings.get("end") or 0))
        caption = step.settings.get("caption") or ""
        if self.caption.text() != caption:
            self.caption.setText(caption)


EDITOR = VideoEditor
