"""The console's tools for a whiteboard: the editable view of the board's scene (drag and drop
to group, zoom, find), the actions on the selected notes (group, name, colour, hide, delete), the
board (reveal, close, top N, bring the top notes of an earlier board) and undo/redo. Every action
has a key, and every change is one model operation off the GUI thread (see board_actions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
)

from facilitator.model import events
from facilitator.model.board import NoteRequest
from facilitator.model.errors import ModelError
from facilitator.model.palette import NOTE_COLORS
from facilitator.model.records import BoardChange
from facilitator.model.top import top_notes
from facilitator.ui import board_actions as actions
from facilitator.ui.board_commands import perform
from facilitator.ui.board_drop import ask_name, reveal
from facilitator.ui.board_tools import BoardTools
from facilitator.ui.board_view import BoardView
from facilitator.ui.suggest_groups import SuggestGroups
from facilitator.ui.widgets import disconnect

from .base import KindControls, plain_label
from .whiteboard_room import RoomView


class WhiteboardControls(KindControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.scene = live.boards.get(run, step)
        self.view = BoardView(self.scene)
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
        themes = getattr(live.model, "themes", None)  # None: a copy without the engine
        self.suggest = SuggestGroups(self.scene, self.view, themes, self)
        self.actions_by_key[Qt.Key.Key_Q] = self.suggest.action
        self.colour_button = colours
        self.reveal.setVisible(bool(step.settings.get("reveal")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tools)
        self.room = RoomView(live.options, self.scene, step, self.actions_by_key)
        layout.addWidget(self.room)
        self.board_tools = BoardTools(self.scene, self.view)
        row = QHBoxLayout()  # the board's own tools, and Suggest groups beside them
        row.addWidget(self.board_tools, 1)
        row.addWidget(self.suggest.button)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.suggest.notice)
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
        words.append("drop a note on another to group them; drag on the background to select")
        self.status.setText(" · ".join(words))
        self.reveal.setChecked(self.scene.revealed)
        self.lock.setChecked(self.scene.locked)

    def on_event(self, event) -> None:
        if event.type == events.STEP_STATE:
            self.refresh()

    def _report(self, message: str) -> None:
        self.scene.failed.emit(message)

    # -- on the selected notes -------------------------------------------------------------------
    def group_selected(self) -> None:
        """The selected notes into a new group by the first of them, named in a field on it."""
        items = [self.scene.notes[n.id] for n in self.scene.selected_notes()]
        if not items:
            return self._report("Select the notes to group first (drag around them).")
        anchor = min(items, key=lambda i: (i.pos().y(), i.pos().x()))
        scene, view = self.scene, self.view

        def name_it(name: str) -> None:
            actions.make_group(scene, items, anchor, name, then=lambda c: reveal(view, c))

        ask_name(view, anchor, name_it)

    def ungroup_selected(self) -> None:
        actions.ungroup(self.scene, self.scene.selected_notes())

    def rename_group(self, group_id: int) -> None:
        item = self.scene.groups.get(group_id)
        if item is None:
            return
        name, ok = QInputDialog.getText(self, "Name the group", "Name:", text=item.group.name)
        if ok and name.strip() != item.group.name:
            actions.rename_group(self.scene, item.group, name.strip())

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
            actions.colour(self.scene, notes, name)

    def toggle_hidden(self) -> None:
        actions.toggle_hidden(self.scene, self.scene.selected_notes())

    def delete_selected(self) -> None:
        notes = self.scene.selected_notes()
        if notes:
            actions.delete(self.scene, notes)

    def add_note(self, text: str, author: str) -> None:
        request = NoteRequest(self.run.id, self.step.id, text, author_name=author)
        actions.add_note(self.scene, request)

    # -- on the board ----------------------------------------------------------------------------
    def toggle_reveal(self) -> None:
        self._toggle("revealed")

    def toggle_lock(self) -> None:
        self._toggle("locked")

    def _toggle(self, flag: str) -> None:
        """Turned over in the database, in one transaction (not from what the board shows,
        which the remote may just have changed)."""
        runs, run_id, step_id = self.live.model.runs, self.run.id, self.step.id
        self.scene.operations.run(
            lambda: runs.toggle_step_state(run_id, step_id, flag),
            lambda _state: None,  # the board takes it in from its event
            self._report,
        )

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

    def copy_top(self, source, n: int) -> None:
        """Add the top ``n`` notes of ``source`` (every note tied at the cut) to this board, as
        one undoable operation."""
        board, run_id, step_id = self.live.model.board, self.run.id, self.step.id

        def work() -> BoardChange:
            top = top_notes(board.notes(run_id, source.id), n)
            requests = [
                NoteRequest(
                    run_id,
                    step_id,
                    x.text,
                    color=x.color,
                    author_name=x.author,
                    client_id=f"top-{step_id}-{x.id}",
                )  # fmt: skip
                for x in top.notes
            ]
            if not requests:
                raise ModelError(f"No note on “{source.title}” has a vote yet.")
            answers = board.add_notes(requests)
            problems = [a for a in answers if isinstance(a, ModelError)]
            if problems and len(problems) == len(answers):
                raise problems[0]
            made = tuple(a.note for a in answers if not isinstance(a, ModelError) and a.created)
            return BoardChange(run_id, step_id, added=made)

        perform(self.scene, "Bring top notes", work)

    def detach(self) -> None:
        super().detach()
        self.suggest.detach()
        self.room.detach()
        self.board_tools.detach()
        disconnect(
            (self.scene.rename_requested, self.rename_group),
            (self.scene.board_changed, self.refresh),
        )
