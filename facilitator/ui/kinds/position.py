"""Position: a picture with everyone's dots arriving live, and a heat view of where the room is."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRadialGradient
from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from .answers import AnswersControls, AnswersStage
from .base import title_and_prompt
from .picture import Picture

KIND = "position"
DOT = QColor("#D55E00")  # Okabe-Ito vermillion: stands out on most pictures


class DotsPicture(Picture):
    """The picture with one dot per participant (x, y in 0..1 of the picture)."""

    def __init__(self, path, parent=None):
        super().__init__(path, parent)
        self.dots: list[tuple[float, float]] = []
        self.heat = False

    def paint_over(self, p: QPainter) -> None:
        area = self.image_rect()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = max(4.0, area.height() / 60)
        points = [
            QPointF(area.x() + x * area.width(), area.y() + y * area.height()) for x, y in self.dots
        ]
        if self.heat:
            spread = radius * 7
            p.setPen(Qt.PenStyle.NoPen)
            for point in points:
                glow = QRadialGradient(point, spread)
                glow.setColorAt(0, QColor(213, 94, 0, 110))
                glow.setColorAt(1, QColor(213, 94, 0, 0))
                p.setBrush(glow)
                p.drawEllipse(point, spread, spread)
            return
        p.setPen(QPen(QColor("white"), max(1.5, radius / 3)))
        p.setBrush(DOT)
        for point in points:
            p.drawEllipse(point, radius, radius)


class PositionStage(AnswersStage):
    """Every dot as it arrives: the room sees where it stands (its results) live, unless the
    facilitator keeps them back."""

    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 56, 34)
        self.picture = DotsPicture(step.media_path("image"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(50, 30, 50, 30)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addWidget(self.picture, 1)
        self.refresh()
        if self.is_live:
            self.options_changed()

    def show_results(self, results: dict, shown: bool) -> None:
        self.picture.dots = [(d["x"], d["y"]) for d in results.get("dots", [])] if shown else []
        self.picture.update()

    def options_changed(self) -> None:
        self.picture.heat = self.live.options.heat
        self.picture.update()


class PositionControls(AnswersControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.bar.setFormat("%v of %m dots placed")
        self.heat = QCheckBox("Heat view (H)")
        self.heat.setChecked(live.options.heat)
        self.heat.toggled.connect(lambda on: live.options.set(heat=on))
        self.extra.addWidget(self.heat)
        self.refresh()

    def key_action(self, key: int) -> bool:
        if key == Qt.Key.Key_H:
            self.heat.toggle()
            return True
        return super().key_action(key)


STAGE = PositionStage
CONTROLS = PositionControls
