"""Would a facilitator keep the groups? The labelled set tests/data/themes_change.tsv (141
post-its on "What stops change in our practice?", six themes, with slips and one-word notes):
at least 80 % of the notes placed, purity at least 0.7 against the labels. And a board of a
big conference (2,000 notes) still gets a proposal."""

from __future__ import annotations

from collections import Counter

from facilitator.export.sample import ROOM_SAYINGS
from facilitator.model.board import NoteRequest
from tests.themes_helpers import board, labelled, with_shared_encoder


def test_the_labelled_board_is_mostly_placed_in_pure_groups(model):
    # GIVEN the labelled board, notes as the room typed them
    model = with_shared_encoder(model)
    rows = labelled("themes_change.tsv")
    run, step, notes = board(model, [text for _theme, text in rows])
    theme_of = {note.id: theme for note, (theme, _text) in zip(notes, rows, strict=True)}

    # WHEN groups are suggested
    proposal = model.themes.propose(run.id, step.id)

    # THEN most notes are in a group, and most of each group shares one theme
    placed = proposal.placed / len(notes)
    biggest_theme = [
        Counter(theme_of[i] for i in g.note_ids).most_common(1)[0][1] for g in proposal.groups
    ]
    purity = sum(biggest_theme) / proposal.placed
    print(
        f"\nlabelled set: {len(notes)} notes, {len(proposal.groups)} groups, "
        f"placed {placed:.0%}, purity {purity:.2f}"
    )
    for g in proposal.groups:
        print(f"  {g.label!r} {g.keywords}: {dict(Counter(theme_of[i] for i in g.note_ids))}")
    assert placed >= 0.8
    assert purity >= 0.7


def test_fewer_and_more_groups_mean_what_they_say(model):
    # GIVEN the labelled board
    model = with_shared_encoder(model)
    run, step, _ = board(model, [text for _theme, text in labelled("themes_change.tsv")])
    # WHEN the facilitator asks for fewer, then more groups
    counts = [len(model.themes.propose(run.id, step.id, level=k).groups) for k in range(-2, 3)]
    print(f"\ngroups from fewest to most: {counts}")
    # THEN each step gives fewer (or more) groups than the one before, never the same
    assert all(a < b for a, b in zip(counts, counts[1:], strict=False)), counts


def test_a_board_of_2000_notes_gets_a_proposal(model):
    # GIVEN a board of 2,000 notes (the room's sayings, typed again and again, in one batch)
    model = with_shared_encoder(model)
    run, step, _ = board(model)
    sayings = len(ROOM_SAYINGS)
    texts = [
        (t, t.lower(), t.rstrip("!.") + ".", "+1 " + t)[i // sayings % 4]
        for i, t in enumerate(ROOM_SAYINGS[i % sayings] for i in range(2000))
    ]
    requests = [NoteRequest(run.id, step.id, t, author_name="Table 3") for t in texts]
    notes = [answer.note for answer in model.board.add_notes(requests)]

    # WHEN groups are suggested
    proposal = model.themes.propose(run.id, step.id)

    # THEN every note is accounted for once, in groups of three or more
    ids = [i for g in proposal.groups for i in g.note_ids] + list(proposal.unsorted)
    assert sorted(ids) == sorted(n.id for n in notes)
    assert proposal.groups and all(len(g.note_ids) >= 3 for g in proposal.groups)
    assert proposal.placed >= 0.8 * len(notes)
    print(f"\n2,000 notes: {len(proposal.groups)} groups, {proposal.placed} placed")
