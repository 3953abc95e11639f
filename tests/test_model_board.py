"""Notes, groups and votes: idempotent adds, limits, moderation, and thread safety."""

from __future__ import annotations

import threading

import pytest

from facilitator.model import events
from facilitator.model.board import NoteRequest
from facilitator.model.errors import Conflict, Forbidden, InvalidInput, NotFound
from facilitator.model.service import open_model


def board_step(model, run, title="What did Rita O'Grady do?"):
    return next(s for s in model.runs.steps(run.id) if s.title == title)


@pytest.fixture
def board(model, demo_run):
    return board_step(model, demo_run)


@pytest.fixture
def person(model, demo_run):
    return model.runs.join(demo_run.id)[0]


def add(model, run, step, text, participant=None, client_id=None, **kw):
    return model.board.add_note(
        NoteRequest(
            run.id,
            step.id,
            text,
            client_id=client_id,
            participant_id=participant.id if participant else None,
            **kw,
        )
    )


def test_same_client_id_gives_the_same_note_never_two(model, demo_run, board, person):
    seen = []
    model.bus.subscribe(seen.append)
    first = add(model, demo_run, board, "She spoke as one of them", person, "phone-1-note-1")
    again = add(model, demo_run, board, "She spoke as one of them", person, "phone-1-note-1")
    assert first.created and not again.created
    assert again.note == first.note
    assert len(model.board.notes(demo_run.id, board.id)) == 1
    assert [e.type for e in seen] == [events.NOTE_ADDED]


def test_someone_elses_client_id_is_refused(model, demo_run, board, person):
    add(model, demo_run, board, "mine", person, "shared-id")
    stranger = model.runs.join(demo_run.id)[0]
    with pytest.raises(Conflict):
        add(model, demo_run, board, "theirs", stranger, "shared-id")


def test_text_is_trimmed_and_limited(model, demo_run, board, person):
    note = add(model, demo_run, board, "  \x00tabs\tand\nlines \x07 ", person).note
    assert note.text == "tabs\tand\nlines"
    assert len(add(model, demo_run, board, "x" * 500, person).note.text) == 500
    for bad in ("", "   \n ", "x" * 501, None, 42):
        with pytest.raises(InvalidInput):
            add(model, demo_run, board, bad, person)
    assert len(model.board.notes(demo_run.id)) == 2


def test_markup_is_stored_as_it_was_typed(model, demo_run, board, person):
    text = "<b>x</b> <img src=x onerror=alert(1)> <para>&amp;"
    assert add(model, demo_run, board, text, person).note.text == text


def test_steps_that_take_no_notes_say_so(model, demo_run, person):
    info_step = model.runs.steps(demo_run.id)[0]
    with pytest.raises(Conflict, match="not taking notes"):
        add(model, demo_run, info_step, "hello", person)


def test_a_step_of_another_run_is_not_found(model, demo_run, board, person):
    other = model.runs.start(demo_run.source_workshop_id)
    with pytest.raises(NotFound):
        add(model, other, board, "wrong run", person)


def test_facilitator_adds_notes_for_people_without_a_phone(model, demo_run, board):
    note = add(model, demo_run, board, "From the back row", author_name="Pat (no phone)").note
    assert note.by_facilitator and note.author == "Pat (no phone)"
    assert add(model, demo_run, board, "mine").note.author == "Facilitator"


def test_batch_answers_each_request_alone(model, demo_run, board, person):
    answers = model.board.add_notes(
        [
            NoteRequest(demo_run.id, board.id, "good", client_id="a", participant_id=person.id),
            NoteRequest(demo_run.id, board.id, "", client_id="b", participant_id=person.id),
            NoteRequest(demo_run.id, board.id, "good", client_id="a", participant_id=person.id),
            NoteRequest(
                demo_run.id, board.id, "also good", client_id="c", participant_id=person.id
            ),
        ]
    )
    assert answers[0].created and isinstance(answers[1], InvalidInput)
    assert not answers[2].created and answers[2].note.id == answers[0].note.id
    assert answers[3].created
    assert sorted(n.client_id for n in model.board.notes(demo_run.id)) == ["a", "c"]


