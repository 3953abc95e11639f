"""Board operations on a selection: one transaction and one event each, a change record saying
what changed, and undo as the inverse operation (restoring a deleted note exactly: its votes,
group and place)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from facilitator.export.sample import fill_room_board
from facilitator.model import events, orm
from facilitator.model.board import NoteRequest
from facilitator.model.errors import InvalidInput, NotFound


def board_step(model, run, title="What did Rita O'Grady do?"):
    return next(s for s in model.runs.steps(run.id) if s.title == title)


@pytest.fixture
def room(model, demo_run):
    """A board as a 150-person room fills it."""
    step = board_step(model, demo_run)
    return step, fill_room_board(model, demo_run.id, step, notes=150)


class Counter:
    """Commits on the model's writing engine, and events on its bus."""

    def __init__(self, model):
        self.commits = 0
        self.events: list = []
        self.engine = model.db.write_engine
        event.listen(self.engine, "commit", self._commit)
        model.bus.subscribe(self.events.append)

    def _commit(self, _connection) -> None:
        self.commits += 1

    def close(self) -> None:
        event.remove(self.engine, "commit", self._commit)


def vote_rows(model, note_id):
    with model.db.read() as s:
        rows = s.execute(
            select(orm.Vote.participant_id, orm.Vote.created_at).where(orm.Vote.note_id == note_id)
        )
        return sorted(rows.all())


def test_grouping_30_notes_is_one_transaction_and_one_event(model, demo_run, room):
    # GIVEN a 150-note board and 30 notes selected on it
    step, notes = room
    chosen = [n.id for n in notes[10:40]]
    counter = Counter(model)
    # WHEN they are made into one group, placed together
    places = {note_id: (0.1 + i % 6 * 0.1, 0.5, None) for i, note_id in enumerate(chosen)}
    change = model.board.make_group(chosen, "Authenticity", places)
    counter.close()
    # THEN the database saw one commit and the bus one event, carrying the change
    assert counter.commits == 1
    assert [e.type for e in counter.events] == [events.NOTES_CHANGED]
    assert counter.events[0].payload == change
    (group,) = change.groups_added
    assert group.name == "Authenticity"
    assert {n.id for n in change.notes} == set(chosen)
    assert all(n.group_id == group.id for n in change.notes)
    assert all(b.group_id is None for b in change.before)
    stored = {n.id: n for n in model.board.notes(demo_run.id, step.id)}
    assert all(stored[i].group_id == group.id for i in chosen)
    assert (stored[chosen[7]].x, stored[chosen[7]].y) == pytest.approx((0.2, 0.5))


@pytest.mark.parametrize(
    "operation",
    [
        lambda board, ids: board.move_notes({i: (0.5, 0.5, None) for i in ids}),
        lambda board, ids: board.color_notes(ids, "blue"),
        lambda board, ids: board.hide_notes(ids, True),
        lambda board, ids: board.delete_notes(ids),
        lambda board, ids: board.group_notes(ids, None),
    ],
    ids=["move", "colour", "hide", "delete", "ungroup"],
)
def test_each_operation_on_30_notes_is_one_commit_and_its_undo_another(
    model, demo_run, room, operation
):
    step, notes = room
    ids = [n.id for n in notes[:30]]
    model.board.make_group(ids[:10], "Some")
    before = model.board.notes(demo_run.id, step.id)
    counter = Counter(model)
    change = operation(model.board, ids)
    undone = model.board.revert(change)
    counter.close()
    assert counter.commits == 2 and len(counter.events) == 2
    assert {e.type for e in counter.events} == {events.NOTES_CHANGED}
    # THEN undo put every note back as it was (the group included)
    after = model.board.notes(demo_run.id, step.id)
    strip = [(n.id, n.x, n.y, n.zone_id, n.group_id, n.color, n.hidden, n.votes) for n in before]
    assert [(n.id, n.x, n.y, n.zone_id, n.group_id, n.color, n.hidden, n.votes) for n in after] == (
        strip
    )
    # AND redo (the revert of the revert) does the operation again
    redone = model.board.revert(undone)
    assert [n.id for n in redone.present] == [n.id for n in change.present]


def test_undo_of_delete_restores_votes_group_and_place_exactly(model, demo_run, room):
    # GIVEN voted notes, two of them in a group, one placed by hand in a zone-less board
    step, notes = room
    voted = sorted(notes, key=lambda n: -n.votes)[:3]
    ids = [n.id for n in voted]
    model.board.make_group(ids[:2], "Pair")
    model.board.move_notes({ids[0]: (0.25, 0.75, None)})
    model.board.hide_notes([ids[2]], True)
    was = {n.id: n for n in model.board.notes(demo_run.id, step.id) if n.id in ids}
    votes = {i: vote_rows(model, i) for i in ids}
    voters = {p for rows in votes.values() for p, _ in rows}
    mine = {p: model.board.my_votes(step.id, p) for p in voters}
    assert all(votes[i] for i in ids)
    # WHEN they are deleted (the group goes with its last notes) and the deletion is undone
    deleted = model.board.delete_notes(ids)
    assert [g.name for g in deleted.groups_removed] == ["Pair"]
    assert model.board.groups(demo_run.id, step.id) == []
    assert all(ids[0] not in model.board.my_votes(step.id, p) for p in voters)
    restored = model.board.revert(deleted)
    # THEN every note is back with its id, text, place, zone, group, hidden flag and votes
    assert sorted(n.id for n in restored.added) == sorted(ids)
    (pair,) = model.board.groups(demo_run.id, step.id)
    assert pair.name == "Pair" and pair.id == deleted.groups_removed[0].id
    for note_id in ids:
        now, then = model.board.note(note_id), was[note_id]
        assert (now.text, now.x, now.y, now.zone_id, now.group_id, now.hidden) == (
            then.text,
            then.x,
            then.y,
            then.zone_id,
            then.group_id,
            then.hidden,
        )
        assert now.votes == then.votes and vote_rows(model, note_id) == votes[note_id]
        assert (now.author, now.participant_id, now.client_id) == (
            then.author,
            then.participant_id,
            then.client_id,
        )
    # AND every voter's "my votes" (and so their budget) is as before
    assert {p: model.board.my_votes(step.id, p) for p in voters} == mine


