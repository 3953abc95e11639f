"""The one road from the model's event bus into Qt: events published on any thread are re-emitted
as a Qt signal on the GUI thread. Widgets connect to ``event_received`` and check what they need."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from facilitator.model.events import Event, EventBus


class EventBridge(QObject):
    event_received = Signal(object)  # facilitator.model.events.Event
    _incoming = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None):
        super().__init__(parent)
        # Queued: whatever thread publishes, the slot runs in this object's (the GUI) thread.
        self._incoming.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.subscribe(self._incoming.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def close(self) -> None:
        self._unsubscribe()

    @Slot(object)
    def _deliver(self, event: Event) -> None:
        self.event_received.emit(event)
