"""What every kind's stage and console controls build on: text that scales with the screen, the
live context (model, event bridge, shared board scenes and player) and the common look."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QWidget

from facilitator.model.events import Event
from facilitator.model.records import RunInfo, StepInfo

if TYPE_CHECKING:
    from facilitator.model.service import Model
    from facilitator.ui.bridge import EventBridge

# The projector's look: dark text on a warm white reads best in a lit room.
STAGE_BG = QColor("#FAF8F2")
INK = "#1B2A41"
MUTED = "#5A6472"
ACCENT = "#0B6E69"
REFERENCE_HEIGHT = 1080  # sizes below are pixels on a 1080-line projector


class StageLabel(QLabel):
    """Plain text (never markup) whose size follows the stage: ``px`` is its size at 1080 lines."""

    def __init__(self, text: str = "", px: int = 40, *, bold=False, color=INK, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.px = px
        self.bold = bold
        self.setStyleSheet(f"color: {color}; background: transparent;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)
        self.rescale(0.5)

    def rescale(self, unit: float) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(7, round(self.px * unit)))
        font.setBold(self.bold)
        self.setFont(font)


def scale_layout(layout: QLayout, unit: float) -> None:
    """Margins and spacing of ``layout`` at ``unit`` times their size at 1080 lines (the
    sizes it was built with, remembered on first use)."""
    base = layout.property("reference_box")
    if base is None:
        m = layout.contentsMargins()
        base = [m.left(), m.top(), m.right(), m.bottom(), layout.spacing()]
        layout.setProperty("reference_box", base)
    left, top, right, bottom = (round(v * unit) for v in base[:4])
    layout.setContentsMargins(left, top, right, bottom)
    if base[4] >= 0:  # -1: the layout has no spacing of its own
        layout.setSpacing(round(base[4] * unit))


def plain_label(text: str = "", style: str = "") -> QLabel:
    """A console label that never reads markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class ViewOptions(QObject):
    """How the room sees the current step, shared by every view of it (console and projector):
    the heat view of a position step, the top-N filter of a board. (Whether a step's results
    are shown is the run's, in the model: the remote changes it too.)"""

    changed = Signal()
    room_view_changed = Signal()  # what the room sees of a board: its view, page, pages

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heat = False
        self.top_n: int | None = None
        self.show_prompt = False  # a video stage shows its question instead of the film
        self.board_mode: str | None = None  # how the room sees a board (see board_projector)
        self.board_unit: tuple | None = None  # the group or zone opened large
        self.page = 0  # the page of a board the room sees
        self.room_view: tuple[str, int, int] = ("", 0, 1)  # as the projector reports it

    def report_room_view(self, view: str, page: int, pages: int) -> None:
        """The projector's board says what it shows (for the console's controls)."""
        if self.room_view != (view, page, pages):
            self.room_view = (view, page, pages)
            self.room_view_changed.emit()

    def set(self, **values) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self.changed.emit()

    def reset(self) -> None:
        self.set(
            heat=False,
            top_n=None,
            show_prompt=False,
            board_mode=None,
            board_unit=None,
            page=0,
        )


@dataclass
class StageLive:
    """What a stage needs to show a run live. The console builds one and hands the same object
    to its small stage and to the projector's, so both show one board scene and one player."""

    model: Model
    bridge: EventBridge
    options: ViewOptions = field(default_factory=ViewOptions)
    boards: object = None  # facilitator.ui.board.BoardStore
    player: object = None  # facilitator.ui.video.VideoPlayer, or None without QtMultimedia


