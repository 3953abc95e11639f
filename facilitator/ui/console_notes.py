"""The incoming notes of the current board, newest first, with hide/unhide (the room and the
phones stop seeing a hidden note) and a box to add a note for someone without a phone. Notes
typed here travel the same road as the phones' ones: the model, then the event bridge."""

from __future__ import annotations

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
from facilitator.ui.board_commands import AddNote, SetField
from facilitator.ui.kinds.base import plain_label


class IncomingNotes(QWidget):
    def __init__(self, bridge, parent=None):
        super().__init__(parent)
        self.scene = None
        self.run = self.step = None
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
        note = event.payload
        if getattr(note, "step_id", None) != self.step.id or not isinstance(note, NoteInfo):
            return
        if event.type in (events.NOTE_ADDED, events.NOTE_CHANGED):
            self._put(note)
        elif event.type == events.NOTE_DELETED:
            row = self._row(note.id)
            if row is not None:
                self.list.takeItem(row)
        self._count()

    def _row(self, note_id: int) -> int | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == note_id:
                return row
        return None

    def _put(self, note: NoteInfo) -> None:
        row = self._row(note.id)
        item = self.list.item(row) if row is not None else QListWidgetItem()
        # QListWidgetItem text is always plain: markup from a phone shows as typed
        item.setText(f"{note.text}\n— {note.author}" + ("   (hidden)" if note.hidden else ""))
        item.setData(Qt.ItemDataRole.UserRole, note.id)
        item.setForeground(QBrush(QColor("#9AA0A8" if note.hidden else "#1B2A41")))
        if row is None:
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
        notes = self.selected_notes()
        if notes:
            hide = not all(n.hidden for n in notes)
            command = SetField(self.scene, "Hide" if hide else "Show", notes, "hidden", hide)
            self.scene.undo.push(command)

    def add(self) -> None:
        """Add the typed note to the current board, on behalf of the named person."""
        if self.scene is None or not self.text.text().strip():
            return
        request = NoteRequest(
            self.run.id, self.step.id, self.text.text(), author_name=self.author.text().strip()
        )
        errors: list[str] = []
        self.scene.failed.connect(errors.append)
        self.scene.undo.push(AddNote(self.scene, request))
        self.scene.failed.disconnect(errors.append)
        self.problem.setText(errors[0] if errors else "")
        self.problem.setVisible(bool(errors))
        if not errors:
            self.text.clear()
