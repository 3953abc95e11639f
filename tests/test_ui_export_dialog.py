"""The Export dialog with the real exporters: files written off the GUI thread, read back;
Open and Show in folder through QDesktopServices; printing rendered with QtPdf."""

from __future__ import annotations

import csv
import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QSettings, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter

from facilitator.model.board import NoteRequest
from facilitator.ui.export_dialog import ExportDialog
from facilitator.ui.export_printing import print_pdf
from facilitator.ui.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def filled_run(model, demo_run):
    """The demo run at its first whiteboard, with two notes (one hidden)."""
    steps = model.runs.steps(demo_run.id)
    board = next(s for s in steps if s.kind == "whiteboard")
    model.runs.go_to(demo_run.id, board.position)
    person, _token = model.runs.join(demo_run.id, "Brave Heron")
    shown = model.board.add_note(
        NoteRequest(
            demo_run.id, board.id, "She made it personal", client_id="a", participant_id=person.id
        )
    ).note
    hidden = model.board.add_note(
        NoteRequest(
            demo_run.id, board.id, "<b>not for print</b>", client_id="b", participant_id=person.id
        )
    ).note
    model.board.set_hidden(hidden.id, True)
    return demo_run, shown, hidden


def make_dialog(qtbot, model, settings, folder, **what):
    dialog = ExportDialog(model, settings, **what)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(folder))
    dialog.show()
    return dialog


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_a_run_exports_all_four_files_with_progress(qtbot, tmp_path, model, settings, filled_run):
    run, shown, hidden = filled_run
    out = tmp_path / "out"
    out.mkdir()
    dialog = make_dialog(qtbot, model, settings, out, run_id=run.id)
    dialog.csv.setChecked(True)
    dialog.json.setChecked(True)
    dialog.start_export()
    assert dialog.running and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    assert dialog.progress.value() == dialog.progress.maximum()
    names = sorted(p.name for p in dialog.files)
    assert len(names) == 4 and all(p.parent == out for p in dialog.files)
    assert "Saved 4 files" in dialog.status.text()
    summary = next(p for p in dialog.files if p.name.endswith("summary.pdf"))
    text = pdf_text(summary)
    assert "She made it personal" in text and "not for print" not in text
    handout = next(p for p in dialog.files if p.name.endswith("handout.pdf"))
    assert "Change Agents" in pdf_text(handout)
    rows = list(csv.DictReader(next(p for p in dialog.files if p.suffix == ".csv").open(
        encoding="utf-8-sig")))  # fmt: skip
    assert any("She made it personal" in " ".join(row.values()) for row in rows)
    data = json.loads(next(p for p in dialog.files if p.suffix == ".json").read_text("utf-8"))
    assert "She made it personal" in json.dumps(data)
    # each file has Open and Show in folder; the PDFs also Print
    buttons = [b.text() for b in dialog.findChildren(type(dialog.export_button))]
    assert buttons.count("Open") == 4 and buttons.count("Print\u2026") == 2
    # the folder and paper are remembered for next time
    again = ExportDialog(model, settings, run_id=run.id)
    qtbot.addWidget(again)
    assert again.folder.text() == str(out)


def test_exporting_twice_never_overwrites(qtbot, tmp_path, model, settings, filled_run):
    run = filled_run[0]
    dialog = make_dialog(qtbot, model, settings, tmp_path, run_id=run.id)
    dialog.handout.setChecked(False)
    for _ in range(2):
        dialog.start_export()
        qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    summaries = sorted(p.name for p in tmp_path.glob("*summary*.pdf"))
    assert len(summaries) == 2 and summaries[0].endswith("summary (2).pdf") ^ summaries[1].endswith(
        "summary (2).pdf"
    )


def test_a_workshop_before_any_run_exports_its_handout_only(qtbot, tmp_path, model, settings):
    from facilitator.model.demos import demo_workshop

    ws = demo_workshop(model.library)
    dialog = make_dialog(qtbot, model, settings, tmp_path, workshop_id=ws.id)
    assert dialog.summary.isHidden() and dialog.csv.isHidden() and dialog.json.isHidden()
    dialog.paper.setCurrentText("Letter")
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    assert [p.name.endswith("handout.pdf") for p in dialog.files] == [True]
    width, height = PdfReader(str(dialog.files[0])).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (612, 792)  # US Letter


def test_a_missing_folder_or_nothing_ticked_gives_a_sentence(qtbot, tmp_path, model, settings,
                                                              filled_run):  # fmt: skip
    run = filled_run[0]
    dialog = make_dialog(qtbot, model, settings, tmp_path / "nowhere", run_id=run.id)
    dialog.start_export()
    assert not dialog.running and "folder" in dialog.status.text()
    dialog.folder.setText(str(tmp_path))
    for box in (dialog.handout, dialog.summary, dialog.csv, dialog.json):
        box.setChecked(False)
    dialog.start_export()
    assert not dialog.running and "Tick" in dialog.status.text()


def test_an_export_that_fails_says_why_and_can_be_retried(qtbot, tmp_path, model, settings,
                                                           filled_run):  # fmt: skip
    import dataclasses

    run = filled_run[0]
    dialog = make_dialog(qtbot, model, settings, tmp_path, run_id=run.id)
    # GIVEN a run the database no longer has (e.g. another copy of the app's data folder)
    dialog.run = dataclasses.replace(run, id=run.id + 1000)
    dialog.workshop_id += 1000
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    assert dialog.status.text().startswith("The export did not finish.")
    assert "Traceback" not in dialog.status.text()
    assert dialog.files == [] and list(tmp_path.glob("*.pdf")) == []
    # WHEN it is pointed at the real run again, the same dialog exports
    dialog.run, dialog.workshop_id = run, run.workshop_id
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    assert len(dialog.files) == 2


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_and_show_in_folder_go_to_the_desktop(qtbot, tmp_path, model, settings, filled_run):
    run = filled_run[0]
    dialog = make_dialog(qtbot, model, settings, tmp_path, run_id=run.id)
    dialog.handout.setChecked(False)
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        buttons = {b.text(): b for b in dialog.findChildren(type(dialog.export_button))}
        buttons["Open"].click()
        buttons["Show in folder"].click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(dialog.files[0]), str(tmp_path)]


def test_printing_renders_every_page(qtbot, tmp_path, model, settings, filled_run):
    run = filled_run[0]
    dialog = make_dialog(qtbot, model, settings, tmp_path, run_id=run.id)
    dialog.summary.setChecked(False)
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    handout = dialog.files[0]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed_to = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed_to))
    pages = print_pdf(handout, printer)
    assert pages == len(PdfReader(str(handout)).pages) == len(PdfReader(str(printed_to)).pages)
    assert printed_to.stat().st_size > 20_000  # real page images, not blank pages


def test_printing_something_that_is_not_a_pdf_gives_a_sentence(tmp_path):
    from facilitator.model.errors import ModelError

    fake = tmp_path / "notes.pdf"
    fake.write_text("not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    with pytest.raises(ModelError, match="notes.pdf could not be read"):
        print_pdf(fake, printer)
