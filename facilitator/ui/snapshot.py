"""The projector's view of a step of a run, rendered offscreen to pictures: the same Stage class
the presenter window shows, at the projector's size, one picture per page of a board."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from facilitator.model.errors import InvalidInput
from facilitator.model.records import RunInfo, StepInfo

from .board import BoardStore
from .bridge import EventBridge
from .fonts import load_bundled_fonts
from .kinds.base import StageLive
from .stage import Stage


def step_of(model, run: RunInfo, number: int) -> StepInfo:
    """Step ``number`` (1-based, as the agenda numbers it) of ``run``."""
    steps = model.runs.steps(run.id)
    if not 1 <= number <= len(steps):
        raise InvalidInput(f"Run {run.id} has steps 1 to {len(steps)}; there is no step {number}.")
    return steps[number - 1]


class Snapshot:
    """A stage showing one step of ``run`` at ``size`` (width, height), never on a screen."""

    def __init__(self, model, run: RunInfo, step: StepInfo, size: tuple[int, int], mode=None):
        self.app = QApplication.instance() or QApplication(["facilitator"])
        load_bundled_fonts()
        self.bridge = EventBridge(model.bus)
        self.live = StageLive(model, self.bridge, boards=BoardStore(model, self.bridge))
        self.stage = Stage(live=self.live)
        self.stage.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.stage.resize(*size)
        self.live.options.show_prompt = True  # a film's question: a still says more than a frame
        self.stage.show_step(step, run=run, join_url="", room_code=run.room_code)
        if mode is not None:
            self.live.options.set(board_mode=mode)
        self.stage.show()
        self._settle()

    def _settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()
        board = self.board
        if board is not None:
            board.relayout()

    @property
    def board(self):
        """The stage's board (a whiteboard step), else None."""
        return getattr(self.stage.view, "board", None)

    @property
    def page_count(self) -> int:
        return self.board.page_count if self.board is not None else 1

    def picture(self, page: int = 0) -> QImage:
        if self.board is not None:
            self.live.options.set(page=page)
            self._settle()
        return self.stage.grab().toImage()

    def close(self) -> None:
        self.stage.view.detach()
        self.live.boards.close()
        self.bridge.close()
        self.stage.deleteLater()
