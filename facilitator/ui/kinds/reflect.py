"""Reflect: the question shown large, with its countdown."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout

from .base import MUTED, StageLabel, StageView, countdown_color, countdown_text

KIND = "reflect"


class ReflectStage(StageView):
    shows_timer = True

    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        self.title = StageLabel(step.title, 44, bold=True, color=MUTED)
        self.question = StageLabel(step.prompt or step.title, 76, bold=True)
        self.clock = StageLabel("", 120, bold=True)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(90, 50, 90, 50)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addStretch(1)
        layout.addWidget(self.clock)
        self.ticker = QTimer(self, interval=250, timeout=self.tick)
        self.ticker.start()
        self.tick()

    def tick(self) -> None:
        if self.run is None:
            left = self.step.timer_seconds
        else:
            left = self.run.timer_left(time.time())
        self.clock.setText(countdown_text(left))
        color = countdown_color(left, self.step.timer_seconds)
        self.clock.setStyleSheet(f"color: {color}; background: transparent;")


STAGE = ReflectStage
CONTROLS = None
