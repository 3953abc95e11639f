"""Q&A steps on the phone: the questions are the step's notes and their upvotes its votes (the
board's own routes and events carry them), so a phone gets every question still on the board,
its own upvotes, and which question is being answered and which are answered.

On an anonymous Q&A (the default) phones get no author of anyone else's question, not even a
participant id; a phone still knows its own questions (and sees its own hidden ones marked)."""

from __future__ import annotations

from facilitator.model import live_reads
from facilitator.model.authors import anonymous
from facilitator.model.kinds.qa import answered_of, answering_of

from .whiteboard import phone_note

KIND = "qa"


def phone_step(step, state) -> dict:
    data = state.data or {}
    return {
        "show_others": True,  # everyone's questions, always: the page's note events follow them
        "anonymous": anonymous(step),
        "answering": answering_of(data),
        "answered": sorted(answered_of(data)),
    }


def phone_state(ctx, step, participant_id: int) -> dict:
    state = ctx.live.state_of(step.id)
    notes = []
    for note in live_reads.board_notes(ctx.model.db, ctx.run_id, step.id):
        if note.participant_id == participant_id:
            notes.append(phone_note(note, step, state, own=True))
        elif not note.hidden:
            notes.append(phone_note(note, step, state, own=False))
    my_votes = ctx.model.board.my_votes(step.id, participant_id)
    return {"notes": notes, "my_votes": sorted(my_votes)}


def names_shown(step, state) -> bool:
    """Whether phones see who asked (a rename then reaches them live): not when anonymous."""
    return not anonymous(step)
