"""The phones' API through httpx against the real server on loopback and a real SQLite file."""

from __future__ import annotations

import pytest
from test_web_support import go_to_kind, phone, start_server

from facilitator.model.text import NOTE_MAX


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


@pytest.fixture
def board(model, demo_run):
    return go_to_kind(model, demo_run.id, "whiteboard")


def test_join_gives_a_friendly_name_and_a_strict_httponly_cookie(server, demo_run):
    # GIVEN a phone that scanned the QR code
    client = phone(server, demo_run)
    # THEN its cookie cannot be read by scripts nor sent by other sites
    cookie = client.cookies.jar._cookies  # noqa: SLF001 - read the raw jar
    assert cookie
    answer = client.post("/api/join", json={"key": demo_run.join_key})
    header = answer.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=strict" in header
    state = client.get("/api/state").json()
    assert state["me"]["name"] and " " in state["me"]["name"]
    assert state["run"]["title"] == "Change Agents - session 1"
    assert state["step"]["index"] == 0 and state["step"]["kind"] == "info"
    assert "join_key" not in str(state) and demo_run.remote_key not in str(state)


def test_rescanning_the_code_keeps_the_same_participant(server, demo_run):
    client = phone(server, demo_run)
    first = client.get("/api/state").json()["me"]
    again = client.post("/api/join", json={"key": demo_run.join_key}).json()["participant"]
    assert again == first


def test_the_room_code_joins_too_and_a_wrong_key_is_refused(server, demo_run):
    import httpx

    with httpx.Client(base_url=server.room_url) as client:
        code = " ".join(demo_run.room_code.lower())
        assert client.post("/api/join", json={"key": code}).status_code == 200
        wrong = client.post("/api/join", json={"key": "nope"})
        assert wrong.status_code == 403 and "join code" in wrong.json()["error"]
    with httpx.Client(base_url=server.room_url) as stranger:
        answer = stranger.get("/api/state")
        assert answer.status_code == 403 and answer.json()["error"].endswith(".")


def test_a_note_is_stored_once_however_often_it_is_resent(server, demo_run, model, board):
    client = phone(server, demo_run)
    body = {"client_id": "c-1", "text": "  She made it personal  ", "color": "blue"}
    first = client.post(f"/api/steps/{board.id}/notes", json=body)
    again = client.post(f"/api/steps/{board.id}/notes", json=body)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["note"] == again.json()["note"]
    notes = model.board.notes(demo_run.id, board.id)
    assert [(n.text, n.color) for n in notes] == [("She made it personal", "blue")]


def test_bearer_tokens_work_for_scripts(server, demo_run, board):
    import httpx

    token = phone(server, demo_run).post("/api/join", json={"key": demo_run.join_key}).json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    with httpx.Client(base_url=server.room_url, headers=headers) as script:
        answer = script.post(f"/api/steps/{board.id}/notes", json={"client_id": "s", "text": "hi"})
        assert answer.status_code == 201


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("x" * (NOTE_MAX + 1), 422, "at most 500"),
        ("   ", 422, "needs some text"),
        (12, 422, "not valid"),
    ],
)
def test_bad_note_text_gets_a_sentence(server, demo_run, model, board, text, status, words):
    client = phone(server, demo_run)
    answer = client.post(f"/api/steps/{board.id}/notes", json={"client_id": "b", "text": text})
    assert answer.status_code == status and words in answer.json()["error"]
    assert model.board.notes(demo_run.id) == []


def test_a_body_over_16_kb_gets_413(server, demo_run, board):
    client = phone(server, demo_run)
    big = {"client_id": "big", "text": "x" * 17_000}
    answer = client.post(f"/api/steps/{board.id}/notes", json=big)
    assert answer.status_code == 413 and "16 KB" in answer.json()["error"]


def test_notes_to_a_step_that_takes_none_get_409(server, demo_run, model):
    client = phone(server, demo_run)
    info = model.runs.current_step(demo_run.id)
    answer = client.post(f"/api/steps/{info.id}/notes", json={"client_id": "i", "text": "hi"})
    assert answer.status_code == 409 and "not taking notes" in answer.json()["error"]
    assert (
        client.post("/api/steps/999999/notes", json={"client_id": "j", "text": "x"}).status_code
        == 404
    )


def test_an_outbox_of_ten_is_accepted_but_a_flood_gets_429(server, demo_run, model, board):
    client = phone(server, demo_run)
    url = f"/api/steps/{board.id}/notes"
    codes = [
        client.post(url, json={"client_id": f"n{i}", "text": f"note {i}"}).status_code
        for i in range(10)
    ]
    assert codes == [201] * 10
    flood = [client.post(url, json={"client_id": f"f{i}", "text": "spam"}) for i in range(30)]
    refused = [a for a in flood if a.status_code == 429]
    assert refused and int(refused[0].headers["Retry-After"]) >= 1
    assert "Slow down" in refused[0].json()["error"]
    assert len(model.board.notes(demo_run.id)) == 10 + len(flood) - len(refused)


