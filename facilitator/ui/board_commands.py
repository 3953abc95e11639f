"""The board's changes from the console: each is one model call (one transaction, one event) run
off the GUI thread, one at a time in the order asked for; once it is done it goes on the board's
undo stack as an ``Operation`` holding the change record the model returned. Undo runs the
inverse operation (``Board.revert``), redo the inverse of that. The scene itself only changes
when the resulting event arrives through the bridge.

A failed operation never reaches the undo stack, and an undo or redo that fails takes its command
off the stack; either way the facilitator is told why in a sentence (``scene.failed``)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from facilitator.model.errors import ModelError
from facilitator.model.records import BoardChange, GroupInfo

from .background import run_in_background

log = logging.getLogger(__name__)


def sentence(error: Exception) -> str:
    """What to tell the facilitator about a failed board operation."""
    if isinstance(error, ModelError):
        return error.message
    log.error("board operation failed", exc_info=error)
    return f"The board could not be changed ({type(error).__name__}); please try again."


class OperationQueue(QObject):
    """A board's operations, one at a time off the GUI thread, in the order they were asked
    for: the next starts once the previous one's result has been handled on the GUI thread."""

    idle_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._waiting: deque = deque()
        self._busy = False

    @property
    def idle(self) -> bool:
        return not self._busy and not self._waiting

    def run(self, work: Callable, done: Callable, failed: Callable[[str], None]) -> None:
        self._waiting.append((work, done, failed))
        self._next()

    def _next(self) -> None:
        if self._busy or not self._waiting:
            if not self._busy:
                self.idle_changed.emit(True)
            return
        self._busy = True
        work, done, failed = self._waiting.popleft()

        def finish(callback, value) -> None:
            if not shiboken6.isValid(self):
                return  # the board was closed meanwhile
            self._busy = False
            try:
                callback(value)
            finally:
                self._next()

        run_in_background(
            work, lambda result: finish(done, result), lambda e: finish(failed, sentence(e))
        )


def perform(
    scene, text: str, work: Callable[[], BoardChange], *, then=None, undone=None, failed=None
):
    """Run ``work`` (a model call returning a BoardChange) off the GUI thread. Once done it goes
    on the undo stack as ``text`` (unless it changed nothing) and ``then(change)`` runs; if it
    fails the facilitator is told why (``scene.failed``, and ``failed(sentence)`` if given),
    ``undone()`` runs (to put back what the scene showed ahead of the model), and nothing is
    left on the stack."""

    def done(change: BoardChange) -> None:
        if not change.empty:
            scene.undo.push(Operation(scene, text, change))
        if then is not None:
            then(change)

    def refused(message: str) -> None:
        if undone is not None:
            undone()
        if failed is not None:
            failed(message)
        scene.failed.emit(message)

    scene.operations.run(work, done, refused)


class Operation(QUndoCommand):
    """A board operation already done: ``change`` is what it changed. Undo reverts it (the
    inverse operation, off the GUI thread); redo reverts the revert."""

    def __init__(self, scene, text: str, change: BoardChange):
        super().__init__(text)
        self.scene = scene
        self.change = change
        self.reverted: BoardChange | None = None
        self._fresh = True  # pushed once done: its first redo has nothing left to do

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._run(lambda: self.scene.model.board.revert(self._undone()), "change")

    def undo(self) -> None:
        self._run(lambda: self.scene.model.board.revert(self.change), "reverted")

    def _undone(self) -> BoardChange:
        if self.reverted is None:  # its undo failed a moment ago
            raise ModelError("That can no longer be redone.")
        return self.reverted

    def _run(self, work: Callable[[], BoardChange], into: str) -> None:
        self.scene.operations.run(work, lambda c: setattr(self, into, c), self._failed)

    def _failed(self, message: str) -> None:
        """Take this command off the stack: it can no longer be undone or redone."""
        self.setObsolete(True)
        stack = self.scene.undo
        index = next((i for i in range(stack.count()) if stack.command(i) is self), None)
        if index is not None and index == stack.index():
            stack.redo()  # an obsolete next redo is deleted, not run
        elif index is not None and index == stack.index() - 1:
            stack.undo()  # the same for an obsolete next undo
        self.scene.failed.emit(message)


def added(note) -> BoardChange:
    """The change of a note put on the board (its undo deletes it)."""
    return BoardChange(note.run_id, note.step_id, added=(note,))


def renamed(before: GroupInfo, after: GroupInfo) -> BoardChange:
    """The change of a group's new name (its undo gives the old one back)."""
    return BoardChange(before.run_id, before.step_id, groups_before=(before,), groups=(after,))


def moved(a, b) -> bool:
    """True when two places (x, y, zone) differ."""
    return abs(a[0] - b[0]) > 1e-4 or abs(a[1] - b[1]) > 1e-4 or a[2] != b[2]