def test_participants_edit_their_own_notes_until_reveal(model, demo_run, person):
    zoned = board_step(model, demo_run, "Platforms and ambitions")  # a reveal board
    note = add(model, demo_run, zoned, "first", person).note
    assert model.board.edit_note(note.id, "second", participant_id=person.id).text == "second"
    stranger = model.runs.join(demo_run.id)[0]
    with pytest.raises(Forbidden):
        model.board.edit_note(note.id, "hijack", participant_id=stranger.id)
    model.runs.set_step_state(demo_run.id, zoned.id, revealed=True)
    with pytest.raises(Conflict):
        model.board.edit_note(note.id, "third", participant_id=person.id)
    assert model.board.edit_note(note.id, "tidied by facilitator").text == "tidied by facilitator"


def test_locked_board_takes_no_new_notes(model, demo_run, board, person):
    model.runs.set_step_state(demo_run.id, board.id, locked=True)
    with pytest.raises(Conflict, match="locked"):
        add(model, demo_run, board, "late", person)


def test_move_zone_group_hide(model, demo_run, person):
    zoned = board_step(model, demo_run, "Platforms and ambitions")
    platforms, ambitions = zoned.zones
    note = add(model, demo_run, zoned, "Waiting lists", person, zone_id=platforms.id).note
    moved = model.board.move_note(note.id, 1.7, -0.2, zone_id=ambitions.id)
    assert (moved.x, moved.y, moved.zone_id) == (1.0, 0.0, ambitions.id)
    with pytest.raises(InvalidInput):
        model.board.move_note(note.id, 0.5, 0.5, zone_id=999_999)
    group = model.board.create_group(demo_run.id, zoned.id, "Access", note_ids=[note.id])
    assert model.board.note(note.id).group_id == group.id
    assert model.board.rename_group(group.id, "Access & demand").name == "Access & demand"
    model.board.delete_group(group.id)
    assert model.board.note(note.id).group_id is None
    assert model.board.set_hidden(note.id, True).hidden is True
    assert model.board.set_hidden(note.id, False).hidden is False


def test_delete_and_restore_for_undo(model, demo_run, board, person):
    note = add(model, demo_run, board, "oops", person).note
    gone = model.board.delete_note(note.id)
    assert model.board.notes(demo_run.id) == []
    back = model.board.restore_note(gone)
    assert (back.id, back.text, back.participant_id) == (note.id, "oops", person.id)


def test_votes_respect_the_budget(model, demo_run, board, person):
    notes = [add(model, demo_run, board, f"idea {i}", person).note for i in range(5)]
    for n in notes[:3]:
        model.board.vote(n.id, person.id)
    model.board.vote(notes[0].id, person.id)  # the same note twice counts once
    assert model.board.note(notes[0].id).votes == 1
    with pytest.raises(Conflict, match="all 3"):
        model.board.vote(notes[3].id, person.id)
    model.board.unvote(notes[0].id, person.id)
    assert model.board.vote(notes[3].id, person.id).votes == 1
    assert model.board.my_votes(board.id, person.id) == {notes[1].id, notes[2].id, notes[3].id}


def test_boards_without_voting_refuse_votes(model, demo_run, person):
    no_votes = board_step(model, demo_run, "Motivators we use")
    note = add(model, demo_run, no_votes, "pride", person).note
    with pytest.raises(Conflict):
        model.board.vote(note.id, person.id)


def test_eight_threads_hammering_add_note_store_each_note_once(data_dir, demo_run):
    # GIVEN 8 threads, each with its own phone, sending 40 notes, every one of them 3 times
    # (the retries of a phone on bad Wi-Fi), and a second Model on the same file like a
    # second process
    models = [open_model(data_dir) for _ in range(2)]
    step = board_step(models[0], demo_run)
    people = [models[0].runs.join(demo_run.id)[0] for _ in range(8)]
    errors: list[Exception] = []
    created = []

    def phone(i: int) -> None:
        m = models[i % 2]
        try:
            for n in range(40):
                for _ in range(3):
                    r = m.board.add_note(
                        NoteRequest(
                            demo_run.id,
                            step.id,
                            f"note {n} from {i}",
                            client_id=f"p{i}-n{n}",
                            participant_id=people[i].id,
                        )
                    )
                    if r.created:
                        created.append(r.note.id)
        except Exception as error:  # collected, asserted below
            errors.append(error)

    threads = [threading.Thread(target=phone, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN nothing failed and every note is there exactly once
    assert errors == []
    notes = models[0].board.notes(demo_run.id, step.id)
    assert len(notes) == 320 and len(created) == 320
    assert sorted(n.client_id for n in notes) == sorted(
        f"p{i}-n{n}" for i in range(8) for n in range(40)
    )
    for m in models:
        m.close()
