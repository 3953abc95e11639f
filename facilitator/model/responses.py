"""What participants answer besides notes: their dot on a position picture and their feedback."""

from __future__ import annotations

import math

from sqlalchemy import select

from . import events, kinds, orm
from .db import Database
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .events import Event, EventBus
from .records import FeedbackInfo, PlacementInfo
from .text import clean

FEEDBACK_TEXT_MAX = 2000


class Responses:
    def __init__(self, db: Database, bus: EventBus):
        self.db = db
        self.bus = bus

    def placements(self, run_id: int, step_id: int) -> list[PlacementInfo]:
        with self.db.read() as s:
            rows = s.execute(
                select(orm.Placement, orm.Participant.name)
                .join(orm.Participant, orm.Placement.participant_id == orm.Participant.id)
                .where(orm.Placement.run_id == run_id, orm.Placement.step_id == step_id)
                .order_by(orm.Placement.id)
            )
            return [_placement(p, name) for p, name in rows]

    def feedback(self, run_id: int, step_id: int) -> list[FeedbackInfo]:
        with self.db.read() as s:
            rows = s.scalars(
                select(orm.FeedbackAnswer)
                .where(orm.FeedbackAnswer.run_id == run_id, orm.FeedbackAnswer.step_id == step_id)
                .order_by(orm.FeedbackAnswer.id)
            )
            return [
                FeedbackInfo(a.run_id, a.step_id, a.participant_id, dict(a.answers)) for a in rows
            ]

    def place(self, run_id: int, step_id: int, participant_id: int, x: float, y: float):
        """Put (or move) a participant's dot on a position step's picture; x, y in 0..1."""
        for value in (x, y):
            if (
                not isinstance(value, int | float)
                or not math.isfinite(value)
                or not 0 <= value <= 1
            ):
                raise InvalidInput("A place on the picture is two numbers between 0 and 1.")
        with self.db.write() as s:
            self._check(s, run_id, step_id, participant_id, "takes_placements", "dots")
            placement = s.scalar(
                select(orm.Placement).where(
                    orm.Placement.step_id == step_id, orm.Placement.participant_id == participant_id
                )
            )
            if placement is None:
                placement = orm.Placement(
                    run_id=run_id, step_id=step_id, participant_id=participant_id, x=x, y=y
                )
                s.add(placement)
            placement.x, placement.y, placement.updated_at = float(x), float(y), orm.now()
            s.flush()
            name = s.get(orm.Participant, participant_id).name
            info = _placement(placement, name)
        self.bus.publish(Event(events.PLACEMENT, run_id, info))
        return info

    def answer_feedback(self, run_id: int, step_id: int, participant_id: int, answers: dict):
        """Store (or replace) one participant's answers to a feedback step: ratings 1-5 and
        free text, keyed by the questions' ids. Unknown ids and bad values are refused."""
        if not isinstance(answers, dict):
            raise InvalidInput("Answers must be given question by question.")
        with self.db.write() as s:
            step = self._check(s, run_id, step_id, participant_id, "takes_feedback", "answers")
            clean_answers = _clean_answers(step, answers)
            row = s.scalar(
                select(orm.FeedbackAnswer).where(
                    orm.FeedbackAnswer.step_id == step_id,
                    orm.FeedbackAnswer.participant_id == participant_id,
                )
            )
            if row is None:
                row = orm.FeedbackAnswer(
                    run_id=run_id, step_id=step_id, participant_id=participant_id
                )
                s.add(row)
            row.answers, row.updated_at = clean_answers, orm.now()
            s.flush()
            info = FeedbackInfo(run_id, step_id, participant_id, dict(clean_answers))
        self.bus.publish(Event(events.FEEDBACK, run_id, info))
        return info

    @staticmethod
    def _check(s, run_id, step_id, participant_id, capability: str, what: str) -> orm.Step:
        run = s.get(orm.Run, run_id)
        step = s.get(orm.Step, step_id)
        if run is None or step is None or step.workshop_id != run.workshop_id:
            raise NotFound("That step is not part of this run.")
        if not getattr(kinds.get(step.kind), capability):
            raise Conflict(f"This step is not taking {what}.")
        if run.ended_at is not None:
            raise Conflict("This run has ended.")
        p = s.get(orm.Participant, participant_id)
        if p is None or p.run_id != run_id:
            raise Forbidden("You are not part of this run.")
        return step


def _clean_answers(step: orm.Step, answers: dict) -> dict:
    questions = {q["id"]: q for q in (step.settings or {}).get("questions", [])}
    out: dict = {}
    for key, value in answers.items():
        question = questions.get(key)
        if question is None:
            raise InvalidInput(f"There is no question '{str(key)[:40]}' on this form.")
        if value is None or value == "":
            continue
        if question["type"] == "rating":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise InvalidInput("A rating is a whole number from 1 to 5.")
            out[key] = value
        else:
            out[key] = clean(value, what="An answer", limit=FEEDBACK_TEXT_MAX)
    return out


def _placement(p: orm.Placement, name: str) -> PlacementInfo:
    return PlacementInfo(p.run_id, p.step_id, p.participant_id, name, p.x, p.y)
