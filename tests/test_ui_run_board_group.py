"""Dragging a group on the console's board moves its notes together: stored through the model
(every note's place and the group's own), one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from ui_run_helpers import go_to_kind, start_demo

from facilitator.model.board import NoteRequest


def _drag(qtbot, view, start, end, steps=6):
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, steps + 1):
        p = QPointF(start + (end - start) * k / steps)
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            p,
            QPointF(viewport.mapToGlobal(p)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_dragging_a_group_moves_its_notes_in_the_database(qtbot, model, tmp_path):
    # GIVEN a board with a group of two notes and one note outside it
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    run_id = console.run.id
    a, b, loose = (
        r.note for r in model.board.add_notes([NoteRequest(run_id, step.id, t) for t in "abc"])
    )
    group = model.board.create_group(run_id, step.id, "Pair", [a.id, b.id])
    qtbot.waitUntil(
        lambda: group.id in scene.groups and not scene.groups[group.id].frame.isNull(),
        timeout=3000,
    )
    view = console.controls.view
    frame = scene.groups[group.id].frame
    before = {n: scene.notes[n].pos() for n in (a.id, b.id, loose.id)}
    # WHEN the facilitator drags the group by its frame, down by about 300 board units
    grip = QPointF(frame.left() + 30, frame.top() + 12)
    start = view.mapFromScene(grip)
    end = view.mapFromScene(grip + QPointF(120, 300))
    _drag(qtbot, view, start, end)
    qtbot.waitUntil(lambda: model.board.note(a.id).x is not None, timeout=3000)
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)
    # THEN both notes moved by the same amount, are stored there, and the other note stayed
    moved = {n: scene.notes[n].pos() - before[n] for n in (a.id, b.id)}
    assert moved[a.id] == moved[b.id] and moved[a.id].y() > 150
    assert scene.notes[loose.id].pos() == before[loose.id]
    for note_id in (a.id, b.id):
        stored = model.board.note(note_id)
        pos = scene.notes[note_id].pos()
        assert abs(stored.x * 1600 - pos.x()) < 1 and abs(stored.y * 900 - pos.y()) < 1
    assert model.board.note(loose.id).x is None
    stored_group = model.board.groups(run_id, step.id)[0]
    assert stored_group.y is not None and stored_group.y * 900 > frame.top() + 150
    # AND it is one step on the board's undo stack, which puts everything back
    assert scene.undo.count() == 1 and scene.undo.undoText() == "Move group"
    scene.undo.undo()
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)
    for note_id in (a.id, b.id):
        qtbot.waitUntil(lambda n=note_id: scene.notes[n].pos() == before[n], timeout=3000)
    assert model.board.groups(run_id, step.id)[0].y is None
    assert model.board.note(a.id).y is None  # as before: placed by the board, not by hand


def test_undoing_a_group_move_after_a_note_was_deleted(qtbot, model, tmp_path):
    from facilitator.ui.board_commands import perform

    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    a, b = (
        r.note
        for r in model.board.add_notes([NoteRequest(console.run.id, step.id, t) for t in "ab"])
    )
    group = model.board.create_group(console.run.id, step.id, "Pair", [a.id, b.id])
    model.board.move_notes({a.id: (0.1, 0.1, None), b.id: (0.3, 0.1, None)})
    moves = {a.id: (0.5, 0.5, None), b.id: (0.7, 0.5, None)}
    perform(scene, "Move group", lambda: model.board.move_notes(moves, {group.id: (0.45, 0.4)}))
    qtbot.waitUntil(lambda: scene.undo.count() == 1, timeout=5000)
    model.board.delete_note(a.id)
    # WHEN the move is undone, one of its notes being gone
    scene.undo.undo()
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)
    # THEN the other note and the group still go back, and redo moves them again
    assert (model.board.note(b.id).x, model.board.note(b.id).y) == (0.3, 0.1)
    assert model.board.groups(console.run.id, step.id)[0].x is None
    scene.undo.redo()
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)
    assert (model.board.note(b.id).x, model.board.note(b.id).y) == (0.7, 0.5)
