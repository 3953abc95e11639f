"""Notes in other languages never break a proposal (the model reads English): on the labelled
English board with Welsh, Polish and Urdu notes added, every note is accounted for, notes in a
script the model cannot read stay unsorted, and the English notes group as well as before."""

from __future__ import annotations

from collections import Counter

from facilitator.model.themes.labels import model_reads
from tests.themes_helpers import DATA, board, labelled, with_shared_encoder


def other_languages() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / "themes_languages.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, theme, text = line.split("\t")
            rows.append((language, theme, text))
    return rows


def test_welsh_polish_and_urdu_notes_on_an_english_board(model):
    # GIVEN the English board, with 18 notes in Welsh, Polish and Urdu on the same themes
    model = with_shared_encoder(model)
    english, others = labelled("themes_change.tsv"), other_languages()
    rows = [("en", theme, text) for theme, text in english] + others
    run, step, notes = board(model, [text for _language, _theme, text in rows])
    language = {n.id: row[0] for n, row in zip(notes, rows, strict=True)}
    theme = {n.id: row[1] for n, row in zip(notes, rows, strict=True)}

    # WHEN groups are suggested
    proposal = model.themes.propose(run.id, step.id)

    # THEN every note is somewhere once, the Urdu notes (Arabic script) are left unsorted
    placed = [i for g in proposal.groups for i in g.note_ids]
    assert sorted(placed + list(proposal.unsorted)) == sorted(language)
    urdu = {i for i, lang in language.items() if lang == "ur"}
    assert urdu <= set(proposal.unsorted)
    # ... and the English notes are still mostly placed, in groups of one theme
    english_ids = {i for i, lang in language.items() if lang == "en"}
    english_placed = [i for i in placed if i in english_ids]
    assert len(english_placed) >= 0.8 * len(english_ids)
    biggest = [
        Counter(theme[i] for i in g.note_ids if i in english_ids).most_common(1)[0][1]
        for g in proposal.groups
        if set(g.note_ids) & english_ids
    ]
    assert sum(biggest) / len(english_placed) >= 0.7
    for g in proposal.groups:
        langs = Counter(language[i] for i in g.note_ids)
        if set(langs) != {"en"}:
            themes = dict(Counter(theme[i] for i in g.note_ids))
            print(f"\n{g.label!r}: {dict(langs)}, themes {themes}")


def test_what_the_model_reads():
    assert model_reads("Dim amser") and model_reads("Brak pieniędzy") and model_reads("IT")
    assert model_reads("Łódź ząb źdźbło")  # Latin letters with marks
    assert not model_reads("وقت کی کمی") and not model_reads("ਸਮਾਂ ਨਹੀਂ")  # Urdu, Panjabi
    assert not model_reads("🔥🔥🔥") and not model_reads("12 / 10")
    assert model_reads("Loved it 😀")
