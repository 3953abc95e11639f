"""Keyboard and presenter clickers: one filter on the application turns keys pressed in the
console or the projector window into run actions, unless the facilitator is typing.

Right/PageDown/Space next, Left/PageUp previous, B (or '.', what clickers send) black screen,
Escape leaves full screen, F full screen, T timer start/stop, Shift+T timer reset, J join
slide; other keys go to the current step's controls (G group, H hide, P play...)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

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
}
TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class KeyRouter(QObject):
    """Installed on the application while a run is open; ``console`` has a method per action
    name above and ``key_action(key) -> bool`` for the step's own keys."""

    def __init__(self, console, windows):
        super().__init__(console)
        self.console = console
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
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        return self.handle(event.key(), bool(mods & Qt.KeyboardModifier.ShiftModifier))

    def handle(self, key: int, shift: bool = False) -> bool:
        if key == K.Key_T and shift:
            self.console.timer_reset()
            return True
        action = RUN_KEYS.get(key)
        if action is not None:
            getattr(self.console, action)()
            return True
        return self.console.key_action(key)
