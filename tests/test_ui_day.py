"""The day itself on the real window: the laptop kept awake exactly while a run is open (the
operating system's call handed in, our code real); one screen warns that the room may see the
console and keeps the remote code away; closing the window mid-run asks first."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_run_helpers import FakeScreen, temp_settings

from facilitator.model.demos import demo_workshop
from facilitator.ui.console_day import REMOTE_HIDDEN
from facilitator.ui.screens import ONE_SCREEN_WARNING, ScreenModel
from facilitator.ui.wake import AWAKE_STATE, ES_CONTINUOUS, WakeLock, WindowsAwake


class SystemCall:
    """Stands in for Windows' SetThreadExecutionState: records each call, succeeds."""

    def __init__(self):
        self.calls: list[int] = []

    def __call__(self, flags: int) -> int:
        self.calls.append(flags)
        return 1


class ClosedByTheUser(QCloseEvent):
    """A close event as the window system sends it (the title bar's X, Alt+F4): Qt marks
    those spontaneous, which Python cannot set on an event it makes."""

    def spontaneous(self) -> bool:
        return True


def window_with(qtbot, model, tmp_path, *, screens=None, wake=None, **kw):
    from facilitator.ui.app import MainWindow

    window = MainWindow(model, temp_settings(tmp_path), screens=screens, wake=wake, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def answer(qtbot, parent, text: str) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox) is not None, timeout=3000)
    box = parent.findChild(QMessageBox)
    next(b for b in box.buttons() if b.text() == text).click()
    # gone with its question (or with the console itself, which the answer may close)
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(parent) or parent.findChild(QMessageBox) is None,
        timeout=3000,
    )


def test_the_laptop_stays_awake_while_a_run_is_open(qtbot, model, tmp_path):
    call = SystemCall()
    window = window_with(qtbot, model, tmp_path, wake=WakeLock(WindowsAwake(call)), serve=False)
    workshop = demo_workshop(model.library).id
    # a run opens: system and display are kept on
    window.start_run(workshop)
    assert call.calls == [AWAKE_STATE]
    # back to the library (after its question): let go
    window.console.leave()
    answer(qtbot, window.console, "Back to the library")
    assert window.console is None and call.calls == [AWAKE_STATE, ES_CONTINUOUS]
    # resumed, then ended: held again, let go again
    run_id = model.runs.unfinished()[0].id
    window.open_run(run_id)
    window.console.end_run()
    answer(qtbot, window.console, "End the run")
    assert call.calls == [AWAKE_STATE, ES_CONTINUOUS] * 2
    # a finished run reopened to export keeps nothing awake
    window.open_run(run_id)
    assert call.calls == [AWAKE_STATE, ES_CONTINUOUS] * 2
    window.close_run()
    # a new run, then the window closed: let go as well
    window.start_run(workshop)
    window.close()
    assert call.calls == [AWAKE_STATE, ES_CONTINUOUS] * 3


def test_one_screen_warns_and_keeps_the_remote_code_away(qtbot, model, tmp_path):
    laptop, projector = FakeScreen("eDP-1"), FakeScreen("HDMI-1", x=1920)
    plugged = [laptop]
    screens = ScreenModel(temp_settings(tmp_path), lambda: list(plugged), lambda: laptop)
    window = window_with(qtbot, model, tmp_path, screens=screens, host="127.0.0.1", port=0)
    window.start_run(demo_workshop(model.library).id)
    console, remote = window.console, window.console.side.remote
    # GIVEN one screen (Duplicate, or the projector not plugged in yet)
    assert console.notice.isVisible() and console.notice.text() == ONE_SCREEN_WARNING
    assert remote.url and not remote.toggle.isEnabled() and not remote.shown
    assert remote.why.isVisible() and remote.why.text() == REMOTE_HIDDEN
    remote.set_shown(True)  # not even when asked
    assert not remote.shown
    # WHEN the projector is plugged in as a second screen
    plugged.append(projector)
    screens.screens_changed()
    # THEN the warning goes, and the code may be shown on the laptop
    assert not console.notice.isVisible() and remote.toggle.isEnabled()
    assert not remote.why.isVisible()
    remote.toggle.click()
    assert remote.shown
    # WHEN it is unplugged again (or mirrored), the code is put away at once
    plugged.remove(projector)
    screens.screens_changed()
    assert not remote.shown and console.notice.isVisible()
    window.close()


