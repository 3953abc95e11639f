"""The incoming notes of the current board, newest first, with their votes, hide/unhide (the
room and the phones stop seeing a hidden note) and a box to add a note for someone without a
phone. Notes typed here travel the same road as the phones' ones: the model (off the GUI thread,
see board_actions), then the event bridge. A rename shows on that person's notes at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import events
from facilitator.model.board import NoteRequest
from facilitator.model.records import NoteInfo
from facilitator.model.text import NAME_MAX, NOTE_MAX
from facilitator.ui import board_actions as actions
from facilitator.ui.kinds.base import plain_label


class IncomingNotes(QWidget):
    def __init__(self, bridge, parent=None):
        super().__init__(parent)
        self.scene = None
        self.run = self.step = None
        self.items: dict[int, QListWidgetItem] = {}
        self.heading = plain_label("Incoming notes")
        self.heading.setStyleSheet("font-weight: bold")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda *_: self.toggle_hidden())
        self.hide_button = QPushButton("Hide / unhide")
        self.hide_button.setToolTip("Hidden notes leave the projector and the phones")
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Add a note for someone without a phone…")
        self.text.setMaxLength(NOTE_MAX)
        self.text.returnPressed.connect(self.add)
        self.author = QLineEdit()
        self.author.setPlaceholderText("Their name (optional)")
        self.author.setMaxLength(NAME_MAX)
        self.author.returnPressed.connect(self.add)
        add = QPushButton("Add")
        add.clicked.connect(self.add)
        self.problem = plain_label()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #B3261E")
        self.problem.hide()
        adding = QHBoxLayout()
        adding.addWidget(self.author, 1)
        adding.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.hide_button)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        bridge.event_received.connect(self._event)
        self.set_step(None, None, None)

    def set_step(self, run, step, scene) -> None:
        """Follow the notes of ``step`` (a board's ``scene``), or show that it takes none."""
        self.run, self.step, self.scene = run, step, scene
        on = scene is not None
        for widget in (self.list, self.hide_button, self.text, self.author):
            widget.setEnabled(on)
        self.list.clear()
        self.items = {}
        self.problem.hide()
        if not on:
            self.heading.setText("Incoming notes (this step takes none)")
            return
        for item in sorted(scene.notes.values(), key=lambda i: i.note.id):
            self._put(item.note)
        self._count()

    def _event(self, event) -> None:
        if self.scene is None or event.run_id != self.run.id:
            return
        payload = event.payload
        if event.type == events.PARTICIPANT_RENAMED:
            self._renamed(payload.id, payload.name)
            return
        if getattr(payload, "step_id", None) != self.step.id:
            return
        if event.type in (events.NOTE_ADDED, events.NOTE_CHANGED):
            self._put(payload)
        elif event.type == events.NOTE_DELETED:
            self._take(payload.id)
        elif event.type == events.NOTES_CHANGED:
            for note in payload.present:
                self._put(note)
            for removed in payload.removed:
                self._take(removed.note.id)
        else:
            return
        self._count()

    def _renamed(self, participant_id: int, name: str) -> None:
        for item in self.scene.notes.values():
            note = item.note
            if note.participant_id == participant_id and note.id in self.items:
                self._put(replace(note, author=name))

    def _take(self, note_id: int) -> None:
        item = self.items.pop(note_id, None)
        if item is not None:
            self.list.takeItem(self.list.row(item))

    def _put(self, note: NoteInfo) -> None:
        item = self.items.get(note.id)
        new = item is None
        if new:
            item = self.items[note.id] = QListWidgetItem()
        votes = f" · {note.votes} vote{'s' if note.votes != 1 else ''}" if note.votes else ""
        hidden = "   (hidden)" if note.hidden else ""
        # QListWidgetItem text is always plain: markup from a phone shows as typed
        item.setText(f"{note.text}\n— {note.author}{votes}{hidden}")
        item.setData(Qt.ItemDataRole.UserRole, note.id)
        item.setForeground(QBrush(QColor("#9AA0A8" if note.hidden else "#1B2A41")))
        if new:
            self.list.insertItem(0, item)

    def _count(self) -> None:
        total = self.list.count()
        hidden = sum(1 for i in self.scene.notes.values() if i.note.hidden) if self.scene else 0
        extra = f", {hidden} hidden" if hidden else ""
        self.heading.setText(f"Incoming notes ({total}{extra})")

    def selected_notes(self) -> list[NoteInfo]:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
        return [self.scene.notes[i].note for i in ids if i in self.scene.notes]

    def toggle_hidden(self) -> None:
        actions.toggle_hidden(self.scene, self.selected_notes())

    def add(self) -> None:
        """Add the typed note to the current board, on behalf of the named person; the box is
        cleared once the board has it (a refusal shows below it, the text kept)."""
        if self.scene is None or not self.text.text().strip():
            return
        typed = self.text.text()
        request = NoteRequest(
            self.run.id, self.step.id, typed, author_name=self.author.text().strip()
        )
        self.problem.hide()

        def added(_note) -> None:
            if self.text.text() == typed:
                self.text.clear()

        def refused(message: str) -> None:
            self.problem.setText(message)
            self.problem.show()

        actions.add_note(self.scene, request, then=added, failed=refused)
