"""The workshop editor on a real database: edits are saved as they happen and undo/redo
really restores the model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel

from facilitator.model.demos import demo_workshop
from facilitator.ui.bridge import EventBridge
from facilitator.ui.editor import WorkshopEditor


@pytest.fixture
def workshop(model):
    ws = model.library.create_workshop("Testing day")
    lib = model.library
    lib.add_step(ws.id, "info", title="Welcome", prompt="Hello", settings={"show_join": True})
    lib.add_step(ws.id, "reflect", title="Think", prompt="What matters?", timer_seconds=120)
    lib.add_step(ws.id, "whiteboard", title="Ideas", zones=["Now", "Later"], settings={"votes": 2})
    return ws


@pytest.fixture
def editor(qtbot, model, workshop):
    bridge = EventBridge(model.bus)
    widget = WorkshopEditor(model, bridge)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.open_workshop(workshop.id)
    yield widget
    bridge.close()


def activate(qtbot, widget):
    """Shortcuts (Ctrl+Z, Alt+Up) reach the active window only."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def titles(model, workshop):
    return [s.title for s in model.library.steps(workshop.id)]


def select(editor, row):
    editor.steps_panel.list.setCurrentRow(row)
    return editor.current_step()


def test_typing_is_saved_when_it_pauses_and_ctrl_z_restores_the_model(
    qtbot, editor, model, workshop
):
    # GIVEN the first step selected
    select(editor, 0)
    activate(qtbot, editor)
    field = editor.fields.title
    field.setFocus()
    # WHEN the facilitator types a new title
    field.selectAll()
    qtbot.keyClicks(field, "Good morning")
    # THEN it is saved once the typing pauses
    qtbot.waitUntil(lambda: titles(model, workshop)[0] == "Good morning", timeout=3000)
    assert "Good morning" in editor.steps_panel.list.item(0).text()
    # WHEN Ctrl+Z is pressed in the field
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # THEN the model has the old title again, and the field shows it
    assert titles(model, workshop)[0] == "Welcome"
    assert field.text() == "Welcome"
    # WHEN Ctrl+Shift+Z is pressed
    qtbot.keyClick(
        field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert titles(model, workshop)[0] == "Good morning"


def test_ctrl_z_in_a_text_box_and_in_the_zones_box_uses_the_editor_history(
    qtbot, editor, model, workshop
):
    select(editor, 2)
    activate(qtbot, editor)
    editor.fields.prompt.setFocus()
    qtbot.keyClicks(editor.fields.prompt, " Really?")
    zones = editor.fields.kind_editor.zones
    zones.setFocus()  # typing elsewhere saves the pending prompt edit first
    qtbot.keyClick(zones, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(zones, Qt.Key.Key_Return)
    qtbot.keyClicks(zones, "Never")
    qtbot.keyClick(zones, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    step = model.library.steps(workshop.id)[2]
    assert [z.label for z in step.zones] == ["Now", "Later"]
    assert step.prompt.endswith("Really?")
    qtbot.keyClick(zones, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.library.steps(workshop.id)[2].prompt == ""


def test_undo_flushes_typing_that_has_not_been_saved_yet(qtbot, editor, model, workshop):
    select(editor, 1)
    editor.fields.prompt.setPlainText("A better question?")
    assert editor.pending.busy
    editor.undo()  # saves the pending edit first, then undoes it
    assert model.library.steps(workshop.id)[1].prompt == "What matters?"
    editor.redo()
    assert model.library.steps(workshop.id)[1].prompt == "A better question?"


def test_an_empty_title_is_refused_with_a_sentence_and_nothing_changes(
    qtbot, editor, model, workshop
):
    select(editor, 0)
    editor.fields.title.clear()
    editor.fields.title.textEdited.emit("")
    editor.pending.flush()
    assert titles(model, workshop)[0] == "Welcome"
    assert editor.status.isVisible()
    assert "title" in editor.status.text().lower()
    assert editor.undo_stack.count() == 0


def test_add_each_kind_then_undo_and_redo(editor, model, workshop):
    select(editor, 2)  # new steps go after the selected one
    for kind in ("info", "video", "reflect", "whiteboard", "position", "feedback"):
        editor.add_step(kind)
    kinds_now = [s.kind for s in model.library.steps(workshop.id)]
    assert kinds_now[3:] == ["info", "video", "reflect", "whiteboard", "position", "feedback"]
    for _ in range(6):
        editor.undo()
    assert len(model.library.steps(workshop.id)) == 3
    for _ in range(6):
        editor.redo()
    assert [s.kind for s in model.library.steps(workshop.id)] == kinds_now


def test_history_survives_a_step_being_deleted_and_brought_back(qtbot, editor, model, workshop):
    # GIVEN an edit to step 2, then its deletion
    select(editor, 2)
    editor.fields.title.setText("Ideas for spring")
    editor.fields.title.textEdited.emit("Ideas for spring")
    editor.pending.flush()
    editor.delete_step()
    assert titles(model, workshop) == ["Welcome", "Think"]
    # WHEN both are undone (the step comes back with a new id)
    editor.undo()
    restored = model.library.steps(workshop.id)[2]
    assert restored.title == "Ideas for spring"
    assert [z.label for z in restored.zones] == ["Now", "Later"]
    assert restored.settings["votes"] == 2
    editor.undo()
    # THEN the title edit is undone on the re-created step
    assert titles(model, workshop) == ["Welcome", "Think", "Ideas"]
    editor.redo()
    editor.redo()
    assert titles(model, workshop) == ["Welcome", "Think"]


def test_duplicate_puts_a_copy_after_the_step(editor, model, workshop):
    select(editor, 2)
    editor.duplicate_step()
    steps = model.library.steps(workshop.id)
    assert [s.title for s in steps] == ["Welcome", "Think", "Ideas", "Ideas"]
    assert [z.label for z in steps[3].zones] == ["Now", "Later"]
    assert editor.current_step().id == steps[3].id
    editor.undo()
    assert titles(model, workshop) == ["Welcome", "Think", "Ideas"]


def test_alt_down_and_alt_up_reorder_by_keyboard(qtbot, editor, model, workshop):
    select(editor, 0)
    activate(qtbot, editor)
    editor.steps_panel.list.setFocus()
    qtbot.keyClick(editor.steps_panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(model, workshop) == ["Think", "Welcome", "Ideas"]
    assert editor.current_step().title == "Welcome"  # the moved step stays selected
    qtbot.keyClick(editor.steps_panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(model, workshop) == ["Think", "Ideas", "Welcome"]
    qtbot.keyClick(editor.steps_panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(model, workshop) == ["Think", "Welcome", "Ideas"]
    editor.undo()
    editor.undo()
    editor.undo()
    assert titles(model, workshop) == ["Welcome", "Think", "Ideas"]


def test_a_drop_in_the_list_moves_the_step_in_the_model(editor, model, workshop):
    steps = editor.steps_panel.list
    select(editor, 0)
    below_last = steps.visualItemRect(steps.item(2)).bottomLeft()
    below_last.setY(below_last.y() - 2)
    steps.request_move(steps.drop_row(below_last))
    assert titles(model, workshop) == ["Think", "Ideas", "Welcome"]


def test_delete_key_and_ctrl_d_on_the_agenda(qtbot, editor, model, workshop):
    select(editor, 1)
    activate(qtbot, editor)
    editor.steps_panel.list.setFocus()
    qtbot.keyClick(editor.steps_panel.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert titles(model, workshop) == ["Welcome", "Think", "Think", "Ideas"]
    qtbot.keyClick(editor.steps_panel.list, Qt.Key.Key_Delete)
    assert titles(model, workshop) == ["Welcome", "Think", "Ideas"]


def test_whiteboard_settings_are_saved_and_undone(qtbot, editor, model, workshop):
    select(editor, 2)
    board = editor.fields.kind_editor
    board.votes.setValue(5)
    board.reveal.setChecked(True)
    board.show_others.setChecked(False)
    board.anonymous.setChecked(True)
    board.votes_visible.setChecked(False)
    board.zones.setPlainText("Burning platforms\nBurning ambitions\n\nBurning platforms")
    editor.pending.flush()
    step = model.library.steps(workshop.id)[2]
    assert step.settings == {
        "reveal": True,
        "votes": 5,
        "show_others": False,
        "anonymous": True,
        "votes_visible": False,
    }
    assert [z.label for z in step.zones] == ["Burning platforms", "Burning ambitions"]
    editor.undo()  # zones
    editor.undo()  # votes visible
    editor.undo()  # anonymous
    assert board.anonymous.isChecked() is False and board.votes_visible.isChecked() is True
    editor.undo()  # show others
    step = model.library.steps(workshop.id)[2]
    assert [z.label for z in step.zones] == ["Now", "Later"]
    assert step.settings["show_others"] is True
    assert board.zones.toPlainText() == "Now\nLater"


def test_countdown_is_saved_in_seconds(editor, model, workshop):
    from PySide6.QtCore import QTime

    select(editor, 1)
    editor.fields.timer.setTime(QTime(0, 7, 30))
    assert model.library.steps(workshop.id)[1].timer_seconds == 450
    editor.fields.timer.setTime(QTime(0, 0, 0))
    assert model.library.steps(workshop.id)[1].timer_seconds is None
    editor.undo()
    assert model.library.steps(workshop.id)[1].timer_seconds == 450


def test_video_file_and_marks(qtbot, tmp_path, editor, model, workshop):
    editor.add_step("video")
    video = editor.fields.kind_editor
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    video.video.use_file(clip)
    assert video.video.copying and "Copying clip.mp4" in video.video.name.text()
    qtbot.waitUntil(lambda: editor.current_step().settings["video"] == "clip.mp4", timeout=5000)
    assert video.video.name.text() == "clip.mp4"
    activate(qtbot, editor)
    for box, typed in ((video.start, "0:12"), (video.end, "1:35.5")):
        box.setFocus()
        box.lineEdit().selectAll()
        qtbot.keyClicks(box, typed)
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert video.end.text() == "1:35.5"
    step = editor.current_step()
    assert step.settings["video"] == "clip.mp4"
    assert step.media_path("video").read_bytes() == clip.read_bytes()
    assert (step.settings["start"], step.settings["end"]) == (12, 95.5)
    # an end before the start is refused with a sentence
    video.end.setValue(5)
    assert editor.current_step().settings["end"] == 95.5
    assert "end mark" in editor.status.text()
    # the clip can be watched in the system player to find the marks
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        video.watch.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(step.media_path("video"))]


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_a_missing_media_file_gives_a_sentence(qtbot, tmp_path, editor):
    select(editor, 0)
    editor.fields.kind_editor.image.use_file(tmp_path / "nowhere.png")
    qtbot.waitUntil(editor.status.isVisible, timeout=5000)
    assert "nowhere.png" in editor.status.text()


def test_picture_is_copied_into_the_workshop_and_previewed(
    qtbot, tmp_path, editor, model, workshop
):
    from PySide6.QtGui import QColor, QImage

    picture = tmp_path / "map.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    image.save(str(picture))
    editor.add_step("position")
    editor.fields.kind_editor.image.use_file(picture)
    qtbot.waitUntil(lambda: editor.current_step().settings["image"] == "map.png", timeout=5000)
    step = editor.current_step()
    assert step.settings["image"] == "map.png"
    assert step.media_path("image").is_file()
    assert editor.fields.kind_editor.image.name.text() == "map.png"
    editor.update_preview()
    assert editor.preview.stage.step.settings["image"] == "map.png"


def test_feedback_questions(qtbot, editor, model, workshop):
    editor.add_step("feedback")
    form = editor.fields.kind_editor
    form.add_question()
    form.table.item(0, 0).setText("How useful was today?")
    form.add_question()
    form.table.item(1, 0).setText("What would you change?")
    form.table.cellWidget(1, 1).setCurrentIndex(1)
    editor.pending.flush()
    questions = editor.current_step().settings["questions"]
    assert [(q["text"], q["type"]) for q in questions] == [
        ("How useful was today?", "rating"),
        ("What would you change?", "text"),
    ]
    assert len({q["id"] for q in questions}) == 2
    form.table.setCurrentCell(1, 0)
    form.move_question(-1)
    assert editor.current_step().settings["questions"][0]["text"] == "What would you change?"
    editor.undo()
    assert editor.current_step().settings["questions"][0]["text"] == "How useful was today?"


def test_workshop_details_and_resources_with_undo(qtbot, editor, model, workshop):
    details = editor.details
    details.description.setPlainText("For change agents.")
    editor.pending.flush()
    assert model.library.workshop(workshop.id).description == "For change agents."
    for title in ("Start with why", "The NHS change model", "Radicals"):
        details.add_resource()
        details.res_title.setText(title)
        details.res_title.textEdited.emit(title)
        editor.pending.flush()
    details.res_url.setText("https://radicals.example")
    details.res_url.textEdited.emit("https://radicals.example")
    editor.pending.flush()
    resources = model.library.resources(workshop.id)
    assert [r.title for r in resources] == ["Start with why", "The NHS change model", "Radicals"]
    assert resources[2].url == "https://radicals.example"
    # deleting the middle one and undoing puts it back in its place
    details.list.setCurrentRow(1)
    details.delete_resource()
    assert [r.title for r in model.library.resources(workshop.id)] == ["Start with why", "Radicals"]
    editor.undo()
    resources = model.library.resources(workshop.id)
    assert [r.title for r in resources] == ["Start with why", "The NHS change model", "Radicals"]
    assert resources[2].url == "https://radicals.example"
    editor.undo()  # the url edit, on a resource that has been re-created since
    assert model.library.resources(workshop.id)[2].url is None
    assert details.list.item(1).text() == "The NHS change model"


def test_a_resource_can_carry_a_document(qtbot, tmp_path, editor, model, workshop):
    leaflet = tmp_path / "leaflet.pdf"
    leaflet.write_bytes(b"%PDF-1.4 a leaflet")
    editor.details.add_resource()
    editor.details.res_file.use_file(leaflet)
    qtbot.waitUntil(lambda: model.library.resources(workshop.id)[0].file == "leaflet.pdf")
    assert (model.library.workshop(workshop.id).media_dir / "leaflet.pdf").is_file()
    assert editor.details.res_file.name.text() == "leaflet.pdf"
    editor.details.res_file.remove.click()
    assert model.library.resources(workshop.id)[0].file is None
    editor.undo()
    assert model.library.resources(workshop.id)[0].file == "leaflet.pdf"


def test_workshop_title_edit_and_undo(qtbot, editor, model, workshop):
    activate(qtbot, editor)
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Spring day")
    editor.pending.flush()
    assert model.library.workshop(workshop.id).title == "Spring day"
    qtbot.keyClick(editor.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.library.workshop(workshop.id).title == "Testing day"
    assert editor.title.text() == "Testing day"


def test_markup_in_a_title_is_shown_literally(qtbot, editor, model, workshop):
    select(editor, 0)
    hostile = "<b>x</b> <img src=x>"
    editor.fields.title.setText(hostile)
    editor.fields.title.textEdited.emit(hostile)
    editor.pending.flush()
    assert editor.steps_panel.list.item(0).text().startswith(f"1. {hostile}")
    editor.update_preview()
    shown = [
        label.text()
        for label in editor.preview.stage.view.findChildren(QLabel)
        if label.textFormat() == Qt.TextFormat.PlainText
    ]
    assert hostile in shown


def test_every_field_label_is_a_buddy(editor):
    for row in range(editor.steps_panel.list.count()):
        select(editor, row)
        for label in editor.fields.findChildren(QLabel):
            if label.text().endswith(":") and label.isVisibleTo(editor):
                assert label.buddy() is not None, label.text()


def test_the_preview_is_the_projector_stage_and_says_what_phones_show(editor):
    select(editor, 2)
    editor.update_preview()
    picture = editor.preview.picture.toImage()
    assert picture.width() == 1280 and picture.height() == 720
    colours = {picture.pixel(x, y) for x in range(0, 1280, 40) for y in range(0, 720, 40)}
    assert len(colours) > 3  # a drawn board, not an empty frame
    assert "2 dots each" in editor.phones.text()
    editor.fields.kind_editor.reveal.setChecked(True)
    editor.update_preview()
    assert "once you reveal them" in editor.phones.text()


def test_the_demo_opens_and_every_step_shows(qtbot, model):
    ws = demo_workshop(model.library)
    bridge = EventBridge(model.bus)
    widget = WorkshopEditor(model, bridge)
    qtbot.addWidget(widget)
    widget.open_workshop(ws.id)
    for row in range(widget.steps_panel.list.count()):
        step = select(widget, row)
        assert widget.fields.title.text() == step.title
        widget.update_preview()
        assert widget.preview.stage.step.id == step.id
    bridge.close()


def test_changes_made_elsewhere_reach_the_agenda(qtbot, editor, model, workshop):
    model.library.add_step(workshop.id, "reflect", title="Added from elsewhere")
    qtbot.waitUntil(lambda: editor.steps_panel.list.count() == 4, timeout=2000)
    model.library.delete_workshop(workshop.id)
    qtbot.waitUntil(lambda: editor.workshop_id is None, timeout=2000)


def test_a_copy_that_finishes_after_moving_on_is_not_applied_elsewhere(
    qtbot, tmp_path, editor, model, workshop
):
    from PySide6.QtGui import QColor, QImage

    picture = tmp_path / "late.png"
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#884422"))
    image.save(str(picture))
    select(editor, 0)
    media = editor.fields.kind_editor.image
    media.use_file(picture)
    editor.add_step("info")  # another info step: the same settings editor shows it now
    qtbot.waitUntil(lambda: not media.copying, timeout=5000)
    steps = model.library.steps(workshop.id)
    assert [s.settings.get("image") for s in steps if s.kind == "info"] == [None, None]


def test_typing_is_saved_when_the_editor_is_left(qtbot, editor, model, workshop):
    select(editor, 1)
    editor.fields.notes.setPlainText("Ask the quiet table first.")
    assert editor.pending.busy
    editor.hide()  # a run starts, or the window closes, within the half second
    assert model.library.steps(workshop.id)[1].facilitator_notes == "Ask the quiet table first."


def test_previewing_steps_keeps_the_keyboard_in_the_editor(qtbot, editor):
    activate(qtbot, editor)
    for row in range(editor.steps_panel.list.count()):
        select(editor, row)
        editor.update_preview()
        qtbot.wait(20)
        assert QApplication.activeWindow() is editor


def test_the_phones_line_says_when_a_board_is_anonymous_or_keeps_counts_back(model, workshop):
    from facilitator.ui.editor_preview import phone_summary

    board = model.library.steps(workshop.id)[2]
    assert "No names" not in phone_summary(board) and "counts" not in phone_summary(board)
    quiet = model.library.update_step(
        board.id, settings={"anonymous": True, "votes_visible": False}
    )
    text = phone_summary(quiet)
    assert "No names on others' notes" in text
    assert "Vote counts appear when you close the board." in text
