"""The whiteboard of a run: notes (post-its), groups and dot votes.

Adding notes takes a batch: the server's writer collects notes arriving together and commits them
in one transaction (group commit); each request still gets its own answer, and the same
``client_id`` twice always gives back the one note already stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from . import events, kinds, live_reads, orm
from .authors import note_author, stored_author, typed_author
from .board_batch import BatchOperations, clip, clip_y
from .db import Database, fetch
from .errors import Conflict, Forbidden, InvalidInput, ModelError, NotFound
from .events import Event, EventBus
from .palette import normalise_color
from .records import (
    AddNoteResult,
    GroupInfo,
    NoteInfo,
    group_info,
    note_info,
)
from .text import NAME_MAX, clean, note_text

CLIENT_ID_MAX = 64


@dataclass(frozen=True)
class NoteRequest:
    """One note to add: from a participant's phone, or typed by the facilitator
    (``participant_id`` None, ``author_name`` saying on whose behalf)."""

    run_id: int
    step_id: int
    text: str
    client_id: str | None = None
    color: str | None = None
    participant_id: int | None = None
    author_name: str = ""
    zone_id: int | None = None


class Board(BatchOperations):
    """The services that change a board: one note at a time (phones, the remote) and, from
    BatchOperations, many at once (the console)."""

    def __init__(self, db: Database, bus: EventBus):
        self.db = db
        self.bus = bus

    # -- reading -------------------------------------------------------------------------------
    def notes(self, run_id: int, step_id: int | None = None) -> list[NoteInfo]:
        """The run's notes (of one step if given), oldest first, hidden ones included."""
        if step_id is not None:
            return live_reads.board_notes(self.db, run_id, step_id)  # a board: the quick read
        with self.db.read() as s:
            q = (
                select(orm.Note, orm.Participant.name)
                .outerjoin(orm.Participant, orm.Note.participant_id == orm.Participant.id)
                .where(orm.Note.run_id == run_id)
                .order_by(orm.Note.id)
            )
            if step_id is not None:
                q = q.where(orm.Note.step_id == step_id)
            return [note_info(n, note_author(n, name)) for n, name in s.execute(q)]

    def note(self, note_id: int) -> NoteInfo:
        with self.db.read() as s:
            return self._info(s, self._get(s, note_id))

    def groups(self, run_id: int, step_id: int | None = None) -> list[GroupInfo]:
        with self.db.read() as s:
            q = select(orm.Group).where(orm.Group.run_id == run_id).order_by(orm.Group.id)
            if step_id is not None:
                q = q.where(orm.Group.step_id == step_id)
            return [group_info(g) for g in s.scalars(q)]

    def my_votes(self, step_id: int, participant_id: int) -> set[int]:
        """The ids of the notes this participant has voted for on this board."""
        with self.db.read() as s:
            return set(
                s.scalars(
                    select(orm.Vote.note_id).where(
                        orm.Vote.step_id == step_id, orm.Vote.participant_id == participant_id
                    )
                )
            )

    # -- adding ----------------------------------------------------------------------------------
    def add_note(self, request: NoteRequest) -> AddNoteResult:
        result = self.add_notes([request])[0]
        if isinstance(result, ModelError):
            raise result
        return result

    def add_notes(self, requests: Sequence[NoteRequest]) -> list[AddNoteResult | ModelError]:
        """Add many notes in one transaction (group commit). Each answer is a result or the
        error for that request alone; a bad request never spoils the others. Events follow
        the commit, one per note created."""
        try:
            with self.db.write() as s:
                answers = _Batch(s).add_all(requests)
        except IntegrityError:
            # Another process stored one of these client ids meanwhile: go one by one, so
            # each finds what is already there.
            if len(requests) == 1:
                raise
            return [a for r in requests for a in self.add_notes([r])]
        for answer in answers:
            if isinstance(answer, AddNoteResult) and answer.created:
                self.bus.publish(Event(events.NOTE_ADDED, answer.note.run_id, answer.note))
        return answers

    # -- changing ----------------------------------------------------------------------------------
    def edit_note(self, note_id: int, text: str, *, participant_id: int | None = None) -> NoteInfo:
        """Change a note's text. A participant may edit only their own, and only until the
        board is revealed or locked; the facilitator (``participant_id`` None) always may."""
        text = note_text(text)

        def apply(s, note: orm.Note) -> None:
            if participant_id is not None:
                if note.participant_id != participant_id:
                    raise Forbidden("You can only edit your own notes.", code="note_not_yours")
                state = s.get(orm.StepState, (note.run_id, note.step_id))
                if state is not None and (state.locked or state.revealed):
                    raise Conflict(
                        "The board has been revealed; notes can no longer be edited.",
                        code="board_revealed",
                    )
            note.text = text

        return self._change(note_id, apply)

    def move_note(self, note_id: int, x: float | None, y: float | None, *, zone_id=...):
        """Place a note on the board (see board_batch.Place for x and y); optionally into a zone
        (None: no zone)."""

        def apply(s, note: orm.Note) -> None:
            note.x, note.y = clip(x), clip_y(y)
            if zone_id is not ...:
                if zone_id is not None:
                    zones = {z.id for z in s.get(orm.Step, note.step_id).zones}
                    if zone_id not in zones:
                        raise InvalidInput("That zone is not on this board.", code="zone_unknown")
                note.zone_id = zone_id

        return self._change(note_id, apply)

    def set_color(self, note_id: int, color: str) -> NoteInfo:
        return self._change(note_id, lambda s, note: setattr(note, "color", normalise_color(color)))

    def set_hidden(self, note_id: int, hidden: bool) -> NoteInfo:
        """Hide a note from the projector and the phones (or show it again)."""
        return self._change(note_id, lambda s, note: setattr(note, "hidden", bool(hidden)))

    def delete_note(self, note_id: int) -> NoteInfo:
        with self.db.write() as s:
            note = self._get(s, note_id)
            info = self._info(s, note)
            s.delete(note)
        self.bus.publish(Event(events.NOTE_DELETED, info.run_id, info))
        return info

    def restore_note(self, info: NoteInfo) -> NoteInfo:
        """Put back a deleted note as it was (for undo)."""
        with self.db.write() as s:
            note = orm.Note(
                id=info.id,
                run_id=info.run_id,
                step_id=info.step_id,
                participant_id=info.participant_id,
                author_name=stored_author(info.author, info.participant_id),
                client_id=info.client_id,
                text=info.text,
                color=info.color,
                x=info.x,
                y=info.y,
                group_id=info.group_id,
                zone_id=info.zone_id,
                hidden=info.hidden,
                votes=0,
                created_at=info.created_at,
            )
            s.add(note)
            s.flush()
            restored = self._info(s, note)
        self.bus.publish(Event(events.NOTE_ADDED, restored.run_id, restored))
        return restored

    # -- groups ------------------------------------------------------------------------------------
    def create_group(
        self,
        run_id: int,
        step_id: int,
        name: str = "",
        note_ids: Iterable[int] = (),
        x: float | None = None,
        y: float | None = None,
    ) -> GroupInfo:
        name = clean(name, what="A group name", limit=120, single_line=True) if name else ""
        with self.db.write() as s:
            self._board_step(s, run_id, step_id, for_new_notes=False)
            group = orm.Group(run_id=run_id, step_id=step_id, name=name, x=clip(x), y=clip_y(y))
            s.add(group)
            s.flush()
            info = group_info(group)
        self.bus.publish(Event(events.GROUP_CHANGED, run_id, info))
        for note_id in note_ids:
            self.set_group(note_id, info.id)
        return info

    def rename_group(self, group_id: int, name: str) -> GroupInfo:
        name = clean(name, what="A group name", limit=120, single_line=True) if name else ""
        return self._change_group(group_id, lambda g: setattr(g, "name", name))

    def move_group(self, group_id: int, x: float | None, y: float | None) -> GroupInfo:
        def apply(g: orm.Group) -> None:
            g.x, g.y = clip(x), clip_y(y)

        return self._change_group(group_id, apply)

    def delete_group(self, group_id: int) -> GroupInfo:
        """Delete a group; its notes stay on the board, ungrouped."""
        with self.db.write() as s:
            group = fetch(s, orm.Group, group_id, "That group no longer exists.")
            info = group_info(group)
            members = list(s.scalars(select(orm.Note).where(orm.Note.group_id == group_id)))
            for note in members:
                note.group_id = None
            s.delete(group)
            s.flush()
            changed = [self._info(s, n) for n in members]
        for note in changed:
            self.bus.publish(Event(events.NOTE_CHANGED, note.run_id, note))
        self.bus.publish(Event(events.GROUP_DELETED, info.run_id, info))
        return info

    def set_group(self, note_id: int, group_id: int | None) -> NoteInfo:
        """Put a note into a group of its board (None takes it out)."""

        def apply(s, note: orm.Note) -> None:
            if group_id is not None:
                group = s.get(orm.Group, group_id)
                if group is None or group.step_id != note.step_id or group.run_id != note.run_id:
                    raise InvalidInput("That group is not on this board.")
            note.group_id = group_id

        return self._change(note_id, apply)

    # -- votes -------------------------------------------------------------------------------------
    def vote(self, note_id: int, participant_id: int) -> NoteInfo:
        """One vote on a note, within the step's budget (its kind's ``votes_per_person``; None:
        no limit); voting twice for one note is a no-op. A closed step takes no votes."""

        def apply(s, note: orm.Note) -> None:
            step = s.get(orm.Step, note.step_id)
            budget = kinds.get(step.kind).vote_budget(step.settings or {})
            if budget is not None and budget <= 0:
                raise Conflict("This board is not taking votes.", code="votes_off")
            self._require_participant(s, note, participant_id)
            self._require_open(s, note)
            if note.hidden:
                raise NotFound("That note is not on the board.", code="note_not_on_board")
            already = s.scalar(
                select(orm.Vote).where(
                    orm.Vote.note_id == note.id, orm.Vote.participant_id == participant_id
                )
            )
            if already is not None:
                return
            used = s.scalar(
                select(func.count(orm.Vote.id)).where(
                    orm.Vote.step_id == note.step_id, orm.Vote.participant_id == participant_id
                )
            )
            if budget is not None and used >= budget:
                raise Conflict(
                    f"You have used all {budget} of your votes on this board.",
                    code="votes_used_up",
                    params={"n": budget},
                )
            s.add(orm.Vote(note_id=note.id, participant_id=participant_id, step_id=note.step_id))
            note.votes += 1

        return self._change(note_id, apply)

    def unvote(self, note_id: int, participant_id: int) -> NoteInfo:
        def apply(s, note: orm.Note) -> None:
            self._require_open(s, note)
            vote = s.scalar(
                select(orm.Vote).where(
                    orm.Vote.note_id == note.id, orm.Vote.participant_id == participant_id
                )
            )
            if vote is not None:
                s.delete(vote)
                note.votes = max(0, note.votes - 1)

        return self._change(note_id, apply)

    # -- helpers -----------------------------------------------------------------------------------
    def _change(self, note_id: int, apply) -> NoteInfo:
        with self.db.write() as s:
            note = self._get(s, note_id)
            apply(s, note)
            note.updated_at = orm.now()
            s.flush()
            info = self._info(s, note)
        self.bus.publish(Event(events.NOTE_CHANGED, info.run_id, info))
        return info

    def _change_group(self, group_id: int, apply) -> GroupInfo:
        with self.db.write() as s:
            group = fetch(s, orm.Group, group_id, "That group no longer exists.")
            apply(group)
            s.flush()
            info = group_info(group)
        self.bus.publish(Event(events.GROUP_CHANGED, info.run_id, info))
        return info

    @staticmethod
    def _get(s, note_id: int) -> orm.Note:
        return fetch(s, orm.Note, note_id, "That note no longer exists.", code="note_gone")

    @staticmethod
    def _info(s, note: orm.Note) -> NoteInfo:
        name = None
        if note.participant_id is not None:
            name = s.scalar(
                select(orm.Participant.name).where(orm.Participant.id == note.participant_id)
            )
        return note_info(note, note_author(note, name))

    @staticmethod
    def _require_participant(s, note: orm.Note, participant_id: int) -> None:
        p = s.get(orm.Participant, participant_id)
        if p is None or p.run_id != note.run_id:
            raise Forbidden("You are not part of this run.", code="not_in_run")

    @staticmethod
    def _require_open(s, note: orm.Note) -> None:
        """Conflict when the note's step is closed (its votes are its results by then)."""
        state = s.get(orm.StepState, (note.run_id, note.step_id))
        if state is not None and state.locked:
            raise Conflict(
                "This step is closed: votes can no longer be given or taken back.",
                code="votes_closed",
            )

    @staticmethod
    def _board_step(s, run_id: int, step_id: int, *, for_new_notes: bool = True) -> None:
        """Check that ``step_id`` is a board of this run taking notes (and, ``for_new_notes``,
        that neither the run nor the board is closed), in one query: it is on the hot path of
        every note a phone sends."""
        row = s.execute(
            select(
                orm.Step.kind,
                orm.Step.workshop_id,
                orm.Run.workshop_id,
                orm.Run.ended_at,
                orm.StepState.locked,
            )
            .select_from(orm.Step)
            .join(orm.Run, orm.Run.id == run_id)
            .outerjoin(
                orm.StepState,
                (orm.StepState.run_id == run_id) & (orm.StepState.step_id == orm.Step.id),
            )
            .where(orm.Step.id == step_id)
        ).first()
        if row is None or row[1] != row[2]:
            raise NotFound("That step is not part of this run.", code="step_not_in_run")
        if not kinds.get(row[0]).takes_notes:
            raise Conflict("This step is not taking notes.", code="notes_off")
        if for_new_notes and row[3] is not None:
            raise Conflict(
                "This run has ended; it is no longer taking notes.", code="run_ended_notes"
            )
        if for_new_notes and row[4]:
            raise Conflict(
                "This board is locked; it is no longer taking notes.", code="board_locked"
            )


