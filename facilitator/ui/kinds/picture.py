"""A picture fitted into its widget, keeping its shape; shared by the info and position stages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from .base import MUTED


class Picture(QWidget):
    def __init__(self, path: Path | None, parent=None):
        super().__init__(parent)
        self.pixmap = QPixmap(str(path)) if path and Path(path).is_file() else QPixmap()
        self.missing = path is not None and self.pixmap.isNull()
        self.path = path
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(40, 30)

    def image_rect(self) -> QRectF:
        """Where the picture is drawn, in widget coordinates."""
        if self.pixmap.isNull():
            return QRectF(self.rect())
        size = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if not self.pixmap.isNull():
            p.drawPixmap(self.image_rect(), self.pixmap, QRectF(self.pixmap.rect()))
        elif self.missing:
            p.setPen(Qt.GlobalColor.darkGray)
            p.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, f"Picture not found: {self.path.name}"
            )
        self.paint_over(p)
        p.end()

    def paint_over(self, painter: QPainter) -> None:
        """Subclasses draw on top of the picture (dots, heat)."""


__all__ = ["Picture", "MUTED"]
