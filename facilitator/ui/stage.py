"""THE stage: what the projector shows. The same class fills the presenter window (the console
draws that very stage small, see stage_mirror) and shows the next step and the editor's preview,
as OpenLP's display doubles as its preview.

The stage hosts one per-kind view (facilitator.ui.kinds), a corner countdown, the join slide
that can be put up over any step, and the black screen.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.model import events
from facilitator.model.records import RunInfo, StepInfo
from facilitator.ui import kinds
from facilitator.ui.join_panel import JoinPanel
from facilitator.ui.kinds.base import (
    REFERENCE_HEIGHT,
    STAGE_BG,
    StageLabel,
    StageLive,
    StageView,
    room_countdown_color,
    room_countdown_text,
)


class JoinSlide(QWidget):
    """The join slide over any step: a heading, the QR code, the address and the room code."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), STAGE_BG)
        self.setPalette(palette)
        self.heading = StageLabel("Join on your phone", 72, bold=True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.hint = StageLabel("Scan the code with your camera, or type the address.", 36)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.panel = JoinPanel(px=52)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.panel, 1)


class Blackout(QWidget):
    """The black screen (the console's preview says that it is black)."""

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.black)
        p.end()


class Stage(QWidget):
    """What the room sees. ``live`` carries the model and the event bridge during a run; without
    it (or with ``run`` None in :meth:`show_step`) the stage is a preview without live data.
    The console shows the presenter window's stage small (see stage_mirror)."""

    def __init__(self, parent=None, *, live: StageLive | None = None):
        super().__init__(parent)
        self.live = live
        self.view: StageView | None = None
        self.step: StepInfo | None = None
        self.run: RunInfo | None = None
        self.unit = 0.5
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.clock = StageLabel("", 56, bold=True, parent=self)
        self.clock.setWordWrap(False)
        self.join_slide = JoinSlide(self)
        self.join_slide.hide()
        self.blackout = Blackout(self)
        self.blackout.hide()
        self.ticker = QTimer(self, interval=250, timeout=self._tick)
        if live is not None:
            live.bridge.event_received.connect(self._event)

    # -- what to show --------------------------------------------------------------------------
    def show_step(
        self, step: StepInfo, *, run: RunInfo | None = None, join_url: str = "", room_code=""
    ) -> None:
        """Show ``step``; with ``run`` (and a live stage) its live notes, dots and answers."""
        if self.view is not None:
            self.view.detach()
            self.view.hide()
            self.view.deleteLater()
        self.step, self.run = step, run
        live = self.live if run is not None else None
        view_class = kinds.get(step.kind).stage
        self.view = view_class(step, run, live, self, join_url=join_url, room_code=room_code)
        self._layout.addWidget(self.view)
        self.join_slide.panel.set_join(join_url, room_code)
        self._apply_run()
        self._relayout()

    def set_run(self, run: RunInfo) -> None:
        """The run changed (black screen, timer) without changing step."""
        self.run = run
        if self.view is not None:
            self.view.run_changed(run)
        self._apply_run()

    def set_join(self, join_url: str, room_code: str) -> None:
        """The join address changed (the facilitator chose another of the laptop's addresses)."""
        self.join_slide.panel.set_join(join_url, room_code)
        if self.view is not None:
            self.view.join_url, self.view.room_code = join_url, room_code
            self.view.set_join(join_url, room_code)

    def set_join_visible(self, visible: bool) -> None:
        """Put the join slide up over the current step (or take it down)."""
        self.join_slide.setVisible(visible)
        self._stack()

    @property
    def join_visible(self) -> bool:
        return not self.join_slide.isHidden()

    @property
    def black(self) -> bool:
        return not self.blackout.isHidden()

    def set_black(self, black: bool) -> None:
        self.blackout.setVisible(black)
        self._stack()

    # -- inside --------------------------------------------------------------------------------
    def _event(self, event) -> None:
        if self.run is None or event.run_id != self.run.id:
            return
        if event.type in (events.RUN_CHANGED, events.RUN_ENDED):
            self.set_run(event.payload)

    def _apply_run(self) -> None:
        run = self.run
        self.set_black(bool(run and run.black))
        has_timer = self.step is not None and (
            self.step.timer_seconds or (run is not None and run.timer_remaining is not None)
        )
        self.clock.setVisible(bool(has_timer) and not (self.view and self.view.shows_timer))
        if self.clock.isVisible():
            self.ticker.start()
        else:
            self.ticker.stop()
        self._tick()

    def _tick(self) -> None:
        if self.step is None or not self.clock.isVisible():
            return
        left = self.run.timer_left(time.time()) if self.run else self.step.timer_seconds
        self.clock.setText(room_countdown_text(left))
        color = room_countdown_color(left, self.step.timer_seconds)
        self.clock.setStyleSheet(f"color: {color}; background: transparent;")
        self._place_clock()

    def _place_clock(self) -> None:
        self.clock.adjustSize()
        margin = round(24 * self.unit)
        self.clock.move(self.width() - self.clock.width() - margin, margin)

    def _stack(self) -> None:
        self.clock.raise_()
        self.join_slide.raise_()
        self.blackout.raise_()

    def _relayout(self) -> None:
        self.unit = max(0.15, min(self.height() / REFERENCE_HEIGHT, self.width() / 1920))
        if self.view is not None:
            self.view.rescale(self.unit)
        for label in (self.clock, *self.join_slide.findChildren(StageLabel)):
            label.rescale(self.unit)
        self.join_slide.setGeometry(self.rect())
        self.blackout.setGeometry(self.rect())
        self._place_clock()
        self._stack()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), STAGE_BG)
        p.end()
