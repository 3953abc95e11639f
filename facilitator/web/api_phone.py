"""The attendees' API: join, rename, state, notes, votes, placements, feedback, and the live
event stream. Every call after joining is authenticated by the HttpOnly cookie set at join (or
``Authorization: Bearer <token>`` for scripts)."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from facilitator.model import live_reads
from facilitator.model.board import NoteRequest
from facilitator.model.errors import ModelError
from facilitator.model.records import ParticipantInfo
from facilitator.model.text import NAME_MAX, NOTE_MAX

from . import kinds
from .app import ApiError, Context, errors, is_loopback
from .kinds.whiteboard import counts_shown, phone_note
from .live import run_view
from .security import same_key

router = APIRouter(prefix="/api", tags=["phones"])

COOKIE = "facilitator_token"
WRITE = (403, 409, 422, 429, 503)  # what a joined phone's change can answer besides success
NOT_JOINED = "You have not joined this workshop yet: scan the code or open the address again."


# Text limits are the model's, stated in the schema; the model checks them once the text is
# trimmed and answers 422 with its own sentence ("A note can be at most 500 characters...").
NoteText = Annotated[str, Field(json_schema_extra={"maxLength": NOTE_MAX})]
Name = Annotated[str, Field(json_schema_extra={"maxLength": NAME_MAX})]

MAX_ID = 2**53  # larger numbers cannot be ids (and SQLite could not even look them up)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class JoinBody(Body):
    key: str = Field(..., max_length=200, description="the QR code's join key, or the room code")
    device: str | None = Field(
        None,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="a random id the page keeps in local storage: the same device joining "
        "again is the same participant",
    )
    name: Name | None = None


class NameBody(Body):
    name: Name


class NoteBody(Body):
    client_id: str = Field(..., min_length=1, max_length=64)
    text: NoteText
    color: str | None = Field(None, max_length=20)
    zone_id: int | None = Field(None, ge=1, le=MAX_ID)


class NoteEditBody(Body):
    text: NoteText


def context(request: Request) -> Context:
    return request.app.state.context


def token_of(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return request.cookies.get(COOKIE)


def participant_id_for(ctx: Context, token: str | None) -> int | None:
    if not token or len(token) > 200:
        return None
    pid = ctx.tokens.get(token)
    if pid is None:
        found = ctx.model.runs.participant_by_token(ctx.run_id, token)
        if found is None:
            return None
        pid = ctx.tokens[token] = found.id
    return pid


async def me(request: Request) -> int:
    """The participant making this request; 403 if the caller has not joined this run.

    Known tokens are answered from memory on the loop (no thread hop for every note); an
    unknown one is looked up in the database on a worker thread."""
    ctx, token = context(request), token_of(request)
    pid = ctx.tokens.get(token) if token else None
    if pid is None:
        pid = await run_in_threadpool(participant_id_for, ctx, token)
    if pid is None:
        raise ApiError(403, NOT_JOINED, code="not_joined")
    return pid


def limit(limiter, key, what: str, code: str) -> None:
    """429 (with Retry-After) when ``key`` has done this too often; ``what`` names the action
    in the English sentence, ``code`` (``slow_down_note``) in the phone's."""
    wait = limiter.check(key)
    if wait:
        seconds = max(1, round(wait + 0.5))
        raise ApiError(
            429,
            f"Slow down a little: {what} again in {seconds} s.",
            {"Retry-After": str(seconds)},
            code=code,
            params={"seconds": seconds},
        )


def participant_view(p: ParticipantInfo) -> dict:
    return {"id": p.id, "name": p.name}


