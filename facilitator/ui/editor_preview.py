"""The editor's live preview: the projector's own Stage, kept at the projector's 16:9 shape."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.model.records import StepInfo

from .stage import Stage
from .widgets import plain_label

PREVIEW_JOIN_URL = "http://192.168.0.10:8765/"  # a sample address: the real one exists in a run
PREVIEW_ROOM_CODE = "ABCD"
RATIO = 16 / 9


class StagePreview(QWidget):
    """Shows a step exactly as the presenter window will (without live notes), fitted at
    16:9 into whatever room the editor gives it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stage = Stage(self)
        self.stage.setAccessibleName("Preview of the projector")
        self.empty = plain_label("Choose a step to see it as the room will.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step: StepInfo | None = None
        self.show_step(None)

    def show_step(self, step: StepInfo | None) -> None:
        self.step = step
        shown = step is not None
        if step is not None:
            try:
                self.stage.show_step(step, join_url=PREVIEW_JOIN_URL, room_code=PREVIEW_ROOM_CODE)
            except KeyError:
                self.empty.setText("There is no preview for this kind of step.")
                shown = False
        self.stage.setVisible(shown)
        self.empty.setVisible(not shown)

    def stage_rect(self) -> QRect:
        width = min(self.width(), round(self.height() * RATIO))
        return QRect(0, 0, width, round(width / RATIO))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.stage.setGeometry(self.stage_rect())
        self.empty.setGeometry(self.stage_rect())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 270)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 135)
