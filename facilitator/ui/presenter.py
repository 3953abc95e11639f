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
            self.resize(1280, 720)
            self.show()
            return
        handle = self.windowHandle()
        if handle is not None and hasattr(screen, "geometry") and screen in _qt_screens():
            handle.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

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
