"""The first frame of a video step's film, for the console's preview of the next step. Each film
is grabbed once (a muted QMediaPlayer into a QVideoSink, decoding on the player's own threads,
started a moment after the step changed so it never slows the step change) and kept. A film that
gives no frame in time, cannot be decoded, or cannot load at all is remembered as having none:
the preview then shows the step's question."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QImage

from facilitator.model.records import StepInfo

try:
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink
except ImportError:  # no multimedia: every preview shows the question
    QMediaPlayer = None

GIVE_UP_MS = 5000  # no frame by then: the preview keeps the question
START_AFTER_MS = 150  # let the step change paint before the grab begins
STILL_WIDTH = 640  # the preview is small: keep a small copy


def still_key(step: StepInfo) -> str | None:
    """What a still is kept under: the film's file and its start mark (None without a film)."""
    path = step.media_path("video")
    if path is None:
        return None
    start = float(step.settings.get("start") or 0)
    return f"{Path(path).resolve()}#{start:.3f}"


class FirstFrames(QObject):
    """Grabs and keeps first frames, one film at a time. ``ready`` carries the key of a film
    whose still is now known (an image, or None when it has none)."""

    ready = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stills: dict[str, QImage | None] = {}
        self.waiting: list[tuple[str, Path, int]] = []
        self.current: str | None = None
        self.start_ms = 0  # the start mark of the film being read
        self.player = None
        self.starter = QTimer(self, singleShot=True, interval=START_AFTER_MS, timeout=self._next)
        self.give_up = QTimer(self, singleShot=True, interval=GIVE_UP_MS, timeout=self._none)

    def still(self, step: StepInfo) -> QImage | None:
        """The step's first frame if already grabbed; otherwise None, and the grab is queued."""
        key = still_key(step)
        if key is None:
            return None
        if key in self.stills:
            return self.stills[key]
        if key != self.current and all(key != k for k, _, _ in self.waiting):
            path = step.media_path("video")
            start_ms = int(1000 * float(step.settings.get("start") or 0))
            self.waiting.append((key, path, start_ms))
            if self.current is None and not self.starter.isActive():
                self.starter.start()
        return None

    def known(self, step: StepInfo) -> bool:
        return still_key(step) in self.stills

    def stop(self) -> None:
        """The console closes: drop what is waiting and let go of the film being read."""
        self.waiting.clear()
        self.starter.stop()
        self.give_up.stop()
        self.current = None
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())

    # -- one grab --------------------------------------------------------------------------------
    def _next(self) -> None:
        if self.current is not None or not self.waiting:
            return
        key, path, start_ms = self.waiting.pop(0)
        self.current, self.start_ms = key, start_ms
        if QMediaPlayer is None or not path.is_file():
            self._none()
            return
        if self.player is None:
            self.player = QMediaPlayer(self)  # no audio output: it makes no sound
            self.sink = QVideoSink(self)
            self.player.setVideoSink(self.sink)
            self.sink.videoFrameChanged.connect(self._frame)
            self.player.errorOccurred.connect(self._error)
            self.player.mediaStatusChanged.connect(self._status)
        self.give_up.start()
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.pause()  # paused, the player still hands over the frame it stands on

    def _status(self, status) -> None:
        # a seek only holds once the film has loaded
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self.start_ms:
            self.player.setPosition(self.start_ms)

    def _frame(self, frame) -> None:
        if self.current is None:
            return
        early = self.start_ms and 0 <= frame.startTime() < (self.start_ms - 200) * 1000
        if early:
            return  # a frame from before the start mark, shown while the seek is under way
        image = frame.toImage()
        if image.isNull():
            return
        if image.width() > STILL_WIDTH:
            image = image.scaledToWidth(STILL_WIDTH)
        self._done(image)

    def _error(self, error, *_) -> None:
        if self.current is not None and error != QMediaPlayer.Error.NoError:
            self._none()

    def _none(self) -> None:
        if self.current is not None:
            self._done(None)

    def _done(self, image: QImage | None) -> None:
        key, self.current = self.current, None
        self.give_up.stop()
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())
        self.stills[key] = image
        self.ready.emit(key)
        if self.waiting:
            self.starter.start()