class StageView(QWidget):
    """One kind's projector view. ``live`` is None in a preview (the editor, the next step)."""

    def __init__(
        self,
        step: StepInfo,
        run: RunInfo | None,
        live: StageLive | None,
        parent=None,
        *,
        join_url: str = "",
        room_code: str = "",
    ):
        super().__init__(parent)
        self.step = step
        self.run = run
        self.live = live
        self.join_url = join_url
        self.room_code = room_code
        self.unit = 0.5
        if live is not None and run is not None:
            live.bridge.event_received.connect(self._event)
            live.options.changed.connect(self.options_changed)

    @property
    def is_live(self) -> bool:
        return self.live is not None and self.run is not None

    def _event(self, event: Event) -> None:
        if self.run is not None and event.run_id == self.run.id:
            self.on_event(event)

    def on_event(self, event: Event) -> None:
        """A model event of this run arrived (on the GUI thread)."""

    def options_changed(self) -> None:
        """The shared view options changed."""

    def run_changed(self, run: RunInfo) -> None:
        """The run's black screen or timer changed."""
        self.run = run

    def set_join(self, join_url: str, room_code: str) -> None:
        """The join address changed; views that show it (the info slide's) follow."""

    def set_still(self, image) -> None:
        """A picture standing for the step in a preview (a video's first frame); most kinds
        have none."""

    #: True when the view shows the countdown itself (the stage then hides its corner clock).
    shows_timer = False

    def rescale(self, unit: float) -> None:
        """The stage changed size; ``unit`` is its height over 1080 lines. Text and the
        layouts' margins and spacing (given at 1080 lines) scale alike, so a small projector
        window breaks lines where a full screen does, instead of running out of room."""
        self.unit = unit
        for label in self.findChildren(StageLabel):
            label.rescale(unit)
        layouts = [self.layout(), *self.findChildren(QLayout)]
        for layout in {id(x): x for x in layouts if x is not None}.values():
            scale_layout(layout, unit)

    def detach(self) -> None:
        """The stage moves on: drop connections to live objects."""
        if self.live is not None and self.run is not None:
            try:
                self.live.bridge.event_received.disconnect(self._event)
                self.live.options.changed.disconnect(self.options_changed)
            except (RuntimeError, TypeError):
                pass


class KindControls(QWidget):
    """One kind's controls on the console, for the current step of a live run."""

    def __init__(self, step: StepInfo, run: RunInfo, live: StageLive, parent=None):
        super().__init__(parent)
        self.step = step
        self.run = run
        self.live = live
        live.bridge.event_received.connect(self._event)

    def _event(self, event: Event) -> None:
        if event.run_id == self.run.id:
            self.on_event(event)

    def on_event(self, event: Event) -> None:
        """A model event of this run arrived."""

    def detach(self) -> None:
        try:
            self.live.bridge.event_received.disconnect(self._event)
        except (RuntimeError, TypeError):
            pass


def countdown_text(left: float | None) -> str:
    """``4:05``, or ``-0:12`` once overrun; empty without a timer."""
    if left is None:
        return ""
    sign = "-" if left < 0 else ""
    whole = int(abs(left) + (0.999 if left > 0 else 0))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def room_countdown_text(left: float | None) -> str:
    """What the room sees: ``4:05`` while there is time, then a calm ``Time`` (never a negative
    clock); empty without a timer."""
    if left is None:
        return ""
    return countdown_text(left) if left > 0 else "Time"


def console_countdown_text(left: float | None) -> str:
    """What the facilitator sees: ``4:05``, ``0:00``, then the overrun, ``-1:12 over``."""
    if left is None or left > -1:
        return countdown_text(None if left is None else max(0.0, left))
    return f"{countdown_text(left)} over"


def countdown_color(left: float | None, total: float | None) -> str:
    """Ink while there is time; amber in the last minute (or last fifth); red once overrun."""
    if left is None:
        return INK
    if left <= 0:
        return "#B3261E"
    near = min(60.0, 0.2 * total) if total else 60.0
    return "#B86E00" if left <= near else INK


def room_countdown_color(left: float | None, total: float | None) -> str:
    """As :func:`countdown_color` while there is time; the calm accent once it is up (red is
    for the facilitator's console, not the room)."""
    return ACCENT if left is not None and left <= 0 else countdown_color(left, total)


class Countdown(StageLabel):
    """The step's countdown as the room sees it, ticking by itself; amber near the end, then a
    calm "Time" (:func:`room_countdown_text`)."""

    def __init__(self, view: StageView, px: int):
        # a child of its view from the start: shown without a parent it would open a window of
        # its own for a moment, and take the keyboard from the console
        super().__init__("", px, bold=True, parent=view)
        self.view = view
        self.setWordWrap(False)
        self.ticker = QTimer(self, interval=250, timeout=self.tick)
        self.ticker.start()
        self.tick()

    def tick(self) -> None:
        run, step = self.view.run, self.view.step
        left = run.timer_left(time.time()) if run is not None else step.timer_seconds
        self.setText(room_countdown_text(left))
        color = room_countdown_color(left, step.timer_seconds)
        self.setStyleSheet(f"color: {color}; background: transparent;")


def title_and_prompt(step: StepInfo, title_px=72, prompt_px=44) -> tuple[StageLabel, StageLabel]:
    title = StageLabel(step.title, title_px, bold=True)
    prompt = StageLabel(step.prompt, prompt_px, color=INK)
    if not step.prompt:  # never setVisible(True) here: without a parent it would open a window
        prompt.hide()
    return title, prompt
