"""The agenda of the workshop being edited: the step list (reorder by dragging or Alt+Up/Down)
and the buttons to add, duplicate and delete steps."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import kinds
from facilitator.model.records import StepInfo

ID_ROLE = Qt.ItemDataRole.UserRole


def step_line(step: StepInfo) -> str:
    """How a step reads in the agenda: its number and title, then its kind and countdown."""
    detail = kinds.get(step.kind).label
    if step.timer_seconds:
        minutes, seconds = divmod(step.timer_seconds, 60)
        detail += f" \u00b7 {minutes}:{seconds:02d}"
    return f"{step.position + 1}. {step.title}\n    {detail}"


class StepList(QListWidget):
    """The steps in order. A drag within the list asks for a move (the model decides; the list
    is then redrawn from it) instead of moving the item itself."""

    move_requested = Signal(int, int)  # step id, new position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(2)
        self.setAccessibleName("Agenda")
        self.setUniformItemSizes(False)

    def show_steps(self, steps: list[StepInfo], current_id: int | None) -> None:
        self.blockSignals(True)
        self.clear()
        for step in steps:
            item = QListWidgetItem(step_line(step))
            item.setData(ID_ROLE, step.id)
            item.setSizeHint(QSize(0, self.fontMetrics().lineSpacing() * 2 + 12))
            self.addItem(item)
            if step.id == current_id:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.currentItem()
        return item.data(ID_ROLE) if item else None

    def select_id(self, step_id: int | None) -> None:
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == step_id:
                self.setCurrentRow(row)
                return

    def drop_row(self, pos: QPoint) -> int:
        """The row a drop at ``pos`` inserts before."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    def request_move(self, insert_row: int) -> None:
        """Ask to move the current step so that it lands before ``insert_row``."""
        row = self.currentRow()
        if row < 0:
            return
        target = insert_row if insert_row <= row else insert_row - 1
        target = max(0, min(target, self.count() - 1))
        if target != row:
            self.move_requested.emit(self.current_id(), target)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.source() is not self:
            event.ignore()
            return
        self.request_move(self.drop_row(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()


class StepsPanel(QWidget):
    """The agenda with its buttons. Keyboard: Alt+Up/Down moves, Ctrl+D duplicates, Delete
    deletes, Ctrl+Shift+N opens the menu of kinds to add."""

    add_requested = Signal(str)
    duplicate_requested = Signal()
    delete_requested = Signal()
    current_changed = Signal(object)  # step id or None

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = StepList(self)
        layout.addWidget(self.list, 1)
        self.list.currentItemChanged.connect(
            lambda *_: self.current_changed.emit(self.list.current_id())
        )
        self.add_menu = QMenu(self)
        for spec in kinds.registry().values():
            action = self.add_menu.addAction(spec.label)
            action.setToolTip(spec.description)
            action.triggered.connect(lambda _=False, k=spec.name: self.add_requested.emit(k))
        row = QHBoxLayout()
        self.add = QPushButton("&Add step", self)
        self.add.setMenu(self.add_menu)
        self.duplicate = QPushButton("D&uplicate", self)
        self.delete = QPushButton("Delete", self)
        row.addWidget(self.add)
        row.addWidget(self.duplicate)
        row.addWidget(self.delete)
        layout.addLayout(row)
        self.duplicate.clicked.connect(self.duplicate_requested)
        self.delete.clicked.connect(self.delete_requested)
        self._shortcut("Alt+Up", "Move step up", lambda: self.move_by(-1))
        self._shortcut("Alt+Down", "Move step down", lambda: self.move_by(1))
        self._shortcut("Ctrl+D", "Duplicate step", self.duplicate_requested.emit)
        self._shortcut(
            QKeySequence.StandardKey.Delete, "Delete step", self.delete_requested.emit, self.list
        )
        self._shortcut("Ctrl+Shift+N", "Add a step", self._open_add_menu)

    def _shortcut(self, keys, text, slot, on: QWidget | None = None) -> QAction:
        action = QAction(text, on or self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (on or self).addAction(action)
        return action

    def _open_add_menu(self) -> None:
        self.add_menu.popup(self.add.mapToGlobal(self.add.rect().bottomLeft()))

    def move_by(self, delta: int) -> None:
        row = self.list.currentRow()
        if row >= 0 and 0 <= row + delta < self.list.count():
            self.list.move_requested.emit(self.list.current_id(), row + delta)

    def set_has_step(self, has: bool) -> None:
        self.duplicate.setEnabled(has)
        self.delete.setEnabled(has)
