"""Answers of every kind that takes one answer per person (a dot on a picture, a poll's choice,
a feedback form...): one table, checked by the step's kind, tallied by it.

A step takes answers only while it is the run's current step and open (not closed by the
facilitator); anything else is refused with a sentence (Conflict: 409 on the phones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from . import events, kinds, orm
from .db import Database
from .errors import Conflict, Forbidden, ModelError, NotFound
from .events import Event, EventBus
from .records import ResponseInfo, StepInfo, StepStateInfo, response_info

CLOSED = "This step is closed: answers can no longer be sent or changed."
NOT_CURRENT = "This step is not on the screen any more, so it no longer takes answers."


@dataclass(frozen=True)
class AnswerRequest:
    run_id: int
    step_id: int
    participant_id: int
    answer: object  # as the phone sent it; the step's kind checks it


class Responses:
    def __init__(self, db: Database, bus: EventBus):
        self.db = db
        self.bus = bus

    def answers(self, run_id: int, step_id: int) -> list[ResponseInfo]:
        """Every answer to the step, one per person, oldest first."""
        with self.db.read() as s:
            rows = s.execute(
                select(orm.Response, orm.Participant.name)
                .join(orm.Participant, orm.Response.participant_id == orm.Participant.id)
                .where(orm.Response.run_id == run_id, orm.Response.step_id == step_id)
                .order_by(orm.Response.id)
            )
            return [response_info(r, name) for r, name in rows]

    def answer_of(self, run_id: int, step_id: int, participant_id: int) -> dict | None:
        """One person's answer to the step, or None."""
        with self.db.read() as s:
            row = s.scalar(
                select(orm.Response).where(
                    orm.Response.run_id == run_id,
                    orm.Response.step_id == step_id,
                    orm.Response.participant_id == participant_id,
                )
            )
            return dict(row.answer) if row is not None else None

    def tally(self, step: StepInfo, run_id: int, data: dict | None = None) -> dict:
        """The step's results as its kind adds them up; ``data``: the step's kind state in the
        run (read here when not given)."""
        if data is None:
            with self.db.read() as s:
                state = s.get(orm.StepState, (run_id, step.id))
                data = dict(state.data or {}) if state is not None else {}
        return kinds.get(step.kind).count(step.settings, self.answers(run_id, step.id), data)

    def answer(self, run_id: int, step_id: int, participant_id: int, raw: object) -> ResponseInfo:
        """Store (or replace) one person's answer to the current step, checked by its kind."""
        (result,) = self.answer_many([AnswerRequest(run_id, step_id, participant_id, raw)])
        if isinstance(result, ModelError):
            raise result
        return result

    def answer_many(self, requests: Sequence[AnswerRequest]) -> list[ResponseInfo | ModelError]:
        """Many answers in one transaction (a room answering a poll at once costs one disk sync,
        not one each). Each gets its stored answer or the error for it alone; one event per
        stored answer follows the commit. The steps, people and earlier answers concerned are
        read once for the whole batch."""
        results: list[ResponseInfo | ModelError] = []
        with self.db.write() as s:
            batch = _Batch(s, requests)
            for request in requests:
                try:
                    results.append(batch.store(request))
                except ModelError as error:
                    results.append(error)
        for result in results:
            if isinstance(result, ResponseInfo):
                self.bus.publish(Event(events.RESPONSE, result.run_id, result))
        return results


class _Batch:
    """One transaction's answers: what they check against, read once."""

    def __init__(self, s, requests: Sequence[AnswerRequest]):
        self.s = s
        self.steps: dict[tuple[int, int], tuple] = {}
        ids = {r.participant_id for r in requests}
        found = s.execute(
            select(orm.Participant.id, orm.Participant.run_id, orm.Participant.name).where(
                orm.Participant.id.in_(ids)
            )
        )
        self.people = {pid: (run_id, name) for pid, run_id, name in found}
        step_ids = {r.step_id for r in requests}
        rows = s.scalars(
            select(orm.Response).where(
                orm.Response.step_id.in_(step_ids), orm.Response.participant_id.in_(ids)
            )
        )
        self.rows = {(row.step_id, row.participant_id): row for row in rows}

    def store(self, request: AnswerRequest) -> ResponseInfo:
        run_id, step_id, pid = request.run_id, request.step_id, request.participant_id
        step, spec, refusal = self._step(run_id, step_id)
        person = self.people.get(pid)
        if person is None or person[0] != run_id:
            raise Forbidden("You are not part of this run.", code="not_in_run")
        if refusal is not None:
            raise refusal
        answer = spec.clean_answer(step.settings or {}, request.answer)
        row = self.rows.get((step_id, pid))
        if row is None:
            row = self.rows[step_id, pid] = orm.Response(
                run_id=run_id, step_id=step_id, participant_id=pid
            )
            self.s.add(row)
        row.answer, row.updated_at = answer, orm.now()
        return ResponseInfo(run_id, step_id, pid, person[1], dict(answer), row.updated_at)

    def _step(self, run_id: int, step_id: int) -> tuple:
        """(step, its kind, the refusal every answer to it gets now or None), once per step;
        a step that is no step of this run or takes no answers raises at once."""
        key = (run_id, step_id)
        if key not in self.steps:
            self.steps[key] = _open_step(self.s, run_id, step_id)
        found = self.steps[key]
        if isinstance(found, ModelError):
            raise found
        return found


def _open_step(s, run_id: int, step_id: int):
    run = s.get(orm.Run, run_id)
    step = s.get(orm.Step, step_id)
    if run is None or step is None or step.workshop_id != run.workshop_id:
        return NotFound("That step is not part of this run.", code="step_not_in_run")
    spec = kinds.registry().get(step.kind)
    if spec is None or not spec.takes_answers:
        return Conflict("This step is not taking answers.", code="answers_off")
    if run.ended_at is not None:
        return Conflict("This run has ended.", code="run_ended")
    refusal = None
    steps = run.workshop.steps
    state = s.get(orm.StepState, (run_id, step_id))
    if steps[max(0, min(run.current_position, len(steps) - 1))].id != step.id:
        refusal = Conflict(NOT_CURRENT, code="step_not_current")
    elif state is not None and state.locked:
        refusal = Conflict(CLOSED, code="step_closed")
    return step, spec, refusal


def results_shown(step: StepInfo, state: StepStateInfo) -> bool:
    """Whether the room (projector and phones) sees the step's results now: as the facilitator
    last chose, else as the kind's settings say (``results: hidden`` keeps them back)."""
    if state.results_shown is not None:
        return state.results_shown
    if step.kind not in kinds.names():
        return False
    return not kinds.get(step.kind).starts_hidden(step.settings)
