"""The console's side panel: clocks (wall, how long the run has been going, the step countdown
that turns amber, chimes, then shows the overrun in red for the facilitator only), the attendee
count, the join panel with its "put it on the projector" button, the network's state and the
phone remote's QR code (shown here only, on demand, never on the projector)."""

from __future__ import annotations

import math
import struct
import tempfile
import time
import wave
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.model.records import RunInfo
from facilitator.ui.join_panel import JoinPanel, QrCode
from facilitator.ui.kinds.base import console_countdown_text, countdown_color, plain_label

try:
    from PySide6.QtMultimedia import QSoundEffect
except ImportError:  # no multimedia: the chime falls back to the system beep
    QSoundEffect = None


plain = plain_label
JOIN_QR_PX = 150  # the join code on the console (the projector's join slide has the big one)
REMOTE_QR_PX = 180  # the remote's code: a phone camera reads it at arm's length


def running_text(seconds: float) -> str:
    """How long the run has been going, in words a glance reads: ``running for 7 min``,
    ``running for 1 h 05 min``."""
    minutes = max(0, int(seconds)) // 60
    if minutes < 60:
        return f"running for {minutes} min"
    return f"running for {minutes // 60} h {minutes % 60:02d} min"


def _chime_file() -> Path:
    """A short two-note chime, written once to the temporary folder."""
    path = Path(tempfile.gettempdir()) / "facilitator-chime.wav"
    if not path.exists():
        rate, frames = 22050, bytearray()
        for freq, length in ((880, 0.18), (660, 0.32)):
            for i in range(int(rate * length)):
                fade = min(1.0, (rate * length - i) / (rate * 0.08))
                value = 0.4 * fade * math.sin(2 * math.pi * freq * i / rate)
                frames += struct.pack("<h", int(value * 32767))
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(bytes(frames))
    return path


class Chime:
    """The end-of-countdown chime, loaded when first rung."""

    def __init__(self):
        self.effect = None
        self.loaded = False

    def _load(self) -> None:
        self.loaded = True
        if QSoundEffect is not None:
            try:
                self.effect = QSoundEffect()
                self.effect.setSource(QUrl.fromLocalFile(str(_chime_file())))
            except OSError:
                self.effect = None

    def ring(self) -> None:
        if not self.loaded:
            self._load()
        if self.effect is not None:
            self.effect.play()
        else:
            QApplication.beep()


class RemoteCode(QWidget):
    """The phone remote's QR code, on the console only and only on demand ("Show my remote
    code"), large enough to scan; "Hide my remote code" puts it away. The projector never
    shows it: anyone who scans it can drive the run."""

    shown_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.url = ""
        self.toggle = QPushButton("Show my remote code")
        self.toggle.setToolTip("A QR code for your phone, to drive the run from the room")
        self.toggle.clicked.connect(lambda: self.set_shown(self.qr.isHidden()))
        self.qr = QrCode()
        self.qr.setFixedSize(REMOTE_QR_PX, REMOTE_QR_PX)
        self.qr.hide()
        self.label = plain(
            "Scan with your phone to drive the run from anywhere in the room. "
            "Keep this code to yourself.",
            "color: #5A6472",
        )
        self.label.hide()
        self.private = True  # False while the room may be seeing this screen
        self.why = plain("", "color: #8A5A00")
        self.why.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.label)
        layout.addWidget(self.why)

    @property
    def shown(self) -> bool:
        return not self.qr.isHidden()

    def set_url(self, url: str) -> None:
        """The remote's address; without one (no phone server) there is nothing to show."""
        if url != self.url:
            self.url = url
            self.qr.set_text(url)
        self.setVisible(bool(url))
        if not url:
            self.set_shown(False)

    def set_private(self, private: bool, why: str = "") -> None:
        """``private`` False while the room may see this screen (one screen): the code is put
        away and cannot be shown, and ``why`` says so in its place."""
        self.private = private
        if not private:
            self.set_shown(False)
        self.toggle.setEnabled(private)
        self.why.setText("" if private else why)
        self.why.setVisible(not private and bool(why))

    def set_shown(self, shown: bool) -> None:
        shown = bool(shown and self.url and self.private)
        self.qr.setVisible(shown)
        self.label.setVisible(shown)
        self.toggle.setText("Hide my remote code" if shown else "Show my remote code")
        self.shown_changed.emit(shown)


