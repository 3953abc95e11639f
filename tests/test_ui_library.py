"""The library page on a real database: workshops, workshop files, past runs, settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator.ui.library import LibraryPage
from facilitator.ui.settings import Settings
from facilitator.ui.settings_dialog import SettingsDialog
from facilitator.ui.widgets import ProblemsDialog


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def page(qtbot, model, settings):
    widget = LibraryPage(model, settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def listed(page) -> list[str]:
    return [page.workshops.item(i).text().split("\n")[0] for i in range(page.workshops.count())]


def select_title(page, title: str) -> int:
    for row in range(page.workshops.count()):
        if page.workshops.item(row).text().startswith(title + "\n"):
            page.workshops.setCurrentRow(row)
            return page.selected_workshop_id()
    raise AssertionError(f"{title} not listed")


def test_the_demos_are_listed_and_the_first_is_open_in_the_editor(page, model):
    assert "Change Agents - session 1" in listed(page)
    assert len(listed(page)) == 4
    assert page.editor.workshop_id == page.selected_workshop_id()
    assert (
        page.editor.steps_panel.list.count()
        == model.library.workshop(page.editor.workshop_id).step_count
    )


def test_a_deleted_demo_stays_deleted(qtbot, page, model, settings):
    # GIVEN the demos, added the first time the library opened, and one of them deleted
    huddle = next(w for w in model.library.workshops() if w.title == "Facilitators' huddle")
    model.library.delete_workshop(huddle.id)
    # WHEN the app opens again with the same settings
    again = LibraryPage(model, settings)
    qtbot.addWidget(again)
    # THEN it does not come back (only `facilitator demo` adds the demos again)
    assert "Facilitators' huddle" not in listed(again) and len(listed(again)) == 3


def test_new_workshop_starts_with_a_join_slide_and_is_opened(page, model):
    ws = page.new_workshop()
    assert page.selected_workshop_id() == ws.id == page.editor.workshop_id
    steps = model.library.steps(ws.id)
    assert [(s.kind, s.settings["show_join"]) for s in steps] == [("info", True)]
    second = page.new_workshop()
    assert second.title == "New workshop 2"


def test_duplicate_copies_steps_and_media(qtbot, page, model):
    original_id = select_title(page, "Change Agents - session 1")
    page.duplicate_selected()
    qtbot.waitUntil(lambda: "Change Agents - session 1 (copy)" in listed(page), timeout=10000)
    copy = next(w for w in model.library.workshops() if w.title.endswith("(copy)"))
    qtbot.waitUntil(lambda: page.selected_workshop_id() == copy.id, timeout=5000)
    original_steps = model.library.steps(original_id)
    copied = model.library.steps(copy.id)
    assert [(s.kind, s.title) for s in copied] == [(s.kind, s.title) for s in original_steps]
    picture = next(s for s in copied if s.kind == "position").media_path("image")
    assert picture.is_file() and copy.media_dir in picture.parents


def test_delete_asks_first_then_deletes(qtbot, page, model):
    ws = page.new_workshop()
    page.confirm_delete()
    box = page.findChild(QMessageBox)
    assert box is not None and "New workshop" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert ws.id not in [w.id for w in model.library.workshops()]
    assert "New workshop" not in listed(page)
    assert page.editor.workshop_id == page.selected_workshop_id() is not None


def test_the_delete_key_on_the_list_asks_too(qtbot, page, model):
    page.new_workshop()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.workshops.setFocus()
    qtbot.keyClick(page.workshops, Qt.Key.Key_Delete)
    box = page.findChild(QMessageBox)
    assert box is not None and "New workshop" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert "New workshop" in listed(page)


def test_export_then_import_a_workshop_file(qtbot, tmp_path, page, model):
    source_id = select_title(page, "Change Agents - session 1")
    target = tmp_path / "shared.workshop"
    page.export_to(source_id, target)
    qtbot.waitUntil(lambda: target.is_file() and "Saved" in page.message.text(), timeout=10000)
    before = len(model.library.workshops())
    page.import_from(target)
    qtbot.waitUntil(lambda: len(model.library.workshops()) == before + 1, timeout=10000)
    qtbot.waitUntil(lambda: page.message.text().startswith("Imported"), timeout=5000)
    imported = model.library.workshop(page.selected_workshop_id())
    assert imported.id != source_id and not imported.is_demo
    assert [s.title for s in model.library.steps(imported.id)] == [
        s.title for s in model.library.steps(source_id)
    ]


def test_a_broken_workshop_file_lists_each_problem(qtbot, tmp_path, page, model):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "workshop.yaml").write_text(
        "format: 1\ntitle: Broken\nsteps:\n"
        "  - kind: dance\n    title: One\n"
        "  - kind: video\n    title: Two\n    video: clips/missing.mp4\n",
        encoding="utf-8",
    )
    before = len(model.library.workshops())
    page.import_from(folder)
    qtbot.waitUntil(lambda: page.findChild(ProblemsDialog) is not None, timeout=5000)
    dialog = page.findChild(ProblemsDialog)
    lines = dialog.lines()
    assert len(lines) == 2
    assert lines[0].startswith("steps[0]") and lines[1].startswith("steps[1].video")
    assert "2 problems" in dialog.message.text()
    assert len(model.library.workshops()) == before


def test_a_file_that_is_not_a_workshop_gives_a_sentence(qtbot, tmp_path, page):
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(b"\xff\xd8 not a workshop")
    page.import_from(junk)
    qtbot.waitUntil(lambda: page.findChild(ProblemsDialog) is not None, timeout=5000)
    assert "holiday.jpg" in " ".join(page.findChild(ProblemsDialog).lines())


def test_start_run_by_button_and_by_f5(qtbot, page):
    workshop_id = select_title(page, "Spreading change: one piece of advice")
    with qtbot.waitSignal(page.start_run_requested) as signal:
        page.start.click()
    assert signal.args == [workshop_id]
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.workshops.setFocus()
    with qtbot.waitSignal(page.start_run_requested) as signal:
        qtbot.keyClick(page.workshops, Qt.Key.Key_F5)
    assert signal.args == [workshop_id]


def test_past_runs_resume_reopen_and_export(qtbot, page, model):
    ws_id = select_title(page, "Change Agents - session 1")
    finished = model.runs.start(ws_id, place="Room 1")
    model.runs.end(finished.id)
    live = model.runs.start(ws_id, place="Room 2")
    model.runs.next(live.id)
    qtbot.waitUntil(lambda: page.runs.count() == 2, timeout=3000)
    qtbot.waitUntil(lambda: "at step 2 of" in page.runs.item(0).text(), timeout=3000)
    page.runs.setCurrentRow(0)
    assert page.resume.text() == "&Resume"
    with qtbot.waitSignal(page.resume_run_requested) as signal:
        page.resume.click()
    assert signal.args == [live.id]
    page.runs.setCurrentRow(1)
    assert page.resume.text() == "&Reopen"
    assert "finished" in page.runs.item(1).text()
    with qtbot.waitSignal(page.export_run_requested) as signal:
        page.export_run.click()
    assert signal.args == [finished.id]


def test_workshops_made_elsewhere_appear(qtbot, page, model):
    model.library.create_workshop("Made by the command line")
    qtbot.waitUntil(lambda: "Made by the command line" in listed(page), timeout=3000)


def test_markup_in_a_workshop_title_is_listed_literally(qtbot, page, model):
    model.library.create_workshop("<b>bold</b> & <img src=x>")
    qtbot.waitUntil(lambda: "<b>bold</b> & <img src=x>" in listed(page), timeout=3000)


def test_settings_dialog_saves_on_ok_only(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("  Sam Okafor ")
    dialog.paper.setCurrentText("Letter")
    dialog.port.setValue(9000)
    dialog.chime.setChecked(False)
    dialog.reject()
    assert settings.paper_size == "A4" and settings.facilitator_name == ""
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("  Sam Okafor ")
    dialog.paper.setCurrentText("Letter")
    dialog.port.setValue(9000)
    dialog.chime.setChecked(False)
    dialog.accept()
    reread = Settings(QSettings(settings.store.fileName(), QSettings.Format.IniFormat))
    assert reread.facilitator_name == "Sam Okafor"
    assert (reread.paper_size, reread.preferred_port, reread.chime) == ("Letter", 9000, False)
    again = SettingsDialog(reread)
    qtbot.addWidget(again)
    assert again.paper.currentText() == "Letter" and again.name.text() == "Sam Okafor"


def test_handout_and_settings_buttons_open_their_dialogs(qtbot, page, model):
    from facilitator.ui.export_dialog import ExportDialog

    workshop_id = select_title(page, "Facilitators' huddle")
    page.handout.click()
    dialog = page.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.workshop_id == workshop_id and dialog.run is None
    assert dialog.summary.isHidden()
    dialog.reject()
    page.settings_button.click()
    settings_dialog = page.findChild(SettingsDialog)
    assert settings_dialog is not None and settings_dialog.isVisible()
    settings_dialog.reject()