def test_closing_the_window_mid_run_asks_first(qtbot, model, tmp_path):
    call = SystemCall()
    window = window_with(qtbot, model, tmp_path, wake=WakeLock(WindowsAwake(call)), serve=False)
    window.start_run(demo_workshop(model.library).id)
    # WHEN the facilitator closes the window mid-run: it asks, and Cancel keeps it all open
    event = ClosedByTheUser()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    box = window.findChild(QMessageBox)
    assert box is not None and "the room sees the desktop" in box.text()
    answer(qtbot, window, "Cancel")
    assert window.isVisible() and window.console is not None
    assert window.console.presenter.isVisible() and call.calls == [AWAKE_STATE]
    # WHEN asked again and the answer is Close: closed, and the laptop may sleep
    QApplication.sendEvent(window, ClosedByTheUser())
    answer(qtbot, window, "Close")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert window.console is None and call.calls == [AWAKE_STATE, ES_CONTINUOUS]
    # the run stays open for resuming
    assert model.runs.unfinished()


def test_closing_from_the_library_or_by_the_program_does_not_ask(qtbot, model, tmp_path):
    window = window_with(qtbot, model, tmp_path, serve=False)
    event = ClosedByTheUser()
    QApplication.sendEvent(window, event)  # no run open: nothing to lose
    assert event.isAccepted() and window.findChild(QMessageBox) is None
    # a close by the program itself (quitting, tests) does not ask either, mid-run
    window.start_run(demo_workshop(model.library).id)
    window.close()
    assert window.findChild(QMessageBox) is None and not window.isVisible()
    assert window.console is None


def test_the_console_settles_at_every_size_of_a_board_step(qtbot, model, tmp_path):
    from PySide6.QtCore import QEvent, QObject, Qt

    class ScrollBarsShown(QObject):
        """Counts scroll bars shown; past a hundred in a row, one that keeps flipping is held
        still (by hiding its area's others) so that the test fails rather than hangs."""

        count, flipping = 0, False

        def eventFilter(self, obj, event) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Show and type(obj).__name__ == "QScrollBar":
                self.count += 1
                if self.count > 100:
                    self.flipping = True
                    area = obj.parentWidget().parentWidget()
                    policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOn
                    area.setVerticalScrollBarPolicy(policy)
                    area.setHorizontalScrollBarPolicy(policy)
            return False

    # GIVEN a board step on the console (one screen: the notice above it takes two lines)
    window = window_with(qtbot, model, tmp_path, serve=False)
    window.start_run(demo_workshop(model.library).id)
    console = window.console
    board = next(s for s in console.steps if s.kind == "whiteboard")
    console.go_to(board.position)
    qtbot.waitUntil(lambda: console.step.id == board.id, timeout=3000)
    shown = ScrollBarsShown()
    QApplication.instance().installEventFilter(shown)
    try:
        # WHEN the window takes each of many sizes, THEN nothing keeps showing and hiding
        # (at 941x791 the board's view once flipped its scroll bar thousands of times a second)
        busy = []
        for width in (941, 1366):
            for height in range(600, 801, 3):
                window.resize(width, height)
                qtbot.wait(10)  # laid out at the new size
                shown.count = 0
                qtbot.wait(30)  # and then still
                if shown.count > 3 or shown.flipping:
                    busy.append((width, height, shown.count))
                shown.flipping = False
        assert busy == []
    finally:
        QApplication.instance().removeEventFilter(shown)