@router.post("/join", status_code=200, responses=errors(403, 409, 413, 422, 429, 503))
def join(body: JoinBody, request: Request, response: Response) -> dict:
    """Join with the key from the QR code (or the room code). A phone that has joined before
    (its cookie, else its ``device`` id) comes back as the same participant, so a retried join
    never makes two. Wrong codes are counted per address and in total: past the limit, 429."""
    ctx = context(request)
    client = request.client.host if request.client else ""
    _admit(ctx, body.key, client)
    token = token_of(request)
    pid = participant_id_for(ctx, token)
    if pid is not None:
        if body.name:
            ctx.model.runs.rename(pid, body.name)
        person = live_reads.participant(ctx.model.db, pid)
    else:
        if not is_loopback(client):
            limit(ctx.join_limiter, client, "join", code="slow_down_join")
        person, token = ctx.model.runs.join(ctx.run_id, body.name or None, device=body.device)
        _remember_token(ctx, token, person.id)
    response.set_cookie(
        COOKIE, token, httponly=True, samesite="strict", max_age=7 * 24 * 3600, path="/"
    )
    return {"participant": participant_view(person), "token": token}


def _admit(ctx: Context, key: str, client: str) -> None:
    """Let the caller in with the QR code's join key (never limited: it cannot be guessed), or
    with the room code unless its address, or the room, has tried too many wrong codes
    (security.WrongCodes); a wrong code is counted and refused with 403."""
    if same_key(key, ctx.run.join_key):
        return
    wait = ctx.wrong_codes.wait(client)
    if wait:
        seconds = max(1, math.ceil(wait))
        raise ApiError(
            429,
            f"Too many wrong codes have been tried: try again in {seconds} s, "
            "or scan the code on the screen.",
            {"Retry-After": str(seconds)},
            code="too_many_codes",
            params={"seconds": seconds},
        )
    if not _room_code_matches(key, ctx.run.room_code):
        ctx.wrong_codes.failed(client)
        raise ApiError(
            403,
            "That join code is not right; scan the code on the screen again.",
            code="wrong_code",
        )


def _room_code_matches(given: str, code: str) -> bool:
    return same_key("".join(given.split()).upper(), code)


def _remember_token(ctx: Context, token: str, pid: int) -> None:
    """Keep the new token in memory; a returning device's old token has stopped working
    (Runs.join keeps one per participant), so it leaves the memory too."""
    with ctx.lock:
        for old, owner in list(ctx.tokens.items()):
            if owner == pid:
                del ctx.tokens[old]
        ctx.tokens[token] = pid


@router.patch("/me", responses=errors(403, 409, 413, 422, 429, 503))
def rename(body: NameBody, request: Request, pid: int = Depends(me)) -> dict:
    ctx = context(request)
    limit(ctx.action_limiter, pid, "rename", code="slow_down_rename")
    return {"participant": participant_view(ctx.model.runs.rename(pid, body.name))}


@router.get("/state", response_class=JSONResponse, responses=errors(403))
def state(request: Request, pid: int = Depends(me)):
    """The current step, who I am, and what I need to show it (my notes, others' where the step
    shows them, my dot, my answers). ``last_event`` is where the event stream should resume."""
    ctx = context(request)
    last_event = ctx.hub.last_id
    run = ctx.model.runs.run(ctx.run_id)
    step = ctx.model.runs.current_step(ctx.run_id)
    person = live_reads.participant(ctx.model.db, pid)
    return JSONResponse(
        {
            "run": run_view(run),
            "step": ctx.live.step_view(step),
            "me": participant_view(person),
            "last_event": last_event,
            **{"notes": [], "my_votes": []},
            **kinds.phone_state(ctx, step, pid),
        }
    )


@router.post("/steps/{step_id}/notes", status_code=201, responses=errors(*WRITE, 404, 413))
async def add_note(step_id: Id, body: NoteBody, request: Request, pid: int = Depends(me)):
    """Add a note; the same ``client_id`` again answers 200 with the note already stored."""
    ctx = context(request)
    limit(ctx.note_limiter, pid, "add a note", code="slow_down_note")
    answer = await ctx.writer.add(
        NoteRequest(
            run_id=ctx.run_id,
            step_id=step_id,
            text=body.text,
            client_id=body.client_id,
            color=body.color,
            participant_id=pid,
            zone_id=body.zone_id,
        )
    )
    if isinstance(answer, ModelError):
        raise answer
    return JSONResponse(
        {"note": _own_note(ctx, answer.note)}, status_code=201 if answer.created else 200
    )


