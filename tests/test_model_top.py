"""Top N of a board: ties at the cut are kept; hidden notes and notes without votes are not."""

import dataclasses

from facilitator.model.records import NoteInfo
from facilitator.model.top import top_notes


def _notes(votes, hidden=()):
    base = NoteInfo.__dataclass_fields__
    out = []
    for i, v in enumerate(votes, start=1):
        values = {name: None for name in base}
        values.update(id=i, votes=v, hidden=i in hidden, text=f"note {i}")
        out.append(NoteInfo(**values))
    return out


def test_top_keeps_every_note_tied_at_the_cut():
    # GIVEN votes where the 5th and 6th and 7th notes have as many votes
    notes = _notes([9, 8, 7, 6, 4, 4, 4, 1, 0])
    # WHEN the top 5 is asked for
    top = top_notes(notes, 5)
    # THEN all seven notes with 4 or more votes are in it, most votes first, and it says so
    assert [n.id for n in top.notes] == [1, 2, 3, 4, 5, 6, 7]
    assert top.tied and top.describe() == "top 5: 7 notes, tied"


def test_top_leaves_out_hidden_and_unvoted_notes():
    notes = _notes([5, 0, 3, 0], hidden={1})
    top = top_notes(notes, 3)
    assert [n.id for n in top.notes] == [3]
    assert not top.tied and top.describe() == "top 3: only 1 note with votes"
    assert top_notes(_notes([0, 0]), 5).describe() == "no votes yet"


def test_top_exact_cut_is_not_tied():
    top = top_notes(_notes([3, 2, 1]), 2)
    assert [n.id for n in top.notes] == [1, 2] and top.describe() == "top 2"
    assert dataclasses.is_dataclass(top)
