"""Feedback: on the projector, how many have answered; once the facilitator closes it, the
averages of the ratings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QProgressBar, QVBoxLayout

from facilitator.model import events

from .base import MUTED, KindControls, StageLabel, StageView, plain_label, title_and_prompt

KIND = "feedback"


def summarise(step, answers) -> list[tuple[str, float | None, int]]:
    """(question, average rating or None, number of answers) per rating question."""
    out = []
    for q in step.settings.get("questions", []):
        if q.get("type", "rating") != "rating":
            continue
        values = [a.answers[q["id"]] for a in answers if q["id"] in a.answers]
        out.append((q["text"], sum(values) / len(values) if values else None, len(values)))
    return out


class FeedbackStage(StageView):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 72, 40)
        self.count = StageLabel("", 96, bold=True)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results = QGridLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 50, 80, 50)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addStretch(1)
        layout.addWidget(self.count)
        layout.addLayout(self.results)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        answers = []
        if self.is_live:
            answers = self.live.model.responses.feedback(self.run.id, self.step.id)
        n = len(answers)
        self.count.setText(f"{n} {'person has' if n == 1 else 'people have'} answered")
        while self.results.count():
            self.results.takeAt(0).widget().deleteLater()
        show = self.is_live and self.live.options.results
        self.count.setVisible(not show)
        if show:
            for row, (text, average, count) in enumerate(summarise(self.step, answers)):
                self.results.addWidget(StageLabel(text, 40), row, 0)
                score = "-" if average is None else f"{average:.1f} / 5"
                value = StageLabel(
                    f"{score}  ·  {count} answer{'s' if count != 1 else ''}", 44, bold=True
                )
                self.results.addWidget(value, row, 1)
            self.rescale(self.unit)

    def on_event(self, event) -> None:
        if event.type == events.FEEDBACK and event.payload.step_id == self.step.id:
            self.refresh()

    def options_changed(self) -> None:
        self.refresh()


class FeedbackControls(KindControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.count = plain_label()
        self.bar = QProgressBar()
        self.bar.setFormat("%v of %m attendees")
        self.show_results = QCheckBox("Close and show the results (R)")
        self.show_results.setChecked(live.options.results)
        self.show_results.toggled.connect(lambda on: live.options.set(results=on))
        note = plain_label("Attendees answer on their phones; comments go into the summary.")
        note.setStyleSheet(f"color: {MUTED}")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.show_results)
        layout.addLayout(row)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        answered = len(self.live.model.responses.feedback(self.run.id, self.step.id))
        people = self.live.model.runs.participant_count(self.run.id)
        self.bar.setMaximum(max(people, answered, 1))
        self.bar.setValue(answered)

    def on_event(self, event) -> None:
        if event.type in (events.FEEDBACK, events.PARTICIPANT_JOINED):
            self.refresh()

    def key_action(self, key: int) -> bool:
        if key == Qt.Key.Key_R:
            self.show_results.toggle()
            return True
        return False


STAGE = FeedbackStage
CONTROLS = FeedbackControls
