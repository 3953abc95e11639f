"""What the stages and console controls of every kind that takes answers share: the live tally
(read again shortly after answers arrive, once for a burst), whether the step is closed and
whether the room sees its results, and the console's Close (L) and Show results (R)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout

from facilitator.model import events, kinds
from facilitator.model.records import StepStateInfo
from facilitator.model.responses import results_shown

from .base import MUTED, KindControls, StageView, plain_label

REFRESH_MS = 60  # answers arriving within this are drawn together


def people(n: int) -> str:
    """``1 person``, ``150 people``."""
    return "1 person" if n == 1 else f"{n} people"


def people_have(n: int, done: str = "answered") -> str:
    """``1 person has answered``, ``150 people have voted``: the count a stage shows."""
    return f"{people(n)} {'has' if n == 1 else 'have'} {done}"


def _follows(view, event) -> bool:
    """Whether ``event`` changes what ``view`` (a stage or controls of one step) shows."""
    if event.type in (events.RESPONSE, events.STEP_STATE):
        return event.payload.step_id == view.step.id
    return event.type == events.PARTICIPANT_JOINED


class _Refresher:
    """A single-shot timer that calls ``refresh`` once for a burst of events."""

    def __init__(self, owner, refresh):
        self.timer = QTimer(owner, singleShot=True, interval=REFRESH_MS, timeout=refresh)

    def poke(self) -> None:
        if not self.timer.isActive():
            self.timer.start()


class AnswersStage(StageView):
    """A projector view of a kind that takes answers. Subclasses draw
    ``show_results(results, shown)``: the kind's tally (an empty one in a preview) and whether
    the room may see it now."""

    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        self._later = _Refresher(self, self.refresh)

    def results(self) -> tuple[dict, StepStateInfo | None]:
        if not self.is_live:
            return kinds.get(self.step.kind).count(self.step.settings, []), None
        model = self.live.model
        state = model.runs.step_state(self.run.id, self.step.id)
        return model.responses.tally(self.step, self.run.id, state.data), state

    def refresh(self) -> None:
        results, state = self.results()
        shown = state is not None and results_shown(self.step, state)
        self.show_results(results, shown)
        self.rescale(self.unit)

    def show_results(self, results: dict, shown: bool) -> None:
        raise NotImplementedError

    def on_event(self, event) -> None:
        if _follows(self, event) and event.type != events.PARTICIPANT_JOINED:
            self._later.poke()


class AnswersControls(KindControls):
    """The console's controls of a kind that takes answers: how many have answered, Close (L)
    and Show results (R). Subclasses add their own widgets to ``self.extra`` and may override
    ``refresh_more(results, state)``."""

    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.bar = QProgressBar()
        self.bar.setFormat("%v of %m have answered")
        self.close_button = QPushButton("Close (L)")
        self.close_button.setCheckable(True)
        self.close_button.setToolTip("Close the step: phones can no longer send or change answers")
        self.close_button.clicked.connect(self.toggle_closed)
        self.show_button = QPushButton("Show results (R)")
        self.show_button.setCheckable(True)
        self.show_button.setToolTip("Show the results to the room and on the phones")
        self.show_button.clicked.connect(self.toggle_shown)
        self.status = plain_label()
        self.status.setStyleSheet(f"color: {MUTED}")
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.close_button)
        row.addWidget(self.show_button)
        self.extra = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(self.extra, 1)
        self._later = _Refresher(self, self.refresh)

    def state(self) -> StepStateInfo:
        return self.live.model.runs.step_state(self.run.id, self.step.id)

    def refresh(self) -> None:
        model, state = self.live.model, self.state()
        results = model.responses.tally(self.step, self.run.id, state.data)
        answered = int(results.get("answered", 0))
        people = model.runs.participant_count(self.run.id)
        self.bar.setMaximum(max(people, answered, 1))
        self.bar.setValue(answered)
        shown = results_shown(self.step, state)
        self.close_button.setChecked(state.locked)
        self.close_button.setText("Open again (L)" if state.locked else "Close (L)")
        self.show_button.setChecked(shown)
        self.show_button.setText("Hide results (R)" if shown else "Show results (R)")
        words = ["closed: phones can no longer answer" if state.locked else "open for answers"]
        words.append("the room sees the results" if shown else "results kept to this screen")
        self.status.setText(" · ".join(words))
        self.refresh_more(results, state)

    def refresh_more(self, results: dict, state: StepStateInfo) -> None:
        """The kind's own part of the controls, after the common part."""

    def toggle_closed(self) -> None:
        self._toggle("locked")

    def toggle_shown(self) -> None:
        self._toggle("results_shown")

    def _toggle(self, flag: str) -> None:
        """Turned over in the database in one transaction, never from what this screen shows
        (the remote may just have changed it)."""
        self.live.model.runs.toggle_step_state(self.run.id, self.step.id, flag)

    def on_event(self, event) -> None:
        if _follows(self, event):
            self._later.poke()

    def key_action(self, key: int) -> bool:
        if key == Qt.Key.Key_L:
            self.toggle_closed()
            return True
        if key == Qt.Key.Key_R:
            self.toggle_shown()
            return True
        return False
