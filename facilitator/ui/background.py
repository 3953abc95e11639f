"""The one background helper: slow work (exports, imports) runs on Qt's thread pool and its
result or error comes back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


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