class _Batch:
    """Adds a batch of notes inside one session, looking up each run, board and person once."""

    def __init__(self, s):
        self.s = s
        self.boards: dict[tuple[int, int], ModelError | None] = {}
        self.zones: dict[int, set[int]] = {}
        self.known: dict[tuple[int, str], orm.Note] = {}

    def add_all(self, requests: Sequence[NoteRequest]) -> list[AddNoteResult | ModelError]:
        self._prefetch(requests)
        pending: list[tuple[orm.Note, bool] | ModelError] = []
        for request in requests:
            try:
                pending.append(self._add(request))
            except ModelError as error:
                pending.append(error)
        self.s.flush()
        names = self._names([p[0] for p in pending if not isinstance(p, ModelError)])
        return [
            p
            if isinstance(p, ModelError)
            else AddNoteResult(
                note_info(p[0], note_author(p[0], names.get(p[0].participant_id))), created=p[1]
            )
            for p in pending
        ]

    def _prefetch(self, requests: Sequence[NoteRequest]) -> None:
        by_run: dict[int, set[str]] = {}
        for r in requests:
            if isinstance(r.client_id, str) and r.client_id:
                by_run.setdefault(r.run_id, set()).add(r.client_id)
        for run_id, client_ids in by_run.items():
            # Repeats are rare: find their ids cheaply, load whole notes only for those.
            hits = self.s.execute(
                select(orm.Note.client_id, orm.Note.id).where(
                    orm.Note.run_id == run_id, orm.Note.client_id.in_(client_ids)
                )
            ).all()
            for client_id, note_id in hits:
                self.known[(run_id, client_id)] = self.s.get(orm.Note, note_id)

    def _add(self, r: NoteRequest) -> tuple[orm.Note, bool]:
        client_id = r.client_id or uuid.uuid4().hex
        if not isinstance(client_id, str) or not 0 < len(client_id) <= CLIENT_ID_MAX:
            raise InvalidInput(
                f"A client id is 1 to {CLIENT_ID_MAX} characters.",
                code="client_id_invalid",
                params={"max": CLIENT_ID_MAX},
            )
        existing = self.known.get((r.run_id, client_id))
        if existing is not None:
            if existing.participant_id != r.participant_id:
                raise Conflict(
                    "That note id is already used by someone else.", code="client_id_taken"
                )
            return existing, False
        text = note_text(r.text)
        self._board(r.run_id, r.step_id)
        if r.zone_id is not None and r.zone_id not in self._zones(r.step_id):
            raise InvalidInput("That zone is not on this board.", code="zone_unknown")
        author = ""
        if r.participant_id is None:
            author = clean(typed_author(r.author_name), what="A name", limit=NAME_MAX)
        now = orm.now()
        note = orm.Note(
            run_id=r.run_id,
            step_id=r.step_id,
            participant_id=r.participant_id,
            author_name=author,
            client_id=client_id,
            text=text,
            color=normalise_color(r.color),
            zone_id=r.zone_id,
            hidden=False,
            votes=0,
            created_at=now,
            updated_at=now,
        )
        self.s.add(note)
        self.known[(r.run_id, client_id)] = note
        return note, True

    def _board(self, run_id: int, step_id: int) -> None:
        key = (run_id, step_id)
        if key not in self.boards:
            try:
                Board._board_step(self.s, run_id, step_id)
                self.boards[key] = None
            except ModelError as error:
                self.boards[key] = error
        if self.boards[key] is not None:
            raise self.boards[key]

    def _zones(self, step_id: int) -> set[int]:
        if step_id not in self.zones:
            self.zones[step_id] = set(
                self.s.scalars(select(orm.Zone.id).where(orm.Zone.step_id == step_id))
            )
        return self.zones[step_id]

    def _names(self, notes: list[orm.Note]) -> dict[int, str]:
        ids = {n.participant_id for n in notes if n.participant_id is not None}
        if not ids:
            return {}
        rows = self.s.execute(
            select(orm.Participant.id, orm.Participant.name).where(orm.Participant.id.in_(ids))
        )
        return dict(rows.all())
