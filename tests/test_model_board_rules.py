"""The rules of what the room sees of a board (model.kinds.whiteboard) and who a note is by
(model.authors): each written once in the model, read by the server, the console, the projector
and the exports. Plain pytest, no Qt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.model import authors
from facilitator.model.board import NoteRequest
from facilitator.model.kinds import whiteboard
from facilitator.model.records import StepInfo, StepStateInfo


def board(**settings) -> StepInfo:
    return StepInfo(1, 1, 0, "whiteboard", "Ideas", "", "", None, settings, (), Path("."))


def state(revealed=False, locked=False) -> StepStateInfo:
    return StepStateInfo(1, 1, revealed, locked)


@pytest.mark.parametrize(
    ("settings", "the_state", "face_up", "others", "names"),
    [
        ({}, None, True, True, True),  # the defaults: everyone sees everything at once
        ({"reveal": True}, None, False, False, False),
        ({"reveal": True}, state(revealed=False), False, False, False),
        ({"reveal": True}, state(revealed=True), True, True, True),
        ({"show_others": False}, state(), True, False, False),
        ({"anonymous": True}, state(), True, True, False),
        ({"reveal": True, "anonymous": True}, state(revealed=True), True, True, False),
    ],
)
def test_what_the_room_sees_of_a_board(settings, the_state, face_up, others, names):
    step = board(**settings)
    assert whiteboard.face_up(step, the_state) is face_up
    assert whiteboard.others_visible(step, the_state) is others
    assert whiteboard.names_shown(step, the_state) is names


def test_a_reveal_is_only_a_reveal_on_a_board_that_hides_its_notes():
    assert not whiteboard.was_revealed(board(), state(revealed=True))
    assert not whiteboard.was_revealed(board(reveal=True), None)
    assert whiteboard.was_revealed(board(reveal=True), state(revealed=True))


def test_vote_counts_wait_for_the_close_only_when_the_board_says_so():
    assert whiteboard.counts_shown(board(), None)
    kept = board(votes=3, votes_visible=False)
    assert whiteboard.takes_votes(kept) and not whiteboard.takes_votes(board())
    assert not whiteboard.counts_shown(kept, state())
    assert whiteboard.counts_shown(kept, state(locked=True))


def test_the_author_of_a_note():
    assert authors.author_name(7, "", "Brave Heron") == "Brave Heron"
    assert authors.author_name(7, "", None) == authors.SOMEONE_WHO_LEFT
    assert authors.author_name(None, "Dr Patel", None) == "Dr Patel"
    assert authors.author_name(None, "", None) == authors.FACILITATOR == "Facilitator"
    assert authors.stored_author("Dr Patel", None) == "Dr Patel"
    assert authors.stored_author("Brave Heron", 7) == ""  # read from the participant


def test_the_room_sees_no_author_on_an_anonymous_step(model, demo_run):
    step = _on_screen_board(model, demo_run)
    person, _ = model.runs.join(demo_run.id)
    note = model.board.add_note(NoteRequest(demo_run.id, step.id, "Hi", participant_id=person.id))
    assert not authors.anonymous(step) and authors.room_author(note.note, step) == person.name
    hidden = replace(step, settings={**step.settings, "anonymous": True})
    assert authors.anonymous(hidden) and authors.room_author(note.note, hidden) == ""


def test_every_read_of_the_board_names_authors_alike(model, demo_run):
    # GIVEN notes typed by the facilitator, with and without a name, and one from a phone
    step = _on_screen_board(model, demo_run)
    person, _ = model.runs.join(demo_run.id)
    for request in (
        NoteRequest(demo_run.id, step.id, "typed"),
        NoteRequest(demo_run.id, step.id, "for someone", author_name="Dr Patel"),
        NoteRequest(demo_run.id, step.id, "from a phone", participant_id=person.id),
    ):
        model.board.add_note(request)
    # THEN the quick read of one board and the read of the whole run say the same
    quick = [n.author for n in model.board.notes(demo_run.id, step.id)]
    whole = [n.author for n in model.board.notes(demo_run.id) if n.step_id == step.id]
    assert quick == whole == ["Facilitator", "Dr Patel", person.name]


def _on_screen_board(model, run):
    """The demo's first whiteboard, on the screen (a board takes notes while it is)."""
    step = next(s for s in model.runs.steps(run.id) if s.kind == "whiteboard")
    model.runs.go_to(run.id, model.runs.steps(run.id).index(step))
    return step
