"""Plain, frozen records handed to the UI, the server and the exports. Nothing here holds a
database session; ``from_orm`` functions copy what callers need while the session is open."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import orm


def as_dict(record: Any) -> dict:
    """A JSON-ready dict of a record (Paths become strings)."""
    out = dataclasses.asdict(record)
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in out.items()}


@dataclass(frozen=True)
class ZoneInfo:
    id: int
    step_id: int
    position: int
    label: str


@dataclass(frozen=True)
class StepInfo:
    id: int
    workshop_id: int
    position: int
    kind: str
    title: str
    prompt: str
    facilitator_notes: str
    timer_seconds: int | None
    settings: dict
    zones: tuple[ZoneInfo, ...]
    media_dir: Path

    def media_path(self, field_name: str) -> Path | None:
        """The absolute path of a media setting (``image``, ``video``), or None if unset."""
        value = self.settings.get(field_name)
        return self.media_dir / value if value else None


@dataclass(frozen=True)
class ResourceInfo:
    id: int
    position: int
    title: str
    url: str | None
    file: str | None
    text: str


@dataclass(frozen=True)
class WorkshopInfo:
    id: int
    uid: str
    title: str
    description: str
    facilitator_notes: str
    media_dir: Path
    is_demo: bool
    step_count: int
    updated_at: float


@dataclass(frozen=True)
class RunInfo:
    id: int
    workshop_id: int
    source_workshop_id: int | None
    title: str
    place: str
    facilitator: str
    started_at: float
    ended_at: float | None
    current_position: int
    step_count: int
    join_key: str
    remote_key: str
    room_code: str
    black: bool
    timer_running: bool
    timer_deadline: float | None
    timer_remaining: float | None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    def timer_left(self, at: float | None = None) -> float | None:
        """Seconds left on the step countdown (negative once overrun), or None without a timer."""
        if self.timer_running and self.timer_deadline is not None:
            return self.timer_deadline - (time.time() if at is None else at)
        return self.timer_remaining


@dataclass(frozen=True)
class StepChange:
    """Payload of the ``step`` event: the run as it is now and the step it shows."""

    run: RunInfo
    step: StepInfo


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    run_id: int
    name: str
    joined_at: float


@dataclass(frozen=True)
class NoteInfo:
    id: int
    run_id: int
    step_id: int
    participant_id: int | None
    author: str
    client_id: str
    text: str
    color: str
    x: float | None
    y: float | None
    group_id: int | None
    zone_id: int | None
    hidden: bool
    votes: int
    created_at: float
    updated_at: float

    @property
    def by_facilitator(self) -> bool:
        return self.participant_id is None


@dataclass(frozen=True)
class GroupInfo:
    id: int
    run_id: int
    step_id: int
    name: str
    x: float | None
    y: float | None


@dataclass(frozen=True)
class StepStateInfo:
    """What a run did to one step. ``locked``: closed to new notes and answers.
    ``results_shown``: the room sees the results (None: as the kind's settings say).
    ``data``: the kind's own state (e.g. the question being answered), plain JSON data."""

    run_id: int
    step_id: int
    revealed: bool
    locked: bool
    results_shown: bool | None = None
    data: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ResponseInfo:
    """One person's answer to a step (a dot, a poll choice, a feedback form), as its kind's
    answer model stored it."""

    run_id: int
    step_id: int
    participant_id: int
    name: str
    answer: dict
    updated_at: float = 0.0


@dataclass(frozen=True)
class RemovedNote:
    """A note taken off its board, with its votes (who gave each, and when), so that putting it
    back restores every participant's budget and "my votes" as they were."""

    note: NoteInfo
    voters: tuple[tuple[int, float], ...] = ()  # (participant id, voted at)


@dataclass(frozen=True)
class BoardChange:
    """What one board operation changed, on one board: every field as it was and as it is, so
    that undoing it is another operation (``Board.revert``), which returns the change back.

    ``before``/``notes`` are the notes changed in place (same order); ``added`` notes were put
    on the board (or back), ``removed`` ones taken off; the same for groups."""

    run_id: int
    step_id: int
    before: tuple[NoteInfo, ...] = ()
    notes: tuple[NoteInfo, ...] = ()
    added: tuple[NoteInfo, ...] = ()
    removed: tuple[RemovedNote, ...] = ()
    groups_before: tuple[GroupInfo, ...] = ()
    groups: tuple[GroupInfo, ...] = ()
    groups_added: tuple[GroupInfo, ...] = ()
    groups_removed: tuple[GroupInfo, ...] = ()

    @property
    def empty(self) -> bool:
        parts = (self.notes, self.added, self.removed, self.groups)
        return not any(parts) and not (self.groups_added or self.groups_removed)

    @property
    def present(self) -> tuple[NoteInfo, ...]:
        """The notes on the board now that this change touched (changed or added)."""
        return self.notes + self.added


@dataclass(frozen=True)
class AddNoteResult:
    note: NoteInfo
    created: bool  # False when the same client_id came again: the note already stored


def zone_info(zone: orm.Zone) -> ZoneInfo:
    return ZoneInfo(zone.id, zone.step_id, zone.position, zone.label)


def step_info(step: orm.Step, media_root: Path) -> StepInfo:
    return StepInfo(
        id=step.id,
        workshop_id=step.workshop_id,
        position=step.position,
        kind=step.kind,
        title=step.title,
        prompt=step.prompt,
        facilitator_notes=step.facilitator_notes,
        timer_seconds=step.timer_seconds,
        settings=dict(step.settings or {}),
        zones=tuple(zone_info(z) for z in step.zones),
        media_dir=media_root / step.workshop.media_dir,
    )


def resource_info(res: orm.Resource) -> ResourceInfo:
    return ResourceInfo(res.id, res.position, res.title, res.url, res.file, res.text)


def workshop_info(ws: orm.Workshop, media_root: Path, step_count: int) -> WorkshopInfo:
    return WorkshopInfo(
        id=ws.id,
        uid=ws.uid,
        title=ws.title,
        description=ws.description,
        facilitator_notes=ws.facilitator_notes,
        media_dir=media_root / ws.media_dir,
        is_demo=ws.is_demo,
        step_count=step_count,
        updated_at=ws.updated_at,
    )


def run_info(run: orm.Run, step_count: int) -> RunInfo:
    return RunInfo(
        id=run.id,
        workshop_id=run.workshop_id,
        source_workshop_id=run.source_workshop_id,
        title=run.title,
        place=run.place,
        facilitator=run.facilitator,
        started_at=run.started_at,
        ended_at=run.ended_at,
        current_position=run.current_position,
        step_count=step_count,
        join_key=run.join_key,
        remote_key=run.remote_key,
        room_code=run.room_code,
        black=run.black,
        timer_running=run.timer_running,
        timer_deadline=run.timer_deadline,
        timer_remaining=run.timer_remaining,
    )


def participant_info(p: orm.Participant) -> ParticipantInfo:
    return ParticipantInfo(p.id, p.run_id, p.name, p.joined_at)


def note_info(note: orm.Note, author: str) -> NoteInfo:
    return NoteInfo(
        id=note.id,
        run_id=note.run_id,
        step_id=note.step_id,
        participant_id=note.participant_id,
        author=author,
        client_id=note.client_id,
        text=note.text,
        color=note.color,
        x=note.x,
        y=note.y,
        group_id=note.group_id,
        zone_id=note.zone_id,
        hidden=note.hidden,
        votes=note.votes,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


def group_info(g: orm.Group) -> GroupInfo:
    return GroupInfo(g.id, g.run_id, g.step_id, g.name, g.x, g.y)


def step_state_info(run_id: int, step_id: int, state: orm.StepState | None) -> StepStateInfo:
    if state is None:
        return StepStateInfo(run_id, step_id, revealed=False, locked=False)
    return StepStateInfo(
        run_id, step_id, state.revealed, state.locked, state.results_shown, dict(state.data or {})
    )


def response_info(row: orm.Response, name: str) -> ResponseInfo:
    return ResponseInfo(
        row.run_id, row.step_id, row.participant_id, name, dict(row.answer), row.updated_at
    )
