"""A small thread-safe event bus: every change to the model publishes one event after its
transaction commits. The server thread and the Qt bridge subscribe; subscribers must be quick
(hand the event to their own thread and return)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Event types. The payload named beside each is a record from facilitator.model.records.
RUN_STARTED = "run_started"  # RunInfo
RUN_CHANGED = "run_changed"  # RunInfo: black screen, timer
STEP = "step"  # StepChange: the run moved to another step
PAGE = "page"  # PageInfo (model.pages): the room sees another page of the step
RUN_ENDED = "run_ended"  # RunInfo
PARTICIPANT_JOINED = "participant_joined"  # ParticipantInfo
PARTICIPANT_RENAMED = "participant_renamed"  # ParticipantInfo
NOTE_ADDED = "note_added"  # NoteInfo
NOTE_CHANGED = "note_changed"  # NoteInfo: text, place, group, zone, colour, hidden, votes
NOTE_DELETED = "note_deleted"  # NoteInfo (as it was)
GROUP_CHANGED = "group_changed"  # GroupInfo: made, renamed or moved
GROUP_DELETED = "group_deleted"  # GroupInfo (as it was)
NOTES_CHANGED = "notes_changed"  # BoardChange: one operation on many notes and groups of a board
STEP_STATE = "step_state"  # StepStateInfo: revealed, closed, results shown, the kind's data
RESPONSE = "response"  # ResponseInfo: one person's answer to a step, new or changed
WORKSHOP_CHANGED = "workshop_changed"  # WorkshopInfo: the plan was edited
WORKSHOP_DELETED = "workshop_deleted"  # WorkshopInfo


@dataclass(frozen=True)
class Event:
    type: str
    run_id: int | None
    payload: object


Subscriber = Callable[[Event], None]


class EventBus:
    """Publish/subscribe across threads. ``subscribe`` returns a function that unsubscribes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:  # one broken subscriber must not stop the others
                log.exception("event subscriber failed on %s", event.type)
