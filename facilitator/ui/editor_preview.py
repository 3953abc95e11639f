"""The editor's live preview: the projector's own Stage, laid out at a projector's size out of
sight and shown scaled down, so the preview is exactly what the room will see."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.model import kinds
from facilitator.model.records import StepInfo

from .editor_kinds import editor_for
from .stage import Stage

PREVIEW_JOIN_URL = "http://192.168.0.10:8765/"  # a sample address: the real one exists in a run
PREVIEW_ROOM_CODE = "ABCDEF"
STAGE_SIZE = QSize(1280, 720)
RATIO = 16 / 9


def phone_summary(step: StepInfo) -> str:
    """What an attendee's phone shows during ``step``, in a sentence or two: the kind's editor
    says it when the settings change it, else the kind's own sentence."""
    editor = editor_for(step.kind)
    text = editor.phone_summary(step) if editor else None
    if text is None:
        text = kinds.get(step.kind).phone if step.kind in kinds.names() else "The title."
    if step.settings.get("show_join"):
        text += " The address and room code above are examples; the real ones come with the run."
    return text


class StagePreview(QWidget):
    """Shows a step as the presenter window will (without live notes), fitted at 16:9."""

    def __init__(self, parent=None):
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Preview of the projector")
        # The stage lives inside the preview but outside its visible area: laid out at a
        # projector's size, never seen or focused itself; its picture is what the preview paints.
        self.stage = Stage(self)
        self.stage.setGeometry(QRect(QPoint(-STAGE_SIZE.width() - 100, 0), STAGE_SIZE))
        self.stage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.step: StepInfo | None = None
        self.picture = QPixmap()
        self.message = "Choose a step to see it as the room will."

    def show_step(self, step: StepInfo | None) -> None:
        self.step = step
        self.picture = QPixmap()
        self.message = "Choose a step to see it as the room will."
        if step is not None:
            try:
                self.stage.show_step(step, join_url=PREVIEW_JOIN_URL, room_code=PREVIEW_ROOM_CODE)
            except KeyError:
                self.message = "There is no preview for this kind of step."
            else:
                self.picture = self._render()
        self.setAccessibleDescription(step.title if step else self.message)
        self.update()

    def _render(self) -> QPixmap:
        window = self.window()
        was_active = window.isActiveWindow()
        picture = self._grab()
        if was_active:
            # A stage view that shows a child before giving it a parent briefly makes it a
            # window of its own, which takes activation (and the keyboard) away; take it back.
            window.activateWindow()
        return picture

    def _grab(self) -> QPixmap:
        view = self.stage.view
        if view is not None and view.isHidden():
            view.show()  # now, not when the event loop would: the picture is taken at once
        for widget in self.stage.findChildren(QWidget):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab never wanders in
        self.stage.layout().activate()
        return self.stage.grab()

    def stage_rect(self) -> QRect:
        width = min(self.width(), round(self.height() * RATIO))
        return QRect(0, 0, width, round(width / RATIO))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = self.stage_rect()
        if self.picture.isNull():
            painter.fillRect(area, self.palette().base())
            painter.setPen(self.palette().placeholderText().color())
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area.adjusted(12, 12, -12, -12), flags, self.message)
        else:
            painter.drawPixmap(area, self.picture)
        painter.end()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(width / RATIO)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 270)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 135)
