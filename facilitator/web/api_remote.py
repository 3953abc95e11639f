"""The facilitator's phone remote: drive the run (next, previous, black screen, timer) and hide
incoming notes. Authenticated by ``Authorization: Bearer <remote key>``; the remote key is shown
only on the laptop's console, never on the projector."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from .api_phone import Id, context
from .app import ApiError, Context
from .kinds.whiteboard import note_view
from .live import run_view
from .security import same_key

router = APIRouter(prefix="/api/remote", tags=["remote"])


def remote(request: Request) -> Context:
    """The context, if the caller holds the remote key; 403 otherwise."""
    ctx = context(request)
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    if not same_key(given, ctx.run.remote_key):
        raise ApiError(403, "This remote needs the remote key shown on the laptop's console.")
    return ctx


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


@router.get("/state")
def state(ctx: Context = Depends(remote)) -> dict:
    """The run, its current step and the counts the remote shows."""
    return _summary(ctx)


@router.post("/next")
def next_step(ctx: Context = Depends(remote)) -> dict:
    ctx.model.runs.next(ctx.run_id)
    return _summary(ctx)


@router.post("/prev")
def previous_step(ctx: Context = Depends(remote)) -> dict:
    ctx.model.runs.previous(ctx.run_id)
    return _summary(ctx)


@router.post("/black")
def black(ctx: Context = Depends(remote)) -> dict:
    """Black out the projector, or bring it back."""
    ctx.model.runs.set_black(ctx.run_id)
    return _summary(ctx)


@router.post("/timer")
def timer(ctx: Context = Depends(remote)) -> dict:
    """Start the countdown, or stop it if it is running."""
    ctx.model.runs.timer_toggle(ctx.run_id)
    return _summary(ctx)


@router.post("/reveal")
def reveal(ctx: Context = Depends(remote)) -> dict:
    """Reveal the current board's notes to the room, or hide them again (in one transaction:
    two presses at once cancel out, neither is lost)."""
    step = ctx.model.runs.current_step(ctx.run_id)
    ctx.model.runs.toggle_step_state(ctx.run_id, step.id, "revealed")
    return _summary(ctx)


@router.get("/notes")
def notes(ctx: Context = Depends(remote)) -> dict:
    """The current step's notes, hidden ones included, newest first."""
    step = ctx.model.runs.current_step(ctx.run_id)
    found = ctx.model.board.notes(ctx.run_id, step.id)
    return {"step_id": step.id, "notes": [note_view(n) for n in reversed(found)]}


@router.post("/notes/{note_id}/hide")
def hide(note_id: Id, ctx: Context = Depends(remote)) -> dict:
    return {"note": note_view(_set_hidden(ctx, note_id, True))}


@router.post("/notes/{note_id}/unhide")
def unhide(note_id: Id, ctx: Context = Depends(remote)) -> dict:
    return {"note": note_view(_set_hidden(ctx, note_id, False))}


def _set_hidden(ctx: Context, note_id: int, hidden: bool):
    note = ctx.model.board.note(note_id)
    if note.run_id != ctx.run_id:
        raise ApiError(404, "That note no longer exists.")
    return ctx.model.board.set_hidden(note_id, hidden)
