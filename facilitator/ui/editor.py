"""The workshop editor: the agenda on the left, the selected step's fields in the middle, the
live preview on the right, and the workshop's details and handout resources on a second tab.

Every edit is saved as it happens (typing is saved when it pauses) and becomes one step on the
undo stack (Ctrl+Z / Ctrl+Shift+Z), whose commands change the model back and forth."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import events, kinds
from facilitator.model.errors import ModelError
from facilitator.model.records import StepInfo

from .bridge import EventBridge
from .editor_commands import AddStep, DeleteStep, Ids, MoveStep, step_fields
from .editor_details import DetailsPanel
from .editor_fields import StepFields
from .editor_preview import StagePreview, phone_summary
from .editor_saving import PendingEdits
from .editor_steps import StepsPanel
from .widgets import UndoKeysToStack, heading, plain_label, redo_keys


class WorkshopEditor(QWidget):
    """Edits one library workshop (``open_workshop``); ``model`` gives the Library service."""

    def __init__(self, model, bridge: EventBridge, parent=None):
        super().__init__(parent)
        self.model = model
        self.library = model.library
        self.ids = Ids()
        self.workshop_id: int | None = None
        self.steps: list[StepInfo] = []
        self.undo_stack = QUndoStack(self)
        self.pending = PendingEdits(self)
        self._build()
        self._keys()
        bridge.event_received.connect(self._event)
        self.preview_timer = QTimer(self, singleShot=True, interval=150)
        self.preview_timer.timeout.connect(self.update_preview)
        self.open_workshop(None)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QHBoxLayout()
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Workshop title")
        self.title.setPlaceholderText("Workshop title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.title.textEdited.connect(
            lambda text: self.pending.edit(("workshop", self.workshop_id), {"title": text})
        )
        self.undo_button = QToolButton(self)
        self.redo_button = QToolButton(self)
        top.addWidget(self.title, 1)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        self.status = plain_label("", self)
        self.status.setStyleSheet("color: #B3261E;")
        self.status.setAccessibleName("Problem")
        self.status.hide()

        self.steps_panel = StepsPanel(self)
        self.steps_panel.setMaximumWidth(300)
        self.fields = StepFields(self.library, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.fields)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = StagePreview(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading("On the projector", right))
        right_layout.addWidget(self.preview)
        right_layout.addSpacing(12)
        right_layout.addWidget(heading("On the phones", right))
        self.phones = plain_label("", right)
        right_layout.addWidget(self.phones)
        right_layout.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (self.steps_panel, scroll, right):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([220, 470, 360])

        self.details = DetailsPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.splitter, "A&genda")
        self.tabs.addTab(self.details, "Details and &handout")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self.steps_panel.current_changed.connect(self._step_selected)
        self.steps_panel.add_requested.connect(self.add_step)
        self.steps_panel.duplicate_requested.connect(self.duplicate_step)
        self.steps_panel.delete_requested.connect(self.delete_step)
        self.steps_panel.list.move_requested.connect(self.move_step)
        self.fields.edited.connect(self._step_edited)
        self.fields.failed.connect(self.show_problem)

    def _keys(self) -> None:
        self.undo_action = QAction("Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction("Redo", self)
        self.redo_action.setShortcuts(redo_keys())  # Ctrl+Y and Ctrl+Shift+Z, each once
        for action, slot in ((self.undo_action, self.undo), (self.redo_action, self.redo)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_action.setToolTip(f"Undo {text} (Ctrl+Z)".strip())
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_action.setToolTip(f"Redo {text} (Ctrl+Shift+Z)".strip())
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.undo_keys = UndoKeysToStack(self.pending.flush, self)
        self.title.installEventFilter(self.undo_keys)
        self.details.guard_undo_keys(self.undo_keys)

    def guard_fields(self) -> None:
        for widget in self.fields.text_fields():
            widget.removeEventFilter(self.undo_keys)
            widget.installEventFilter(self.undo_keys)

    # -- opening -------------------------------------------------------------------------------
    def open_workshop(self, workshop_id: int | None) -> None:
        """Edit ``workshop_id`` (None: nothing to edit). The undo history starts afresh."""
        self.pending.flush()
        self.undo_stack.clear()
        self.ids = Ids()
        self.workshop_id = workshop_id
        self.show_problem("")
        self.setEnabled(workshop_id is not None)
        if workshop_id is None:
            self.title.clear()
            self.steps = []
            self.steps_panel.list.show_steps([], None)
            self._show_step(None)
            self.details.load(None, self)
            return
        ws = self.library.workshop(workshop_id)
        self.title.setText(ws.title)
        self.details.load(ws, self)
        self.refresh_steps(select=None)
        if self.steps:
            self.steps_panel.list.select_id(self.steps[0].id)
        self.update_preview()  # at once: only moving through the agenda waits for a rest

    def refresh_steps(self, select: int | None = None) -> None:
        """Redraw the agenda from the model, keeping (or moving to) the selected step."""
        if self.workshop_id is None:
            return
        keep = select if select is not None else self.steps_panel.list.current_id()
        self.steps = self.library.steps(self.workshop_id)
        if keep not in {s.id for s in self.steps}:
            row = max(0, self.steps_panel.list.currentRow())
            keep = self.steps[min(row, len(self.steps) - 1)].id if self.steps else None
        self.steps_panel.list.show_steps(self.steps, keep)
        self.steps_panel.set_has_step(bool(self.steps))
        current = self.current_step()
        if current is None or self.fields.step is None or self.fields.step.id != current.id:
            self._show_step(current)
        else:
            self.fields.step = current
            if self.fields.kind_editor is not None:  # e.g. a picture chosen: show its name
                self.fields.kind_editor.load(current)
            self.preview_timer.start()

    def current_step(self) -> StepInfo | None:
        step_id = self.steps_panel.list.current_id()
        return next((s for s in self.steps if s.id == step_id), None)

    def _step_selected(self, step_id) -> None:
        self.pending.flush()
        self._show_step(self.current_step())

    def _show_step(self, step: StepInfo | None) -> None:
        self.fields.load(step)
        self.guard_fields()
        self.preview_timer.start()  # drawn once the arrow keys rest on a step

    def update_preview(self) -> None:
        """Draw the preview of the selected step now."""
        self.preview_timer.stop()
        step = self.current_step()
        self.preview.show_step(step)
        self.phones.setText(phone_summary(step) if step else "")

    # -- editing -------------------------------------------------------------------------------
    def _step_edited(self, fields: dict, now: bool) -> None:
        step = self.fields.step
        if step is not None:
            self.pending.edit(("step", step.id), fields, now=now)

    def show_problem(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def add_step(self, kind: str) -> None:
        self.pending.flush()
        current = self.current_step()
        position = current.position + 1 if current else len(self.steps)
        label = kinds.get(kind).new_title
        fields = {"title": label}
        self._push(AddStep(self, self.workshop_id, kind, position, fields, f"Add {kind} step"))
        self.fields.title.setFocus()
        self.fields.title.selectAll()

    def duplicate_step(self) -> None:
        self.pending.flush()
        step = self.current_step()
        if step is not None:
            text = f"Duplicate \u201c{step.title}\u201d"
            self._push(
                AddStep(
                    self, self.workshop_id, step.kind, step.position + 1, step_fields(step), text
                )
            )

    def delete_step(self) -> None:
        self.pending.flush()
        step = self.current_step()
        if step is not None:
            self._push(DeleteStep(self, step))

    def move_step(self, step_id: int, position: int) -> None:
        self.pending.flush()
        step = next((s for s in self.steps if s.id == step_id), None)
        if step is not None and step.position != position:
            self._push(MoveStep(self, step.id, step.position, position, step.title))

    def _push(self, command) -> None:
        try:
            self.undo_stack.push(command)
        except ModelError as error:
            self.show_problem(error.message)
            self.refresh_steps()

    def undo(self) -> None:
        self.pending.flush()
        self._guarded(self.undo_stack.undo)

    def redo(self) -> None:
        self.pending.flush()
        self._guarded(self.undo_stack.redo)

    def _guarded(self, action) -> None:
        try:
            action()
        except ModelError as error:
            self.show_problem(error.message)
            self.refresh_steps()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Leaving the editor (a run starts, the window closes) saves what was being typed."""
        self.pending.flush()
        super().hideEvent(event)

    # -- what commands call back ---------------------------------------------------------------
    def after_step_command(self, step_id: int | None, reload: bool) -> None:
        self.refresh_steps(select=step_id)
        if reload:
            self._show_step(self.current_step())

    def after_workshop_command(self) -> None:
        if self.workshop_id is None:
            return
        ws = self.library.workshop(self.workshop_id)
        if self.title.text() != ws.title:
            self.title.setText(ws.title)
        self.details.load(ws, self)

    def after_save(self, target: tuple[str, int]) -> None:
        """A pending edit was saved (not an undo): redraw the lists that show it, never the
        field being typed in (the model trims text; the field keeps what was typed)."""
        self.show_problem("")
        if target[0] == "step":
            self.refresh_steps()
        elif target[0] == "resource":
            self.details.rename_items()
            self.details.show_file()

    def _event(self, event) -> None:
        payload = event.payload
        if self.workshop_id is None or getattr(payload, "id", None) != self.workshop_id:
            return
        if event.type == events.WORKSHOP_DELETED:
            self.open_workshop(None)
        elif event.type == events.WORKSHOP_CHANGED and not self.pending.busy:
            self.refresh_steps()
