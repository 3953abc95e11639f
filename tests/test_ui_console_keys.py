"""The run console by keyboard alone, key by key on the real window (QTest key events through
Qt's own shortcut handling): steps by arrows, Home/End and typed numbers; Space presses the
button tabbed to; S opens the screen choice; redo by Ctrl+Y and Ctrl+Shift+Z alike; Ctrl+W and
Ctrl+E ask first; a finished run reopens read-only and exports by Ctrl+P."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox
from ui_run_helpers import start_demo

from facilitator.ui.export_dialog import ExportDialog

K, M = Qt.Key, Qt.KeyboardModifier
CTRL = M.ControlModifier


def press(window, key, mods=M.NoModifier) -> None:
    """One key on whatever has the keyboard focus, as the keyboard would give it."""
    QTest.keyClick(QApplication.focusWidget() or window, key, mods)


def activate(qtbot, window) -> None:
    """Make ``window`` the active one (keys and shortcuts go to the active window). Offscreen
    there is no window manager to give it back when a dialog closes: this does."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def open_console(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    activate(qtbot, window)
    return window, console


def at(qtbot, console, position: int) -> None:
    qtbot.waitUntil(lambda: console.step.position == position, timeout=3000)


def question(qtbot, parent) -> QMessageBox:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox) is not None, timeout=3000)
    return parent.findChild(QMessageBox)


def test_the_steps_by_arrows_home_end_and_typed_numbers(qtbot, model, tmp_path):
    window, console = open_console(qtbot, model, tmp_path)
    console.agenda.setFocus()
    last = len(console.steps) - 1
    # arrows, then End and Home
    for key, position in ((K.Key_Right, 1), (K.Key_Left, 0), (K.Key_End, last), (K.Key_Home, 0)):
        press(window, key)
        at(qtbot, console, position)
    # a number then Enter: what is typed shows on the console until Enter
    press(window, K.Key_4)
    assert console.typed.isVisible() and console.typed.text().startswith("Step 4…")
    assert console.step.position == 0
    press(window, K.Key_Return)
    at(qtbot, console, 3)
    assert not console.typed.isVisible()
    # Escape takes the typing back, and nothing moves
    press(window, K.Key_9)
    press(window, K.Key_9)
    assert console.typed.text().startswith("Step 99…")
    press(window, K.Key_Escape)
    assert not console.typed.isVisible() and console.step.position == 3
    # Backspace takes one digit back; the keypad's Enter goes too
    for key in (K.Key_1, K.Key_2, K.Key_Backspace):
        press(window, key)
    assert console.typed.text().startswith("Step 1…")
    press(window, K.Key_Enter, M.KeypadModifier)
    at(qtbot, console, 0)
    # a step the agenda does not have is said, not guessed
    for key in (K.Key_4, K.Key_2, K.Key_Return):
        press(window, key)
    assert console.problem.text() == f"There is no step 42: the agenda has {last + 1}."
    assert console.step.position == 0


def test_space_presses_the_focused_button_and_turns_the_slide_elsewhere(qtbot, model, tmp_path):
    window, console = open_console(qtbot, model, tmp_path)
    # every button of the side panel is reached by Tab from the agenda
    console.agenda.setFocus()
    reached = set()
    for _ in range(60):
        press(window, K.Key_Tab)
        reached.add(QApplication.focusWidget())
    side = console.side
    assert {side.timer_button, side.reset_button, side.show_join, console.agenda} <= reached
    # WHEN Space is pressed on the focused "Put the join slide up" button
    side.show_join.setFocus(Qt.FocusReason.TabFocusReason)
    press(window, K.Key_Space)
    # THEN the button was pressed, and the slide did not move
    assert console.presenter.stage.join_visible and console.step.position == 0
    # a click leaves no focus on a button, so Space still turns the slide after one
    assert side.show_join.focusPolicy() == Qt.FocusPolicy.TabFocus
    console.agenda.setFocus()
    press(window, K.Key_Space)
    at(qtbot, console, 1)
    # S opens the choice of the projector's screen; Escape closes it
    press(window, K.Key_S)
    qtbot.waitUntil(console.screen_choice.view().isVisible, timeout=3000)
    press(window, K.Key_Escape)
    qtbot.waitUntil(lambda: not console.screen_choice.view().isVisible(), timeout=3000)


