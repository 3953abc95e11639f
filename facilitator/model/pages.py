"""The page of a step the room sees: a board of 150 notes is shown page by page, and "next" (a
clicker, the keyboard, the phone remote, Enter in `serve`) turns the pages before it moves the
run on. The projector reports how many pages it has; the page lives here so that every way of
pressing "next" turns the same page. Kept in memory only: after a restart the room starts the
step again at its first page."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from . import events
from .events import Event, EventBus


@dataclass(frozen=True)
class PageInfo:
    """Payload of the ``page`` event: the room now sees ``page`` (0-based) of ``pages``."""

    run_id: int
    step_id: int
    page: int
    pages: int


class Pages:
    def __init__(self, bus: EventBus):
        self.bus = bus
        self._lock = threading.Lock()
        self._shown: dict[int, PageInfo] = {}  # run id -> what its room sees

    def report(self, run_id: int, step_id: int, page: int, pages: int) -> None:
        """The projector shows ``page`` of ``pages`` of ``step_id`` (no event: it knows)."""
        pages = max(1, pages)
        with self._lock:
            self._shown[run_id] = PageInfo(run_id, step_id, max(0, min(page, pages - 1)), pages)

    def shown(self, run_id: int, step_id: int) -> PageInfo:
        with self._lock:
            info = self._shown.get(run_id)
        if info is None or info.step_id != step_id:
            return PageInfo(run_id, step_id, 0, 1)
        return info

    def turn(self, run_id: int, step_id: int, delta: int) -> PageInfo | None:
        """Turn ``delta`` pages of ``step_id`` if the room has that page, publishing a ``page``
        event; None when it has not (the run moves on instead)."""
        with self._lock:
            info = self._shown.get(run_id)
            if info is None or info.step_id != step_id:
                return None
            page = info.page + delta
            if not 0 <= page < info.pages:
                return None
            info = self._shown[run_id] = PageInfo(run_id, step_id, page, info.pages)
        self.bus.publish(Event(events.PAGE, run_id, info))
        return info

    def forget(self, run_id: int) -> None:
        """The run moved to another step (or ended)."""
        with self._lock:
            self._shown.pop(run_id, None)
