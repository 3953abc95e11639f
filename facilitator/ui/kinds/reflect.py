"""Reflect: the question shown large, with its countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from .base import MUTED, Countdown, StageLabel, StageView

KIND = "reflect"


class ReflectStage(StageView):
    shows_timer = True

    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        self.title = StageLabel(step.title, 44, bold=True, color=MUTED)
        self.question = StageLabel(step.prompt or step.title, 76, bold=True)
        self.clock = Countdown(self, 120)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(90, 50, 90, 50)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addStretch(1)
        layout.addWidget(self.clock)


STAGE = ReflectStage
CONTROLS = None
