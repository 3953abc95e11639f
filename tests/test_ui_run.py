"""The run console and the projector: keyboard navigation, black screen, join slide, timer,
plain text, resume after the app is rebuilt on the same database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_run_helpers import go_to_kind, open_window, start_demo

from facilitator.model.board import NoteRequest
from facilitator.model.runs import spaced_room_code
from facilitator.ui.board_items import NoteItem
from facilitator.ui.kinds.base import StageLabel


def test_keyboard_walks_through_the_demo(qtbot, model, tmp_path):
    # GIVEN a run of the demo on its first step
    window, console = start_demo(qtbot, model, tmp_path)
    count = len(console.steps)
    agenda = console.agenda
    # WHEN the facilitator presses Right, PageDown and Space (a clicker's keys)
    for key, expected in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_PageDown, 2), (Qt.Key.Key_Space, 3)):
        qtbot.keyClick(agenda, key)
        qtbot.waitUntil(lambda e=expected: console.step.position == e, timeout=3000)
    # THEN both stages follow, and Left/PageUp go back
    assert console.presenter.stage.step.position == 3
    assert console.mirror.step.position == 3
    qtbot.keyClick(agenda, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: console.step.position == 2, timeout=3000)
    qtbot.keyClick(console.presenter, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: console.step.position == 1, timeout=3000)
    # AND walking past the end stays on the last step
    for _ in range(count + 2):
        console.next()
    qtbot.waitUntil(lambda: console.step.position == count - 1, timeout=3000)
    assert model.runs.run(console.run.id).current_position == count - 1


def test_typing_a_note_does_not_move_the_run(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    go_to_kind(qtbot, console, "whiteboard")
    position = console.step.position
    qtbot.keyClicks(console.notes.text, "a b")  # a space while typing is a space
    qtbot.keyClick(console.notes.text, Qt.Key.Key_Right)
    assert console.notes.text.text() == "a b"
    assert model.runs.run(console.run.id).current_position == position


def test_black_screen_and_join_slide(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    qtbot.keyClick(console.agenda, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: console.presenter.stage.black, timeout=3000)
    assert console.mirror.black
    assert model.runs.run(console.run.id).black
    qtbot.keyClick(console.agenda, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: not console.presenter.stage.black, timeout=3000)
    qtbot.keyClick(console.agenda, Qt.Key.Key_J)
    assert console.presenter.stage.join_visible and console.mirror.join_visible
    code = console.presenter.stage.join_slide.panel.code.text()
    assert spaced_room_code(console.run.room_code) in code


def test_timer_key_starts_and_stops_the_countdown(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    go_to_kind(qtbot, console, "reflect")
    qtbot.keyClick(console.agenda, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: model.runs.run(console.run.id).timer_running, timeout=3000)
    qtbot.waitUntil(lambda: console.side.timer_button.text().startswith("Pause"), timeout=3000)
    qtbot.keyClick(console.agenda, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: not model.runs.run(console.run.id).timer_running, timeout=3000)
    reflect = console.presenter.stage.view
    assert reflect.clock.text().startswith(("3:", "4:"))


def test_countdown_turns_amber_then_red(qtbot, model, tmp_path):
    from facilitator.ui.kinds.base import INK, countdown_color, countdown_text

    assert countdown_color(200, 240) == INK
    assert countdown_color(30, 240) != INK
    assert countdown_color(-3, 240) == "#B3261E"
    assert countdown_text(65) == "1:05" and countdown_text(-12) == "-0:12"


def test_agenda_click_jumps(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    item = console.agenda.item(4)
    rect = console.agenda.visualItemRect(item)
    qtbot.mouseClick(console.agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: console.step.position == 4, timeout=3000)


def test_markup_in_notes_shows_literally(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    p, _ = model.runs.join(console.run.id)
    hostile = ["<b>x</b>", "<img src=x onerror=alert(1)>"]
    for text in hostile:
        model.board.add_note(NoteRequest(console.run.id, step.id, text, participant_id=p.id))
    scene = console.live.boards.get(console.run, step)
    qtbot.waitUntil(lambda: len(scene.notes) == 2, timeout=3000)
    assert sorted(i.note.text for i in scene.notes.values()) == sorted(hostile)
    texts = [console.notes.list.item(r).text() for r in range(console.notes.list.count())]
    assert any(t.startswith("<b>x</b>") for t in texts)
    # every label the console and the projector show is plain text
    for widget in (console, console.presenter):
        for label in widget.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert all(isinstance(i, NoteItem) for i in scene.notes.values())


def test_markup_in_a_step_title_shows_literally(qtbot, model, tmp_path):
    from facilitator.ui.stage import Stage

    ws = model.library.create_workshop("Plain <i>text</i>")
    step = model.library.add_step(ws.id, "reflect", title="<b>Bold?</b>", prompt="<img src=x>")
    stage = Stage()
    qtbot.addWidget(stage)
    stage.show_step(step)
    labels = {lbl.text(): lbl for lbl in stage.findChildren(StageLabel)}
    assert labels["<b>Bold?</b>"].textFormat() == Qt.TextFormat.PlainText
    assert "<img src=x>" in labels


def test_resume_after_the_app_is_rebuilt(qtbot, model, tmp_path, data_dir):
    from facilitator.model.service import open_model

    # GIVEN a run at its fourth step with a note and a group on its board
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    run_id = console.run.id
    note = model.board.add_note(NoteRequest(run_id, step.id, "Keep me")).note
    group = model.board.create_group(run_id, step.id, "Stories", [note.id])
    model.board.move_note(note.id, 0.5, 0.4)
    # WHEN the window and the model are torn down and built again on the same folder
    window.close()
    model.close()
    again = open_model(data_dir)
    try:
        window = open_window(qtbot, again, tmp_path)
        # THEN the unfinished run is offered, and resuming lands on the same step, board intact
        assert window.banner.run_id == run_id and not window.banner.isHidden()
        qtbot.mouseClick(window.banner.resume, Qt.MouseButton.LeftButton)
        console = window.console
        assert console.step.id == step.id
        scene = console.live.boards.get(console.run, step)
        item = scene.notes[note.id]
        assert item.note.group_id == group.id and group.id in scene.groups
        assert abs(item.pos().x() / 1600 - 0.5) < 1e-6
        window.close()
    finally:
        again.close()


def test_the_main_window_fits_a_small_screen(qtbot, model, tmp_path):
    # GIVEN the offscreen platform's small screen (800x800, smaller than the usual 1400x880)
    window = open_window(qtbot, model, tmp_path)
    area = window.screen().availableGeometry()
    # THEN the window is no larger than the screen (or than its own least size: 868 wide)
    least = window.minimumSizeHint()
    assert window.height() <= area.height()
    assert window.width() <= max(area.width(), least.width())
    assert window.frameGeometry().topLeft() == area.topLeft()
