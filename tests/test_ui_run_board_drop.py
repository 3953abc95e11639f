"""Grouping live on the console's board by drag and drop, through the view's real mouse handling:
drop a note on a note to make a group (a name field opens, prefilled; Enter makes it, Escape
cancels), on a group to join it, out of a group to leave it. Each is one operation off the GUI
thread and one step on the undo stack."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from ui_run_helpers import go_to_kind, start_demo

from facilitator.model.board import NoteRequest


def _board(qtbot, model, tmp_path, texts, nth=0):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard", nth)
    scene = console.live.boards.get(console.run, step)
    answers = model.board.add_notes([NoteRequest(console.run.id, step.id, t) for t in texts])
    notes = [a.note for a in answers]
    qtbot.waitUntil(lambda: all(n.id in scene.notes for n in notes), timeout=3000)
    return console, step, scene, console.controls.view, notes


def _settled(qtbot, scene):
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)


def drag(qtbot, view, start: QPointF, end: QPointF, steps: int = 6) -> None:
    """Press on ``start`` (scene), move to ``end`` in a few steps, release: as a hand does."""
    viewport = view.viewport()
    a, b = QPointF(view.mapFromScene(start)), QPointF(view.mapFromScene(end))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a.toPoint())
    for k in range(1, steps + 1):
        p = a + (b - a) * k / steps
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            p,
            QPointF(viewport.mapToGlobal(p)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b.toPoint())


def centre(scene, note_id: int) -> QPointF:
    return scene.notes[note_id].sceneBoundingRect().center()


def test_dropping_a_note_on_another_makes_a_named_group(qtbot, model, tmp_path):
    # GIVEN a board of eight notes
    texts = ["She spoke as one of them, not as an official", "humour"] + [
        f"idea {i}" for i in range(6)
    ]
    console, step, scene, view, notes = _board(qtbot, model, tmp_path, texts)
    target, dropped = notes[0], notes[5]
    others = {n.id: scene.notes[n.id].pos() for n in notes if n not in (target, dropped)}
    # WHEN the facilitator drags one note onto the first
    drag(qtbot, view, centre(scene, dropped.id), centre(scene, target.id))
    # THEN a name field opens on it, prefilled from the first note's first words
    field = view.name_field
    assert field is not None and field.isVisible()
    assert field.edit.text() == "She spoke as one"
    assert model.board.groups(console.run.id, step.id) == []  # nothing stored until named
    # WHEN they type a name and press Enter
    field.edit.setText("Authenticity")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    _settled(qtbot, scene)
    # THEN one group holds both notes, side by side, framed, and no other note moved
    (group,) = model.board.groups(console.run.id, step.id)
    assert group.name == "Authenticity"
    assert {model.board.note(n.id).group_id for n in (target, dropped)} == {group.id}
    assert view.name_field is None
    qtbot.waitUntil(lambda: group.id in scene.groups, timeout=3000)
    frame = scene.groups[group.id].frame
    for note in (target, dropped):
        assert frame.contains(scene.notes[note.id].sceneBoundingRect().adjusted(3, 3, -4, -4))
    assert {i: scene.notes[i].pos() for i in others} == others
    for note_id in others:
        inner = scene.notes[note_id].sceneBoundingRect().adjusted(3, 3, -4, -4)
        assert not frame.intersects(inner)
    # AND it is one step on the undo stack, which takes the group away again
    assert scene.undo.count() == 1 and scene.undo.undoText() == "Group notes"
    scene.undo.undo()
    _settled(qtbot, scene)
    assert model.board.groups(console.run.id, step.id) == []
    qtbot.waitUntil(lambda: group.id not in scene.groups, timeout=3000)


def test_escape_cancels_the_new_group_and_the_note_goes_back(qtbot, model, tmp_path):
    console, step, scene, view, notes = _board(qtbot, model, tmp_path, ["a", "b", "c"])
    where = scene.notes[notes[2].id].pos()
    drag(qtbot, view, centre(scene, notes[2].id), centre(scene, notes[0].id))
    assert view.name_field is not None
    qtbot.keyClick(view.name_field.edit, Qt.Key.Key_Escape)
    _settled(qtbot, scene)
    assert view.name_field is None
    assert model.board.groups(console.run.id, step.id) == []
    assert scene.notes[notes[2].id].pos() == where and scene.undo.count() == 0
    assert model.board.note(notes[2].id).x is None


def test_an_emptied_name_makes_an_unnamed_group(qtbot, model, tmp_path):
    console, step, scene, view, notes = _board(qtbot, model, tmp_path, ["a", "b", "c"])
    drag(qtbot, view, centre(scene, notes[1].id), centre(scene, notes[0].id))
    view.name_field.edit.clear()
    qtbot.keyClick(view.name_field.edit, Qt.Key.Key_Return)
    _settled(qtbot, scene)
    (group,) = model.board.groups(console.run.id, step.id)
    assert group.name == ""


def test_dropping_on_a_grouped_note_or_a_frame_joins_and_dragging_out_leaves(
    qtbot, model, tmp_path
):
    console, step, scene, view, notes = _board(qtbot, model, tmp_path, list("abcdefgh"))
    run_id = console.run.id
    group = model.board.create_group(run_id, step.id, "Pair", [notes[0].id, notes[1].id])
    qtbot.waitUntil(lambda: group.id in scene.groups and not scene.groups[group.id].frame.isNull())
    # WHEN a note is dropped on a note of the group, it joins (no name asked)
    drag(qtbot, view, centre(scene, notes[6].id), centre(scene, notes[1].id))
    _settled(qtbot, scene)
    assert view.name_field is None
    assert model.board.note(notes[6].id).group_id == group.id
    frame = scene.groups[group.id].frame
    assert frame.contains(scene.notes[notes[6].id].sceneBoundingRect().adjusted(3, 3, -4, -4))
    # WHEN a note is dropped on the group's frame (its name, above its notes), it joins too
    grip = QPointF(frame.left() + 40, frame.top() + 12)
    drag(qtbot, view, centre(scene, notes[7].id), grip)
    _settled(qtbot, scene)
    assert model.board.note(notes[7].id).group_id == group.id
    # WHEN a member is dragged out of the frame onto empty board, it leaves the group there
    frame = scene.groups[group.id].frame
    empty = QPointF(800, frame.bottom() + 400)
    drag(qtbot, view, centre(scene, notes[0].id), empty)
    _settled(qtbot, scene)
    left = model.board.note(notes[0].id)
    assert left.group_id is None and left.x is not None
    assert scene.notes[notes[0].id].sceneBoundingRect().contains(empty)
    assert scene.undo.count() == 3
    # AND undo puts it back in the group where it was
    scene.undo.undo()
    _settled(qtbot, scene)
    assert model.board.note(notes[0].id).group_id == group.id


def test_g_groups_the_selection_with_the_same_name_field(qtbot, model, tmp_path):
    texts = ["Made it about their daughters' future", "b", "c", "d", "e", "f", "g"]
    console, step, scene, view, notes = _board(qtbot, model, tmp_path, texts)
    for note in (notes[0], notes[3], notes[6]):
        scene.notes[note.id].setSelected(True)
    qtbot.keyClick(console.agenda, Qt.Key.Key_G)
    assert view.name_field.edit.text() == "Made it about their"
    qtbot.keyClick(view.name_field.edit, Qt.Key.Key_Return)
    _settled(qtbot, scene)
    (group,) = model.board.groups(console.run.id, step.id)
    members = {n.id for n in model.board.notes(console.run.id, step.id) if n.group_id}
    assert group.name == "Made it about their" and members == {notes[i].id for i in (0, 3, 6)}


def test_dragging_a_group_by_its_frame_still_moves_it_whole(qtbot, model, tmp_path):
    console, step, scene, view, notes = _board(qtbot, model, tmp_path, list("abcd"))
    group = model.board.create_group(console.run.id, step.id, "Pair", [notes[0].id, notes[1].id])
    qtbot.waitUntil(lambda: group.id in scene.groups and not scene.groups[group.id].frame.isNull())
    frame = scene.groups[group.id].frame
    before = {n.id: scene.notes[n.id].pos() for n in notes}
    grip = QPointF(frame.left() + 30, frame.top() + 12)
    drag(qtbot, view, grip, grip + QPointF(0, 500))
    _settled(qtbot, scene)
    shifts = [scene.notes[n.id].pos() - before[n.id] for n in notes[:2]]
    assert shifts[0] == shifts[1] and abs(shifts[0].y() - 500) < 5 and shifts[0].x() == 0
    for note in notes[2:]:
        assert scene.notes[note.id].pos() == before[note.id]
    assert scene.undo.undoText() == "Move group"
