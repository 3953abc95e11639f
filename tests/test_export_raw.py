"""CSV and JSON of a run: read back with the standard library."""

from __future__ import annotations

import csv
import json

from facilitator.export import write_csv, write_json
from facilitator.export.sample import fill_run
from facilitator.model.board import NoteRequest


def test_csv_has_a_row_per_note_and_reads_back_exactly(model, demo_run, tmp_path):
    # GIVEN a run with sample notes and a few awkward ones
    fill_run(model, demo_run.id, people=8)
    board = next(s for s in model.runs.steps(demo_run.id) if s.kind == "whiteboard")
    awkward = ['=HYPERLINK("http://x","click")', 'Comma, "quotes"\nand a new line', "Zażółć 👍"]
    for text in awkward:
        model.board.add_note(NoteRequest(demo_run.id, board.id, text, author_name="Sam"))
    notes = model.board.notes(demo_run.id)
    # WHEN the CSV is written and read back
    path = write_csv(model, demo_run.id, tmp_path / "notes.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # THEN one row per note, with step, zone, group, text, votes, author and time
    assert len(rows) == len(notes)
    by_id = {int(r["note_id"]): r for r in rows}
    for note in notes:
        row = by_id[note.id]
        expected = "'" + note.text if note.text.startswith("=") else note.text
        assert row["text"] == expected
        assert int(row["votes"]) == note.votes and row["author"] == note.author
        assert row["hidden"] == ("yes" if note.hidden else "no")
        assert row["time"][:2] == "20"
    assert any(r["zone"] == "Burning platforms" for r in rows)
    assert any(r["group"] == "Authenticity" for r in rows)
    assert by_id[notes[-3].id]["text"].startswith("'=HYPERLINK")  # never run as a formula


def test_json_holds_the_whole_run_without_secrets(model, demo_run, tmp_path):
    fill_run(model, demo_run.id, people=6)
    path = write_json(model, demo_run.id, tmp_path / "run.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["run"]["id"] == demo_run.id and doc["run"]["place"] == "Room 2"
    assert "join_key" not in doc["run"] and "remote_key" not in doc["run"]
    assert demo_run.join_key not in path.read_text(encoding="utf-8")
    assert len(doc["participants"]) == 6
    steps = {s["kind"]: s for s in doc["steps"]}
    assert len(steps["position"]["responses"]) == 6
    assert steps["position"]["results"]["answered"] == 6
    assert len(steps["feedback"]["responses"]) == 6
    assert {r["participant_id"] for r in steps["feedback"]["responses"]} <= {
        p["id"] for p in doc["participants"]
    }
    assert steps["feedback"]["results"]["questions"][0]["count"] == 6
    notes = sum(len(s["notes"]) for s in doc["steps"])
    assert notes == len(model.board.notes(demo_run.id))
    assert doc["resources"] and doc["workshop"]["title"] == "Change Agents - session 1"
