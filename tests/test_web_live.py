"""Live updates: a change made through the model (as the desktop app makes it) reaches the
phones' event streams; streams resume by Last-Event-ID; the remote drives the run."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from test_web_support import go_to_kind, phone, start_server

from facilitator.model.board import NoteRequest


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


def read_events(response, until: str, limit: int = 50) -> list[tuple[str, str, dict]]:
    """(id, type, data) of the events on an open stream, up to the first of type ``until``."""
    found, event_id, kind = [], "", ""
    for line in response.iter_lines():
        if line.startswith("id: "):
            event_id = line[4:]
        elif line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            found.append((event_id, kind, json.loads(line[6:])))
            if kind == until or len(found) >= limit:
                return found
    return found


def test_a_step_change_made_in_the_app_reaches_the_phone(server, demo_run, model):
    client = phone(server, demo_run)
    last = client.get("/api/state").json()["last_event"]
    with client.stream("GET", "/api/events", params={"last": last}, timeout=10) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        threading.Timer(0.2, model.runs.next, args=(demo_run.id,)).start()
        ((event_id, kind, data),) = read_events(stream, "step")
    assert kind == "step" and data["title"] == "Your position?" and data["index"] == 1
    assert data["kind"] == "position" and data["image"].startswith("/media/")
    assert "facilitator_notes" not in data and "join_key" not in data["run"]
    assert event_id.split("-")[0] == last.split("-")[0]


def test_a_stream_resumes_after_its_last_event_id(server, demo_run, model):
    client = phone(server, demo_run)
    last = client.get("/api/state").json()["last_event"]
    model.runs.go_to(demo_run.id, 2)
    model.runs.go_to(demo_run.id, 3)
    headers = {"Last-Event-ID": last}
    with client.stream("GET", "/api/events", headers=headers, timeout=10) as stream:
        first, second = read_events(stream, "", limit=2)
    assert [first[2]["index"], second[2]["index"]] == [2, 3]


def test_an_id_from_another_server_asks_the_phone_to_reload(server, demo_run):
    client = phone(server, demo_run)
    with client.stream("GET", "/api/events", params={"last": "0ld-12"}, timeout=10) as stream:
        assert read_events(stream, "reset")[0][1] == "reset"


def test_notes_reach_others_live_but_hidden_and_unrevealed_ones_do_not(server, demo_run, model):
    ana, bea = phone(server, demo_run), phone(server, demo_run)
    bea_id = bea.get("/api/state").json()["me"]["id"]
    secret = go_to_kind(model, demo_run.id, "whiteboard", 2)
    last = ana.get("/api/state").json()["last_event"]
    model.board.add_note(
        NoteRequest(demo_run.id, secret.id, "hidden until reveal", "h", None, bea_id)
    )
    go_to_kind(model, demo_run.id, "whiteboard", 0)
    with ana.stream("GET", "/api/events", params={"last": last}, timeout=10) as stream:
        events = read_events(stream, "step")
    assert [k for _, k, _ in events] == ["step"]  # the unrevealed note never came
    board = model.runs.current_step(demo_run.id)
    note = model.board.add_note(NoteRequest(demo_run.id, board.id, "open", "o", None, bea_id)).note
    last = events[-1][0]
    model.board.set_hidden(note.id, True)
    with ana.stream("GET", "/api/events", params={"last": last}, timeout=10) as stream:
        kinds = [(k, d.get("text")) for _, k, d in read_events(stream, "note_removed")]
    assert kinds == [("note", "open"), ("note_removed", None)]


def test_the_remote_needs_its_key_and_drives_the_run(server, demo_run, model):
    with httpx.Client(base_url=server.room_url) as stranger:
        assert stranger.post("/api/remote/next").status_code == 403
        wrong = {"Authorization": f"Bearer {demo_run.join_key}"}
        assert stranger.post("/api/remote/next", headers=wrong).status_code == 403
    auth = {"Authorization": f"Bearer {demo_run.remote_key}"}
    with httpx.Client(base_url=server.room_url, headers=auth) as remote:
        assert remote.post("/api/remote/next").json()["step"]["title"] == "Your position?"
        assert model.runs.run(demo_run.id).current_position == 1
        remote.post("/api/remote/prev")
        assert remote.post("/api/remote/black").json()["run"]["black"] is True
        assert remote.post("/api/remote/timer").json()["run"]["timer_running"] is True
        assert remote.post("/api/remote/timer").json()["run"]["timer_running"] is False


def test_the_remote_hides_a_note_from_every_phone(server, demo_run, model):
    board = go_to_kind(model, demo_run.id, "whiteboard")
    ana, bea = phone(server, demo_run), phone(server, demo_run)
    note = ana.post(f"/api/steps/{board.id}/notes", json={"client_id": "r", "text": "rude"}).json()
    auth = {"Authorization": f"Bearer {demo_run.remote_key}"}
    with httpx.Client(base_url=server.room_url, headers=auth) as remote:
        assert remote.post(f"/api/remote/notes/{note['note']['id']}/hide").json()["note"]["hidden"]
        listed = remote.get("/api/remote/notes").json()["notes"]
        assert [(n["text"], n["hidden"]) for n in listed] == [("rude", True)]
        assert remote.post("/api/remote/notes/999999/hide").status_code == 404
    assert bea.get("/api/state").json()["notes"] == []
    assert model.board.note(note["note"]["id"]).hidden


def test_the_network_check_counts_open_streams(server, demo_run):
    client = phone(server, demo_run)
    status = server.status()
    assert status.port == int(server.room_url.rsplit(":", 1)[1])
    assert status.connected == 0 and status.advice
    with client.stream("GET", "/api/events", timeout=10) as stream:
        lines = stream.iter_lines()  # keep it: a dropped iterator closes the connection
        next(lines)
        assert server.status().connected == 1
