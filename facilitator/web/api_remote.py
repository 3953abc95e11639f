"""The facilitator's phone remote: drive the run (next, previous, black screen, timer) and hide
incoming notes. Authenticated by ``Authorization: Bearer <remote key>``; the remote key is shown
only on the laptop's console, never on the projector."""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from .api_phone import Id, context
from .app import ApiError, Context, errors
from .kinds.whiteboard import note_view
from .live import run_view
from .security import same_key

router = APIRouter(prefix="/api/remote", tags=["remote"])
DRIVE = (403, 409, 503)  # a change to the run: wrong key, the run has ended, the laptop busy


def remote(request: Request) -> Context:
    """The context, if the caller holds the remote key; 403 otherwise."""
    ctx = context(request)
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    if not same_key(given, ctx.run.remote_key):
        raise ApiError(
            403,
            "This remote needs the remote key shown on the laptop's console.",
            code="remote_key",
        )
    return ctx


def remote_by_address(request: Request) -> Context:
    """``remote``, also taking the key as ``?k=KEY``: for the event stream only, because
    EventSource cannot send an Authorization header. Compared in constant time like the header."""
    given = request.query_params.get("k")
    if given is not None and same_key(given, context(request).run.remote_key):
        return context(request)
    return remote(request)


def _summary(ctx: Context) -> dict:
    run = ctx.model.runs.run(ctx.run_id)
    step = ctx.model.runs.current_step(ctx.run_id)
    steps = ctx.model.runs.steps(ctx.run_id)
    following = steps[run.current_position + 1] if run.current_position + 1 < len(steps) else None
    return {
        "run": run_view(run),
        "step": ctx.live.step_view(step),
        "next_title": following.title if following else None,
        "participants": ctx.model.runs.participant_count(ctx.run_id),
        "connected": len(ctx.hub.subscribers),
    }


@router.get("/state", responses=errors(403))
def state(ctx: Context = Depends(remote)) -> dict:
    """The run, its current step and the counts the remote shows."""
    return _summary(ctx)


@router.post("/next", responses=errors(*DRIVE))
def next_step(ctx: Context = Depends(remote)) -> dict:
    ctx.model.runs.next(ctx.run_id)
    return _summary(ctx)


@router.post("/prev", responses=errors(*DRIVE))
def previous_step(ctx: Context = Depends(remote)) -> dict:
    ctx.model.runs.previous(ctx.run_id)
    return _summary(ctx)


@router.post("/black", responses=errors(*DRIVE))
def black(ctx: Context = Depends(remote)) -> dict:
    """Black out the projector, or bring it back."""
    ctx.model.runs.set_black(ctx.run_id)
    return _summary(ctx)


@router.post("/timer", responses=errors(*DRIVE))
def timer(ctx: Context = Depends(remote)) -> dict:
    """Start the countdown, or stop it if it is running."""
    ctx.model.runs.timer_toggle(ctx.run_id)
    return _summary(ctx)


@router.post("/reveal", responses=errors(403, 503))
def reveal(ctx: Context = Depends(remote)) -> dict:
    """Reveal the current board's notes to the room, or hide them again (in one transaction:
    two presses at once cancel out, neither is lost)."""
    step = ctx.model.runs.current_step(ctx.run_id)
    ctx.model.runs.toggle_step_state(ctx.run_id, step.id, "revealed")
    return _summary(ctx)


@router.get("/notes", responses=errors(403))
def notes(ctx: Context = Depends(remote)) -> dict:
    """The current step's notes, hidden ones included, newest first."""
    step = ctx.model.runs.current_step(ctx.run_id)
    found = ctx.model.board.notes(ctx.run_id, step.id)
    return {"step_id": step.id, "notes": [note_view(n) for n in reversed(found)]}


@router.post("/notes/{note_id}/hide", responses=errors(403, 404, 422, 503))
def hide(note_id: Id, ctx: Context = Depends(remote)) -> dict:
    return {"note": note_view(_set_hidden(ctx, note_id, True))}


@router.post("/notes/{note_id}/unhide", responses=errors(403, 404, 422, 503))
def unhide(note_id: Id, ctx: Context = Depends(remote)) -> dict:
    return {"note": note_view(_set_hidden(ctx, note_id, False))}


def _set_hidden(ctx: Context, note_id: int, hidden: bool):
    note = ctx.model.board.note(note_id)
    if note.run_id != ctx.run_id:
        raise ApiError(404, "That note no longer exists.", code="note_gone")
    return ctx.model.board.set_hidden(note_id, hidden)


class OpenBody(BaseModel):
    open: bool


class ShownBody(BaseModel):
    shown: bool


@router.post("/answers", responses=errors(403, 413, 422, 503))
def answers(body: OpenBody, ctx: Context = Depends(remote)) -> dict:
    """Open the current step to notes and answers, or close it (phones then get 409)."""
    step = ctx.model.runs.current_step(ctx.run_id)
    ctx.model.runs.set_step_state(ctx.run_id, step.id, locked=not body.open)
    return _summary(ctx)


@router.post("/results", responses=errors(403, 413, 422, 503))
def results(body: ShownBody, ctx: Context = Depends(remote)) -> dict:
    """Show the current step's results to the room and the phones, or keep them to the console."""
    step = ctx.model.runs.current_step(ctx.run_id)
    ctx.model.runs.set_step_state(ctx.run_id, step.id, results_shown=body.shown)
    return _summary(ctx)


HEARTBEAT_SECONDS = 15  # a comment line this often when nothing changed
SETTLE_SECONDS = 0.3  # after a state event, changes wait this long and go out together


@router.get("/events", response_class=StreamingResponse, responses=errors(403))
async def events(ctx: Context = Depends(remote_by_address)):
    """Server-Sent Events for the remote page: a ``state`` event (the JSON of ``/state``) at
    once, again whenever the run, its step, a step's state, the participants or the notes
    change (at most about three a second, however many changes), and a comment line every
    15 s. The key comes as ``Authorization: Bearer`` or, on this route alone, as ``?k=KEY``
    (EventSource cannot send headers); the page sends no referrer and the server keeps no
    access log, so the key in this address is written nowhere."""
    return StreamingResponse(
        _state_stream(ctx),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no"},
    )


async def _state_stream(ctx: Context):
    listener = ctx.remote_feed.listen(ctx.model.bus, ctx.run_id)
    try:
        online = len(ctx.hub.subscribers)
        yield b"retry: 3000\n\n" + await _state_event(ctx)
        while not listener.closed:
            changed = await listener.wait(HEARTBEAT_SECONDS)
            if listener.closed:
                break
            if changed or online != len(ctx.hub.subscribers):  # phones came or went
                online = len(ctx.hub.subscribers)
                yield await _state_event(ctx)
                await asyncio.sleep(SETTLE_SECONDS)
            else:
                yield b": ping\n\n"
    finally:
        ctx.remote_feed.leave(listener)


async def _state_event(ctx: Context) -> bytes:
    summary = await run_in_threadpool(_summary, ctx)
    body = json.dumps(summary, ensure_ascii=False, separators=(",", ":"))
    return f"event: state\ndata: {body}\n\n".encode()
