"""Keyboard and presenter clickers: one filter on the application turns keys pressed in the
console or the projector window into run actions, unless the facilitator is typing.

Right/PageDown/Space next, Left/PageUp previous, Home/End the first/last step, a number then
Enter step N (Escape or Backspace takes the typing back), B (or '.', what clickers send) black
screen, Escape leaves full screen, F full screen, T timer start/stop, Shift+T timer reset, J join
slide, S the projector's screen; other keys go to the current step's controls (G group, H hide,
Q suggest groups, P play...). Space on a focused button presses that button (Tab reaches every
one); keys with Ctrl or Alt are the console's shortcuts (Ctrl+E end the run, Ctrl+W back to the
library...)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
)

from facilitator.ui.widgets import redo_keys

K = Qt.Key
RUN_KEYS = {
    K.Key_Right: "next",
    K.Key_PageDown: "next",
    K.Key_Space: "next",
    K.Key_Left: "previous",
    K.Key_PageUp: "previous",
    K.Key_B: "black",
    K.Key_Period: "black",
    K.Key_Escape: "leave_full_screen",
    K.Key_F: "full_screen",
    K.Key_F5: "full_screen",
    K.Key_T: "timer",
    K.Key_J: "join_slide",
    K.Key_Home: "first_step",
    K.Key_End: "last_step",
    K.Key_S: "choose_screen",
}
DIGITS = {getattr(K, f"Key_{n}"): str(n) for n in range(10)}
ENTER = (K.Key_Return, K.Key_Enter)
MAX_DIGITS = 3
TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class KeyRouter(QObject):
    """Installed on the application while a run is open; ``console`` has a method per action
    name above, ``key_action(key) -> bool`` for the step's own keys, ``go_to_number(n)`` and
    ``show_typed(digits)`` (digits "" when the typing ends)."""

    def __init__(self, console, windows):
        super().__init__(console)
        self.console = console
        self.typed = ""  # a step number being typed
        self.windows = windows  # a function: the windows whose keys drive the run
        QApplication.instance().installEventFilter(self)
        console.destroyed.connect(lambda *_: self.remove())

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not hasattr(obj, "window"):
            return False
        try:
            if obj.window() not in self.windows():
                return False
        except RuntimeError:
            return False
        typing = isinstance(obj, TYPING) and not (
            isinstance(obj, QComboBox) and not obj.isEditable()
        )
        if typing or QApplication.activeModalWidget():
            return False
        if event.key() == K.Key_Space and isinstance(obj, QAbstractButton):
            return False  # the focused button's own Space
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        return self.handle(event.key(), bool(mods & Qt.KeyboardModifier.ShiftModifier))

    def handle(self, key: int, shift: bool = False) -> bool:
        if self._number(key):
            return True
        if key == K.Key_T and shift:
            self.console.timer_reset()
            return True
        action = RUN_KEYS.get(key)
        if action is not None:
            getattr(self.console, action)()
            return True
        return self.console.key_action(key)

    def _number(self, key: int) -> bool:
        """Digits build a step number; Enter goes there; Escape or Backspace take it back."""
        if key in DIGITS and len(self.typed) < MAX_DIGITS:
            self._type(self.typed + DIGITS[key])
        elif not self.typed:
            return False
        elif key in ENTER:
            number = int(self.typed)
            self._type("")
            self.console.go_to_number(number)
        elif key == K.Key_Backspace:
            self._type(self.typed[:-1])
        elif key == K.Key_Escape:
            self._type("")
        elif key not in DIGITS:  # another key: the typing is dropped and the key acts
            self._type("")
            return False
        return True  # (a fourth digit is one too many: ignored)

    def _type(self, typed: str) -> None:
        self.typed = typed
        self.console.show_typed(typed)


def widen_redo(widget) -> None:
    """Every redo action under ``widget`` (set up with this system's Redo key) answers both."""
    standard = QKeySequence(QKeySequence.StandardKey.Redo)
    for action in widget.findChildren(QAction):
        if standard in action.shortcuts():
            action.setShortcuts(redo_keys())


def focus_by_tab_only(widget) -> None:
    """Every button under ``widget`` takes the focus from Tab, and not from a click: Space
    presses a button the facilitator tabbed to, but after a click Space still turns the slide.
    Toolbar buttons (which Qt leaves out of the Tab order) are reached too, keyed or not."""
    focus = Qt.FocusPolicy
    for button in widget.findChildren(QAbstractButton):
        policy, in_toolbar = button.focusPolicy(), isinstance(button.parentWidget(), QToolBar)
        if policy == focus.StrongFocus or (policy == focus.NoFocus and in_toolbar):
            button.setFocusPolicy(focus.TabFocus)
