"""Whiteboard steps on the phone: a box to add notes, the phone's own notes, and (when the step
shows them, after the reveal if it has one) everyone else's notes and dot votes.

On an anonymous board (``anonymous: true``) phones get no author of anyone else's notes, not
even a participant id to tell whose notes go together; a phone still knows its own notes. With
``votes_visible: false`` phones get no vote counts (a phone still knows which notes it voted
for) until the facilitator closes the board: then the counts are the results.
"""

from __future__ import annotations

from facilitator.model import live_reads
from facilitator.model.authors import anonymous
from facilitator.model.kinds.whiteboard import counts_shown, names_shown, others_visible
from facilitator.model.records import NoteInfo, StepInfo, StepStateInfo

KIND = "whiteboard"
# the rules of what the room sees are the model's (model.kinds.whiteboard), named here too
__all__ = [
    "KIND",
    "counts_shown",
    "names_shown",
    "note_view",
    "others_visible",
    "phone_note",
    "phone_state",
    "phone_step",
]


def note_view(note: NoteInfo) -> dict:
    """A note with its author and votes (the facilitator's remote); phones get
    :func:`phone_note`. No client ids, no board coordinates."""
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


def phone_note(note: NoteInfo, step: StepInfo, state: StepStateInfo, *, own: bool) -> dict:
    """A note as a phone sees it: its author's phone (``own``) with its client id, so the outbox
    can match it; every other phone without the author on an anonymous board. Without vote
    counts (``votes`` None) while the board keeps them back."""
    view = note_view(note)
    if own:
        view["client_id"] = note.client_id
    elif anonymous(step):
        view["author"], view["participant_id"] = "", None
    if not counts_shown(step, state):
        view["votes"] = None
    return view


def phone_step(step, state) -> dict:
    settings = step.settings
    return {
        "zones": [{"id": z.id, "label": z.label} for z in step.zones],
        "votes": int(settings.get("votes", 0)),
        "reveal": bool(settings.get("reveal", False)),
        "revealed": state.revealed,
        "locked": state.locked,
        "show_others": others_visible(step, state),
        "anonymous": anonymous(step),
        "vote_counts": counts_shown(step, state),
    }


def phone_state(ctx, step, participant_id: int) -> dict:
    state = ctx.live.state_of(step.id)
    show_others = others_visible(step, state)
    notes = []
    for note in live_reads.board_notes(ctx.model.db, ctx.run_id, step.id):
        if note.participant_id == participant_id:
            notes.append(phone_note(note, step, state, own=True))
        elif show_others and not note.hidden:
            notes.append(phone_note(note, step, state, own=False))
    my_votes = ()
    if step.settings.get("votes"):
        my_votes = ctx.model.board.my_votes(step.id, participant_id)
    return {"notes": notes, "my_votes": sorted(my_votes)}