def test_rename_and_its_limits(server, demo_run):
    ana, bea = phone(server, demo_run), phone(server, demo_run)
    assert (
        ana.patch("/api/me", json={"name": " Ana  Lopez "}).json()["participant"]["name"]
        == "Ana Lopez"
    )
    taken = bea.patch("/api/me", json={"name": "ana lopez"})
    assert taken.status_code == 409 and "already called" in taken.json()["error"]
    long = bea.patch("/api/me", json={"name": "x" * 41})
    assert long.status_code == 422 and "at most 40" in long.json()["error"]


def test_others_notes_show_only_where_the_step_shows_them(server, demo_run, model):
    ana, bea = phone(server, demo_run), phone(server, demo_run)
    open_board = go_to_kind(model, demo_run.id, "whiteboard", 0)
    ana.post(f"/api/steps/{open_board.id}/notes", json={"client_id": "a", "text": "open"})
    assert [n["text"] for n in bea.get("/api/state").json()["notes"]] == ["open"]
    secret = go_to_kind(model, demo_run.id, "whiteboard", 2)  # reveal: true
    assert secret.settings["reveal"]
    ana.post(f"/api/steps/{secret.id}/notes", json={"client_id": "s", "text": "secret"})
    assert bea.get("/api/state").json()["notes"] == []
    assert [n["text"] for n in ana.get("/api/state").json()["notes"]] == ["secret"]
    model.runs.set_step_state(demo_run.id, secret.id, revealed=True)
    assert [n["text"] for n in bea.get("/api/state").json()["notes"]] == ["secret"]


def test_votes_within_the_budget(server, demo_run, model, board):
    ana, bea = phone(server, demo_run), phone(server, demo_run)
    ids = [
        ana.post(
            f"/api/steps/{board.id}/notes", json={"client_id": f"v{i}", "text": f"idea {i}"}
        ).json()["note"]["id"]
        for i in range(4)
    ]
    for note_id in ids[:3]:
        assert bea.post(f"/api/notes/{note_id}/votes").status_code == 200
    over = bea.post(f"/api/notes/{ids[3]}/votes")
    assert over.status_code == 409 and "all 3" in over.json()["error"]
    assert bea.delete(f"/api/notes/{ids[0]}/votes").json()["my_votes"] == sorted(ids[1:3])
    assert bea.post("/api/notes/424242/votes").status_code == 404


def test_placement_and_feedback(server, demo_run, model):
    client = phone(server, demo_run)
    position = go_to_kind(model, demo_run.id, "position")
    assert (
        client.put(f"/api/steps/{position.id}/placement", json={"x": 0.2, "y": 0.7}).status_code
        == 200
    )
    assert client.get("/api/state").json()["answer"] == {"x": 0.2, "y": 0.7}
    assert (
        client.put(f"/api/steps/{position.id}/placement", json={"x": 2, "y": 0}).status_code == 422
    )
    form = go_to_kind(model, demo_run.id, "feedback")
    answer = client.put(
        f"/api/steps/{form.id}/feedback", json={"answers": {"useful": 5, "next": "more"}}
    )
    assert answer.status_code == 200
    assert client.get("/api/state").json()["answer"] == {"answers": {"useful": 5, "next": "more"}}
    bad = client.put(f"/api/steps/{form.id}/feedback", json={"answers": {"useful": 9}})
    assert bad.status_code == 422 and "1 to 5" in bad.json()["error"]


def test_the_position_picture_is_served_but_nothing_outside_its_folder(server, demo_run, model):
    client = phone(server, demo_run)
    position = go_to_kind(model, demo_run.id, "position")
    image = client.get(client.get("/api/state").json()["step"]["image"])
    assert image.status_code == 200 and image.content[:4] == b"\x89PNG"
    assert client.get(f"/media/{position.id}/video").status_code == 404
    for path in ("/static/../server.py", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/"):
        assert client.get(path).status_code == 404


def test_every_answer_carries_the_strict_headers(server, demo_run):
    client = phone(server, demo_run)
    for path in ("/", "/remote", "/static/phone.js", "/api/state", "/nowhere"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert client.get("/nowhere").json() == {
        "error": "There is nothing at this address.",
        "code": "not_found",
        "params": {},
    }
    assert client.get("/openapi.json").json()["info"]["title"] == "Facilitator"
