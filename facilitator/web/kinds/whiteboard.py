"""Whiteboard steps on the phone: a box to add notes, the phone's own notes, and (when the step
shows them, after the reveal if it has one) everyone else's notes and dot votes."""

from __future__ import annotations

from facilitator.model import live_reads
from facilitator.model.records import NoteInfo, StepInfo, StepStateInfo

KIND = "whiteboard"


def others_visible(step: StepInfo, state: StepStateInfo) -> bool:
    """Whether phones see other people's notes on this board right now."""
    settings = step.settings
    if not settings.get("show_others", True):
        return False
    return state.revealed or not settings.get("reveal", False)


def note_view(note: NoteInfo) -> dict:
    """A note as phones see it: no client ids, no board coordinates."""
    return {
        "id": note.id,
        "step_id": note.step_id,
        "participant_id": note.participant_id,
        "author": note.author,
        "text": note.text,
        "color": note.color,
        "zone_id": note.zone_id,
        "votes": note.votes,
        "hidden": note.hidden,
        "client_id": None,
    }


def own_note_view(note: NoteInfo) -> dict:
    """A note as its author's phone sees it: with its client id, so the outbox can match it."""
    return {**note_view(note), "client_id": note.client_id}


def phone_step(step, state) -> dict:
    settings = step.settings
    return {
        "zones": [{"id": z.id, "label": z.label} for z in step.zones],
        "votes": int(settings.get("votes", 0)),
        "reveal": bool(settings.get("reveal", False)),
        "revealed": state.revealed,
        "locked": state.locked,
        "show_others": others_visible(step, state),
    }


def phone_state(ctx, step, participant_id: int) -> dict:
    state = ctx.live.state_of(step.id)
    show_others = others_visible(step, state)
    notes = []
    for note in live_reads.board_notes(ctx.model.db, ctx.run_id, step.id):
        if note.participant_id == participant_id:
            notes.append(own_note_view(note))
        elif show_others and not note.hidden:
            notes.append(note_view(note))
    my_votes = ()
    if step.settings.get("votes"):
        my_votes = ctx.model.board.my_votes(step.id, participant_id)
    return {"notes": notes, "my_votes": sorted(my_votes)}
