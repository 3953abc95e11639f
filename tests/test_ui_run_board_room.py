"""The console's board at room scale (150 and 300 notes, filled as a room fills it): one
operation is one transaction and one event, placement is stable, undo of a delete restores
votes, group and place exactly, a failed operation leaves the undo stack clean, search says how
many notes match, votes show as numbers, and a rename reaches the notes live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import event, select
from ui_run_helpers import go_to_kind, start_demo

from facilitator.export.sample import fill_room_board
from facilitator.model import events, orm
from facilitator.model.board import NoteRequest
from facilitator.ui import board_actions as actions
from facilitator.ui.board_items import NOTE_H, NOTE_W


def _room(qtbot, model, tmp_path, notes=150):
    """The console on the demo's first board, filled with ``notes`` notes beforehand."""
    window, console = start_demo(qtbot, model, tmp_path)
    step = next(s for s in console.steps if s.kind == "whiteboard")
    fill_room_board(model, console.run.id, step, notes=notes)
    go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    assert len(scene.notes) == notes
    return console, step, scene


def _settled(qtbot, scene):
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=10000)


def _places(scene):
    return {note_id: item.pos() for note_id, item in scene.notes.items()}


class Commits:
    def __init__(self, model):
        self.count = 0
        self.engine = model.db.write_engine
        event.listen(self.engine, "commit", self._commit)

    def _commit(self, _connection):
        self.count += 1

    def close(self):
        event.remove(self.engine, "commit", self._commit)


def test_150_notes_stay_put_when_others_arrive_hide_or_group(qtbot, model, tmp_path):
    console, step, scene = _room(qtbot, model, tmp_path)
    places = _places(scene)
    # GIVEN no two notes overlap
    papers = sorted((p.y(), p.x()) for p in places.values())
    assert len(set(papers)) == len(papers)
    # WHEN a phone adds a note, THEN no other note moves and the new one overlaps none
    new = model.board.add_note(NoteRequest(console.run.id, step.id, "One more idea")).note
    qtbot.waitUntil(lambda: new.id in scene.notes, timeout=3000)
    assert {i: scene.notes[i].pos() for i in places} == places
    rect = scene.notes[new.id].sceneBoundingRect().adjusted(3, 3, -4, -4)
    assert not any(
        rect.intersects(item.sceneBoundingRect().adjusted(3, 3, -4, -4))
        for i, item in scene.notes.items()
        if i != new.id
    )
    # WHEN the facilitator hides ten notes, THEN nothing moves
    places = _places(scene)
    hidden = [scene.notes[i].note for i in list(places)[20:30]]
    actions.hide(scene, hidden, True)
    _settled(qtbot, scene)
    qtbot.waitUntil(lambda: all(scene.notes[n.id].note.hidden for n in hidden), timeout=3000)
    assert _places(scene) == places
    # WHEN thirty notes are grouped, THEN only those thirty move
    chosen = [scene.notes[i] for i in list(places)[40:70]]
    actions.make_group(scene, chosen, chosen[0], "Authenticity")
    _settled(qtbot, scene)
    qtbot.waitUntil(lambda: all(c.note.group_id is not None for c in chosen), timeout=3000)
    moved = {i for i, p in _places(scene).items() if p != places[i]}
    assert moved <= {c.note.id for c in chosen}
    # AND the group's frame holds its thirty notes and no other
    (group_id,) = {c.note.group_id for c in chosen}
    frame = scene.groups[group_id].frame
    chosen_ids = {c.note.id for c in chosen}
    for note_id, item in scene.notes.items():
        inner = item.sceneBoundingRect().adjusted(3, 3, -4, -4)
        assert frame.contains(inner) == (note_id in chosen_ids)


