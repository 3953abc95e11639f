"""Everything a run's exports need, read from the model in one go and handed over as plain
records (no database session outlives this module)."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from facilitator.model import kinds
from facilitator.model.authors import anonymous
from facilitator.model.records import (
    GroupInfo,
    NoteInfo,
    ParticipantInfo,
    ResourceInfo,
    ResponseInfo,
    RunInfo,
    StepInfo,
    StepStateInfo,
    WorkshopInfo,
)


@dataclass
class RunData:
    """A run and everything in it; the per-step dicts are keyed by step id."""

    run: RunInfo
    workshop: WorkshopInfo
    steps: list[StepInfo]
    resources: list[ResourceInfo]
    participants: list[ParticipantInfo]
    notes: dict[int, list[NoteInfo]] = field(default_factory=dict)  # by step id
    groups: dict[int, list[GroupInfo]] = field(default_factory=dict)
    responses: dict[int, list[ResponseInfo]] = field(default_factory=dict)
    tallies: dict[int, dict] = field(default_factory=dict)  # each kind's results, by step id
    states: dict[int, StepStateInfo] = field(default_factory=dict)

    def results(self, step: StepInfo) -> dict:
        """The step's results as its kind added them up (empty for a kind without)."""
        return self.tallies.get(step.id, {})

    def visible_notes(self, step_id: int | None = None) -> list[NoteInfo]:
        steps = [step_id] if step_id is not None else list(self.notes)
        return [n for s in steps for n in self.notes.get(s, []) if not n.hidden]

    def hidden_count(self, step_id: int | None = None) -> int:
        steps = [step_id] if step_id is not None else list(self.notes)
        return sum(1 for s in steps for n in self.notes.get(s, []) if n.hidden)


def load_run(model, run_id: int) -> RunData:
    """A run and all it holds. NotFound (a ModelError) if there is no such run."""
    run = model.runs.run(run_id)
    steps = model.runs.steps(run_id)
    data = RunData(
        run=run,
        workshop=model.library.workshop(run.workshop_id),
        steps=steps,
        resources=model.library.resources(run.workshop_id),
        participants=model.runs.participants(run_id),
    )
    data.notes = _by_step(model.board.notes(run_id))
    data.groups = _by_step(model.board.groups(run_id))
    for step in steps:
        state = data.states[step.id] = model.runs.step_state(run_id, step.id)
        if step.kind not in kinds.names():
            continue
        spec = kinds.get(step.kind)
        answers = data.responses[step.id] = model.responses.answers(run_id, step.id)
        data.tallies[step.id] = spec.count(step.settings, answers, state.data)
    return data


def is_anonymous(step: StepInfo) -> bool:
    """Whether the step hides who wrote what: no author name in any export (only the
    facilitator's console shows them); the model's rule (model/authors.py)."""
    return anonymous(step)


def _by_step(items) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for item in items:
        out[item.step_id].append(item)
    return dict(out)


def day(timestamp: float | None) -> str:
    """A date as people write it on a handout: "Sunday 22 November 2026"."""
    if timestamp is None:
        return ""
    t = time.localtime(timestamp)
    return f"{time.strftime('%A', t)} {t.tm_mday} {time.strftime('%B %Y', t)}"


def clock(timestamp: float | None) -> str:
    if timestamp is None:
        return ""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))
