"""Small widgets shared by the library, the editor and the dialogs: plain-text labels, a
problems dialog, a debounce timer and a guard that hands Ctrl+Z to the editor's undo stack."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)


def disconnect(*pairs) -> None:
    """Undo ``signal.connect(slot)`` for each (signal, slot) pair; a pair already undone, or
    whose object Qt has deleted, is passed over."""
    for signal, slot in pairs:
        try:
            signal.disconnect(slot)
        except (RuntimeError, TypeError):
            pass


def redo_keys() -> list[QKeySequence]:
    """Redo on every system's keys at once: Ctrl+Y (Windows) and Ctrl+Shift+Z (macOS, Linux),
    and this system's own, each once (a key given twice to one action is "ambiguous")."""
    keys: list[QKeySequence] = []
    standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for key in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"), *standard):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A QLabel that never interprets its text as markup (user text is plain text)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, parent, wrap=False)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A quiet explanatory line under a field."""
    label = plain_label(text, parent)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class ProblemsDialog(QDialog):
    """A sentence and, below it, one line per problem (e.g. each fault of a workshop file)."""

    def __init__(self, title: str, message: str, problems: Iterable[str] = (), parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("problems_dialog")
        layout = QVBoxLayout(self)
        self.message = plain_label(message, self)
        layout.addWidget(self.message)
        self.problems = QListWidget(self)
        self.problems.setAccessibleName("Problems")
        items = [line for line in problems if line]
        self.problems.addItems(items)
        self.problems.setVisible(bool(items))
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(560, 320 if items else 140)

    def lines(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())]


def show_problems(parent: QWidget, title: str, message: str, problems=()) -> ProblemsDialog:
    """Open (without blocking) a dialog with a sentence and the problems list."""
    dialog = ProblemsDialog(title, message, problems, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def error_sentence(error: BaseException) -> str:
    """The sentence to show a person for an error: a model error's own message, else a
    plain description without a traceback."""
    message = getattr(error, "message", None)
    if message:
        return str(message)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"The file could not be used{where}: {error.strerror or error}."
    return f"Something went wrong: {error}"


class Debouncer(QObject):
    """Calls ``action`` once, ``delay_ms`` after the last ``poke()``; ``flush()`` calls it now
    when a call is pending (before switching steps, before undo)."""

    def __init__(self, action: Callable[[], None], delay_ms: int = 400, parent=None):
        super().__init__(parent)
        self._action = action
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(action)

    def poke(self) -> None:
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._action()

    def cancel(self) -> None:
        self._timer.stop()


class UndoKeysToStack(QObject):
    """Event filter for text fields: Ctrl+Z / Ctrl+Shift+Z go to the window's undo actions (the
    edits are already saved, so the stack is the one true history), after ``before`` runs."""

    def __init__(self, before: Callable[[], None], parent=None):
        super().__init__(parent)
        self._before = before

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())
            if event.matches(QKeySequence.StandardKey.Undo) or pressed in redo_keys():
                self._before()
                event.ignore()
                return True
        return False
