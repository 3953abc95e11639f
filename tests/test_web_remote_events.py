"""The remote's own event stream on the real server: its state at once, again when the run
moves (from the remote or from the app), only with the remote key, and never on a phone's
stream."""

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


def states(lines, until):
    """The next ``state`` events of a stream's lines, up to the first for which ``until`` is
    true."""
    found, kind = [], ""
    for line in lines:
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: ") and kind == "state":
            found.append(json.loads(line[6:]))
            if until(found[-1]):
                return found
    return found


def test_the_remote_hears_the_step_it_moved_to(server, demo_run):
    # GIVEN the remote's stream, opened with the key in its address as EventSource does
    remote = httpx.Client(
        base_url=server.room_url, headers={"Authorization": f"Bearer {demo_run.remote_key}"}
    )
    params = {"k": demo_run.remote_key}
    with httpx.stream("GET", f"{server.room_url}/api/remote/events", params=params) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        # WHEN the remote moves to the next step
        moved = threading.Timer(0.3, remote.post, args=("/api/remote/next",))
        moved.start()
        # THEN a state event with the new step arrives, after the one for the step it was on
        found = states(stream.iter_lines(), lambda s: s["step"]["index"] == 1)
        moved.join()
    assert found[0]["step"]["index"] == 0
    assert found[-1]["step"]["title"] == "Your position?"
    same = remote.get("/api/remote/state").json()  # the event is the same JSON as /state
    for view in (same, found[-1]):
        view["run"].pop("sent_at")
    assert found[-1] == same
    assert "remote_key" not in str(found) and demo_run.remote_key not in str(found)


def test_joins_and_notes_reach_the_remote_and_a_burst_is_a_few_events(server, demo_run, model):
    board = go_to_kind(model, demo_run.id, "whiteboard")
    url = f"{server.room_url}/api/remote/events?k={demo_run.remote_key}"
    with httpx.stream("GET", url) as stream:
        lines = stream.iter_lines()
        assert states(lines, lambda s: True)[0]["participants"] == 0
        # WHEN someone joins, THEN the remote hears the new count
        ana = phone(server, demo_run)
        assert states(lines, lambda s: s["participants"] == 1)
        # WHEN 40 notes arrive at once and then the step moves on
        pid = ana.get("/api/state").json()["me"]["id"]
        notes = [NoteRequest(demo_run.id, board.id, f"n{i}", f"c{i}", None, pid) for i in range(40)]

        def burst():
            model.board.add_notes(notes)
            model.runs.next(demo_run.id)

        threading.Thread(target=burst).start()
        found = states(lines, lambda s: s["step"]["index"] == board.position + 1)
    # THEN the remote gets a few state events for them all, not one per note
    assert 1 <= len(found) < 10


def test_a_wrong_or_missing_key_gets_403_with_a_sentence(server, demo_run):
    for params in ({"k": "wrong"}, {"k": ""}, {}):
        answer = httpx.get(f"{server.room_url}/api/remote/events", params=params, timeout=5)
        assert answer.status_code == 403 and "remote key" in answer.json()["error"]
    # a phone's cookie is not the remote key either
    joined = phone(server, demo_run)
    assert joined.get("/api/remote/events").status_code == 403
    # and the key in the address works for the stream alone
    other = httpx.post(f"{server.room_url}/api/remote/next", params={"k": demo_run.remote_key})
    assert other.status_code == 403


def test_a_phone_stream_never_carries_the_remote_state(server, demo_run, model):
    client = phone(server, demo_run)
    last = client.get("/api/state").json()["last_event"]
    remote_url = f"{server.room_url}/api/remote/events?k={demo_run.remote_key}"
    with httpx.stream("GET", remote_url) as remote_stream:
        states(remote_stream.iter_lines(), lambda s: True)  # the remote is listening
        with client.stream("GET", "/api/events", params={"last": last}, timeout=10) as stream:
            threading.Timer(0.2, model.runs.next, args=(demo_run.id,)).start()
            kinds = []
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    kinds.append(line[7:])
                    if kinds[-1] == "step":
                        break
    assert "state" not in kinds and kinds[-1] == "step"
