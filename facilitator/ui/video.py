"""The video of a video step: one player per run (QMediaPlayer into a QVideoSink), drawn by any
number of surfaces (the projector and the console's small stage), driven from the console.

Two failures are caught and turned into a sentence with "Open in the system player": an error
from the player (e.g. a file that is not a video gives FormatError) and a film that plays to its
end without a single frame (what an AV1 clip does where no AV1 decoder exists). Without the
QtMultimedia module the app still works: every video step shows that message instead."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from facilitator.model.records import StepInfo
from facilitator.ui.kinds.base import plain_label

log = logging.getLogger(__name__)

try:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink
except ImportError as error:  # the app runs on; video steps explain themselves
    QMediaPlayer = None
    MULTIMEDIA_PROBLEM = f"Video cannot play here: the multimedia module did not load ({error})."
else:
    MULTIMEDIA_PROBLEM = ""

NO_FRAME_AFTER_MS = 4000  # playing this long past the start with no frame: undecodable


def open_in_system_player(path: Path | None) -> bool:
    """Hand the film to the computer's own player."""
    if path is None or not Path(path).exists():
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class VideoPlayer(QObject):
    """Plays one step's film between its start and end marks. ``problem`` is a sentence once
    the film cannot play."""

    frame_changed = Signal()
    state_changed = Signal()
    failed = Signal(str)
    finished = Signal()

    def __init__(self, parent=None, *, muted: bool = False):
        super().__init__(parent)
        self.step: StepInfo | None = None
        self.frame = QImage()
        self.frames_seen = 0
        self.problem = MULTIMEDIA_PROBLEM
        self.ended = False
        self.player = None
        if QMediaPlayer is None:
            return
        self.player = QMediaPlayer(self)
        self.sink = QVideoSink(self)
        self.audio = QAudioOutput(self)
        self.audio.setMuted(muted)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self.player.errorOccurred.connect(self._error)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(lambda *_: self.state_changed.emit())
        self.watchdog = QTimer(self, singleShot=True, timeout=self._no_frame)

    # -- the film ------------------------------------------------------------------------------
    @property
    def start_ms(self) -> int:
        return int(1000 * float(self.step.settings.get("start") or 0)) if self.step else 0

    @property
    def end_ms(self) -> int | None:
        end = self.step.settings.get("end") if self.step else None
        return int(1000 * float(end)) if end else None

    @property
    def path(self) -> Path | None:
        return self.step.media_path("video") if self.step else None

    def load(self, step: StepInfo) -> None:
        """Get ready to play ``step``'s film (paused on its first frame)."""
        self.step, self.frames_seen, self.ended = step, 0, False
        self.frame = QImage()
        if self.player is None:
            self.failed.emit(self.problem)
            return
        self.problem = ""
        path = self.path
        if path is None or not path.is_file():
            self._fail(f"The film file is missing: {path.name if path else 'none chosen'}.")
            return
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.setPosition(self.start_ms)
        self.player.pause()
        self.frame_changed.emit()

    def play(self) -> None:
        if self.player is None or self.problem:
            return
        if self.ended:
            self.ended = False
            self.player.setPosition(self.start_ms)
        self.player.play()
        self.watchdog.start(NO_FRAME_AFTER_MS)

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def seek(self, ms: int) -> None:
        if self.player is not None and not self.problem:
            self.ended = False
            self.player.setPosition(max(self.start_ms, ms))

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.watchdog.stop()

    @property
    def playing(self) -> bool:
        return (
            self.player is not None
            and self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    @property
    def position(self) -> int:
        return self.player.position() if self.player is not None else 0

    @property
    def duration(self) -> int:
        return self.player.duration() if self.player is not None else 0

    # -- what the player tells us --------------------------------------------------------------
    def _frame(self, frame) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self.frames_seen += 1
        self.frame = image
        self.watchdog.stop()
        self.frame_changed.emit()

    def _position(self, ms: int) -> None:
        end = self.end_ms
        if end is not None and ms >= end and self.playing:
            self.player.pause()
            self._ended()

    def _status(self, status) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            # a seek before the film has loaded is lost: go to the start mark now
            if self.start_ms and self.player.position() < self.start_ms:
                self.player.setPosition(self.start_ms)
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            if self.frames_seen == 0:
                self._no_frame()
            else:
                self._ended()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and not self.problem:
            self._fail("This file is not a film this computer can play.")

    def _error(self, error, text: str = "") -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        if error == QMediaPlayer.Error.FormatError:
            self._fail("This file is not a film this computer can play (unsupported format).")
        else:
            self._fail(f"The film could not be played: {text or error.name}.")

    def _no_frame(self) -> None:
        if self.frames_seen == 0 and self.step is not None and not self.problem:
            self._fail(
                "No picture came out of this film: this computer cannot decode its video format."
            )

    def _ended(self) -> None:
        self.ended = True
        self.finished.emit()

    def _fail(self, sentence: str) -> None:
        log.info("video %s: %s", self.path, sentence)
        self.problem = sentence
        if self.player is not None:
            self.player.stop()
            self.watchdog.stop()
        self.failed.emit(sentence)
        self.frame_changed.emit()


class VideoSurface(QWidget):
    """Draws the shared player's current frame, fitted on black; or the problem, in words."""

    finished = Signal()

    def __init__(self, step: StepInfo, player: VideoPlayer | None, parent=None):
        super().__init__(parent)
        self.step = step
        self.player = player
        self.still = QImage()  # a preview's picture of the film (its first frame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if player is not None:
            player.frame_changed.connect(self.update)
            player.finished.connect(self.finished)

    @property
    def done(self) -> bool:
        return self.player is not None and self.player.ended and not self.player.playing

    @property
    def has_frame(self) -> bool:
        return self.player is not None and not self.player.frame.isNull()

    def detach(self) -> None:
        if self.player is not None:
            try:
                self.player.frame_changed.disconnect(self.update)
                self.player.finished.disconnect(self.finished)
            except (RuntimeError, TypeError):
                pass

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.black)
        player = self.player
        if (
            player is not None
            and player.step is self.step
            or (player is not None and player.step is not None and player.step.id == self.step.id)
        ):
            if player.problem:
                self._words(p, player.problem)
            elif not player.frame.isNull():
                self._image(p, player.frame)
        elif player is None and not self.still.isNull():
            self._image(p, self.still)
        elif player is None and MULTIMEDIA_PROBLEM:
            self._words(p, MULTIMEDIA_PROBLEM)
        p.end()

    def _image(self, p: QPainter, image: QImage) -> None:
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(QRectF(x, y, size.width(), size.height()), image)

    def _words(self, p: QPainter, text: str) -> None:
        font = p.font()
        font.setPixelSize(max(12, self.height() // 22))
        p.setFont(font)
        p.setPen(Qt.GlobalColor.white)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        p.drawText(self.rect().adjusted(40, 40, -40, -40), flags, text)


def clock(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 60}:{s % 60:02d}"


class VideoControls(QWidget):
    """The console's controls of the film: play/pause (P), seek, show the question (Q), and
    "Open in the system player" when it cannot play here."""

    def __init__(self, step, run, live, parent=None):
        super().__init__(parent)
        self.step, self.run, self.live = step, run, live
        self.player: VideoPlayer | None = live.player
        self.play = QPushButton("Play (P)")
        self.play.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.sliderMoved.connect(lambda v: self.player and self.player.seek(v))
        self.time = plain_label("0:00")
        self.question = QCheckBox("Show the question (Q)")
        self.question.setChecked(live.options.show_prompt)
        self.question.toggled.connect(lambda on: live.options.set(show_prompt=on))
        self.system = QPushButton("Open in the system player")
        self.system.clicked.connect(lambda: open_in_system_player(step.media_path("video")))
        self.problem = plain_label()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B3261E; font-weight: bold")
        row = QHBoxLayout()
        for widget in (self.play, self.slider, self.time, self.question, self.system):
            row.addWidget(widget, 1 if widget is self.slider else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.ticker = QTimer(self, interval=250, timeout=self.refresh)
        if self.player is not None:
            self.player.state_changed.connect(self.refresh)
            self.player.failed.connect(lambda _: self.refresh())
            if self.player.step is None or self.player.step.id != step.id:
                self.player.load(step)
            self.ticker.start()
        self.refresh()

    def toggle(self) -> None:
        if self.player is not None:
            self.player.toggle()
            if self.player.playing:
                self.live.options.set(show_prompt=False)
                self.question.setChecked(False)

    def refresh(self) -> None:
        player = self.player
        problem = MULTIMEDIA_PROBLEM if player is None else player.problem
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.play.setEnabled(not problem)
        self.slider.setEnabled(not problem)
        if player is None or problem:
            return
        self.play.setText("Pause (P)" if player.playing else "Play (P)")
        end = player.end_ms or player.duration
        self.slider.setRange(player.start_ms, max(player.start_ms, end))
        if not self.slider.isSliderDown():
            self.slider.setValue(player.position)
        self.time.setText(
            f"{clock(player.position - player.start_ms)} / {clock(end - player.start_ms)}"
        )

    def on_event(self, event) -> None:
        """Video has no model events of its own."""

    def key_action(self, key: int) -> bool:
        if key == Qt.Key.Key_P:
            self.toggle()
            return True
        if key == Qt.Key.Key_Q:
            self.question.toggle()
            return True
        return False

    def detach(self) -> None:
        self.ticker.stop()
        if self.player is not None:
            self.player.pause()
            try:
                self.player.state_changed.disconnect(self.refresh)
            except (RuntimeError, TypeError):
                pass
