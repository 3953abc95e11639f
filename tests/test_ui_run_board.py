"""The whiteboard: one scene, two views. Notes arrive live and lay themselves out without
overlapping inside their zone; dragging and grouping are stored and undoable; hiding takes a
note off the projector and the phones; reveal; top N."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from ui_run_helpers import go_to_kind, start_demo

from facilitator.model.board import NoteRequest
from facilitator.ui import board_actions
from facilitator.ui.board import BoardScene


def _board(qtbot, model, tmp_path, nth=0):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard", nth)
    scene = console.live.boards.get(console.run, step)
    return window, console, step, scene


def _settled(qtbot, scene):
    """Wait until the board's operations (run off the GUI thread) are all done."""
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)


def _add(model, run_id, step_id, texts, **extra):
    results = model.board.add_notes([NoteRequest(run_id, step_id, t, **extra) for t in texts])
    return [r.note for r in results]


def test_notes_appear_on_both_views_without_overlapping(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path)
    projector = console.presenter.stage.view.board
    console_view = console.controls.view
    assert projector.scene is scene and console_view.scene() is scene
    notes = _add(model, console.run.id, step.id, [f"idea {i}" for i in range(30)])
    qtbot.waitUntil(lambda: len(scene.notes) == 30, timeout=3000)
    rects = [scene.notes[n.id].sceneBoundingRect().adjusted(3, 3, -4, -4) for n in notes]
    for i, a in enumerate(rects):
        assert scene.sceneRect().contains(a)
        for b in rects[i + 1 :]:
            assert not a.intersects(b)
    assert "30 notes" in console.presenter.stage.view.status.text()
    console.live.options.set(board_mode="notes")  # arrival shows the newest twelve
    qtbot.waitUntil(lambda: len(set().union(*projector.note_ids_on_pages())) == 30, timeout=3000)


def test_notes_stay_inside_their_zone(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path, nth=1)
    zones = step.zones
    assert len(zones) == 2
    left = _add(model, console.run.id, step.id, ["a", "b", "c", "d", "e"], zone_id=zones[0].id)
    right = _add(model, console.run.id, step.id, ["f", "g"], zone_id=zones[1].id)
    qtbot.waitUntil(lambda: len(scene.notes) == 7, timeout=3000)
    for notes, zone in ((left, zones[0]), (right, zones[1])):
        column = next(c for c in scene.columns if c.zone_id == zone.id)
        for note in notes:
            assert column.rect.contains(
                scene.notes[note.id].sceneBoundingRect().adjusted(3, 3, -4, -4)
            )


def test_dragging_a_note_is_stored_and_undoable(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path, nth=1)
    (note,) = _add(model, console.run.id, step.id, ["move me"])
    qtbot.waitUntil(lambda: note.id in scene.notes, timeout=3000)
    view = console.controls.view
    item = scene.notes[note.id]
    start = view.mapFromScene(item.sceneBoundingRect().center())
    target_zone = scene.columns[1]
    end = view.mapFromScene(QPointF(target_zone.rect.center().x(), 400))
    # drag with the mouse on the console's view
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step_no in range(1, 6):
        p = start + (end - start) * step_no / 5
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(p),
            QPointF(view.viewport().mapToGlobal(p)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view.viewport(), move)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: model.board.note(note.id).x is not None, timeout=3000)
    _settled(qtbot, scene)
    stored = model.board.note(note.id)
    assert stored.zone_id == step.zones[1].id
    assert scene.undo.count() == 1
    scene.undo.undo()
    qtbot.waitUntil(lambda: model.board.note(note.id).zone_id != step.zones[1].id, timeout=3000)


def test_grouping_is_stored_named_and_undoable(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path)
    notes = _add(model, console.run.id, step.id, ["one", "two", "three"])
    qtbot.waitUntil(lambda: len(scene.notes) == 3, timeout=3000)
    # multi-select with a rubber band around the first two
    for note in notes[:2]:
        scene.notes[note.id].setSelected(True)
    assert {n.id for n in scene.selected_notes()} == {notes[0].id, notes[1].id}
    items = [scene.notes[n.id] for n in notes[:2]]
    board_actions.make_group(scene, items, items[0], "<b>Stories</b>")
    _settled(qtbot, scene)
    groups = model.board.groups(console.run.id, step.id)
    assert [g.name for g in groups] == ["<b>Stories</b>"]
    assert {n.group_id for n in model.board.notes(console.run.id, step.id)[:2]} == {groups[0].id}
    qtbot.waitUntil(lambda: groups[0].id in scene.groups, timeout=3000)
    frame = scene.groups[groups[0].id].frame
    for note in notes[:2]:
        assert frame.contains(scene.notes[note.id].sceneBoundingRect().adjusted(3, 3, -4, -4))
    scene.undo.undo()
    _settled(qtbot, scene)
    assert model.board.groups(console.run.id, step.id) == []
    assert all(n.group_id is None for n in model.board.notes(console.run.id, step.id))


