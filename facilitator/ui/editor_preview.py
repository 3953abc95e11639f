"""The editor's live preview: the projector's own Stage, kept at the projector's 16:9 shape."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSizePolicy, QStackedLayout, QWidget

from facilitator.model.records import StepInfo

from .stage import Stage
from .widgets import plain_label

PREVIEW_JOIN_URL = "http://192.168.0.10:8765/"  # a sample address: the real one exists in a run
PREVIEW_ROOM_CODE = "ABCD"


class StagePreview(QWidget):
    """Shows a step exactly as the presenter window will (without live notes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.stage = Stage(self)
        self.stage.setAccessibleName("Preview of the projector")
        self.empty = plain_label("Choose a step to see it as the room will.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.stage)
        self.setLayout(self.stack)
        self.step: StepInfo | None = None

    def show_step(self, step: StepInfo | None) -> None:
        self.step = step
        if step is None:
            self.stack.setCurrentWidget(self.empty)
            return
        try:
            self.stage.show_step(step, join_url=PREVIEW_JOIN_URL, room_code=PREVIEW_ROOM_CODE)
        except KeyError:
            self.empty.setText("There is no preview for this kind of step.")
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.stage)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(width * 9 / 16)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 270)