def test_300_notes_grouping_30_is_one_transaction_one_event_and_one_undo_step(
    qtbot, model, tmp_path
):
    console, step, scene = _room(qtbot, model, tmp_path, notes=300)
    chosen = [scene.notes[i] for i in sorted(scene.notes)[100:130]]
    seen = []
    model.bus.subscribe(seen.append)
    commits = Commits(model)
    # WHEN the facilitator groups 30 selected notes
    actions.make_group(scene, chosen, chosen[0], "Shared purpose")
    _settled(qtbot, scene)
    commits.close()
    # THEN one commit and one event did it all, and the undo stack has one step
    assert commits.count == 1
    assert [e.type for e in seen] == [events.NOTES_CHANGED]
    assert len(seen[0].payload.notes) == 30 and len(seen[0].payload.groups_added) == 1
    assert scene.undo.count() == 1
    # AND its undo is one more operation that puts every note back where it was
    scene.undo.undo()
    _settled(qtbot, scene)
    assert model.board.groups(console.run.id, step.id) == []
    assert all(model.board.note(c.note.id).x is None for c in chosen)


def test_undo_of_a_delete_restores_votes_group_and_place_exactly(qtbot, model, tmp_path):
    console, step, scene = _room(qtbot, model, tmp_path)
    voted = sorted((i.note for i in scene.notes.values()), key=lambda n: -n.votes)[:6]
    items = [scene.notes[n.id] for n in voted]
    actions.make_group(scene, items[:3], items[0], "Top three")
    _settled(qtbot, scene)
    ids = [n.id for n in voted]
    was = {n.id: n for n in model.board.notes(console.run.id, step.id) if n.id in ids}
    where = {i: scene.notes[i].pos() for i in ids}
    with model.db.read() as s:
        votes = sorted(s.execute(select(orm.Vote.note_id, orm.Vote.participant_id)).all())
    # WHEN the six are deleted from the console, then the deletion is undone
    actions.delete(scene, [scene.notes[i].note for i in ids])
    _settled(qtbot, scene)
    qtbot.waitUntil(lambda: not any(i in scene.notes for i in ids), timeout=3000)
    assert model.board.groups(console.run.id, step.id) == []
    scene.undo.undo()
    _settled(qtbot, scene)
    qtbot.waitUntil(lambda: all(i in scene.notes for i in ids), timeout=3000)
    # THEN each note is back as it was: its votes (who gave them), group, place, everything
    (group,) = model.board.groups(console.run.id, step.id)
    assert group.name == "Top three"
    now = {n.id: n for n in model.board.notes(console.run.id, step.id) if n.id in ids}
    for note_id in ids:
        a, b = now[note_id], was[note_id]
        assert (a.text, a.author, a.x, a.y, a.zone_id, a.votes, a.color) == (
            b.text,
            b.author,
            b.x,
            b.y,
            b.zone_id,
            b.votes,
            b.color,
        )
        assert a.group_id == group.id if b.group_id is not None else a.group_id is None
        assert scene.notes[note_id].pos() == where[note_id]
    with model.db.read() as s:
        assert sorted(s.execute(select(orm.Vote.note_id, orm.Vote.participant_id)).all()) == votes