def test_hiding_takes_a_note_off_the_projector(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path)
    (note,) = _add(model, console.run.id, step.id, ["secret"])
    qtbot.waitUntil(lambda: note.id in scene.notes, timeout=3000)
    console.notes.list.item(0).setSelected(True)
    console.notes.toggle_hidden()
    qtbot.waitUntil(lambda: scene.notes[note.id].note.hidden, timeout=3000)
    assert model.board.note(note.id).hidden  # the phones read the model: hidden there too
    assert "(hidden)" in console.notes.list.item(0).text()
    assert "0 notes" in console.presenter.stage.view.status.text()
    board = console.presenter.stage.view.board
    qtbot.waitUntil(lambda: not any(board.note_ids_on_pages()), timeout=3000)
    console.notes.toggle_hidden()
    qtbot.waitUntil(lambda: not scene.notes[note.id].note.hidden, timeout=3000)


def test_reveal_and_lock(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path, nth=2)
    assert step.settings["reveal"] and not scene.revealed
    assert "hidden until revealed" in console.presenter.stage.view.status.text()
    qtbot.keyClick(console.agenda, Qt.Key.Key_V)
    qtbot.waitUntil(lambda: scene.revealed, timeout=3000)
    assert model.runs.step_state(console.run.id, step.id).revealed
    qtbot.keyClick(console.agenda, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: scene.locked, timeout=3000)
    from facilitator.model.errors import Conflict

    try:
        model.board.add_note(NoteRequest(console.run.id, step.id, "late"))
    except Conflict as error:
        assert "locked" in error.message
    else:
        raise AssertionError("a closed board took a note")


def test_top_n_keeps_the_most_voted(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path)
    notes = _add(model, console.run.id, step.id, ["a", "b", "c", "d"])
    people = [model.runs.join(console.run.id)[0] for _ in range(3)]
    for person in people:
        model.board.vote(notes[2].id, person.id)
    model.board.vote(notes[0].id, people[0].id)
    qtbot.waitUntil(
        lambda: notes[2].id in scene.notes and scene.notes[notes[2].id].note.votes == 3,
        timeout=3000,
    )
    scene.set_top(1)
    assert scene.top_ids == {notes[2].id}
    scene.set_top(2)
    assert scene.top_ids == {notes[2].id, notes[0].id}
    # the facilitator's "bring top notes" copies them onto a later board
    later = go_to_kind(qtbot, console, "whiteboard", 1)
    console.controls.copy_top(step, 2)
    _settled(qtbot, console.controls.scene)
    assert sorted(n.text for n in model.board.notes(console.run.id, later.id)) == ["a", "c"]


def test_a_preview_board_shows_zones_only():
    # no model, no run: the editor's preview
    from pathlib import Path

    from facilitator.model.records import StepInfo, ZoneInfo

    step = StepInfo(
        1, 1, 0, "whiteboard", "t", "p", "", None, {}, (ZoneInfo(1, 1, 0, "A"),), Path(".")
    )
    scene = BoardScene(step)
    assert len(scene.columns) == 2 and scene.notes == {}
    assert scene.sceneRect() == QRectF(0, 0, 1600, 900)


def test_a_note_added_on_the_console_is_undoable(qtbot, model, tmp_path):
    window, console, step, scene = _board(qtbot, model, tmp_path)
    qtbot.keyClicks(console.notes.text, "From Pat, who has no phone")
    qtbot.keyClicks(console.notes.author, "Pat")
    console.notes.add()
    _settled(qtbot, scene)
    notes = model.board.notes(console.run.id, step.id)
    assert [(n.text, n.author) for n in notes] == [("From Pat, who has no phone", "Pat")]
    assert console.notes.text.text() == ""  # cleared once the board had it
    qtbot.waitUntil(lambda: len(scene.notes) == 1, timeout=3000)
    scene.undo.undo()
    _settled(qtbot, scene)
    assert model.board.notes(console.run.id, step.id) == []
    scene.undo.redo()
    _settled(qtbot, scene)
    assert len(model.board.notes(console.run.id, step.id)) == 1
