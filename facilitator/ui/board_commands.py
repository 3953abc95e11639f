"""The board's undoable changes. Each command changes the board through the model's services;
the scene itself only ever changes when the resulting events arrive through the bridge."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from facilitator.model.errors import ModelError


class BoardCommand(QUndoCommand):
    def __init__(self, scene, text: str):
        super().__init__(text)
        self.scene = scene
        self.board = scene.model.board

    def guarded(self, work) -> None:
        try:
            work()
        except ModelError as error:
            self.scene.failed.emit(error.message)

    def redo(self) -> None:
        self.guarded(self.do)

    def undo(self) -> None:
        self.guarded(self.undo_it)


class MoveNotes(BoardCommand):
    """Notes dragged to new places (``moves``: note id -> ((x, y, zone) before, after))."""

    def __init__(self, scene, moves: dict):
        super().__init__(scene, "Move note" if len(moves) == 1 else f"Move {len(moves)} notes")
        self.moves = moves

    def _apply(self, which: int) -> None:
        problem = None
        for note_id, places in self.moves.items():
            x, y, zone = places[which]
            try:  # a note deleted meanwhile does not stop the others
                self.board.move_note(note_id, x, y, zone_id=zone)
            except ModelError as error:
                problem = problem or error
        if problem is not None:
            raise problem

    def do(self) -> None:
        self._apply(1)

    def undo_it(self) -> None:
        self._apply(0)


def moved(a, b) -> bool:
    """True when two places (x, y, zone) differ."""
    return abs(a[0] - b[0]) > 1e-4 or abs(a[1] - b[1]) > 1e-4 or a[2] != b[2]


class MoveGroup(MoveNotes):
    """A group dragged as a whole: its notes' places and the group's own place (``places``:
    (x, y) before, after), as one step."""

    def __init__(self, scene, group_id: int, places: tuple, moves: dict):
        super().__init__(scene, moves)
        self.setText("Move group")
        self.group_id, self.places = group_id, places

    def _apply(self, which: int) -> None:
        x, y = self.places[which]
        try:
            self.board.move_group(self.group_id, x, y)
        except ModelError as error:  # the group was deleted meanwhile: its notes still move
            super()._apply(which)
            raise error from None
        super()._apply(which)


class SetField(BoardCommand):
    """One setting changed on several notes: hidden, colour or group."""

    def __init__(self, scene, text: str, notes, field: str, value):
        super().__init__(scene, text)
        self.field = field
        self.value = value
        self.before = {n.id: getattr(n, field if field != "group" else "group_id") for n in notes}

    def _set(self, note_id: int, value) -> None:
        if self.field == "hidden":
            self.board.set_hidden(note_id, value)
        elif self.field == "color":
            self.board.set_color(note_id, value)
        else:
            self.board.set_group(note_id, value)

    def do(self) -> None:
        for note_id in self.before:
            self._set(note_id, self.value)

    def undo_it(self) -> None:
        for note_id, value in self.before.items():
            self._set(note_id, value)


class MakeGroup(BoardCommand):
    """A new named group holding the selected notes."""

    def __init__(self, scene, notes, name: str):
        super().__init__(scene, "Group notes")
        self.note_ids = [n.id for n in notes]
        self.before = {n.id: n.group_id for n in notes}
        self.name = name
        self.group_id: int | None = None

    def do(self) -> None:
        run, step = self.scene.run, self.scene.step
        group = self.board.create_group(run.id, step.id, self.name, self.note_ids)
        self.group_id = group.id

    def undo_it(self) -> None:
        for note_id, group_id in self.before.items():
            self.board.set_group(note_id, group_id)
        if self.group_id is not None:
            self.board.delete_group(self.group_id)


class RenameGroup(BoardCommand):
    def __init__(self, scene, group, name: str):
        super().__init__(scene, "Rename group")
        self.group_id, self.before, self.after = group.id, group.name, name

    def do(self) -> None:
        self.board.rename_group(self.group_id, self.after)

    def undo_it(self) -> None:
        self.board.rename_group(self.group_id, self.before)


class AddNote(BoardCommand):
    """A note the facilitator types in for someone without a phone."""

    def __init__(self, scene, request):
        super().__init__(scene, "Add note")
        self.request = request
        self.note = None

    def do(self) -> None:
        if self.note is None:
            self.note = self.board.add_note(self.request).note
        else:
            self.note = self.board.restore_note(self.note)

    def undo_it(self) -> None:
        if self.note is not None:
            self.note = self.board.delete_note(self.note.id)


class DeleteNotes(BoardCommand):
    def __init__(self, scene, notes):
        super().__init__(scene, "Delete note" if len(notes) == 1 else "Delete notes")
        self.notes = list(notes)

    def do(self) -> None:
        self.notes = [self.board.delete_note(n.id) for n in self.notes]

    def undo_it(self) -> None:
        self.notes = [self.board.restore_note(n) for n in self.notes]
