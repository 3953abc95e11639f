"""The console's tools for a whiteboard: the editable view of the board's scene and the actions
on the selected notes (group, name, colour, hide, delete), the board (reveal, close, top N,
bring the top notes of an earlier board) and undo/redo. Every action has a key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QSpinBox, QToolBar, QVBoxLayout

from facilitator.model import events
from facilitator.model.board import NoteRequest
from facilitator.model.errors import ModelError
from facilitator.model.palette import NOTE_COLORS
from facilitator.ui.board_commands import AddNote, DeleteNotes, MakeGroup, RenameGroup, SetField
from facilitator.ui.board_view import BoardView

from .base import KindControls, plain_label


class WhiteboardControls(KindControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.scene = live.boards.get(run, step)
        self.view = BoardView(self.scene, projector=False)
        self.scene.rename_requested.connect(self.rename_group)
        self.scene.board_changed.connect(self.refresh)
        self.status = plain_label()
        self.tools = QToolBar()
        self.tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_key = {}
        self._add("Group (G)", Qt.Key.Key_G, self.group_selected)
        self._add("Ungroup (U)", Qt.Key.Key_U, self.ungroup_selected)
        colours = self._add("Colour (C)", Qt.Key.Key_C, self.colour_menu)
        self._add("Hide/show (H)", Qt.Key.Key_H, self.toggle_hidden)
        self._add("Delete (Del)", Qt.Key.Key_Delete, self.delete_selected)
        self.tools.addSeparator()
        self.reveal = self._add("Reveal (V)", Qt.Key.Key_V, self.toggle_reveal, checkable=True)
        self.lock = self._add("Close board (L)", Qt.Key.Key_L, self.toggle_lock, checkable=True)
        self.top = self._add("Top (N)", Qt.Key.Key_N, self.toggle_top, checkable=True)
        self.top_n = QSpinBox(minimum=1, maximum=50, value=5)
        self.top_n.setToolTip("How many notes 'Top' keeps in view")
        self.tools.addWidget(self.top_n)
        self._add("Bring top notes…", None, self.bring_top_notes)
        self.tools.addSeparator()
        undo = self.scene.undo.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.scene.undo.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tools.addAction(action)
            self.addAction(action)
        self.colour_button = colours
        self.reveal.setVisible(bool(step.settings.get("reveal")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.refresh()

    def _add(self, text, key, slot, checkable=False) -> QAction:
        action = QAction(text, self)
        action.setCheckable(checkable)
        action.triggered.connect(lambda *_: slot())
        self.tools.addAction(action)
        if key is not None:
            self.actions_by_key[key] = action
        return action

    def key_action(self, key: int) -> bool:
        action = self.actions_by_key.get(key)
        if action is None:
            return False
        action.trigger()
        return True

    # -- state -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        total, hidden = self.scene.counts()
        words = [f"{total} note{'s' if total != 1 else ''}"]
        if hidden:
            words.append(f"{hidden} hidden from the room")
        if self.step.settings.get("reveal"):
            words.append("revealed" if self.scene.revealed else "the room sees them face down")
        if self.scene.locked:
            words.append("closed to new notes")
        words.append("drag to move, drag on the background to select several")
        self.status.setText(" · ".join(words))
        self.reveal.setChecked(self.scene.revealed)
        self.lock.setChecked(self.scene.locked)

    def on_event(self, event) -> None:
        if event.type == events.STEP_STATE:
            self.refresh()

    def _do(self, command) -> None:
        self.scene.undo.push(command)

    def _report(self, message: str) -> None:
        self.scene.failed.emit(message)

    # -- on the selected notes -------------------------------------------------------------------
    def group_selected(self) -> None:
        notes = self.scene.selected_notes()
        if not notes:
            return self._report("Select the notes to group first (drag around them).")
        name, ok = QInputDialog.getText(self, "Group notes", "Name of the group (optional):")
        if ok:
            self._do(MakeGroup(self.scene, notes, name.strip()))

    def ungroup_selected(self) -> None:
        notes = [n for n in self.scene.selected_notes() if n.group_id is not None]
        if notes:
            self._do(SetField(self.scene, "Ungroup", notes, "group", None))

    def rename_group(self, group_id: int) -> None:
        item = self.scene.groups.get(group_id)
        if item is None:
            return
        name, ok = QInputDialog.getText(self, "Name the group", "Name:", text=item.group.name)
        if ok and name.strip() != item.group.name:
            self._do(RenameGroup(self.scene, item.group, name.strip()))

    def colour_menu(self) -> None:
        notes = self.scene.selected_notes()
        if not notes:
            return self._report("Select the notes to colour first.")
        menu = QMenu(self)
        for name in NOTE_COLORS:
            menu.addAction(name.capitalize(), lambda n=name: self.set_colour(n))
        menu.popup(self.mapToGlobal(self.view.geometry().center()))

    def set_colour(self, name: str) -> None:
        notes = self.scene.selected_notes()
        if notes:
            self._do(SetField(self.scene, "Colour notes", notes, "color", name))

    def toggle_hidden(self) -> None:
        notes = self.scene.selected_notes()
        if notes:
            hide = not all(n.hidden for n in notes)
            self._do(SetField(self.scene, "Hide" if hide else "Show", notes, "hidden", hide))

    def delete_selected(self) -> None:
        notes = self.scene.selected_notes()
        if notes:
            self._do(DeleteNotes(self.scene, notes))

    def add_note(self, text: str, author: str) -> None:
        request = NoteRequest(self.run.id, self.step.id, text, author_name=author)
        self._do(AddNote(self.scene, request))

    # -- on the board ----------------------------------------------------------------------------
    def toggle_reveal(self) -> None:
        self._state(revealed=not self.scene.revealed)

    def toggle_lock(self) -> None:
        self._state(locked=not self.scene.locked)

    def _state(self, **change) -> None:
        try:
            self.live.model.runs.set_step_state(self.run.id, self.step.id, **change)
        except ModelError as error:
            self._report(error.message)
        self.refresh()

    def toggle_top(self) -> None:
        on = self.live.options.top_n is None
        self.live.options.set(top_n=self.top_n.value() if on else None)
        self.top.setChecked(on)

    def bring_top_notes(self) -> None:
        """Start this board from the most-voted notes of an earlier board of the run."""
        earlier = [
            s
            for s in self.live.model.runs.steps(self.run.id)
            if s.kind == "whiteboard" and s.position < self.step.position
        ]
        if not earlier:
            return self._report("There is no earlier board in this run to bring notes from.")
        titles = [f"{s.position + 1}. {s.title}" for s in earlier]
        choice, ok = QInputDialog.getItem(
            self, "Bring top notes", "From which board?", titles, len(titles) - 1, False
        )
        if ok:
            self.copy_top(earlier[titles.index(choice)], self.top_n.value())

    def copy_top(self, source, n: int) -> int:
        notes = [x for x in self.live.model.board.notes(self.run.id, source.id) if not x.hidden]
        notes.sort(key=lambda x: (-x.votes, x.id))
        requests = [
            NoteRequest(
                self.run.id,
                self.step.id,
                x.text,
                color=x.color,
                author_name=x.author,
                client_id=f"top-{self.step.id}-{x.id}",
            )
            for x in notes[:n]
        ]
        answers = self.live.model.board.add_notes(requests)
        problems = [a for a in answers if isinstance(a, ModelError)]
        if problems:
            self._report(problems[0].message)
        return len(answers) - len(problems)

    def detach(self) -> None:
        super().detach()
        for signal, slot in (
            (self.scene.rename_requested, self.rename_group),
            (self.scene.board_changed, self.refresh),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
