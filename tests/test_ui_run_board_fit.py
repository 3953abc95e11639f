"""The console's board lays its notes out without gaps or overlaps, and every note on a board
shares one text size unless its text is too long to fit. (The room's view of a board is tested in
test_ui_projector_board.py.)"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from ui_run_helpers import go_to_kind, start_demo

from facilitator.model.board import NoteRequest
from facilitator.ui.board_items import NOTE_PX, TEXT_BOX, note_face


def _board(qtbot, model, tmp_path, nth=0):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard", nth)
    scene = console.live.boards.get(console.run, step)
    board = console.presenter.stage.view.board
    console.presenter.resize(1920, 1080)
    qtbot.waitUntil(lambda: board.width() > 1000, timeout=3000)  # the windows have settled
    return console, step, scene, board


def _add(qtbot, model, console, step, scene, texts):
    results = model.board.add_notes([NoteRequest(console.run.id, step.id, t) for t in texts])
    notes = [r.note for r in results]
    qtbot.waitUntil(lambda: all(n.id in scene.notes for n in notes), timeout=3000)
    return notes


def test_a_hidden_note_keeps_its_place_and_the_room_does_not_see_it(qtbot, model, tmp_path):
    console, step, scene, projector = _board(qtbot, model, tmp_path)
    notes = _add(qtbot, model, console, step, scene, ["first", "second", "third"])
    places = [scene.notes[n.id].pos() for n in notes]
    # WHEN the facilitator hides the first note
    model.board.set_hidden(notes[0].id, True)
    qtbot.waitUntil(lambda: scene.notes[notes[0].id].note.hidden, timeout=3000)
    # THEN no note moves on the console, and the room's view leaves it out
    assert [scene.notes[n.id].pos() for n in notes] == places
    qtbot.waitUntil(lambda: notes[0].id not in set().union(*projector.note_ids_on_pages()))
    # AND a note arriving meanwhile takes a free place, not the hidden one's
    (late,) = _add(qtbot, model, console, step, scene, ["fourth"])
    assert scene.notes[late.id].pos() not in places
    # WHEN it is shown again nothing moves either
    model.board.set_hidden(notes[0].id, False)
    qtbot.waitUntil(lambda: not scene.notes[notes[0].id].note.hidden, timeout=3000)
    assert [scene.notes[n.id].pos() for n in notes] == places


def test_grouped_notes_gather_and_no_other_note_moves(qtbot, model, tmp_path):
    from facilitator.ui import board_actions

    console, step, scene, projector = _board(qtbot, model, tmp_path)
    notes = _add(qtbot, model, console, step, scene, [f"n{i}" for i in range(8)])
    others = {n.id: scene.notes[n.id].pos() for n in notes[1:7]}
    pair = [scene.notes[notes[0].id], scene.notes[notes[7].id]]
    board_actions.make_group(scene, pair, pair[0], "Pair")
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=5000)
    qtbot.waitUntil(lambda: scene.notes[notes[7].id].note.group_id is not None, timeout=3000)
    a, b = (scene.notes[notes[i].id].sceneBoundingRect() for i in (0, 7))
    frame = next(iter(scene.groups.values())).frame
    # the pair is side by side, its frame holds no other note, and no other note moved
    assert abs(a.top() - b.top()) < 1
    assert min(abs(a.right() - b.left()), abs(b.right() - a.left())) < 40
    for note in notes[1:7]:
        assert not frame.intersects(scene.notes[note.id].sceneBoundingRect().adjusted(3, 3, -4, -4))
    assert {i: scene.notes[i].pos() for i in others} == others


def test_one_text_size_per_board_unless_a_text_is_too_long():
    sizes = {note_face(t)[1] for t in ["Yes", "Short and clear", "She made it personal: her own"]}
    assert sizes == {NOTE_PX[0]}
    long_static, long_px = note_face("a considered thought " * 6)
    assert long_px < NOTE_PX[0]
    assert long_static.size().height() <= TEXT_BOX.height()


def test_very_long_words_wrap_and_overlong_text_is_cut_not_clipped():
    word = "W" * 60
    static, px = note_face(word)
    assert static.size().width() <= TEXT_BOX.width() + 0.5
    assert static.size().height() > 1.5 * px  # broken over several lines
    assert static.text().replace("\u2028", "") == word
    huge, _ = note_face("x" * 500)
    assert huge.text().endswith("…")
    assert huge.size().height() <= TEXT_BOX.height()
    lines, _ = note_face("one\ntwo")
    assert lines.size().height() > 1.5 * note_face("one two")[0].size().height()


def test_markup_is_drawn_literally_on_notes():
    static, _ = note_face("<b>x</b>")
    assert static.text() == "<b>x</b>"
    assert static.textFormat() == Qt.TextFormat.PlainText


def test_a_hidden_member_stays_in_its_groups_frame(qtbot, model, tmp_path):
    console, step, scene, projector = _board(qtbot, model, tmp_path)
    notes = _add(qtbot, model, console, step, scene, [f"n{i}" for i in range(6)])
    group = model.board.create_group(console.run.id, step.id, "Three", [n.id for n in notes[:3]])
    qtbot.waitUntil(lambda: scene.notes[notes[2].id].note.group_id == group.id, timeout=3000)
    places = {n.id: scene.notes[n.id].pos() for n in notes}
    # WHEN one member is hidden it stays where it is, inside the frame (on the console)
    model.board.set_hidden(notes[1].id, True)
    qtbot.waitUntil(lambda: scene.notes[notes[1].id].note.hidden, timeout=3000)
    item = scene.groups[group.id]
    assert {n.id: scene.notes[n.id].pos() for n in notes} == places
    for note in notes[:3]:
        assert item.frame.contains(scene.notes[note.id].sceneBoundingRect().adjusted(3, 3, -4, -4))
    assert item.shown
    # AND a group whose notes are all hidden is not framed on the projector
    for note in (notes[0], notes[2]):
        model.board.set_hidden(note.id, True)
    qtbot.waitUntil(lambda: not scene.groups[group.id].shown, timeout=3000)


def test_both_stages_count_a_note_as_soon_as_it_arrives(qtbot, model, tmp_path):
    console, step, scene, projector = _board(qtbot, model, tmp_path)
    _add(qtbot, model, console, step, scene, ["the first"])
    for stage in (console.mirror, console.presenter.stage):
        assert stage.view.status.text() == "1 note"
    (note,) = _add(qtbot, model, console, step, scene, ["the second"])
    model.board.set_hidden(note.id, True)
    qtbot.waitUntil(lambda: scene.notes[note.id].note.hidden, timeout=3000)
    for stage in (console.mirror, console.presenter.stage):
        assert stage.view.status.text() == "1 note"


def test_a_note_moved_away_leaves_its_place_to_the_next_note(qtbot, model, tmp_path):
    console, step, scene, projector = _board(qtbot, model, tmp_path)
    notes = _add(qtbot, model, console, step, scene, ["a", "b", "c", "d"])
    places = [scene.notes[n.id].pos() for n in notes]
    # WHEN the facilitator puts the first note somewhere of their own
    model.board.move_note(notes[0].id, 0.05, 0.8)
    qtbot.waitUntil(lambda: not scene.notes[notes[0].id].auto, timeout=3000)
    # THEN no other note moves, and the moved one is where it was put
    assert [scene.notes[n.id].pos() for n in notes[1:]] == places[1:]
    assert scene.notes[notes[0].id].pos() == QPointF(0.05 * 1600, 0.8 * 900)
    # AND the next note to arrive takes the place it left
    (late,) = _add(qtbot, model, console, step, scene, ["e"])
    assert scene.notes[late.id].pos() == places[0]


def test_a_note_in_the_facilitators_hand_is_not_laid_out_under_it(qtbot, model, tmp_path):
    console, step, scene, projector = _board(qtbot, model, tmp_path)
    notes = _add(qtbot, model, console, step, scene, [f"n{i}" for i in range(6)])
    view = console.controls.view
    held = scene.notes[notes[5].id]
    where = held.pos()
    # GIVEN the facilitator has pressed on a note (about to drag it)
    qtbot.mousePress(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.mapFromScene(held.sceneBoundingRect().center()),
    )
    assert scene.mouseGrabberItem() is held
    # WHEN a phone's note makes the board lay its notes out in wider rows
    _add(qtbot, model, console, step, scene, ["from a phone"])
    # THEN the held note has not moved under the cursor, and nothing overlaps it
    assert held.pos() == where
    for item in scene.notes.values():
        if item is not held:
            inner = item.sceneBoundingRect().adjusted(3, 3, -4, -4)
            assert not inner.intersects(held.sceneBoundingRect().adjusted(3, 3, -4, -4))
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(where + QPointF(5, 5))
    )
