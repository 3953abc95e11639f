"""The day itself, on the run console: the laptop kept awake while the run is open; a plain
warning, and the remote code kept away, while the room may be seeing the console (one screen);
a question before anything that would show the room the desktop (ending the run, closing the
window); and a finished run reopened read-only, with its export offered."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from facilitator.model import events
from facilitator.ui.screens import ONE_SCREEN_WARNING

REMOTE_HIDDEN = (
    "Your remote code stays hidden while the room may be seeing this screen: whoever scans it "
    "can drive the run. Extend the desktop to the projector to show it."
)


def confirm(parent: QWidget, title: str, text: str, yes: str, on_yes) -> QMessageBox:
    """Ask before doing ``on_yes``; ``yes`` names the deed on its button, Cancel is the default
    (Enter or Escape by mistake does nothing). Not modal-blocking: the run goes on meanwhile."""
    box = QMessageBox(QMessageBox.Icon.Question, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_yes() if button is go else None)
    box.open()
    return box


def finished_text(run) -> str:
    when = time.strftime("%d %b %Y, %H:%M", time.localtime(run.ended_at or run.started_at))
    return (
        f"This run finished on {when}. Look back through its steps, and export the handout "
        "and the summary (Ctrl+P)."
    )


class ConsoleDay(QObject):
    """Attached to ``console`` (a RunConsole): holds ``wake`` (a WakeLock, or None) while the
    run is unfinished, and keeps the one-screen warning and the remote code in step with the
    screens."""

    def __init__(self, console, wake=None):
        super().__init__(console)
        self.console, self.wake = console, wake
        console.screens.projector_changed.connect(self.screens_changed)
        console.bridge.event_received.connect(self._event)
        self.screens_changed()
        if wake is not None and not console.run.ended:
            wake.hold(f"a workshop is running ({console.run.title})")

    @property
    def room_may_see(self) -> bool:
        return self.console.screens.one_screen()

    def screens_changed(self, *_) -> None:
        one, run = self.room_may_see, self.console.run
        text = finished_text(run) if run.ended else ONE_SCREEN_WARNING if one else ""
        self.console.notice.setText(text)
        self.console.notice.setVisible(bool(text))
        self.console.side.remote.set_private(not one, REMOTE_HIDDEN)

    def _event(self, event) -> None:
        if event.run_id == self.console.run.id and event.type == events.RUN_ENDED:
            self.release()

    def release(self) -> None:
        """The run ended or its console is closing: the laptop may sleep again."""
        if self.wake is not None:
            self.wake.release()

    def detach(self) -> None:
        self.release()
        for signal, slot in (
            (self.console.screens.projector_changed, self.screens_changed),
            (self.console.bridge.event_received, self._event),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
