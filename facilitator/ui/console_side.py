"""The console's side panel: clocks (wall, elapsed, the step countdown that turns amber then
red and can chime), the attendee count, the join panel with its "put it on the projector" button,
the network's state and the phone remote's QR code (shown here only, never on the projector)."""

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
    QVBoxLayout,
    QWidget,
)

from facilitator.model.records import RunInfo
from facilitator.ui.join_panel import JoinPanel, QrCode
from facilitator.ui.kinds.base import countdown_color, countdown_text, plain_label

try:
    from PySide6.QtMultimedia import QSoundEffect
except ImportError:  # no multimedia: the chime falls back to the system beep
    QSoundEffect = None


plain = plain_label


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


class SidePanel(QWidget):
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
        self.wall = plain("", "font-size: 15px; color: #5A6472")
        self.countdown = plain("", "font-size: 40px; font-weight: bold")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_button = QPushButton("Start timer (T)")
        self.timer_button.clicked.connect(self.timer_requested)
        reset = QPushButton("Reset (Shift+T)")
        reset.clicked.connect(self.timer_reset_requested)
        self.people = plain("", "font-size: 18px; font-weight: bold")
        self.join = JoinPanel(px=34)
        self.join.qr.setFixedSize(170, 170)  # fixed: a squeezed panel never overlaps its text
        self.join.layout().setAlignment(self.join.qr, Qt.AlignmentFlag.AlignHCenter)
        show_join = QPushButton("Put the join slide up (J)")
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
        self.remote = QrCode()
        self.remote.setFixedSize(96, 96)
        self.remote_label = plain(
            "Phone remote: scan to drive the run from your phone. Keep this code to yourself.",
            "color: #5A6472",
        )
        timers = QHBoxLayout()
        timers.addWidget(self.timer_button)
        timers.addWidget(reset)
        clock_box = QGroupBox("Time")
        col = QVBoxLayout(clock_box)
        col.addWidget(self.wall)
        col.addWidget(self.countdown)
        col.addLayout(timers)
        join_box = QGroupBox("Joining")
        col = QVBoxLayout(join_box)
        col.addWidget(self.people)
        col.addWidget(self.join, 1)
        col.addWidget(show_join)
        col.addWidget(self.address_label)
        col.addWidget(self.address_choice)
        col.addWidget(self.network)
        remote_row = QHBoxLayout()
        remote_row.addWidget(self.remote)
        remote_row.addWidget(self.remote_label, 1)
        col.addLayout(remote_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(clock_box)
        layout.addWidget(join_box, 1)
        self.ticker = QTimer(self, interval=250, timeout=self.tick)
        self.ticker.start()

    def set_run(self, run: RunInfo, step_seconds: int | None) -> None:
        if step_seconds != self.step_seconds or run.timer_remaining != (
            self.run.timer_remaining if self.run else None
        ):
            self.chimed = False
        self.run, self.step_seconds = run, step_seconds
        self.timer_button.setText("Pause timer (T)" if run.timer_running else "Start timer (T)")
        self.tick()

    def set_people(self, count: int) -> None:
        self.people.setText(f"{count} attendee{'s' if count != 1 else ''} joined")

    def set_join(self, join_url: str, room_code: str, remote_url: str) -> None:
        self.join.set_join(join_url, room_code)
        self.remote.set_text(remote_url)
        self.remote.setVisible(bool(remote_url))
        self.remote_label.setVisible(bool(remote_url))

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

    def set_network(self, sentence: str) -> None:
        self.network.setText(sentence)
        self.network.setVisible(bool(sentence))

    def tick(self) -> None:
        now = time.time()
        if self.run is None:
            return
        elapsed = int(now - self.run.started_at)
        self.wall.setText(
            f"{time.strftime('%H:%M')}  ·  running for {elapsed // 3600}:{elapsed % 3600 // 60:02d}"
        )
        left = self.run.timer_left(now)
        self.countdown.setText(countdown_text(left) or "No timer on this step")
        color = countdown_color(left, self.step_seconds)
        size = "40px; font-weight: bold" if left is not None else "15px"
        self.countdown.setStyleSheet(f"font-size: {size}; color: {color}")
        if left is not None and left <= 0 and self.run.timer_running and not self.chimed:
            self.chimed = True
            if self.settings.chime:
                self.chime.ring()