def test_a_restored_vote_never_breaks_the_voters_budget(model, demo_run):
    step = board_step(model, demo_run)  # 3 votes each
    person = model.runs.join(demo_run.id)[0]
    texts = ["a", "b", "c", "d"]
    notes = [
        model.board.add_note(NoteRequest(demo_run.id, step.id, t, participant_id=person.id)).note
        for t in texts
    ]
    for note in notes[:3]:
        model.board.vote(note.id, person.id)
    deleted = model.board.delete_notes([notes[0].id])
    model.board.vote(notes[3].id, person.id)  # the freed vote spent again meanwhile
    model.board.revert(deleted)
    assert len(model.board.my_votes(step.id, person.id)) == 3
    assert model.board.note(notes[0].id).votes == 0


def test_joining_and_leaving_groups_and_an_emptied_group_goes(model, demo_run):
    step = board_step(model, demo_run)
    a, b, c = (
        r.note for r in model.board.add_notes([NoteRequest(demo_run.id, step.id, t) for t in "abc"])
    )
    made = model.board.make_group([a.id, b.id], "Stories")
    group = made.groups_added[0]
    joined = model.board.group_notes([c.id], group.id)
    assert [n.group_id for n in joined.notes] == [group.id]
    # WHEN every note leaves the group, it is removed in the same operation
    left = model.board.group_notes([a.id, b.id, c.id], None)
    assert left.groups_removed == (group,)
    assert model.board.groups(demo_run.id, step.id) == []
    # AND undo brings it back, with the same id, holding the same notes
    model.board.revert(left)
    assert [g.id for g in model.board.groups(demo_run.id, step.id)] == [group.id]
    assert {model.board.note(i).group_id for i in (a.id, b.id, c.id)} == {group.id}
    # AND undoing the join and the making leaves no group behind
    model.board.revert(joined)
    model.board.revert(made)
    assert model.board.groups(demo_run.id, step.id) == []
    assert {model.board.note(i).group_id for i in (a.id, b.id, c.id)} == {None}


def test_moving_notes_and_a_group_keeps_zones_on_their_board(model, demo_run):
    step = board_step(model, demo_run, "Platforms and ambitions")
    platforms, ambitions = step.zones
    a, b = (
        r.note
        for r in model.board.add_notes(
            [NoteRequest(demo_run.id, step.id, t, zone_id=platforms.id) for t in "ab"]
        )
    )
    group = model.board.make_group([a.id, b.id], "Access").groups_added[0]
    change = model.board.move_notes(
        {a.id: (1.5, 0.2, ambitions.id), b.id: (0.7, -1, ambitions.id)}, {group.id: (0.6, 0.1)}
    )
    assert {(n.x, n.y, n.zone_id) for n in change.notes} == {
        (1.0, 0.2, ambitions.id),
        (0.7, 0.0, ambitions.id),
    }
    assert change.groups == (model.board.groups(demo_run.id, step.id)[0],)
    with pytest.raises(InvalidInput):
        model.board.move_notes({a.id: (0.5, 0.5, 999_999)})
    model.board.revert(change)
    assert model.board.note(a.id).zone_id == platforms.id
    assert model.board.groups(demo_run.id, step.id)[0].x is None


def test_notes_of_two_boards_or_gone_notes_are_refused(model, demo_run):
    rita = board_step(model, demo_run)
    other = board_step(model, demo_run, "Motivators we use")
    a = model.board.add_note(NoteRequest(demo_run.id, rita.id, "a")).note
    b = model.board.add_note(NoteRequest(demo_run.id, other.id, "b")).note
    with pytest.raises(InvalidInput, match="different boards"):
        model.board.hide_notes([a.id, b.id], True)
    assert not model.board.note(a.id).hidden
    with pytest.raises(NotFound):
        model.board.color_notes([999_999], "blue")
    group = model.board.make_group([b.id], "Theirs").groups_added[0]
    with pytest.raises(InvalidInput, match="not on this board"):
        model.board.group_notes([a.id], group.id)


def test_undo_of_notes_deleted_meanwhile_says_so(model, demo_run):
    step = board_step(model, demo_run)
    a = model.board.add_note(NoteRequest(demo_run.id, step.id, "a")).note
    change = model.board.hide_notes([a.id], True)
    model.board.delete_note(a.id)  # the single-note service, as before
    with pytest.raises(NotFound, match="no longer on the board"):
        model.board.revert(change)


def test_a_change_of_nothing_publishes_nothing(model, demo_run):
    step = board_step(model, demo_run)
    a = model.board.add_note(NoteRequest(demo_run.id, step.id, "a")).note
    seen = []
    model.bus.subscribe(seen.append)
    change = model.board.hide_notes([a.id], False)  # already shown
    assert change.empty and seen == []