class SidePanel(QWidget):
    """The clocks, who has joined and how, the network's state and the remote's code."""

    join_slide_requested = Signal()
    address_chosen = Signal(str)  # the laptop address phones are to use
    timer_requested = Signal()
    timer_reset_requested = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.run: RunInfo | None = None
        self.step_seconds: int | None = None
        self.chimed = False
        self.chime = Chime()
        self.remote = RemoteCode()
        self.remote.shown_changed.connect(self._remote_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._clock_box())
        layout.addWidget(self._join_box(), 1)
        self.ticker = QTimer(self, interval=250, timeout=self.tick)
        self.ticker.start()

    def _clock_box(self) -> QGroupBox:
        self.wall = plain("", "font-size: 15px; color: #5A6472")
        self.countdown = plain("", "font-size: 40px; font-weight: bold")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_button = QPushButton("Start timer (T)")
        self.timer_button.clicked.connect(self.timer_requested)
        self.reset_button = reset = QPushButton("Reset (Shift+T)")
        reset.clicked.connect(self.timer_reset_requested)
        timers = QHBoxLayout()
        timers.addWidget(self.timer_button)
        timers.addWidget(reset)
        box = QGroupBox("Time")
        col = QVBoxLayout(box)
        col.addWidget(self.wall)
        col.addWidget(self.countdown)
        col.addLayout(timers)
        return box

    def _join_box(self) -> QGroupBox:
        self.people = plain("", "font-size: 18px; font-weight: bold")
        self.join = JoinPanel(px=34)
        self.join.qr.setFixedSize(JOIN_QR_PX, JOIN_QR_PX)  # fixed: never squeezed over its text
        self.join.layout().setAlignment(self.join.qr, Qt.AlignmentFlag.AlignHCenter)
        self.show_join = show_join = QPushButton("Put the join slide up (J)")
        show_join.clicked.connect(self.join_slide_requested)
        self.network = plain("", "color: #5A6472")
        self.address_label = plain("Phones use this address of the laptop:")
        self.address_choice = QComboBox()
        self.address_choice.setToolTip(
            "This laptop is on several networks: choose the one the phones are on"
        )
        self.address_choice.activated.connect(
            lambda i: self.address_chosen.emit(self.address_choice.itemText(i))
        )
        self._addresses: tuple[str, ...] = ()
        self.address_label.hide()
        self.address_choice.hide()
        box = QGroupBox("Joining")
        col = QVBoxLayout(box)
        for widget in (self.people, self.join, show_join, self.remote):
            col.addWidget(widget)
        for widget in (self.address_label, self.address_choice, self.network):
            col.addWidget(widget)
        col.addStretch(1)
        return box

    def _remote_shown(self, shown: bool) -> None:
        """Scroll the panel (on a short screen) so the code just shown is in view."""
        area = self.parentWidget().parentWidget() if self.parentWidget() else None
        if shown and isinstance(area, QScrollArea):
            QTimer.singleShot(0, lambda: area.ensureWidgetVisible(self.remote, 0, 8))

    def set_run(self, run: RunInfo, step_seconds: int | None) -> None:
        if step_seconds != self.step_seconds or run.timer_remaining != (
            self.run.timer_remaining if self.run else None
        ):
            self.chimed = False
        self.run, self.step_seconds = run, step_seconds
        self.timer_button.setText("Pause timer (T)" if run.timer_running else "Start timer (T)")
        self.tick()

    def set_finished(self) -> None:
        """A finished run: nobody joins or times anything any more; the count stays."""
        timers = (self.timer_button, self.reset_button)
        joining = (self.join, self.show_join, self.remote, self.address_label, self.address_choice)
        for widget in (*timers, *joining, self.network):
            widget.hide()

    def set_people(self, count: int) -> None:
        self.people.setText(f"{count} attendee{'s' if count != 1 else ''} joined")

    def set_join(self, join_url: str, room_code: str, remote_url: str) -> None:
        self.join.set_join(join_url, room_code)
        self.remote.set_url(remote_url)

    def set_addresses(self, addresses: tuple[str, ...], current: str) -> None:
        """Offer the laptop's addresses when it has several (``current`` is the one in use)."""
        addresses = tuple(addresses)
        if current and current not in addresses:
            addresses = (current, *addresses)
        if addresses != self._addresses:
            self._addresses = addresses
            self.address_choice.clear()
            self.address_choice.addItems(list(addresses))
        self.address_choice.setCurrentIndex(max(0, self.address_choice.findText(current)))
        several = len(addresses) > 1
        self.address_label.setVisible(several)
        self.address_choice.setVisible(several)

    def set_network(self, sentence: str, *, warning: bool = False) -> None:
        """The network's state; ``warning``: phones are kept out, in red to be seen."""
        self.network.setText(sentence)
        self.network.setStyleSheet(f"color: {'#B3261E' if warning else '#5A6472'}")
        self.network.setVisible(bool(sentence))

    def tick(self) -> None:
        now = time.time()
        if self.run is None:
            return
        ran = running_text((self.run.ended_at or now) - self.run.started_at)
        if self.run.ended:
            ran = f"finished, {ran.replace('running', 'ran')}"
        self.wall.setText(f"{time.strftime('%H:%M')}  ·  {ran}")
        left = self.run.timer_left(now)
        self.countdown.setText(console_countdown_text(left) or "No timer on this step")
        color = countdown_color(left, self.step_seconds)
        size = "40px; font-weight: bold" if left is not None else "15px"
        self.countdown.setStyleSheet(f"font-size: {size}; color: {color}")
        if left is not None and left <= 0 and self.run.timer_running and not self.chimed:
            self.chimed = True
            if self.settings.chime:
                self.chime.ring()
