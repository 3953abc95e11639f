"""Sorting a board into several groups at once (an accepted "Suggest groups" proposal): new
groups and notes joining existing ones in one transaction and one event, undone by one revert."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from facilitator.export.sample import fill_room_board
from facilitator.model import events
from facilitator.model.errors import NotFound


@pytest.fixture
def room(model, demo_run):
    step = next(s for s in model.runs.steps(demo_run.id) if s.kind == "whiteboard")
    return step, fill_room_board(model, demo_run.id, step, notes=150)


def board_state(model, run_id, step_id):
    notes = [
        (n.id, n.x, n.y, n.zone_id, n.group_id, n.color, n.hidden, n.votes)
        for n in model.board.notes(run_id, step_id)
    ]
    groups = [(g.id, g.name, g.x, g.y) for g in model.board.groups(run_id, step_id)]
    return notes, groups


def test_three_new_groups_and_a_join_are_one_commit_one_event_and_one_revert(model, demo_run, room):
    # GIVEN a 150-note board with one group the facilitator made by hand
    step, notes = room
    ids = [n.id for n in notes]
    mine = model.board.make_group(ids[:4], "Courage").groups_added[0]
    before = board_state(model, demo_run.id, step.id)
    commits, seen = [], []
    engine = model.db.write_engine
    listener = lambda _c: commits.append(1)  # noqa: E731
    event.listen(engine, "commit", listener)
    model.bus.subscribe(seen.append)
    # WHEN three new groups and two notes for "Courage" are accepted, some notes placed
    new = [("Story", ids[10:20]), ("A clear ask", ids[20:25]), ("<b>Humour</b>", ids[30:33])]
    places = {ids[10]: (0.1, 1.2, None), ids[40]: (0.5, 1.5, None)}
    change = model.board.sort_into_groups(new, {mine.id: ids[40:42]}, places)
    event.remove(engine, "commit", listener)
    # THEN one commit and one event carry it all
    assert len(commits) == 1
    assert [e.type for e in seen] == [events.NOTES_CHANGED] and seen[0].payload == change
    assert [g.name for g in change.groups_added] == ["Story", "A clear ask", "<b>Humour</b>"]
    stored = {n.id: n for n in model.board.notes(demo_run.id, step.id)}
    made = {g.name: g.id for g in change.groups_added}
    assert {stored[i].group_id for i in ids[10:20]} == {made["Story"]}
    assert {stored[i].group_id for i in ids[30:33]} == {made["<b>Humour</b>"]}
    assert {stored[i].group_id for i in ids[40:42]} == {mine.id}
    assert (stored[ids[40]].x, stored[ids[40]].y) == pytest.approx((0.5, 1.5))
    assert len(change.notes) == 10 + 5 + 3 + 2
    # AND one revert leaves the board exactly as it was: notes, places, groups
    undone = model.board.revert(change)
    assert board_state(model, demo_run.id, step.id) == before
    # AND reverting the revert (redo) sorts it again
    model.board.revert(undone)
    assert len(model.board.groups(demo_run.id, step.id)) == 4


def test_notes_gone_meanwhile_are_left_out_and_an_emptied_group_is_not_made(model, demo_run, room):
    step, notes = room
    ids = [n.id for n in notes]
    model.board.delete_notes(ids[5:10])
    # WHEN a proposal made before the deletion is accepted, one note in two groups
    new = [("Gone", ids[5:10]), ("Kept", ids[0:5]), ("Twice", [ids[4], ids[11]])]
    change = model.board.sort_into_groups(new)
    # THEN the deleted notes' group is not made, and the note asked twice is in the last group
    assert [g.name for g in change.groups_added] == ["Kept", "Twice"]
    stored = {n.id: n for n in model.board.notes(demo_run.id, step.id)}
    kept, twice = (g.id for g in change.groups_added)
    assert stored[ids[4]].group_id == twice and stored[ids[0]].group_id == kept


def test_nothing_left_to_sort_says_so(model, demo_run, room):
    step, notes = room
    ids = [n.id for n in notes[:3]]
    model.board.delete_notes(ids)
    with pytest.raises(NotFound, match="no longer on the board"):
        model.board.sort_into_groups([("Gone", ids)])
