"""What wakes the facilitator's remote: its own short list of listeners, apart from the phones'
hub, so that nothing the remote sees (hidden notes, counts) is ever queued for a phone.

A change on the model's bus (any thread) that the remote shows (the run, its step, a step's
state, who joined, the notes) wakes every open remote stream on the server's loop; each stream
then reads the remote's state once and sends it. Changes that arrive together wake it once.
"""

from __future__ import annotations

import asyncio
import threading

from facilitator.model import events

# The bus events that change what the remote shows.
SHOWN = frozenset(
    {
        events.STEP,
        events.RUN_CHANGED,
        events.RUN_ENDED,
        events.STEP_STATE,
        events.PARTICIPANT_JOINED,
        events.NOTE_ADDED,
        events.NOTE_CHANGED,
        events.NOTE_DELETED,
        events.NOTES_CHANGED,
    }
)


class Listener:
    """One open remote stream: ``changed`` is set when there is something new to send."""

    def __init__(self) -> None:
        self.changed = asyncio.Event()
        self.closed = False

    async def wait(self, timeout: float) -> bool:
        """True when woken by a change within ``timeout`` seconds (and ready for the next)."""
        try:
            await asyncio.wait_for(self.changed.wait(), timeout)
        except TimeoutError:
            return False
        self.changed.clear()
        return True


class RemoteFeed:
    """The remote streams of one run. Subscribes to the bus while at least one is open."""

    def __init__(self) -> None:
        self.listeners: set[Listener] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._run_id: int | None = None
        self._unsubscribe = None
        self._lock = threading.Lock()
        self._woken = False

    # -- on the loop ---------------------------------------------------------------------------
    def listen(self, bus, run_id: int) -> Listener:
        listener = Listener()
        self.listeners.add(listener)
        if self._unsubscribe is None:
            self._loop, self._run_id = asyncio.get_running_loop(), run_id
            self._unsubscribe = bus.subscribe(self._on_bus_event)
        return listener

    def leave(self, listener: Listener) -> None:
        self.listeners.discard(listener)
        if not self.listeners and self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def close_all(self) -> None:
        """End every remote stream (the server is stopping)."""
        for listener in list(self.listeners):
            listener.closed = True
            listener.changed.set()
            self.leave(listener)

    def _wake(self) -> None:
        with self._lock:
            self._woken = False
        for listener in self.listeners:
            listener.changed.set()

    # -- from any thread -----------------------------------------------------------------------
    def _on_bus_event(self, event) -> None:
        loop = self._loop
        if event.run_id != self._run_id or event.type not in SHOWN or loop is None:
            return
        with self._lock:
            if self._woken:
                return
            self._woken = True
        try:
            loop.call_soon_threadsafe(self._wake)
        except RuntimeError:  # the loop closed meanwhile: the server is stopping
            pass
