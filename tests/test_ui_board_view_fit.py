"""The console's board view, fitted to its width, settles at every size of the console: a zoom
that made the scroll bars come and go (and so the width it was fitted to) resized the view for
ever and the console stopped answering (seen at a 474x260 board, both scroll bars flickering)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from ui_run_helpers import go_to_kind, start_demo


class Resizes(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def test_the_board_fitted_to_its_width_settles_at_every_console_size(qtbot, model, tmp_path):
    # GIVEN the console on a board, the board's width across its view
    window, console = start_demo(qtbot, model, tmp_path)
    go_to_kind(qtbot, console, "whiteboard")
    view = console.controls.view
    counter = Resizes()
    view.viewport().installEventFilter(counter)
    app = QApplication.instance()
    restless = []
    # WHEN the window takes one size after another, a pixel or two apart
    for width in range(900, 1400, 3):
        for height in (560, 640, 700):
            window.resize(width, height)
            for _ in range(3):
                app.processEvents()
            counter.count = 0
            for _ in range(20):
                app.processEvents()
            # THEN nothing keeps resizing the board once the window has its size
            if counter.count > 2:
                restless.append((width, height, view.viewport().size().toTuple()))
    assert restless == []
    assert view.follows_width and not view.horizontalScrollBar().isVisible()
