"""The row above the console's board: find notes by a word (highlighted on the board, case and
accents aside, with how many match), undo and redo (saying what they would undo or redo), and
zoom (out, in, fit the whole board, fit its width)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from .board_view import ZOOM_STEP


class BoardTools(QWidget):
    """Search and zoom for ``view`` (the console's view of ``scene``)."""

    def __init__(self, scene, view, parent=None):
        super().__init__(parent)
        self.scene, self.view = scene, view
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find notes with a word… (Ctrl+F)")
        self.find.setClearButtonEnabled(True)
        self.find.setMaxLength(80)
        self.find.textChanged.connect(self._search)
        self.found = QLabel("")
        self.found.setTextFormat(Qt.TextFormat.PlainText)
        self.found.setStyleSheet("color: #8A5A00; font-weight: bold")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.find, 2)
        row.addWidget(self.found, 1)
        stack = scene.undo
        self.undo = self._button("Undo", "", [QKeySequence.StandardKey.Undo], stack.undo)
        self.redo = self._button("Redo", "", [QKeySequence.StandardKey.Redo], stack.redo)
        for button in (self.undo, self.redo):
            row.addWidget(button)
        stack.indexChanged.connect(self._undo_state)
        stack.cleanChanged.connect(self._undo_state)
        self._undo_state()
        row.addSpacing(12)
        for text, tip, keys, slot in (
            ("−", "Zoom out (Ctrl+minus, or Ctrl+wheel)", [QKeySequence.StandardKey.ZoomOut],
             lambda: view.zoom_by(1 / ZOOM_STEP)),
            ("+", "Zoom in (Ctrl+plus, or Ctrl+wheel)",
             [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")],
             lambda: view.zoom_by(ZOOM_STEP)),
            ("Fit", "The whole board in view (Ctrl+0)", [QKeySequence("Ctrl+0")], view.fit_board),
            ("Width", "The board's width across the view", [], view.fit_width),
        ):  # fmt: skip
            row.addWidget(self._button(text, tip, keys, slot))
        self._shortcut([QKeySequence.StandardKey.Find], self.focus_find)
        scene.search_changed.connect(self._count)

    def _button(self, text, tip, keys, slot) -> QToolButton:
        action = self._shortcut(keys, slot)
        action.setText(text)
        action.setToolTip(tip)
        button = QToolButton()
        button.setDefaultAction(action)
        return button

    def _shortcut(self, keys, slot) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _undo_state(self, *_) -> None:
        stack = self.scene.undo
        if not (shiboken6.isValid(stack) and shiboken6.isValid(self)):
            return  # the board is being closed (a stack clears itself as it goes)
        for button, can, text, word in (
            (self.undo, stack.canUndo(), stack.undoText(), "Undo"),
            (self.redo, stack.canRedo(), stack.redoText(), "Redo"),
        ):
            button.defaultAction().setEnabled(can)
            button.setToolTip(f"{word}: {text}" if can else f"Nothing to {word.lower()}")

    def focus_find(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def _search(self, text: str) -> None:
        self.scene.set_search(text)

    def _count(self, count: int) -> None:
        if not self.scene.search:
            self.found.setText("")
        elif count == 0:
            self.found.setText("no note has it")
        else:
            self.found.setText(f"{count} note{'s' if count != 1 else ''} match")

    def detach(self) -> None:
        stack = self.scene.undo
        for signal, slot in (
            (self.scene.search_changed, self._count),
            (stack.indexChanged, self._undo_state),
            (stack.cleanChanged, self._undo_state),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        if self.scene.search:
            self.scene.set_search("")
