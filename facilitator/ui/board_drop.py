"""Grouping by drag and drop on the console's board. When a drag of notes ends:
- on a note that is in no group: a new group of the two (or of the dragged notes and that one);
  a name field opens on it, prefilled from that note's first words. Enter makes the group
  (an emptied field: an unnamed group), Escape cancels it and the notes go back;
- on a note of a group, or on a group's frame: the dragged notes join that group;
- out of their group's frame: they leave their group, staying where they were dropped;
- anywhere else: a move.
A group's notes gather in one block by its first note; no other note moves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout

from . import board_actions as actions
from .board_commands import moved
from .board_items import GroupItem, NoteItem

NAME_WORDS = 4  # words of the first note the name field starts with
NAME_CHARS = 40


def suggested_name(text: str) -> str:
    """A group's name from its first note: its first few words, without trailing punctuation."""
    words = " ".join(text.split()[:NAME_WORDS])[:NAME_CHARS]
    return words.rstrip(" .,;:!?-–—")


class GroupNameField(QFrame):
    """An inline field over the board that names a new group. Enter (or clicking elsewhere)
    accepts what it says; Escape cancels."""

    accepted = Signal(str)
    cancelled = Signal()

    def __init__(self, viewport, at: QPointF, text: str):
        super().__init__(viewport)
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "GroupNameField { background: #FFFFFF; border: 2px solid #0B6E69; }"
            "QLabel { color: #3A4656; }"
        )
        title = QLabel("Name of the new group")
        hint = QLabel("Enter: make the group · Esc: cancel")
        for label in (title, hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QLineEdit(text)
        self.edit.setMaxLength(120)
        self.edit.selectAll()
        self.edit.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(title)
        layout.addWidget(self.edit)
        layout.addWidget(hint)
        self.setFixedWidth(300)
        self.adjustSize()
        room = viewport.rect().adjusted(4, 4, -self.width() - 4, -self.height() - 4)
        x = min(max(room.left(), int(at.x())), max(room.left(), room.right()))
        y = min(max(room.top(), int(at.y())), max(room.top(), room.bottom()))
        self.move(x, y)
        self.edit.installEventFilter(self)
        self._done = False
        self.show()
        self.edit.setFocus()

    def accept(self) -> None:
        if not self._done:
            self._done = True
            self.accepted.emit(self.edit.text().strip())
            self.deleteLater()

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
            self.deleteLater()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if event.type() == event.Type.FocusOut and not self._done:
            if event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
                self.accept()  # clicking elsewhere keeps the group, as renaming a file does
        return False


def ask_name(view, anchor: NoteItem, on_name: Callable[[str], None], on_cancel=None) -> None:
    """Open the name field on ``anchor`` (prefilled from its text); ``on_name(name)`` on Enter,
    ``on_cancel()`` on Escape."""
    if view.name_field is not None:
        view.name_field.accept()
    at = view.mapFromScene(anchor.sceneBoundingRect().topLeft())
    field = GroupNameField(view.viewport(), QPointF(at), suggested_name(anchor.note.text))
    view.name_field = field

    def closed(*_):
        if view.name_field is field:
            view.name_field = None

    field.accepted.connect(on_name)
    field.accepted.connect(closed)
    if on_cancel is not None:
        field.cancelled.connect(on_cancel)
    field.cancelled.connect(closed)


def reveal(view, change) -> None:
    """Scroll the console's view to the group an operation made or filled (on a full board a
    new group may have gathered below the other notes)."""
    ids = [g.id for g in change.groups_added] + [n.group_id for n in change.notes]
    item = next((view.scene().groups.get(g) for g in ids if g in view.scene().groups), None)
    if item is not None and not item.frame.isNull():
        view.ensureVisible(item.frame, 20, 20)


def note_at(scene, point: QPointF, dragged: set[int]) -> NoteItem | None:
    """The note under ``point`` that is not being dragged."""
    for item in scene.items(point):
        if isinstance(item, NoteItem) and item.note.id not in dragged:
            return item
    return None


def group_at(scene, point: QPointF, frames: dict[int, QRectF]) -> int | None:
    """The group whose frame holds ``point``: for the dragged notes' own groups, the frame as it
    was when the drag began (``frames``), since it follows them while they move."""
    for item in scene.items(point):
        if isinstance(item, GroupItem):
            frame = frames.get(item.group.id, item.frame)
            if frame.contains(point):
                return item.group.id
    for group_id, frame in frames.items():
        if frame.contains(point) and group_id in scene.groups:
            return group_id
    return None


def dropped(view, point: QPointF, before: dict, frames: dict[int, QRectF]) -> None:
    """A drag of notes ended at ``point`` (``before``: note id -> place when it began)."""
    scene = view.scene()
    items = [scene.notes[i] for i in before if i in scene.notes]
    now = {i.note.id: scene.place_of(i) for i in items}
    if not any(moved(before[i], place) for i, place in now.items()):
        return  # a click, not a drag
    dragged = set(now)
    target = note_at(scene, point, dragged)

    def shown(change) -> None:
        reveal(view, change)

    if target is not None and target.note.group_id is not None:
        return actions.join_group(scene, items, target.note.group_id, before, then=shown)
    if target is not None:

        def name_it(name: str) -> None:
            actions.make_group(scene, items + [target], target, name, before, then=shown)

        return ask_name(view, target, name_it, lambda: scene.put_back(before))
    group_id = group_at(scene, point, frames)
    if group_id is not None and any(i.note.group_id != group_id for i in items):
        return actions.join_group(scene, items, group_id, before, then=shown)
    leaving = [
        i.note.id
        for i in items
        if i.note.group_id is not None and not frames.get(i.note.group_id, QRectF()).contains(point)
    ]
    if leaving:
        return actions.leave_group(scene, leaving, now, before)
    actions.move(scene, {i: p for i, p in now.items() if moved(before[i], p)}, before)
