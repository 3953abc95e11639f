"""``facilitator runs``: the runs, newest first, each line starting with the run's id."""

from __future__ import annotations

from sqlalchemy import func, select

from facilitator.model import orm

from .common import model_from_args, when


def register(subparsers, common) -> None:
    p = subparsers.add_parser("runs", parents=[common], help="list runs, newest first")
    p.set_defaults(func=list_runs)


def list_runs(args) -> int:
    model = model_from_args(args)
    runs = model.runs.runs()
    if not runs:
        print("No runs yet.")
        return 0
    counts = _counts(model)
    for run in runs:
        state = "ended" if run.ended else "open"
        people, notes = counts.get(run.id, (0, 0))
        place = f"  {run.place}" if run.place else ""
        print(
            f"{run.id}  {when(run.started_at)}  {run.title}{place}  "
            f"[{people} people, {notes} notes, {state}]"
        )
    return 0


def _counts(model) -> dict[int, tuple[int, int]]:
    with model.db.read() as s:
        people = dict(
            s.execute(
                select(orm.Participant.run_id, func.count()).group_by(orm.Participant.run_id)
            ).all()
        )
        notes = dict(
            s.execute(select(orm.Note.run_id, func.count()).group_by(orm.Note.run_id)).all()
        )
    return {rid: (people.get(rid, 0), notes.get(rid, 0)) for rid in set(people) | set(notes)}
