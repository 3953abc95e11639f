"""Who a note is by, decided once for every layer (the model's reads, the server, the console,
the projector and the exports).

On the facilitator's console and remote a note is by its participant's name as it is now, or
"Someone who left" when that participant is gone; a note the facilitator typed in is by the
name they typed for it, or "Facilitator" when they typed none. The room sees no author at all
on a step whose settings say ``anonymous`` (phones but the author's own, the projector, the
summary, the CSV and JSON): only the facilitator's console names them.
"""

from __future__ import annotations

FACILITATOR = "Facilitator"  # a note the facilitator typed without saying for whom
SOMEONE_WHO_LEFT = "Someone who left"  # a participant no longer in the run


def author_name(participant_id: int | None, typed: str | None, participant: str | None) -> str:
    """The author of a note of ``participant_id`` (None: the facilitator's), ``typed`` the
    name stored with a facilitator's note, ``participant`` the participant's name (None when
    they are gone)."""
    if participant_id is None:
        return typed or FACILITATOR
    return participant or SOMEONE_WHO_LEFT


def note_author(note, participant: str | None) -> str:
    """:func:`author_name` of a stored note (anything with ``participant_id`` and
    ``author_name``)."""
    return author_name(note.participant_id, note.author_name, participant)


def typed_author(name: str | None) -> str:
    """The name to store with a note the facilitator adds on someone's behalf."""
    return name or FACILITATOR


def stored_author(author: str, participant_id: int | None) -> str:
    """What a note by ``author`` stored for ``participant_id`` keeps as its ``author_name``:
    the name, for a facilitator's note (None); nothing for a participant's (their name is read
    from them). A note put back after its participant left is the facilitator's, by name."""
    return author if participant_id is None else ""


def anonymous(step) -> bool:
    """Whether the step (StepInfo) hides who wrote what from the room."""
    return bool(step.settings.get("anonymous", False))


def room_author(note, step) -> str:
    """The author the room may see of a note (NoteInfo) of ``step``: none when it is
    anonymous."""
    return "" if anonymous(step) else note.author
