"""The one background helper: slow work (exports, imports) runs on Qt's thread pool and its
result or error comes back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, work: Callable[..., Any], signals: _Signals, with_progress: bool):
        super().__init__()
        self.work = work
        self.signals = signals
        self.with_progress = with_progress

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.work(lambda done, total: self.signals.progress.emit(done, total))
            else:
                result = self.work()
        except Exception as error:  # handed to the GUI thread, which shows a sentence
            if not _foreseen(error):  # a bug: its traceback goes to the log (and the crash dialog)
                log.error("a background task failed", exc_info=error)
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


def _foreseen(error: Exception) -> bool:
    """An error the code raises on purpose (a model error's sentence) or a file that could not
    be used: the caller's sentence says all there is to say."""
    return bool(getattr(error, "message", None)) or isinstance(error, OSError)


_alive: set[_Signals] = set()


def run_in_background(
    work: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Run ``work`` off the GUI thread. With ``on_progress``, ``work`` is called with one
    argument, a ``progress(done, total)`` function it may call from its thread."""
    signals = _Signals()
    _alive.add(signals)

    def finish(callback, value):
        _alive.discard(signals)
        callback(value)

    signals.done.connect(lambda result: finish(on_done, result))
    signals.failed.connect(lambda error: finish(on_error, error))
    if on_progress is not None:
        signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Task(work, signals, on_progress is not None))
