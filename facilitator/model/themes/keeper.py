"""The background thread that gives each visible board note its vector soon after it arrives,
so that "Suggest groups" only has to cluster. It is fed from the event bus (new notes, changed
notes, board operations), never from the request path: the bus callback only queues note ids,
and the phone's acknowledgement has gone out before the note is even looked at.

Notes arriving together are embedded together (the thread waits ``SETTLE_SECONDS`` for more,
then takes up to ``BATCH_MOST``), on one core and, on Linux, at a lower priority than the
phone server, and stored in one short transaction."""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
import time

from facilitator.model import events
from facilitator.model.db import Database
from facilitator.model.errors import ModelError
from facilitator.model.events import Event, EventBus

from . import vectors
from .encoder import Encoder, give_back_memory

log = logging.getLogger(__name__)

SETTLE_SECONDS = 0.3
BATCH_MOST = 128
NICENESS = 10
_STOP = -1


class VectorKeeper:
    """Named thread ``facilitator-vectors``; ``stop`` ends it and waits for it."""

    def __init__(self, db: Database, bus: EventBus, encoder: Encoder):
        self.db, self.bus, self.encoder = db, bus, encoder
        self.ids: queue.SimpleQueue[int] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="facilitator-vectors", daemon=True)
        self._unsubscribe = None
        self._done = threading.Condition()
        self._queued = 0  # ids queued and not yet dealt with
        self.stored = 0  # how many vectors this keeper has stored (for tests and the log)

    def start(self) -> None:
        self._unsubscribe = self.bus.subscribe(self.on_event)
        self.thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._leave_the_bus()
        if self.thread.is_alive():
            self.ids.put(_STOP)
            self.thread.join(timeout)

    def on_event(self, event: Event) -> None:
        """On the publisher's thread: queue the ids of visible notes that may need a vector."""
        if event.type in (events.NOTE_ADDED, events.NOTE_CHANGED):
            notes = (event.payload,)
        elif event.type == events.NOTES_CHANGED:
            notes = event.payload.present
        else:
            return
        ids = [note.id for note in notes if not note.hidden]
        with self._done:
            self._queued += len(ids)
        for nid in ids:
            self.ids.put(nid)

    def wait_idle(self, timeout: float) -> bool:
        """True once everything queued so far has been dealt with (tests, benchmarks)."""
        with self._done:
            return self._done.wait_for(lambda: self._queued == 0, timeout)

    def _run(self) -> None:
        _lower_priority()
        while True:
            first = self.ids.get()
            if first == _STOP:
                return
            taken, stop = self._gather(first)
            try:
                self._embed(set(taken))
            except ModelError as error:  # no model here: say it once and stop listening
                log.warning("note vectors are not kept: %s", error.message)
                self._leave_the_bus()
                stop = True
            except Exception:  # a bad moment (a database busy past its timeout): next batch
                log.exception("could not store note vectors")
            self._dealt_with(len(taken))
            if stop:
                return

    def _gather(self, first: int) -> tuple[list[int], bool]:
        """``first`` and whatever arrives within the settling time, up to BATCH_MOST ids."""
        taken, deadline = [first], time.monotonic() + SETTLE_SECONDS
        while len(taken) < BATCH_MOST:
            try:
                nid = self.ids.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if nid == _STOP:
                return taken, True
            taken.append(nid)
        return taken, False

    def _embed(self, ids: set[int]) -> None:
        todo = vectors.waiting(self.db, ids)
        if not todo:
            return
        made = self.encoder.note_vectors([text for _nid, text in todo])
        rows = [(nid, text, v) for (nid, text), v in zip(todo, made, strict=True)]
        stored = vectors.store(self.db, rows)
        self.stored += max(stored, 0)
        give_back_memory()
        log.debug("stored %s note vectors", stored)

    def _dealt_with(self, count: int) -> None:
        with self._done:
            self._queued -= count
            self._done.notify_all()

    def _leave_the_bus(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def _lower_priority() -> None:
    """Let the phone server's threads go first when both want the processor (Linux: a
    thread's own nice value; elsewhere the thread keeps the process's priority)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        except OSError:
            pass
