"""Anonymous boards (settings.anonymous): the exports carry no author for their notes; the
summary, the per-person section, the CSV and the JSON read back."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pytest

from facilitator.export import write_csv, write_json, write_summary
from facilitator.model.board import NoteRequest

NAMES = ("Zebedee Quux", "Wilhelmina Frost")


@pytest.fixture
def two_boards(model):
    """A run with a named board and an anonymous one; two people and the facilitator wrote
    on both."""
    library = model.library
    ws = library.create_workshop("Anonymous and named")
    library.add_step(ws.id, "whiteboard", title="Named board", prompt="Say it with your name")
    settings = {"anonymous": True, "votes": 3}
    library.add_step(ws.id, "whiteboard", title="Private board", prompt="Say it freely",
                     settings=settings, zones=["Worries", "Hopes"])  # fmt: skip
    run = model.runs.start(ws.id, facilitator="Sam")
    named, private = (s for s in model.runs.steps(run.id) if s.kind == "whiteboard")
    people = [model.runs.join(run.id, name)[0] for name in NAMES]
    for person in people:
        for step, zone in ((named, None), (private, private.zones[0].id)):
            text = f"{step.title} note by person {person.id}"
            request = NoteRequest(run.id, step.id, text, participant_id=person.id, zone_id=zone)
            model.board.add_note(request)
    for step in (named, private):
        facilitator = NoteRequest(run.id, step.id, f"{step.title} typed in", author_name="Sam F")
        model.board.add_note(facilitator)
    model.board.vote(model.board.notes(run.id, private.id)[0].id, people[1].id)
    return run, named, private


def pdf_text(path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    return subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_summary_names_no_author_of_an_anonymous_board(model, two_boards, tmp_path):
    run, named, private = two_boards
    # WHEN the summary with each person's contributions is written
    text = pdf_text(write_summary(model, run.id, tmp_path / "s.pdf", per_participant=True))
    before, rest = text.split("Private board", 1)
    board, people = rest.split("Each person's contributions", 1)
    # THEN the named board's notes carry their authors, the anonymous board's none
    assert all(name in before for name in NAMES) and "Sam F" in before
    assert not any(name in board for name in (*NAMES, "Sam F"))
    assert board.count("Private board note by person") == 2 and "1 vote" in board
    # and each person's section lists their named notes only: the anonymous ones would
    # otherwise say who wrote them
    assert all(name in people for name in NAMES)
    assert people.count("Named board note by person") == 2
    assert "Private board note" not in people


def test_csv_and_json_carry_no_author_of_an_anonymous_board(model, two_boards, tmp_path):
    run, named, private = two_boards
    with open(write_csv(model, run.id, tmp_path / "n.csv"), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    authors = {(r["step_title"], r["author"]) for r in rows}
    assert {a for title, a in authors if title == "Named board"} == {*NAMES, "Sam F"}
    assert {a for title, a in authors if title == "Private board"} == {""}
    assert sum(r["step_title"] == "Private board" for r in rows) == 3
    doc = json.loads(write_json(model, run.id, tmp_path / "r.json").read_text(encoding="utf-8"))
    steps = {s["title"]: s for s in doc["steps"]}
    assert steps["Private board"]["settings"]["anonymous"] is True
    for note in steps["Private board"]["notes"]:
        assert note["author"] == "" and note["participant_id"] is None
        assert note["text"].startswith("Private board")
    assert {n["author"] for n in steps["Named board"]["notes"]} == {*NAMES, "Sam F"}
    assert all(n["participant_id"] for n in steps["Named board"]["notes"][:2])
