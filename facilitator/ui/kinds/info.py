"""The information slide: title, text and an optional picture; with ``show_join`` it is the join
slide (QR code, address, room code)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from facilitator.ui.join_panel import JoinPanel

from .base import StageView, title_and_prompt
from .picture import Picture

KIND = "info"


class InfoStage(StageView):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 80, 44)
        text = QVBoxLayout()
        text.addStretch(1)
        text.addWidget(title)
        text.addSpacing(24)
        text.addWidget(prompt)
        text.addStretch(2)
        row = QHBoxLayout(self)
        row.setContentsMargins(60, 40, 60, 40)
        row.addLayout(text, 3)
        self.join = None
        if step.settings.get("show_join"):
            self.join = JoinPanel(px=40)
            self.join.set_join(self.join_url, self.room_code)
            row.addWidget(self.join, 2)
        elif step.settings.get("image"):
            row.addWidget(Picture(step.media_path("image")), 3)

    def set_join(self, join_url: str, room_code: str) -> None:
        if self.join is not None:
            self.join.set_join(join_url, room_code)


STAGE = InfoStage
CONTROLS = None
