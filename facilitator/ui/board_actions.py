"""What the facilitator does to a board from the console, each as one model operation run off
the GUI thread and, once done, one step on the board's undo stack (see board_commands): move,
group (a new group, join one, leave one), colour, hide, delete, add a note, rename a group.

Functions take the scene and the notes' items or records; ``before`` is where dragged notes
were (note id -> (x, y, zone)), so the scene can show them there again if the model refuses."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from facilitator.model.board import NoteRequest
from facilitator.model.records import BoardChange, NoteInfo

from .board_commands import added, perform, renamed
from .board_items import NoteItem


def _undone(scene, before: dict | None) -> Callable[[], None] | None:
    return None if not before else (lambda: scene.put_back(before))


def _ids(notes) -> list[int]:
    return [n.note.id if isinstance(n, NoteItem) else n.id for n in notes]


def _many(notes, one: str, many: str) -> str:
    return one if len(notes) == 1 else many.format(len(notes))


def move(scene, places: dict, before: dict | None = None) -> None:
    """Notes dragged to ``places`` (note id -> (x, y, zone))."""
    board = scene.model.board
    text = _many(places, "Move note", "Move {} notes")
    perform(scene, text, lambda: board.move_notes(places), undone=_undone(scene, before))


def leave_group(scene, leaving: Sequence[int], places: dict, before: dict | None = None) -> None:
    """Notes dragged out of their group to ``places`` (other dragged notes just move)."""
    board = scene.model.board
    text = _many(leaving, "Take note out of its group", "Take {} notes out of their groups")
    perform(
        scene,
        text,
        lambda: board.group_notes(list(leaving), None, places),
        undone=_undone(scene, before),
    )


def make_group(
    scene,
    items: Sequence[NoteItem],
    anchor: NoteItem,
    name: str,
    before: dict | None = None,
    then=None,
) -> None:
    """A new group of ``items``, gathered by ``anchor`` (one of them) without moving others."""
    places = scene.gather_places(list(items), anchor)
    ids = _ids(items)
    board = scene.model.board
    perform(
        scene,
        "Group notes",
        lambda: board.make_group(ids, name, places),
        then=then,
        undone=_undone(scene, before),
    )


def join_group(
    scene, items: Sequence[NoteItem], group_id: int, before: dict | None = None, then=None
) -> None:
    """``items`` into an existing group, gathered by its first note."""
    members = [m for m in scene.members(group_id) if m not in items]
    if not members:
        return
    anchor = min(members, key=lambda m: (m.pos().y(), m.pos().x()))
    places = scene.gather_places(members + list(items), anchor)
    ids = _ids(items)
    board = scene.model.board
    text = _many(items, "Add note to group", "Add {} notes to group")
    perform(
        scene,
        text,
        lambda: board.group_notes(ids, group_id, places),
        then=then,
        undone=_undone(scene, before),
    )


def ungroup(scene, notes: Sequence[NoteInfo]) -> None:
    """Notes out of their groups, where they are."""
    ids = [n.id for n in notes if n.group_id is not None]
    if ids:
        board = scene.model.board
        perform(scene, "Ungroup", lambda: board.group_notes(ids, None))


def colour(scene, notes: Sequence[NoteInfo], color: str) -> None:
    ids = _ids(notes)
    board = scene.model.board
    perform(scene, "Colour notes", lambda: board.color_notes(ids, color))


def hide(scene, notes: Sequence[NoteInfo], hidden: bool) -> None:
    """Hide notes from the projector and the phones (or show them again)."""
    ids = _ids(notes)
    board = scene.model.board
    text = _many(ids, "Hide note" if hidden else "Show note", "Hide {} notes")
    if not hidden:
        text = _many(ids, text, "Show {} notes")
    perform(scene, text, lambda: board.hide_notes(ids, hidden))


def toggle_hidden(scene, notes: Sequence[NoteInfo]) -> None:
    """Hide the notes, or show them all if every one is hidden already."""
    if notes:
        hide(scene, notes, not all(n.hidden for n in notes))


def delete(scene, notes: Sequence[NoteInfo]) -> None:
    ids = _ids(notes)
    board = scene.model.board
    perform(scene, _many(ids, "Delete note", "Delete {} notes"), lambda: board.delete_notes(ids))


def add_note(scene, request: NoteRequest, then=None, failed=None) -> None:
    """A note the facilitator types in for someone without a phone; ``then(note)`` once it is
    on the board, ``failed(sentence)`` if the model refused it."""
    board = scene.model.board

    def work() -> BoardChange:
        result = board.add_note(request)
        note = result.note
        return added(note) if result.created else BoardChange(note.run_id, note.step_id)

    def done(change: BoardChange) -> None:
        if then is not None and change.added:
            then(change.added[0])

    perform(scene, "Add note", work, then=done, failed=failed)


def rename_group(scene, group, name: str) -> None:
    board = scene.model.board
    perform(scene, "Rename group", lambda: renamed(group, board.rename_group(group.id, name)))