def test_tab_reaches_every_button_of_a_board_step(qtbot, model, tmp_path):
    window, console = open_console(qtbot, model, tmp_path)
    window.resize(1366, 728)  # a small laptop's screen, less the taskbar
    board = next(s for s in console.steps if s.kind == "whiteboard")
    console.go_to(board.position)
    at(qtbot, console, board.position)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: console.controls.isVisible(), timeout=3000)  # shown when laid out
    console.agenda.setFocus()
    reached = set()
    for _ in range(150):
        press(window, K.Key_Tab)
        reached.add(QApplication.focusWidget())
    # toolbar buttons too (Qt leaves them out of the Tab order), and a toolbar's » button
    # where its actions do not all fit ("Bring top notes…", which has no key of its own)
    buttons = [w for w in console.findChildren(QAbstractButton) if w.isVisible()]
    buttons = [b for b in buttons if b.isEnabled()]
    missed = [b.text() or b.objectName() for b in buttons if b not in reached]
    assert missed == []
    texts = {b.text() for b in buttons}
    assert {"End the run", "Group (G)", "Fit", "Suggest groups (Q)"} <= texts


def test_redo_by_ctrl_y_and_ctrl_shift_z_on_the_board(qtbot, model, tmp_path, qtlog):
    window, console = open_console(qtbot, model, tmp_path)
    board = next(s for s in console.steps if s.kind == "whiteboard")
    console.agenda.setFocus()
    for digit in str(board.position + 1):
        press(window, getattr(K, f"Key_{digit}"))
    press(window, K.Key_Return)
    at(qtbot, console, board.position)
    # the board's step took no window of its own for a moment: the keyboard stays here
    assert QApplication.activeWindow() is window
    scene = console.live.boards.get(console.run, board)

    def notes() -> int | None:
        """How many notes the board has, once its operations (off the GUI thread) are done."""
        idle = scene.operations.idle
        return len(model.board.notes(console.run.id, board.id)) if idle else None

    # a note typed on the console (Enter adds it)
    console.notes.text.setFocus()
    qtbot.keyClicks(console.notes.text, "From the floor")
    press(window, K.Key_Return)
    qtbot.waitUntil(lambda: notes() == 1, timeout=5000)
    # undo and redo from the board, by either redo key
    console.controls.view.setFocus()
    for redo in ((K.Key_Y, CTRL), (K.Key_Z, CTRL | M.ShiftModifier)):
        press(window, K.Key_Z, CTRL)
        qtbot.waitUntil(lambda: notes() == 0, timeout=5000)
        press(window, *redo)
        qtbot.waitUntil(lambda: notes() == 1, timeout=5000)
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_leaving_and_ending_ask_first_then_a_finished_run_is_read_only(qtbot, model, tmp_path):
    window, console = open_console(qtbot, model, tmp_path)
    run_id = console.run.id
    console.agenda.setFocus()
    # Ctrl+W asks; Escape (or Cancel, the default) keeps the run on the projector
    press(window, K.Key_W, CTRL)
    box = question(qtbot, console)
    assert "the room sees the desktop" in box.text()
    QTest.keyClick(box, K.Key_Escape)
    qtbot.waitUntil(lambda: console.findChild(QMessageBox) is None, timeout=3000)
    assert window.console is console and console.presenter.isVisible()
    # the same from the projector's window; the question comes up on the laptop's
    activate(qtbot, console.presenter)
    QTest.keyClick(console.presenter, K.Key_W, CTRL)
    box = question(qtbot, console)
    assert box.window() is not console.presenter
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: console.findChild(QMessageBox) is None, timeout=3000)
    activate(qtbot, window)
    # Ctrl+E asks; its "End the run" button, tabbed to and pressed with Space, ends it
    press(window, K.Key_E, CTRL)
    box = question(qtbot, console)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    end = next(b for b in box.buttons() if b.text() == "End the run")
    end.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(end, K.Key_Space)
    qtbot.waitUntil(lambda: window.console is None, timeout=3000)
    assert model.runs.run(run_id).ended
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None, timeout=3000)
    window.findChild(ExportDialog).close()
    # WHEN the finished run is reopened
    window.open_run(run_id)
    console = window.console
    # THEN it is read-only: no server, no joining, nothing to end, and an export on offer
    assert window.server is None
    assert not console.end_action.isVisible() and console.export_action.isVisible()
    assert "This run finished on" in console.notice.text() and console.notice.isVisible()
    shown = [lbl.text() for w in (console, console.presenter) for lbl in w.findChildren(QLabel)]
    assert not [t for t in shown if "cannot join" in t or "Room code" in t]
    assert console.side.join.isHidden() and console.side.remote.isHidden()
    press(window, K.Key_T)  # nothing to time: the finished run is left as it was
    assert not model.runs.run(run_id).timer_running
    # Ctrl+P exports it
    for dialog in window.findChildren(ExportDialog):
        dialog.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None, timeout=3000)
    activate(qtbot, window)
    console.agenda.setFocus()
    press(window, K.Key_P, CTRL)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None, timeout=3000)
    # and Back to the library goes without a question: nobody is watching a finished run
    window.findChild(ExportDialog).close()
    activate(qtbot, window)
    console.agenda.setFocus()
    press(window, K.Key_W, CTRL)
    qtbot.waitUntil(lambda: window.console is None, timeout=3000)
