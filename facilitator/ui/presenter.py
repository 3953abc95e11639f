"""The presenter window: the stage, full screen on the projector's screen (windowed when there
is only one screen). Escape leaves full screen; F puts it back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.ui.kinds.base import StageLive
from facilitator.ui.stage import Stage


class PresenterWindow(QWidget):
    closed = Signal()

    def __init__(self, live: StageLive, title: str, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"{title} - projector")
        self.stage = Stage(self, live=live)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        self.screen_ = None
        self.resize(1280, 720)

    def place(self, screen) -> None:
        """Full screen on ``screen``; a normal window on the laptop when None."""
        self.screen_ = screen
        if screen is None:
            if self.isFullScreen():
                self.showNormal()
            self._beside_the_console()
            self.show()
            return
        handle = self.windowHandle()
        if handle is not None and hasattr(screen, "geometry") and screen in _qt_screens():
            handle.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def _beside_the_console(self) -> None:
        """With one screen, a 16:9 window in the bottom-right corner, a little under half the
        screen wide, so the console underneath stays in reach (drag it or press F to fill)."""
        area = self.screen().availableGeometry()
        least = self.minimumSizeHint()
        width = min(area.width(), max(least.width(), area.width() * 45 // 100))
        height = min(area.height(), max(least.height(), width * 9 // 16))
        margin = 24
        self.setGeometry(
            max(area.x(), area.x() + area.width() - width - margin),
            max(area.y(), area.y() + area.height() - height - margin),
            width,
            height,
        )

    def leave_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            if self.screen_ is not None:
                self.setGeometry(self.screen_.geometry())
            self.showFullScreen()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(event)


def _qt_screens() -> list:
    from PySide6.QtGui import QGuiApplication

    return list(QGuiApplication.screens())
