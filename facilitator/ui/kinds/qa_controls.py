"""Q&A on the console: every question (hidden ones too, with who asked: the console always shows
names) in the room's order with its upvotes, and the facilitator's marks: Now answering (A),
Answered (D), Hide (H), and Close (L) for the whole step. A Q&A has no answers to count, so
these are controls of their own rather than the answer kinds' (ui/kinds/answers.py).

With no question selected, A takes the top open question and D marks the one being answered
answered, so a facilitator can run the whole Q&A from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from facilitator.model import events
from facilitator.model.kinds.qa import (
    answered_of,
    answering_of,
    room_order,
    start_answering,
    toggle_answered,
)
from facilitator.model.records import NoteInfo

from .base import MUTED, KindControls, plain_label

REFRESH_MS = 60  # changes arriving within this are drawn together
FOLLOWED = (events.NOTE_ADDED, events.NOTE_CHANGED, events.NOTE_DELETED, events.NOTES_CHANGED)
ID = Qt.ItemDataRole.UserRole


class QaControls(KindControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.notes: dict[int, NoteInfo] = {}
        self.data: dict = {}
        self.status = plain_label()
        self.status.setStyleSheet(f"color: {MUTED}")
        self.answer_button = self._button("Now answering (A)", self.mark_answering)
        self.answer_button.setToolTip("Show the selected question (or the top one) large")
        self.done_button = self._button("Answered (D)", self.mark_answered)
        self.done_button.setToolTip("Mark the selected question (or the one being answered) done")
        self.hide_button = self._button("Hide (H)", self.toggle_hidden)
        self.hide_button.setToolTip("Hidden questions leave the projector and the phones")
        self.close_button = self._button("Close (L)", self.toggle_closed)
        self.close_button.setCheckable(True)
        self.close_button.setToolTip("Close the step: no new questions or upvotes")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(4)  # questions apart, each with its byline under it
        self.list.setAccessibleName("Questions")
        self.list.itemDoubleClicked.connect(lambda *_: self.mark_answering())
        row = QHBoxLayout()
        for button in (self.answer_button, self.done_button, self.hide_button, self.close_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        self.timer = QTimer(self, singleShot=True, interval=REFRESH_MS, timeout=self.refresh)
        self.refresh()

    def _button(self, text: str, action) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action)
        return button

    # -- reading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        model = self.live.model
        state = model.runs.step_state(self.run.id, self.step.id)
        notes = model.board.notes(self.run.id, self.step.id)
        self.notes, self.data = {n.id: n for n in notes}, dict(state.data)
        self.close_button.setChecked(state.locked)
        self.close_button.setText("Open again (L)" if state.locked else "Close (L)")
        self._fill(room_order(notes, self.data))
        shown = [n for n in notes if not n.hidden]
        done = sum(1 for n in shown if n.id in answered_of(self.data))
        words = [f"{len(shown)} questions, {sum(n.votes for n in shown)} upvotes, {done} answered"]
        words.append("closed: no new questions or upvotes" if state.locked else "open")
        self.status.setText(" · ".join(words))

    def _fill(self, ordered: list[NoteInfo]) -> None:
        """The list in the room's order, keeping the selection and the scroll position."""
        chosen, scroll = self.selected_id(), self.list.verticalScrollBar().value()
        answering, done = answering_of(self.data), answered_of(self.data)
        self.list.clear()
        for note in ordered:
            marks = [
                ("   (NOW ANSWERING)", note.id == answering),
                ("   (answered)", note.id in done),
                ("   (hidden)", note.hidden),
            ]
            flags = "".join(text for text, on in marks if on)
            # QListWidgetItem text is always plain: markup from a phone shows as typed
            item = QListWidgetItem(f"▲ {note.votes}   {note.text}\n— {note.author}{flags}")
            item.setData(ID, note.id)
            grey = note.hidden or note.id in done
            item.setForeground(QBrush(QColor("#9AA0A8" if grey else "#1B2A41")))
            if note.id == answering:
                item.setBackground(QBrush(QColor("#E6F2F1")))
            self.list.addItem(item)
            if note.id == chosen:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        self.list.verticalScrollBar().setValue(scroll)

    def selected_id(self) -> int | None:
        items = self.list.selectedItems()
        return items[0].data(ID) if items else None

    def _top_open(self) -> int | None:
        data = self._data()
        done, answering = answered_of(data), answering_of(data)
        for note in room_order(list(self.notes.values()), data):
            if not note.hidden and note.id not in done and note.id != answering:
                return note.id
        return None

    # -- changing: in the model, in one transaction each; the events redraw -------------------
    def mark_answering(self) -> None:
        note_id = self.selected_id() or self._top_open()
        if note_id is not None:
            self._change(start_answering(note_id))

    def mark_answered(self) -> None:
        note_id = self.selected_id() or answering_of(self._data())
        if note_id is not None:
            self._change(toggle_answered(note_id))

    def toggle_hidden(self) -> None:
        note = self.notes.get(self.selected_id())
        if note is not None:
            self.live.model.board.set_hidden(note.id, not note.hidden)

    def toggle_closed(self) -> None:
        self.live.model.runs.toggle_step_state(self.run.id, self.step.id, "locked")

    def _data(self) -> dict:
        """The marks as they are now (the remote or a second press may just have changed
        them), not as this list last drew them."""
        return self.live.model.runs.step_state(self.run.id, self.step.id).data

    def _change(self, change) -> None:
        self.live.model.runs.update_step_data(self.run.id, self.step.id, change)

    def on_event(self, event) -> None:
        payload = event.payload
        ours = getattr(payload, "step_id", None) == self.step.id
        followed = (event.type in FOLLOWED or event.type == events.STEP_STATE) and ours
        if (followed or event.type == events.PARTICIPANT_RENAMED) and not self.timer.isActive():
            self.timer.start()  # once for a burst, never put off by the next event

    def key_action(self, key: int) -> bool:
        actions = {
            Qt.Key.Key_A: self.mark_answering,
            Qt.Key.Key_D: self.mark_answered,
            Qt.Key.Key_H: self.toggle_hidden,
            Qt.Key.Key_L: self.toggle_closed,
        }
        action = actions.get(key)
        if action is None:
            return False
        action()
        return True
