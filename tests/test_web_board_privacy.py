"""Anonymous boards and hidden vote counts on the phones, and renames reaching every phone,
through the real server on loopback (httpx) and a real SQLite file.

Anonymous (``anonymous: true``): no phone gets the author of anyone else's note, neither in its
state nor in the event stream, nor a rename of anyone else; a phone still knows its own notes.
``votes_visible: false``: phones get no vote counts (their own dots still show) until the
facilitator closes the board."""

from __future__ import annotations

import json

import pytest
from test_web_live import read_events
from test_web_support import phone, start_server

from facilitator.model.board import NoteRequest


def board_run(model, **settings):
    """A run of a two-step workshop: a welcome, then a board with these settings."""
    ws = model.library.create_workshop("Privacy")
    model.library.add_step(ws.id, "info", title="Welcome")
    model.library.add_step(ws.id, "whiteboard", title="Ideas", settings={"votes": 3, **settings})
    model.library.add_step(ws.id, "info", title="Thanks")
    run = model.runs.start(ws.id)
    board = model.runs.steps(run.id)[1]
    return run, board


@pytest.fixture
def served(model):
    servers = []

    def serve(**settings):
        run, board = board_run(model, **settings)
        servers.append(start_server(model, run.id))
        return servers[-1], run, board

    yield serve
    for server in servers:
        server.stop()


def post(client, board, text: str) -> dict:
    answer = client.post(f"/api/steps/{board.id}/notes", json={"client_id": text, "text": text})
    assert answer.status_code == 201, answer.text
    return answer.json()["note"]


def events_after(client, last: str) -> list[tuple[str, str, dict]]:
    """What this phone's stream carried after ``last``, up to the next step change."""
    with client.stream("GET", "/api/events", params={"last": last}, timeout=10) as stream:
        return read_events(stream, "step", limit=200)


def test_an_anonymous_board_sends_no_names_of_others(served, model):
    # GIVEN an anonymous board, two named people and the facilitator typing a note for a third
    server, run, board = served(anonymous=True)
    ana, ben = phone(server, run, "Ana Lopez"), phone(server, run, "Ben Hughes")
    ana_id = ana.get("/api/state").json()["me"]["id"]
    ben_id = ben.get("/api/state").json()["me"]["id"]
    model.runs.go_to(run.id, board.position)
    last = ben.get("/api/state").json()["last_event"]
    # WHEN they post, and Ana renames herself
    post(ana, board, "Ana's idea")
    post(ben, board, "Ben's idea")
    model.board.add_note(NoteRequest(run.id, board.id, "Cy's idea", author_name="Cy Jones"))
    assert ana.patch("/api/me", json={"name": "Ana L"}).status_code == 200
    model.runs.next(run.id)
    # THEN Ben's phone heard of the notes without any author, and of no rename
    stream = events_after(ben, last)
    text = json.dumps(stream)
    assert "Ana" not in text.replace("Ana's idea", "") and "Cy Jones" not in text
    assert "renamed" not in [kind for _, kind, _ in stream]
    others = [d for _, kind, d in stream if kind == "note" and d["text"] != "Ben's idea"]
    assert {d["text"] for d in others} == {"Ana's idea", "Cy's idea"}
    assert all(d["author"] == "" and d["participant_id"] is None for d in others)
    own = [d for _, kind, d in stream if kind == "note" and d["participant_id"] == ben_id]
    assert [d["text"] for d in own] == ["Ben's idea"] and own[0]["client_id"] == "Ben's idea"
    # AND Ana's own phone still hears her new name
    assert ("me", "Ana L") in [(k, d.get("name")) for _, k, d in events_after(ana, last)]
    # AND the state Ben reads tells his note from the others, still with no names
    model.runs.go_to(run.id, board.position)
    state = ben.get("/api/state").json()
    assert state["step"]["anonymous"] is True
    mine = [n for n in state["notes"] if n["participant_id"] == ben_id]
    assert [n["text"] for n in mine] == ["Ben's idea"] and mine[0]["author"] == "Ben Hughes"
    assert all(n["author"] == "" for n in state["notes"] if n not in mine)
    assert "Ana" not in json.dumps(state).replace("Ana's idea", "")
    assert ana_id not in [n["participant_id"] for n in state["notes"]]


