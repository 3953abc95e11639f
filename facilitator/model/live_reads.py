"""Read-only queries for the phone server's busiest reads, on SQLAlchemy Core rather than the ORM.

When a room moves to a whiteboard every phone asks for the board at once; loading 300 notes
through the ORM costs tens of milliseconds each time, reading the same rows as plain tuples a
few. The answers are the same records the services hand out.
"""

from __future__ import annotations

from sqlalchemy import select

from . import authors, orm
from .db import Database
from .records import NoteInfo, ParticipantInfo

_NOTE = orm.Note.__table__.c
_PERSON = orm.Participant.__table__.c


def board_notes(db: Database, run_id: int, step_id: int) -> list[NoteInfo]:
    """The notes of one board of a run, oldest first, hidden ones included (as
    ``Board.notes(run_id, step_id)``)."""
    query = (
        select(
            _NOTE.id,
            _NOTE.run_id,
            _NOTE.step_id,
            _NOTE.participant_id,
            _NOTE.author_name,
            _PERSON.name,
            _NOTE.client_id,
            _NOTE.text,
            _NOTE.color,
            _NOTE.x,
            _NOTE.y,
            _NOTE.group_id,
            _NOTE.zone_id,
            _NOTE.hidden,
            _NOTE.votes,
            _NOTE.created_at,
            _NOTE.updated_at,
        )
        .select_from(orm.Note.__table__.outerjoin(orm.Participant.__table__))
        .where(_NOTE.run_id == run_id, _NOTE.step_id == step_id)
        .order_by(_NOTE.id)
    )
    with db.read() as s:
        rows = s.execute(query).all()
    return [_note(row) for row in rows]


def participant(db: Database, participant_id: int) -> ParticipantInfo | None:
    with db.read() as s:
        row = s.execute(
            select(_PERSON.id, _PERSON.run_id, _PERSON.name, _PERSON.joined_at).where(
                _PERSON.id == participant_id
            )
        ).first()
    return ParticipantInfo(*row) if row else None


def _note(row) -> NoteInfo:
    (nid, run_id, step_id, pid, author_name, person, client_id, text, color) = row[:9]
    author = authors.author_name(pid, author_name, person)
    return NoteInfo(nid, run_id, step_id, pid, author, client_id, text, color, *row[9:])
