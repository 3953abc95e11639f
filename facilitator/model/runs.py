"""Runs: starting one (a frozen copy of the plan), moving through its steps, the black screen and
the countdown, the participants who join from their phones, and ending it."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid

from sqlalchemy import Boolean, func, select
from sqlalchemy.exc import IntegrityError

from . import events, kinds, orm
from .db import Database, fetch
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .events import Event, EventBus
from .names import random_name
from .pages import PageInfo, Pages
from .records import (
    ParticipantInfo,
    RunInfo,
    StepChange,
    StepInfo,
    StepStateInfo,
    participant_info,
    run_info,
    step_info,
    step_state_info,
)
from .text import TITLE_MAX, clean, person_name

ROOM_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
# 32 ** 6 = 1,073,741,824 codes. The server lets the whole room try at most one wrong code a
# second (web.security.WrongCodes), so finding the code takes 32 ** 6 / 2 s, about 17 years,
# on average, and a guesser going all day (8 h, 28,800 tries) has 1 chance in 37,000.
# Four characters (32 ** 4) would fall in about 6 days at that rate, five in about 6 months.
ROOM_CODE_LENGTH = 6
DEVICE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def device_hash(device: str) -> str:
    """The stored form of a phone's device id (hashed like a token: it is as good as one)."""
    if not isinstance(device, str) or not DEVICE_PATTERN.fullmatch(device):
        raise InvalidInput(
            "A device id is 1 to 64 letters, digits, '-' or '_'.", code="device_invalid"
        )
    return token_hash(device)


def spaced_room_code(code: str) -> str:
    """The room code as people read it off the screen: ``ABC DEF`` (short old codes as they
    are); typing it with or without the space both work."""
    if len(code) <= 4:
        return code
    return " ".join(code[i : i + 3] for i in range(0, len(code), 3))


