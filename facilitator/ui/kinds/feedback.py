"""Feedback: on the projector, how many have answered; once the facilitator shows the results,
each rating's average (the kind's tally: facilitator/model/kinds/feedback.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from facilitator.model.responses import results_shown

from .answers import AnswersControls, AnswersStage, people_have
from .base import MUTED, StageLabel, plain_label, title_and_prompt

KIND = "feedback"


def rating_text(question: dict) -> str:
    """``4.2 / 5  ·  17 answers`` (``-`` without any)."""
    average, count = question.get("average"), question["count"]
    score = "-" if average is None else f"{average:.1f} / 5"
    return f"{score}  ·  {count} answer{'s' if count != 1 else ''}"


class FeedbackStage(AnswersStage):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 72, 40)
        self.count = StageLabel("", 96, bold=True)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = QGridLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 50, 80, 50)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addStretch(1)
        layout.addWidget(self.count)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.refresh()

    def show_results(self, results: dict, shown: bool) -> None:
        n = results.get("answered", 0)
        self.count.setText(people_have(n))
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.count.setVisible(not shown)
        if not shown:
            return
        ratings = [q for q in results.get("questions", []) if q["type"] == "rating"]
        for row, question in enumerate(ratings):
            self.grid.addWidget(StageLabel(question["text"], 40), row, 0)
            self.grid.addWidget(StageLabel(rating_text(question), 44, bold=True), row, 1)


class FeedbackControls(AnswersControls):
    """Showing a form's averages closes it first (figures the room has seen never move)."""

    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        note = plain_label("Attendees answer on their phones; comments go into the summary.")
        note.setStyleSheet(f"color: {MUTED}")
        self.extra.addWidget(note)
        self.refresh()

    def refresh_more(self, results, state) -> None:
        if not self.show_button.isChecked():
            self.show_button.setText("Close and show the results (R)")

    def toggle_shown(self) -> None:
        state = self.state()
        if not results_shown(self.step, state):
            runs = self.live.model.runs
            runs.set_step_state(self.run.id, self.step.id, locked=True, results_shown=True)
        else:
            super().toggle_shown()


STAGE = FeedbackStage
CONTROLS = FeedbackControls
