"""The keeper: visible board notes get their vector in the background soon after they arrive
(fed by the event bus), once; edited notes get a new one; hidden notes none until shown; the
thread is named and stops when asked. Proposals then use the stored vectors."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from sqlalchemy import text

from facilitator.model.themes import vectors
from tests.themes_helpers import THREE_THEMES, add, board, shared_encoder, with_shared_encoder

NOTES = THREE_THEMES


@pytest.fixture
def kept(model):
    model = with_shared_encoder(model)
    assert model.themes.start()
    yield model
    model.themes.stop()


def stored(model) -> dict[int, np.ndarray | None]:
    with model.db.engine.connect() as c:
        rows = c.execute(text("SELECT id, vector FROM notes ORDER BY id")).all()
    return {nid: vectors.from_bytes(data) for nid, data in rows}


def test_notes_get_their_vectors_in_the_background(kept):
    # GIVEN the keeper running; WHEN a room's notes arrive
    run, step, notes = board(kept, NOTES)

    # THEN each gets its vector, made off the request path on the keeper's own thread
    assert kept.themes.keeper.wait_idle(30)
    assert "facilitator-vectors" in {t.name for t in threading.enumerate()}
    made = stored(kept)
    assert all(made[n.id] is not None for n in notes)
    expected = shared_encoder().note_vectors([n.text for n in notes])
    for note, want in zip(notes, expected, strict=True):
        assert float(made[note.id] @ want) > 0.999
    assert kept.themes.keeper.stored == len(notes)


def test_an_edited_note_gets_a_new_vector_and_a_hidden_one_waits(kept):
    run, step, notes = board(kept, NOTES)
    assert kept.themes.keeper.wait_idle(30)
    was = stored(kept)[notes[0].id]

    # WHEN one note is edited and another hidden, then a new note arrives hidden
    kept.board.edit_note(notes[0].id, "Parking at the surgery is impossible")
    kept.board.set_hidden(notes[1].id, True)
    [late] = add(kept, run.id, step.id, ["Our IT is slow"])
    kept.board.set_hidden(late.id, True)
    assert kept.themes.keeper.wait_idle(30)

    # THEN the edited note has a vector for its new text
    now = stored(kept)
    want = shared_encoder().note_vectors(["Parking at the surgery is impossible"])[0]
    assert float(now[notes[0].id] @ want) > 0.999 and float(was @ want) < 0.9
    # ... and shown again later, the hidden note gets its vector too
    assert now[late.id] is None or kept.board.note(late.id).hidden
    kept.board.set_hidden(late.id, False)
    assert kept.themes.keeper.wait_idle(30)
    assert stored(kept)[late.id] is not None


def test_notes_put_back_by_undo_get_vectors(kept):
    run, step, notes = board(kept, NOTES)
    assert kept.themes.keeper.wait_idle(30)
    change = kept.board.delete_notes([notes[0].id, notes[1].id])
    kept.board.revert(change)  # one operation: the notes come back in a NOTES_CHANGED event
    assert kept.themes.keeper.wait_idle(30)
    assert stored(kept)[notes[0].id] is not None and stored(kept)[notes[1].id] is not None


def test_a_vector_made_for_old_text_is_not_stored(model):
    # GIVEN a vector made for a note's text, and the note edited before it is stored
    run, step, [note] = board(model, ["First words"])
    made = shared_encoder().note_vectors(["First words"])[0]
    model.board.edit_note(note.id, "Second thoughts")

    # WHEN it is stored; THEN it is refused, the note keeps no vector
    assert vectors.store(model.db, [(note.id, "First words", made)]) == 0
    assert stored(model)[note.id] is None
    assert vectors.store(model.db, [(note.id, "Second thoughts", made)]) == 1


def test_stop_ends_the_thread_and_leaves_the_bus(kept):
    keeper = kept.themes.keeper
    kept.themes.stop()
    assert not keeper.thread.is_alive()
    run, step, [note] = board(kept, ["After the keeper stopped"])
    assert stored(kept)[note.id] is None


def test_proposals_use_the_stored_vectors(kept):
    run, step, notes = board(kept, NOTES)
    assert kept.themes.keeper.wait_idle(30)
    # what a proposal reads: every visible note comes with its vector, nothing left to embed
    assert all(n.vector is not None for n in vectors.board_notes(kept.db, run.id, step.id))
    proposal = kept.themes.propose(run.id, step.id)
    assert sorted(map(sorted, (g.note_ids for g in proposal.groups))) == [
        sorted(n.id for n in notes[i : i + 4]) for i in (0, 4, 8)
    ]