class Runs:
    def __init__(self, db: Database, bus: EventBus, pages: Pages | None = None):
        self.db = db
        self.bus = bus
        self.pages = pages or Pages(bus)

    # -- reading -------------------------------------------------------------------------------
    def runs(self) -> list[RunInfo]:
        """Every run, newest first."""
        with self.db.read() as s:
            runs = s.scalars(select(orm.Run).order_by(orm.Run.started_at.desc(), orm.Run.id.desc()))
            return [self._info(s, r) for r in runs]

    def run(self, run_id: int) -> RunInfo:
        with self.db.read() as s:
            return self._info(s, self._get(s, run_id))

    def find(self, ref: str) -> RunInfo:
        """A run by id, or ``latest``."""
        ref = ref.strip()
        if ref == "latest":
            runs = self.runs()
            if not runs:
                raise NotFound("There are no runs yet.")
            return runs[0]
        if not ref.isdigit():
            raise NotFound(f"'{ref}' is not a run number (see `facilitator runs`) or 'latest'.")
        return self.run(int(ref))

    def unfinished(self) -> list[RunInfo]:
        return [r for r in self.runs() if not r.ended]

    def by_join_key(self, key: str) -> RunInfo | None:
        return self._by(orm.Run.join_key == key)

    def by_remote_key(self, key: str) -> RunInfo | None:
        return self._by(orm.Run.remote_key == key)

    def by_room_code(self, code: str) -> RunInfo | None:
        """The unfinished run with this room code (letters in any case, spaces ignored)."""
        code = "".join(code.split()).upper()
        return self._by(orm.Run.room_code == code, orm.Run.ended_at.is_(None))

    def steps(self, run_id: int) -> list[StepInfo]:
        with self.db.read() as s:
            run = self._get(s, run_id)
            return [step_info(step, self.db.folder) for step in run.workshop.steps]

    def current_step(self, run_id: int) -> StepInfo:
        with self.db.read() as s:
            run = self._get(s, run_id)
            return step_info(self._step_at(run, run.current_position), self.db.folder)

    def run_step(self, run_id: int, step_id: int) -> StepInfo:
        """A step of this run; NotFound if the step belongs to another run."""
        with self.db.read() as s:
            return step_info(self.step_of_run(s, run_id, step_id), self.db.folder)

    def step_state(self, run_id: int, step_id: int) -> StepStateInfo:
        with self.db.read() as s:
            return step_state_info(run_id, step_id, s.get(orm.StepState, (run_id, step_id)))

    def participants(self, run_id: int) -> list[ParticipantInfo]:
        with self.db.read() as s:
            rows = s.scalars(
                select(orm.Participant)
                .where(orm.Participant.run_id == run_id)
                .order_by(orm.Participant.id)
            )
            return [participant_info(p) for p in rows]

    def participant_count(self, run_id: int) -> int:
        with self.db.read() as s:
            return s.scalar(
                select(func.count(orm.Participant.id)).where(orm.Participant.run_id == run_id)
            )

    def participant_by_token(self, run_id: int, token: str) -> ParticipantInfo | None:
        with self.db.read() as s:
            p = s.scalar(
                select(orm.Participant).where(
                    orm.Participant.token_hash == token_hash(token),
                    orm.Participant.run_id == run_id,
                )
            )
            return participant_info(p) if p else None

    # -- starting and ending -------------------------------------------------------------------
    def start(self, workshop_id: int, *, place: str = "", facilitator: str = "") -> RunInfo:
        """A new run of a library workshop, on a frozen copy of its steps."""
        with self.db.write() as s:
            source = s.get(orm.Workshop, workshop_id)
            if source is None:
                raise NotFound("That workshop no longer exists.")
            if not source.steps:
                raise Conflict("This workshop has no steps yet; add one before starting a run.")
            copy = _freeze(source)
            s.add(copy)
            s.flush()
            run = orm.Run(
                workshop_id=copy.id,
                source_workshop_id=source.id,
                title=source.title,
                place=clean(place, what="A place", limit=TITLE_MAX) if place else "",
                facilitator=facilitator.strip()[:TITLE_MAX],
                join_key=secrets.token_urlsafe(16),
                remote_key=secrets.token_urlsafe(24),
                room_code=self._new_room_code(s),
                timer_remaining=copy.steps[0].timer_seconds,
            )
            s.add(run)
            s.flush()
            info = self._info(s, run)
        self.bus.publish(Event(events.RUN_STARTED, info.id, info))
        return info

    def end(self, run_id: int) -> RunInfo:
        with self.db.write() as s:
            run = self._get(s, run_id)
            if run.ended_at is None:
                run.ended_at = orm.now()
                run.timer_running = False
            s.flush()
            info = self._info(s, run)
        self.bus.publish(Event(events.RUN_ENDED, run_id, info))
        return info

    def update_details(self, run_id: int, *, place: str | None = None, facilitator=None):
        with self.db.write() as s:
            run = self._get(s, run_id)
            if place is not None:
                run.place = place.strip()[:TITLE_MAX]
            if facilitator is not None:
                run.facilitator = facilitator.strip()[:TITLE_MAX]
            s.flush()
            info = self._info(s, run)
        self.bus.publish(Event(events.RUN_CHANGED, run_id, info))
        return info

    # -- moving through the agenda -------------------------------------------------------------
    def go_to(self, run_id: int, position: int, *, relative: bool = False) -> StepChange:
        """Show the step at ``position`` (clamped to the agenda), or that many steps on from
        the current one when ``relative``, read in the same transaction so two clicks at once
        move two steps; resets the countdown."""
        with self.db.write() as s:
            run = self._live(s, run_id)
            count = len(run.workshop.steps)
            if relative:
                position += run.current_position
            position = max(0, min(position, count - 1))
            step = self._step_at(run, position)
            if position != run.current_position:
                run.current_position = position
                run.black = False
                run.timer_running = False
                run.timer_deadline = None
                run.timer_remaining = step.timer_seconds
            s.flush()
            change = StepChange(self._info(s, run), step_info(step, self.db.folder))
        self.pages.forget(run_id)
        self.bus.publish(Event(events.STEP, run_id, change))
        return change

    def next(self, run_id: int) -> StepChange | PageInfo:
        """The next page of what the room sees (a board's notes), else the next step."""
        return self._turn(run_id, 1) or self.go_to(run_id, 1, relative=True)

    def previous(self, run_id: int) -> StepChange | PageInfo:
        return self._turn(run_id, -1) or self.go_to(run_id, -1, relative=True)

    def _turn(self, run_id: int, delta: int) -> PageInfo | None:
        with self.db.read() as s:
            run = s.get(orm.Run, run_id)
            if run is None or run.black:
                return None  # a black screen has no page to turn; go_to says what is wrong
            step_id = self._step_at(run, run.current_position).id
        return self.pages.turn(run_id, step_id, delta)

    def set_black(self, run_id: int, black: bool | None = None) -> RunInfo:
        """Black out the projector (``None`` toggles)."""
        return self._change_run(
            run_id,
            lambda run: setattr(run, "black", (not run.black) if black is None else bool(black)),
        )

    def timer_start(self, run_id: int, seconds: float | None = None) -> RunInfo:
        """Start (or resume) the countdown: ``seconds`` given, else what was left, else the
        step's own timer, else five minutes."""
        if seconds is not None and not 0 < seconds <= 24 * 3600:
            raise InvalidInput("A timer runs for between one second and one day.")
        return self._change_run(run_id, lambda run: _start_timer(run, seconds))

    def timer_stop(self, run_id: int) -> RunInfo:
        return self._change_run(run_id, _stop_timer)

    def timer_toggle(self, run_id: int) -> RunInfo:
        """Stop the countdown if it runs, else start it, read and written in one transaction:
        two presses at once start it and stop it again, never start it twice."""
        return self._change_run(
            run_id, lambda run: _stop_timer(run) if run.timer_running else _start_timer(run, None)
        )

    def timer_reset(self, run_id: int) -> RunInfo:
        def apply(run: orm.Run) -> None:
            run.timer_running = False
            run.timer_deadline = None
            run.timer_remaining = self._step_at(run, run.current_position).timer_seconds

        return self._change_run(run_id, apply)

    def toggle_step_state(self, run_id: int, step_id: int, flag: str) -> StepStateInfo:
        """Turn one yes/no flag of a step's state over (``"revealed"``, ``"locked"``,
        ``"results_shown"``), read and written in one transaction: two presses at once leave it
        as it was, neither is lost. Results not yet chosen turn from the kind's default."""
        column = orm.StepState.__table__.columns.get(flag)
        if column is None or column.primary_key or not isinstance(column.type, Boolean):
            raise InvalidInput(f"A step has no yes/no setting called {flag!r}.")

        def apply(state: orm.StepState, step: orm.Step) -> None:
            now = getattr(state, flag)
            if now is None:  # results_shown not chosen yet: as the kind's settings say
                spec = kinds.registry().get(step.kind)
                now = spec is not None and not spec.starts_hidden(step.settings or {})
            setattr(state, flag, not now)

        return self._change_step_state(run_id, step_id, apply)

    def set_step_state(
        self,
        run_id: int,
        step_id: int,
        *,
        revealed: bool | None = None,
        locked=None,
        results_shown: bool | None = None,
    ) -> StepStateInfo:
        """Reveal a board's notes to the room, close a step to new notes and answers (``locked``)
        or open it again, show its results to the room or keep them to the console."""

        def apply(state: orm.StepState, _step) -> None:
            if revealed is not None:
                state.revealed = bool(revealed)
            if locked is not None:
                state.locked = bool(locked)
            if results_shown is not None:
                state.results_shown = bool(results_shown)

        return self._change_step_state(run_id, step_id, apply)

    def update_step_data(self, run_id: int, step_id: int, change) -> StepStateInfo:
        """Change the kind's own state of a step (``StepStateInfo.data``) in one transaction:
        ``change`` gets the current data (a dict) and returns the new one, so two changes at
        once never lose one another."""

        def apply(state: orm.StepState, _step) -> None:
            state.data = dict(change(dict(state.data or {})))

        return self._change_step_state(run_id, step_id, apply)

    def _change_step_state(self, run_id: int, step_id: int, apply) -> StepStateInfo:
        with self.db.write() as s:
            step = self.step_of_run(s, run_id, step_id)
            state = s.get(orm.StepState, (run_id, step_id))
            if state is None:
                state = orm.StepState(run_id=run_id, step_id=step_id, revealed=False, locked=False)
                s.add(state)
            apply(state, step)
            s.flush()
            info = step_state_info(run_id, step_id, state)
        self.bus.publish(Event(events.STEP_STATE, run_id, info))
        return info

    # -- participants ----------------------------------------------------------------------------
    def join(
        self, run_id: int, name: str | None = None, *, device: str | None = None
    ) -> tuple[ParticipantInfo, str]:
        """A participant and a fresh secret token. With ``device`` (the random id a phone keeps
        in local storage) the participant who joined from it before comes back, so a join whose
        answer was lost never makes a second one; else a new participant with a random friendly
        name (or ``name``, which a returning device ignores: renaming is ``rename``).

        Tokens are stored only as hashes, so the one handed out before cannot be given again:
        a returning device gets a new token whose hash replaces the old one. One live token per
        participant: the old one (never received, or lost with the cookie) stops working and
        nothing piles up. Holding the device id is thus as good as holding the token; the page
        keeps both on the phone only, and the id is 128 random bits.
        """
        if name is not None:
            name = person_name(name)
        device_key = device_hash(device) if device is not None else None
        try:
            info, token, created = self._join_once(run_id, name, device_key)
        except IntegrityError:
            # the same device joined in the same instant from another connection and won the
            # unique (run, device) index: this join is now that device coming back
            info, token, created = self._join_once(run_id, name, device_key)
        if created:
            self.bus.publish(Event(events.PARTICIPANT_JOINED, run_id, info))
        return info, token

    def _join_once(self, run_id: int, name: str | None, device_key: str | None):
        """(participant, token, created) in one write transaction."""
        token = secrets.token_urlsafe(32)
        with self.db.write() as s:
            self._live(s, run_id)
            p = None
            if device_key is not None:
                p = s.scalar(
                    select(orm.Participant).where(
                        orm.Participant.run_id == run_id, orm.Participant.device_hash == device_key
                    )
                )
            created = p is None
            if created:
                p = orm.Participant(run_id=run_id, device_hash=device_key)
                self._name_newcomer(s, p, name)
                s.add(p)
            p.token_hash = token_hash(token)
            s.flush()
            return participant_info(p), token, created

    @staticmethod
    def _name_newcomer(s, p: orm.Participant, name: str | None) -> None:
        """``name``, numbered if someone in the run has it, else a random friendly name."""
        taken = set(
            s.scalars(select(orm.Participant.name).where(orm.Participant.run_id == p.run_id))
        )
        if name is None or name.casefold() in {t.casefold() for t in taken}:
            name = random_name(taken) if name is None else _numbered(name, taken)
        p.name, p.name_key = name, name.casefold()

    def rename(self, participant_id: int, name: str) -> ParticipantInfo:
        """Change a participant's name; Conflict if someone else in the run has it."""
        name = person_name(name)
        try:
            with self.db.write() as s:
                p = s.get(orm.Participant, participant_id)
                if p is None:
                    raise NotFound("That participant is not in this run.", code="participant_gone")
                p.name = name
                p.name_key = name.casefold()
                s.flush()
                info = participant_info(p)
        except IntegrityError:
            raise Conflict(
                f"Someone here is already called {name}; try another name.",
                code="name_taken",
                params={"name": name},
            ) from None
        self.bus.publish(Event(events.PARTICIPANT_RENAMED, info.run_id, info))
        return info

    # -- helpers --------------------------------------------------------------------------------
    def step_of_run(self, s, run_id: int, step_id: int) -> orm.Step:
        step = s.get(orm.Step, step_id)
        run = self._get(s, run_id)
        if step is None or step.workshop_id != run.workshop_id:
            raise NotFound("That step is not part of this run.", code="step_not_in_run")
        return step

    def _change_run(self, run_id: int, apply) -> RunInfo:
        with self.db.write() as s:
            run = self._live(s, run_id)
            apply(run)
            s.flush()
            info = self._info(s, run)
        self.bus.publish(Event(events.RUN_CHANGED, run_id, info))
        return info

    def _by(self, *where) -> RunInfo | None:
        with self.db.read() as s:
            run = s.scalar(select(orm.Run).where(*where))
            return self._info(s, run) if run else None

    @staticmethod
    def _get(s, run_id: int) -> orm.Run:
        return fetch(s, orm.Run, run_id, f"There is no run {run_id}.")

    def _live(self, s, run_id: int) -> orm.Run:
        run = self._get(s, run_id)
        if run.ended_at is not None:
            raise Conflict("This run has ended.", code="run_ended")
        return run

    @staticmethod
    def _step_at(run: orm.Run, position: int) -> orm.Step:
        steps = run.workshop.steps
        return steps[max(0, min(position, len(steps) - 1))]

    @staticmethod
    def _info(s, run: orm.Run) -> RunInfo:
        return run_info(run, len(run.workshop.steps))

    @staticmethod
    def _new_room_code(s) -> str:
        active = set(s.scalars(select(orm.Run.room_code).where(orm.Run.ended_at.is_(None))))
        while True:
            code = "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))
            if code not in active:
                return code


