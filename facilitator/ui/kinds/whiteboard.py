"""The whiteboard: on the projector the question and the board's notes as large cards, page by
page (see board_projector); on the console the board's scene, editable, with the tools to run it
(see whiteboard_controls). Both read one scene, so they always show the same notes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from facilitator.model import events
from facilitator.ui.board import BoardScene
from facilitator.ui.board_projector import ProjectorBoard

from .base import MUTED, Countdown, StageLabel, StageView, ViewOptions
from .whiteboard_controls import WhiteboardControls

KIND = "whiteboard"


class WhiteboardStage(StageView):
    shows_timer = True

    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        if self.is_live:
            self.scene = live.boards.get(run, step)
        else:
            self.scene = BoardScene(step)
            self.scene.setParent(self)
        self.question = StageLabel(step.prompt or step.title, 40, bold=True)
        self.status = StageLabel("", 28, color=MUTED)
        options = live.options if self.is_live else ViewOptions(self)
        self.board = ProjectorBoard(self.scene, options, step, reports=self.is_live)
        self.board.pages_changed.connect(self.refresh)
        if self.is_live:
            self.board.pages_changed.connect(self._report_pages)
            self._report_pages()
        header = QHBoxLayout()
        header.addWidget(self.question, 1)
        header.addWidget(self.status)
        self.clock = Countdown(self, 56)
        self.clock.setVisible(bool(step.timer_seconds) or (run is not None and run.timer_running))
        header.addSpacing(20)
        header.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)  # at 1080 lines, as every size below
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.board, 1)
        if self.is_live:
            # counted once the board itself has taken the change in
            self.scene.board_changed.connect(self._board_changed)
        self.refresh()

    def refresh(self) -> None:
        notes = sum(1 for item in self.scene.notes.values() if not item.note.hidden)
        parts = [f"{notes} note{'s' if notes != 1 else ''}"] if self.is_live else []
        if self.is_live and not self.scene.revealed:
            parts.append("hidden until revealed")
        if self.scene.locked:
            parts.append("closed")
        self.status.setText(" · ".join(parts))
        self.status.setVisible(bool(parts))

    def _board_changed(self) -> None:
        self.refresh()

    # -- pages: the clicker turns the board's pages before the run moves on (model.pages) ------
    def _report_pages(self) -> None:
        board = self.board
        self.live.model.runs.pages.report(
            self.run.id, self.step.id, board.page_index, board.page_count
        )

    def on_event(self, event) -> None:
        payload = event.payload
        if event.type == events.PAGE and payload.step_id == self.step.id:
            self.board.options.set(page=payload.page)

    def detach(self) -> None:
        super().detach()
        self.board.detach()
        if self.is_live:
            try:
                self.scene.board_changed.disconnect(self._board_changed)
            except (RuntimeError, TypeError):
                pass

    def options_changed(self) -> None:
        self.scene.set_top(self.live.options.top_n)

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.board.set_unit(unit)


STAGE = WhiteboardStage
CONTROLS = WhiteboardControls
