"""Crashes leave a trace and a sentence: an exception in a Qt slot, in another thread, on the
phone server's thread or in a background task is logged with its traceback and shown in one
dialog ("Copy details", "Open the log folder"), and the app goes on."""

from __future__ import annotations

import threading

import httpx
import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton

from facilitator.logs import log_folder, setup_logging
from facilitator.model import events
from facilitator.model.errors import ModelError
from facilitator.ui import crash
from facilitator.ui.background import run_in_background
from facilitator.web.server import WebServer


@pytest.fixture
def log_file(data_dir):
    path = setup_logging(data_dir)
    yield path
    setup_logging(None)  # later tests log nowhere near this folder


@pytest.fixture
def reporter(qapp, data_dir, log_file):
    reporter = crash.CrashReporter(log_folder(data_dir))
    reporter.install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()


def shown(qtbot, reporter, problems: int = 1) -> crash.CrashDialog:
    qtbot.waitUntil(
        lambda: (
            reporter.dialog is not None
            and reporter.dialog.isVisible()
            and len(reporter.dialog.problems) == problems
        )
    )
    return reporter.dialog


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def boom(message: str):
    raise ValueError(message)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_qt_slot_is_logged_and_shown_and_the_app_goes_on(
    qtbot, reporter, log_file, data_dir
):
    # GIVEN a button whose slot has a bug
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: boom("a slot went wrong"))
    # WHEN it is pressed
    button.click()
    # THEN the traceback is in the log and one sentence in a dialog
    dialog = shown(qtbot, reporter)
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error in the app" in text
    assert "Traceback" in text and "ValueError: a slot went wrong" in text
    assert dialog.sentence.text() == crash.SENTENCE
    assert not dialog.isModal() and not dialog.count.isVisible()
    # AND "Copy details" puts the versions and the traceback on the clipboard
    dialog.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Facilitator ") and "ValueError: a slot went wrong" in copied
    assert "in boom" in copied
    # AND "Open the log folder" opens the folder the log is in
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        dialog.open_folder.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(log_file.parent)]
    # AND the app goes on: the next error joins the same dialog, counted
    button.click()
    assert shown(qtbot, reporter, problems=2) is dialog
    assert dialog.count.text() == "2 problems so far."


def test_an_exception_in_another_thread_is_logged_and_shown(qtbot, reporter, log_file):
    # GIVEN a thread with a bug WHEN it runs
    thread = threading.Thread(target=boom, args=("a thread went wrong",), name="facilitator-keys")
    thread.start()
    thread.join()
    # THEN the dialog shows it on the GUI thread, and the log names the thread
    dialog = shown(qtbot, reporter)
    assert "ValueError: a thread went wrong" in dialog.details()
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error in facilitator-keys" in text and "Traceback" in text


def test_an_error_on_the_phone_server_thread_is_shown_and_phones_carry_on(
    qtbot, reporter, log_file, model, demo_run
):
    # GIVEN the phone server running the demo run
    server = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    server.start()
    try:
        # WHEN a broken event reaches the server's thread (a step change with no step)
        model.bus.publish(events.Event(events.STEP, demo_run.id, None))
        # THEN the dialog shows the traceback from the server's thread
        dialog = shown(qtbot, reporter)
        assert "[facilitator-web]" in dialog.details() and "AttributeError" in dialog.details()
        assert "could not send step to phones" in log_file.read_text(encoding="utf-8")
        # AND phones are still served
        page = httpx.get(f"http://127.0.0.1:{server.port}/?k={demo_run.join_key}", timeout=10)
        assert page.status_code == 200
    finally:
        server.stop()


def test_a_failed_background_task_is_logged_and_shown_once(qtbot, reporter, log_file):
    # GIVEN a background task with a bug, whose caller shows its own sentence
    failures = []
    run_in_background(lambda: {}["missing"], lambda _: None, failures.append)
    # WHEN it fails THEN the caller hears of it, and the dialog and the log have the traceback
    qtbot.waitUntil(lambda: bool(failures))
    dialog = shown(qtbot, reporter)
    assert "KeyError: 'missing'" in dialog.details()
    text = log_file.read_text(encoding="utf-8")
    assert "a background task failed" in text and "KeyError: 'missing'" in text
    # AND the caller logging the same error again adds nothing to the dialog
    crash.log.error("the caller's own report", exc_info=failures[0])
    qtbot.wait(50)
    assert len(dialog.problems) == 1


def test_an_error_the_code_raises_on_purpose_is_only_the_callers_sentence(qtbot, reporter):
    # GIVEN a background task that refuses with a model error (a sentence for people)
    def refuse():
        raise ModelError("That workshop has no steps yet.")

    failures = []
    run_in_background(refuse, lambda _: None, failures.append)
    # WHEN it fails THEN the caller says it; no crash dialog
    qtbot.waitUntil(lambda: bool(failures))
    qtbot.wait(50)
    assert reporter.dialog is None