def _start_timer(run: orm.Run, seconds: float | None) -> None:
    step = Runs._step_at(run, run.current_position)
    left = seconds if seconds is not None else run.timer_remaining
    if left is None or left <= 0:
        left = step.timer_seconds or 300
    run.timer_running = True
    run.timer_deadline = orm.now() + left
    run.timer_remaining = left


def _stop_timer(run: orm.Run) -> None:
    if run.timer_running and run.timer_deadline is not None:
        run.timer_remaining = run.timer_deadline - orm.now()
    run.timer_running = False
    run.timer_deadline = None


def _numbered(name: str, taken: set[str]) -> str:
    lowered = {t.casefold() for t in taken}
    n = 2
    while f"{name} {n}".casefold() in lowered:
        n += 1
    return f"{name} {n}"[:40]


def _freeze(source: orm.Workshop) -> orm.Workshop:
    """A copy of a workshop for one run; it shares the media folder (files are never edited)."""
    copy = orm.Workshop(
        uid=uuid.uuid4().hex,
        title=source.title,
        description=source.description,
        facilitator_notes=source.facilitator_notes,
        media_dir=source.media_dir,
        is_demo=source.is_demo,
        frozen_for_run=True,
    )
    for step in source.steps:
        copy.steps.append(
            orm.new_step(
                position=step.position,
                kind=step.kind,
                title=step.title,
                prompt=step.prompt,
                facilitator_notes=step.facilitator_notes,
                timer_seconds=step.timer_seconds,
                settings=step.settings,
                zones=[z.label for z in step.zones],
            )
        )
    for res in source.resources:
        copy.resources.append(
            orm.Resource(
                position=res.position, title=res.title, url=res.url, file=res.file, text=res.text
            )
        )
    return copy


__all__ = ["Runs", "Forbidden", "device_hash", "spaced_room_code", "token_hash"]
