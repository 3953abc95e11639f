"""Q&A: the room asks questions and upvotes the ones it wants answered. Questions are the step's
notes and upvotes its votes (the board's services: one upvote per person per question, as many
questions as they like; a person may upvote their own question, as on Slido and on our boards).
The facilitator marks one question "now answering" and questions "answered"; that is the kind's
own state of the step in the run (StepStateInfo.data):
``{"answering": note id or None, "answered": [note ids]}``.

The order the room reads them in is decided here once for the projector, the console, the
phones (assets/web/kinds/qa.js says the same) and the summary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from . import KindSettings, StepKind

KIND = "qa"


class Settings(KindSettings):
    anonymous: bool = True  # no names anywhere but the facilitator's console


def answering_of(data: dict) -> int | None:
    """The question being answered now, or None."""
    value = (data or {}).get("answering")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def answered_of(data: dict) -> set[int]:
    """The questions marked answered."""
    values = (data or {}).get("answered") or ()
    return {v for v in values if isinstance(v, int) and not isinstance(v, bool)}


def _data(answering: int | None, answered: Iterable[int]) -> dict:
    return {"answering": answering, "answered": sorted(set(answered))}


def start_answering(note_id: int) -> Callable[[dict], dict]:
    """A change of the step's data (for ``Runs.update_step_data``): ``note_id`` is answered now
    and the question answered until then counts as answered; on the question already being
    answered it takes the mark back (neither answering nor answered)."""

    def change(data: dict) -> dict:
        current, done = answering_of(data), answered_of(data)
        if current == note_id:
            return _data(None, done)
        if current is not None:
            done.add(current)
        return _data(note_id, done - {note_id})

    return change


def toggle_answered(note_id: int) -> Callable[[dict], dict]:
    """A change of the step's data: ``note_id`` answered (no longer "now answering"), or, if it
    was answered already, open again."""

    def change(data: dict) -> dict:
        current, done = answering_of(data), answered_of(data)
        if note_id in done:
            return _data(current, done - {note_id})
        return _data(None if current == note_id else current, done | {note_id})

    return change


def by_upvotes(notes: Sequence) -> list:
    """Most upvotes first, then the oldest first (NoteInfo-like: ``votes``, ``id``)."""
    return sorted(notes, key=lambda n: (-n.votes, n.id))


def room_order(notes: Sequence, data: dict) -> list:
    """The order the room reads questions in: the one being answered, then the open ones by
    upvotes, then the answered ones (by upvotes too)."""
    answering, done = answering_of(data), answered_of(data)

    def place(note) -> int:
        return 0 if note.id == answering else 2 if note.id in done else 1

    return sorted(by_upvotes(notes), key=place)


def tally(settings: Settings, answers, data: dict) -> dict:
    """Which questions are answered (the questions and their upvotes are the step's notes:
    the exports read them there). ``answered`` counts the questions answered."""
    done = answered_of(data)
    return {
        "answered": len(done),
        "now_answering": answering_of(data),
        "answered_questions": sorted(done),
    }


SPEC = StepKind(
    name=KIND,
    order=80,
    label="Q&A",
    description="Questions from the room, upvoted; mark the one you are answering.",
    phone="A box to ask questions; everyone's questions with an upvote button.",
    settings=Settings,
    takes_notes=True,
    tally=tally,
    votes_per_person=lambda settings: None,  # one upvote per question, on as many as they like
)
