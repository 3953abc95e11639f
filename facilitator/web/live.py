"""From model events to phone messages: the bridge between the model's event bus (any thread) and
the hub on the server's asyncio loop. Whatever thread changes the run (the desktop app, the remote,
a phone), the change reaches the phones through here.

It never reads the database on the loop: the run's steps are a frozen copy read once at start,
and the state of each step (revealed, closed, results shown) is followed from the events
themselves. A step's results, while shown, go to the phones at most every ``RESULTS_SECONDS``,
however fast the answers come: the tally is read on a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque

from facilitator.model import events
from facilitator.model.records import RunInfo, StepInfo, StepStateInfo
from facilitator.model.responses import results_shown

from . import kinds
from .hub import Hub
from .kinds.whiteboard import others_visible, phone_note

log = logging.getLogger(__name__)

RESULTS_SECONDS = 0.2  # a step's live results reach the phones at most this often


def run_view(run: RunInfo) -> dict:
    """The run as phones see it (never its keys)."""
    left = run.timer_left()
    return {
        "id": run.id,
        "title": run.title,
        "ended": run.ended,
        "black": run.black,
        "timer_running": run.timer_running,
        "timer_left": None if left is None else round(left, 1),
        "sent_at": time.time(),
    }


class Live:
    """Subscribes to the bus for one run and turns its events into hub messages."""

    def __init__(
        self,
        hub: Hub,
        run_id: int,
        steps: list[StepInfo],
        states: list[StepStateInfo],
        current_step_id: int | None = None,
        *,
        results=None,
    ):
        self.hub = hub
        self.results = results  # (step, run_id) -> the step's tally; read on a worker thread
        self._results_due: set[int] = set()  # steps whose results changed since last sent
        self._tasks: set[asyncio.Task] = set()
        self._results_sent: dict[int, float] = {}  # step id -> when its results last went
        self._changes: dict[int, int] = {}  # step id -> how often its answers or state changed
        self._tallies: dict[int, tuple[int, dict]] = {}  # step id -> (changes then, tally)
        self.run_id = run_id
        self.steps = {s.id: s for s in steps}
        self.order = [s.id for s in steps]
        self.current_step_id = current_step_id  # followed from the step events
        self.states = {s.step_id: s for s in states}
        self.loop: asyncio.AbstractEventLoop | None = None
        self._inbox: deque = deque()
        self._lock = threading.Lock()
        self._woken = False

    def state_of(self, step_id: int) -> StepStateInfo:
        return self.states.get(step_id) or StepStateInfo(self.run_id, step_id, False, False)

    def step_view(self, step: StepInfo) -> dict:
        index = self.order.index(step.id) if step.id in self.order else 0
        return kinds.step_view(step, self.state_of(step.id), index, len(self.order))

    # -- from any thread ---------------------------------------------------------------------
    def on_bus_event(self, event) -> None:
        """The bus callback: hand the event to the loop and return at once. Events arriving
        together (a batch of notes) wake the loop once, not once each."""
        loop = self.loop
        if loop is None or event.run_id != self.run_id or loop.is_closed():
            return
        if event.type in (events.RESPONSE, events.STEP_STATE):
            with self._lock:  # before anyone hears of it: a tally read from now on is new
                step_id = event.payload.step_id
                self._changes[step_id] = self._changes.get(step_id, 0) + 1
        self._inbox.append(event)
        with self._lock:
            if self._woken:
                return
            self._woken = True
        try:
            loop.call_soon_threadsafe(self._drain)
        except RuntimeError:  # the loop closed meanwhile: the server is stopping
            pass

    def _drain(self) -> None:
        with self._lock:
            self._woken = False
        while self._inbox:
            self.handle(self._inbox.popleft())

    # -- on the loop ---------------------------------------------------------------------------
    def handle(self, event) -> None:
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            try:
                handler(self, event.payload)
            except Exception:  # a bad event must not stop the others
                log.exception("could not send %s to phones", event.type)

    def _step(self, change) -> None:
        # The data is the new step (as DESIGN.md's contract says), with the run beside it.
        self.current_step_id = change.step.id
        self.hub.publish("step", {**self.step_view(change.step), "run": run_view(change.run)})

    def _run(self, run: RunInfo) -> None:
        self.hub.publish("run", run_view(run))

    def _ended(self, run: RunInfo) -> None:
        self.hub.publish("ended", run_view(run))

    def _note(self, note) -> None:
        self.publish_note(note)

    def publish_note(self, note) -> None:
        """A note as it is now, to the phones that may see it: everyone (without its author on
        an anonymous board, without counts while they are kept back) and its author's phone."""
        step = self.steps.get(note.step_id)
        if step is None:
            return
        state = self.state_of(step.id)
        if not note.hidden and others_visible(step, state):
            self.hub.publish("note", phone_note(note, step, state, own=False))
        elif note.hidden:
            self.hub.publish("note_removed", {"id": note.id, "step_id": note.step_id})
        if note.participant_id is not None:
            view = phone_note(note, step, state, own=True)
            self.hub.publish("note", view, audience=note.participant_id)

    def _note_deleted(self, note) -> None:
        self.hub.publish("note_removed", {"id": note.id, "step_id": note.step_id})

    def _notes_changed(self, change) -> None:
        """One operation on many notes (the console's): each note as its own event would say."""
        for removed in change.removed:
            self._note_deleted(removed.note)
        for note in change.present:
            self._note(note)

    def _step_state(self, state: StepStateInfo) -> None:
        self.states[state.step_id] = state
        step = self.steps.get(state.step_id)
        if step is not None:
            self.hub.publish("board", self.step_view(step))
            self._response(state)

    def _response(self, answer) -> None:
        """A step's answers (or whether its results are shown) changed: send its results to
        the phones soon, once for everything that changes meanwhile."""
        step = self.steps.get(answer.step_id)
        if step is None or self.results is None or not results_shown(step, self.state_of(step.id)):
            return
        if step.id in self._results_due:
            return
        self._results_due.add(step.id)
        # at once after a quiet spell; in a burst, once every RESULTS_SECONDS
        wait = self._results_sent.get(step.id, -RESULTS_SECONDS) + RESULTS_SECONDS
        self.loop.call_later(max(0.0, wait - self.loop.time()), self._send_results, step)

    def _send_results(self, step: StepInfo) -> None:
        async def send() -> None:
            self._results_due.discard(step.id)
            self._results_sent[step.id] = self.loop.time()
            try:
                tally = await self.loop.run_in_executor(None, self.results_now, step)
            except Exception:
                log.exception("could not add up the results of step %s", step.id)
                return
            state = self.state_of(step.id)
            if results_shown(step, state):
                data = {"step_id": step.id, "results": kinds.phone_results(step, state, tally)}
                self.hub.publish("results", data)

        task = self.loop.create_task(send())
        self._tasks.add(task)  # the loop keeps only a weak reference to its tasks
        task.add_done_callback(self._tasks.discard)

    def results_now(self, step: StepInfo) -> dict:
        """The step's tally, read again only once its answers or state changed since (any
        thread: 300 phones reloading their state after a change share one read)."""
        with self._lock:
            changes = self._changes.get(step.id, 0)
            kept = self._tallies.get(step.id)
        if kept is not None and kept[0] == changes:
            return kept[1]
        tally = self.results(step, self.run_id) if self.results is not None else {}
        with self._lock:
            self._tallies[step.id] = (changes, tally)
        return tally

    def _renamed(self, participant) -> None:
        """The person's own phones hear "me"; the others hear "renamed" only while the current
        board shows names (after the step changes they read the names afresh anyway)."""
        self.hub.publish("me", {"id": participant.id, "name": participant.name}, participant.id)
        step = self.steps.get(self.current_step_id)
        module = kinds.registry().get(step.kind) if step is not None else None
        shows_names = getattr(module, "names_shown", None)  # the kind's rule, if it has names
        if shows_names is not None and shows_names(step, self.state_of(step.id)):
            data = {"participant_id": participant.id, "name": participant.name}
            self.hub.publish("renamed", data)


_HANDLERS = {
    events.STEP: Live._step,
    events.RUN_CHANGED: Live._run,
    events.RUN_ENDED: Live._ended,
    events.NOTE_ADDED: Live._note,
    events.NOTE_CHANGED: Live._note,
    events.NOTE_DELETED: Live._note_deleted,
    events.NOTES_CHANGED: Live._notes_changed,
    events.STEP_STATE: Live._step_state,
    events.RESPONSE: Live._response,
    events.PARTICIPANT_RENAMED: Live._renamed,
}