def test_a_rename_reaches_every_phone_on_a_named_board(served, model):
    # GIVEN a board that shows names, with Ana's note on it
    server, run, board = served()
    ana, ben = phone(server, run, "Ana Lopez"), phone(server, run, "Ben Hughes")
    model.runs.go_to(run.id, board.position)
    note = post(ana, board, "Ana's idea")
    last = ben.get("/api/state").json()["last_event"]
    # WHEN Ana changes her name
    ana_id = ana.patch("/api/me", json={"name": "Dr Ana"}).json()["participant"]["id"]
    model.runs.next(run.id)
    # THEN Ben's phone hears it at once, and its state shows her note under the new name
    renamed = [d for _, kind, d in events_after(ben, last) if kind == "renamed"]
    assert renamed == [{"participant_id": ana_id, "name": "Dr Ana"}]
    model.runs.go_to(run.id, board.position)
    (shown,) = ben.get("/api/state").json()["notes"]
    assert shown["id"] == note["id"] and shown["author"] == "Dr Ana"


def test_a_rename_away_from_a_board_goes_to_nobody_else(served, model):
    server, run, board = served()
    ana, ben = phone(server, run, "Ana Lopez"), phone(server, run, "Ben Hughes")
    last = ben.get("/api/state").json()["last_event"]
    ana.patch("/api/me", json={"name": "Dr Ana"})
    model.runs.next(run.id)
    assert "Dr Ana" not in json.dumps(events_after(ben, last))


def test_hidden_vote_counts_come_when_the_board_closes(served, model):
    # GIVEN a board that keeps its vote counts from the phones
    server, run, board = served(votes_visible=False)
    ana, ben = phone(server, run, "Ana Lopez"), phone(server, run, "Ben Hughes")
    model.runs.go_to(run.id, board.position)
    note = post(ana, board, "Ana's idea")
    last = ben.get("/api/state").json()["last_event"]
    # WHEN both vote for Ana's note
    voted = ben.post(f"/api/notes/{note['id']}/votes").json()
    ana.post(f"/api/notes/{note['id']}/votes")
    assert model.board.note(note["id"]).votes == 2
    # THEN no phone gets a count; Ben's phone knows his own dot
    assert voted == {"note": {"id": note["id"], "votes": None}, "my_votes": [note["id"]]}
    state = ben.get("/api/state").json()
    assert state["step"]["vote_counts"] is False and state["my_votes"] == [note["id"]]
    assert [n["votes"] for n in state["notes"]] == [None]
    assert [n["votes"] for n in ana.get("/api/state").json()["notes"]] == [None]  # own note too
    model.runs.set_step_state(run.id, board.id, locked=True)
    model.runs.next(run.id)
    stream = events_after(ben, last)
    assert [d["votes"] for _, kind, d in stream if kind == "note"] == [None, None]
    # WHEN the facilitator closes the board, the counts are the results
    (board_event,) = [d for _, kind, d in stream if kind == "board"]
    assert board_event["locked"] is True and board_event["vote_counts"] is True
    model.runs.go_to(run.id, board.position)
    state = ben.get("/api/state").json()
    assert state["step"]["vote_counts"] is True and [n["votes"] for n in state["notes"]] == [2]


def test_a_board_with_visible_counts_sends_them_live(served, model):
    server, run, board = served()
    ana, ben = phone(server, run), phone(server, run)
    model.runs.go_to(run.id, board.position)
    note = post(ana, board, "Counted")
    assert ben.post(f"/api/notes/{note['id']}/votes").json()["note"]["votes"] == 1
    state = ben.get("/api/state").json()
    assert state["step"]["vote_counts"] is True and state["notes"][0]["votes"] == 1
