"""Settings of a video step: the clip, its start and end marks (minutes:seconds) and a
caption; the clip can be watched in the system player to find the marks."""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QPushButton

from facilitator.model.records import StepInfo

from . import VIDEO_FILTER, KindEditor, media_row, show_media

KIND = "video"
MARK = re.compile(r"^\s*(?:(\d{1,3}):)?(\d{0,5}(?:\.\d?)?)\s*$")


def mark_text(seconds: float) -> str:
    """``1:35.5`` for 95.5 seconds; ``2:00`` for 120."""
    minutes, rest = divmod(round(seconds * 10) / 10, 60)
    text = f"{int(minutes)}:{rest:04.1f}"
    return text[:-2] if text.endswith(".0") else text


def mark_value(text: str) -> float | None:
    """Seconds from ``m:ss(.d)`` or plain seconds; None when it is neither."""
    match = MARK.match(text)
    if not match:
        return None
    return int(match.group(1) or 0) * 60 + float(match.group(2) or 0)


class MarkBox(QDoubleSpinBox):
    """A place in the clip, shown and typed as minutes:seconds (plain seconds work too)."""

    def __init__(self, parent, special: str):
        super().__init__(parent)
        self.setRange(0, 24 * 3600)
        self.setDecimals(1)
        self.setSingleStep(1)
        self.setSpecialValueText(special)
        self.setKeyboardTracking(False)
        self.setMaximumWidth(200)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return mark_text(value)

    def valueFromText(self, text: str) -> float:  # noqa: N802
        return mark_value(text) or 0.0

    def validate(self, text: str, pos: int):
        if text == self.specialValueText() or mark_value(text) is not None:
            return (QValidator.State.Acceptable, text, pos)
        return (QValidator.State.Invalid, text, pos)


class VideoEditor(KindEditor):
    KIND = KIND
    PROMPT_LABEL = "&Question after:"

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.video = media_row(self, "video", "video", "&Video file:", VIDEO_FILTER)
        self.watch = QPushButton("&Watch in the system player", self)
        self.watch.setToolTip("Play the clip to find where to start and stop")
        self.watch.clicked.connect(self._watch)
        self.start = MarkBox(self, "From the beginning")
        self.end = MarkBox(self, "To the end")
        self.start.setAccessibleName("Start at, minutes and seconds")
        self.end.setAccessibleName("Stop at, minutes and seconds")
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText("e.g. the film and scene, for the console")
        self.form.addRow("", self.watch)
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

    def _watch(self) -> None:
        from facilitator.ui.video import open_in_system_player

        path = self.step.media_path("video") if self.step else None
        if path is None or not path.is_file():
            self.failed.emit("Choose a video file first.")
        elif not open_in_system_player(path):
            self.failed.emit("This computer has no program set to play this video.")

    def show_settings(self, step: StepInfo) -> None:
        show_media(self.video, step, "video")
        path = step.media_path("video")
        self.watch.setEnabled(bool(path and path.is_file()))
        self.start.setValue(float(step.settings.get("start") or 0))
        self.end.setValue(float(step.settings.get("end") or 0))
        caption = step.settings.get("caption") or ""
        if self.caption.text() != caption:
            self.caption.setText(caption)


EDITOR = VideoEditor
