"""Guard against the Qt binding that crashes a painting app: PySide6 6.12.0 under Python 3.11
drops a reference to None on every void QPainter call, and the interpreter aborts with
"deallocating None" once they run out (a board of notes gets there in minutes)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


class _Painter(QWidget):
    def paintEvent(self, _event):
        p = QPainter(self)
        for _ in range(200):
            p.setOpacity(0.5)
        p.end()


def test_painting_does_not_leak_references_to_none(qtbot):
    # GIVEN a widget that makes 200 void QPainter calls per paint
    widget = _Painter()
    qtbot.addWidget(widget)
    widget.resize(50, 50)
    widget.grab()
    before = sys.getrefcount(None)
    # WHEN it paints 20 times
    for _ in range(20):
        widget.grab()
    # THEN None keeps its references (the broken binding loses 4,000 here)
    assert before - sys.getrefcount(None) < 100