@router.patch("/notes/{note_id}", responses=errors(*WRITE, 404, 413))
def edit_note(note_id: Id, body: NoteEditBody, request: Request, pid: int = Depends(me)) -> dict:
    """Change the text of one of my notes (until the board is revealed)."""
    ctx = context(request)
    limit(ctx.action_limiter, pid, "edit", code="slow_down_edit")
    _note_of_run(ctx, note_id)
    note = ctx.model.board.edit_note(note_id, body.text, participant_id=pid)
    return {"note": _own_note(ctx, note)}


@router.post("/notes/{note_id}/votes", responses=errors(*WRITE, 404))
def vote(note_id: Id, request: Request, pid: int = Depends(me)) -> dict:
    ctx = context(request)
    limit(ctx.action_limiter, pid, "vote", code="slow_down_vote")
    _note_of_run(ctx, note_id)
    note = ctx.model.board.vote(note_id, pid)
    return _vote_answer(ctx, note, pid)


@router.delete("/notes/{note_id}/votes", responses=errors(*WRITE, 404))
def unvote(note_id: Id, request: Request, pid: int = Depends(me)) -> dict:
    ctx = context(request)
    limit(ctx.action_limiter, pid, "vote", code="slow_down_vote")
    _note_of_run(ctx, note_id)
    note = ctx.model.board.unvote(note_id, pid)
    return _vote_answer(ctx, note, pid)


@router.get("/events", response_class=StreamingResponse, responses=errors(403))
async def events(request: Request, pid: int = Depends(me)):
    """Server-Sent Events: ``step``, ``run``, ``ended``, ``note``, ``note_removed``, ``board``,
    ``me``, ``renamed`` (someone else's new name, while the board shows names) and ``reset``
    (reload /api/state). Resumes after ``Last-Event-ID`` (or ``?last=``)."""
    ctx = context(request)
    sub = ctx.hub.subscribe(pid)
    since = request.headers.get("last-event-id") or request.query_params.get("last")
    missed = ctx.hub.missed(since[:64] if since else None, pid)
    if missed is None:
        missed = [f"id: {ctx.hub.last_id}\nevent: reset\ndata: {{}}\n\n".encode()]
    return StreamingResponse(
        _stream(ctx, sub, missed),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no"},
    )


async def _stream(ctx: Context, sub, missed: list[bytes]):
    """The phone's event stream. Each ``yield`` returns once the server has taken the write, so
    the time spent in it tells the hub when a phone stopped taking data (gone from the Wi-Fi)."""
    try:
        sub.write_began()
        yield b"retry: 2000\n\n" + b"".join(missed)
        sub.write_drained()
        while not sub.closed:
            chunks = [await sub.queue.get()]  # the hub's heartbeat comes every 10 s
            while not sub.queue.empty():
                chunks.append(sub.queue.get_nowait())
            if b"" in chunks:
                chunks = chunks[: chunks.index(b"")]
                sub.closed = True
            if chunks:
                sub.write_began()
                yield b"".join(chunks)
                sub.write_drained()
    finally:
        ctx.hub.subscribers.discard(sub)


def _note_of_run(ctx: Context, note_id: int) -> None:
    note = ctx.model.board.note(note_id)
    if note.run_id != ctx.run_id:
        raise ApiError(404, "That note no longer exists.", code="note_gone")


def _vote_answer(ctx: Context, note, pid: int) -> dict:
    """The note's count (None while the board keeps counts back) and the phone's own votes."""
    step = ctx.live.steps[note.step_id]
    shown = counts_shown(step, ctx.live.state_of(step.id))
    mine = sorted(ctx.model.board.my_votes(note.step_id, pid))
    return {"note": {"id": note.id, "votes": note.votes if shown else None}, "my_votes": mine}


def _own_note(ctx: Context, note) -> dict:
    step = ctx.live.steps[note.step_id]
    return phone_note(note, step, ctx.live.state_of(step.id), own=True)