def test_a_failed_operation_leaves_the_undo_stack_clean(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    a, b = (
        r.note
        for r in model.board.add_notes([NoteRequest(console.run.id, step.id, t) for t in "ab"])
    )
    qtbot.waitUntil(lambda: b.id in scene.notes, timeout=3000)
    problems = []
    scene.failed.connect(problems.append)
    # WHEN the facilitator hides a note that a moment ago was deleted (the board not yet told)
    model.board.delete_note(a.id)
    actions.hide(scene, [a], True)
    _settled(qtbot, scene)
    # THEN they are told why in a sentence and nothing is left to undo
    assert problems == ["Those notes are no longer on the board."]
    assert scene.undo.count() == 0
    # WHEN an operation is done and its note then deleted behind its back, undo fails
    actions.colour(scene, [b], "blue")
    _settled(qtbot, scene)
    assert scene.undo.count() == 1
    model.board.delete_note(b.id)
    scene.undo.undo()
    _settled(qtbot, scene)
    # THEN the command leaves the stack (no "Redo" of something gone), with a sentence
    assert scene.undo.count() == 0 and not scene.undo.canRedo() and not scene.undo.canUndo()
    assert problems[-1] == "Those notes are no longer on the board."


def test_search_highlights_matching_notes_and_says_how_many(qtbot, model, tmp_path):
    console, step, scene = _room(qtbot, model, tmp_path)
    tools = console.controls.board_tools
    expected = {i for i, item in scene.notes.items() if "story" in item.note.text.lower()}
    assert expected
    # WHEN the facilitator types a word, in any case
    qtbot.keyClicks(tools.find, "STORY")
    # THEN the notes with it are highlighted and the count is said
    assert scene.matches == expected
    assert tools.found.text() == f"{len(expected)} notes match"
    # AND accents do not matter, and a note arriving with the word is counted at once
    note = model.board.add_note(
        NoteRequest(console.run.id, step.id, "Une histoire vécue: sa story à elle")
    ).note
    qtbot.waitUntil(lambda: note.id in scene.matches, timeout=3000)
    assert tools.found.text() == f"{len(expected) + 1} notes match"
    tools.find.setText("VECUE")
    assert scene.matches == {note.id} and tools.found.text() == "1 note match"
    tools.find.clear()
    assert scene.matches == set() and tools.found.text() == ""


def _paint(item) -> QImage:
    image = QImage(int(NOTE_W), int(NOTE_H), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def test_votes_show_as_a_number_and_a_rename_reaches_the_notes(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    people = [model.runs.join(console.run.id)[0] for _ in range(3)]
    note = model.board.add_note(
        NoteRequest(console.run.id, step.id, "Kept it short", participant_id=people[0].id)
    ).note
    for person in people:
        model.board.vote(note.id, person.id)
    qtbot.waitUntil(
        lambda: note.id in scene.notes and scene.notes[note.id].note.votes == 3, timeout=3000
    )
    # THEN the note paints its count in a blue pill at its bottom right
    image = _paint(scene.notes[note.id])
    pill = image.pixelColor(int(NOTE_W - 10), int(NOTE_H - 15))
    assert (pill.red(), pill.green(), pill.blue()) == (0x00, 0x72, 0xB2)
    assert any(
        image.pixelColor(x, int(NOTE_H - 15)).lightness() > 240
        for x in range(int(NOTE_W - 30), int(NOTE_W - 6))
    )  # the white digit inside it
    assert "3 votes" in console.notes.list.item(0).text()
    # WHEN its author renames themselves on their phone
    model.runs.rename(people[0].id, "Captain Jo")
    qtbot.waitUntil(lambda: scene.notes[note.id].note.author == "Captain Jo", timeout=3000)
    assert "— Captain Jo" in console.notes.list.item(0).text()


def test_zoom_fit_and_pan_on_the_console(qtbot, model, tmp_path):
    console, step, scene = _room(qtbot, model, tmp_path)
    view = console.controls.view
    qtbot.waitUntil(lambda: view.viewport().height() > 150, timeout=3000)
    start = view.zoom
    # Ctrl+wheel zooms in around the pointer
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom == pytest.approx(start * 1.44, rel=0.01)
    # Fit shows the whole board, every note
    view.fit_board()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(shown.contains(item.sceneBoundingRect()) for item in scene.notes.values())
    # the middle button drags the board
    view.fit_width()
    bar = view.verticalScrollBar()
    bar.setValue(0)
    assert bar.maximum() > 0
    viewport = view.viewport()
    low = QPoint(100, viewport.height() - 10)
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=low)
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(100, 10),
        QPointF(viewport.mapToGlobal(QPoint(100, 10))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.MiddleButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(100, 10))
    assert bar.value() == low.y() - 10
    assert scene.undo.count() == 0  # panning changed nothing on the board
