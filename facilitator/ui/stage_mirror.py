"""The console's picture of what the room sees: the presenter window's own stage drawn small, a
few times a second, so the preview has the projector's exact text, line breaks and page (a
second stage laid out at another size would break lines elsewhere)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QRegion
from PySide6.QtWidgets import QSizePolicy, QWidget

from .stage import Stage

FRAME_MS = 200  # five pictures a second: enough to follow notes, a timer and a film
LETTERBOX = QColor("#2B2F36")


class StageMirror(QWidget):
    """Shows ``stage`` (the projector's) scaled down to fit, letterboxed if the shapes differ.
    With ``size_of`` the stage is one of the console's own, never on a screen, kept at the size
    of ``size_of`` (the projector's stage): the next step's preview breaks its lines as the
    projector will."""

    def __init__(self, stage: Stage, parent=None, *, size_of: QWidget | None = None):
        super().__init__(parent)
        self.stage = stage
        self.size_of = size_of
        if size_of is not None:
            stage.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            stage.resize(size_of.size())
            stage.show()
        self.setMinimumSize(160, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("What the room sees on the projector")
        self.ticker = QTimer(self, interval=FRAME_MS, timeout=self.update)
        self.ticker.start()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 270)

    def target(self) -> QRectF:
        """Where the stage is drawn in this widget."""
        source = self.stage.size()
        if source.isEmpty():
            return QRectF()
        scale = min(self.width() / source.width(), self.height() / source.height())
        w, h = source.width() * scale, source.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event) -> None:  # noqa: N802
        if self.size_of is not None and self.stage.size() != self.size_of.size():
            self.stage.resize(self.size_of.size())
        p = QPainter(self)
        p.fillRect(self.rect(), LETTERBOX)
        target = self.target()
        if not target.isNull():
            p.save()
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.translate(target.topLeft())
            p.scale(target.width() / self.stage.width(), target.height() / self.stage.height())
            self.stage.render(p, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
            p.restore()
            if self.stage.black:
                p.setPen(Qt.GlobalColor.gray)
                p.drawText(target, Qt.AlignmentFlag.AlignCenter, "Black screen (B to show)")
        p.end()

    def stop(self) -> None:
        self.ticker.stop()
