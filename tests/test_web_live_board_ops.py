"""The console's operations on many notes reach the phones as the single-note changes did: a
hidden note leaves every phone, a deleted one too, and undoing brings them back, votes and all."""

from __future__ import annotations

import pytest
from test_web_live import read_events
from test_web_support import go_to_kind, phone, start_server


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


def test_hiding_deleting_and_undoing_many_notes_reach_the_phones(server, demo_run, model):
    # GIVEN two phones on a board, one has sent three notes and voted for the first
    board = go_to_kind(model, demo_run.id, "whiteboard")
    ana, bea = phone(server, demo_run), phone(server, demo_run)
    sent = [
        ana.post(f"/api/steps/{board.id}/notes", json={"client_id": f"n{i}", "text": t}).json()
        for i, t in enumerate(["one", "two", "three"])
    ]
    ids = [s["note"]["id"] for s in sent]
    assert ana.post(f"/api/notes/{ids[0]}/votes").status_code in (200, 201)
    last = bea.get("/api/state").json()["last_event"]
    # WHEN the facilitator hides two of them as one operation, then deletes them all, then undoes
    model.board.hide_notes(ids[:2], True)
    deleted = model.board.delete_notes(ids)
    model.board.revert(deleted)
    # THEN the other phone hears each note leave and come back, with its vote
    with bea.stream("GET", "/api/events", params={"last": last}, timeout=10) as stream:
        heard = [(k, d["id"], d.get("votes")) for _, k, d in read_events(stream, "", limit=8)]
    assert heard[:2] == [("note_removed", ids[0], None), ("note_removed", ids[1], None)]
    assert [k for k, _, _ in heard[2:5]] == ["note_removed"] * 3
    # the shown one comes back; the hidden ones stay away (as when a hidden note changes)
    assert heard[5:] == [
        ("note_removed", ids[0], None),
        ("note_removed", ids[1], None),
        ("note", ids[2], 0),
    ]
    # AND the phones' state agrees: the hidden ones stay away, the author still has all three
    assert [n["id"] for n in bea.get("/api/state").json()["notes"]] == [ids[2]]
    state = ana.get("/api/state").json()
    assert sorted(n["id"] for n in state["notes"]) == sorted(ids)
    assert state["my_votes"] == [ids[0]]
