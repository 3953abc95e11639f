"""/openapi.json tells the truth: every /api route lists the error statuses it really answers,
each with the ``{"error": sentence, "code", "params"}`` body, and the text limits are the
model's. Then the real server is asked, with bad inputs, to answer each documented status on a
sample of routes and never to answer one that is not documented."""

from __future__ import annotations

import httpx
import pytest
from test_web_support import go_to_kind, phone, start_server

from facilitator.model.board import NoteRequest
from facilitator.model.text import NAME_MAX, NOTE_MAX

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}
NOT_PROVOKED = {503}  # the database busy for longer than its timeout: not made to happen here


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


@pytest.fixture
def schema(server) -> dict:
    answer = httpx.get(f"{server.room_url}/openapi.json")
    assert answer.status_code == 200
    return answer.json()


def api_operations(schema: dict):
    """(method, path, operation) of every /api route."""
    for path, operations in schema["paths"].items():
        if path.startswith("/api/"):
            for method, operation in operations.items():
                yield method, path, operation


def documented(schema: dict, method: str, path: str) -> set[int]:
    return {int(s) for s in schema["paths"][path][method]["responses"] if int(s) >= 400}


def test_every_route_documents_its_errors_with_the_error_body(schema):
    routes = list(api_operations(schema))
    assert len(routes) >= 15
    for method, path, operation in routes:
        where, responses = f"{method.upper()} {path}", operation["responses"]
        params = [p for p in operation.get("parameters", []) if p["in"] == "path"]
        if params or "requestBody" in operation:
            assert "422" in responses, where
        if "requestBody" in operation:
            assert "413" in responses, where  # the 16 KB guard
        assert "403" in responses, where  # no route works without the join or remote key
        if method != "get" and not path.startswith("/api/remote/"):
            assert "429" in responses, where  # every change a phone makes is rate-limited
        for status, answer in responses.items():
            if int(status) >= 400:
                assert answer["content"]["application/json"]["schema"] == ERROR_BODY, where
                assert answer["description"], where
            if status in ("429", "503"):
                assert "Retry-After" in answer["headers"], where
    assert "HTTPValidationError" not in str(schema)
    body = schema["components"]["schemas"]["ErrorBody"]
    assert body["required"] == ["error"] and body["properties"]["error"]["type"] == "string"


def test_the_text_limits_are_the_models(schema):
    bodies = schema["components"]["schemas"]
    assert bodies["NoteBody"]["properties"]["text"]["maxLength"] == NOTE_MAX
    assert bodies["NoteEditBody"]["properties"]["text"]["maxLength"] == NOTE_MAX
    assert bodies["NameBody"]["properties"]["name"]["maxLength"] == NAME_MAX
    join_name = bodies["JoinBody"]["properties"]["name"]["anyOf"]
    assert {"type": "string", "maxLength": NAME_MAX} in join_name


def check(answer: httpx.Response, schema: dict, method: str, path: str) -> int:
    """The answer's status, after checking it is success or documented with an error body."""
    status, where = answer.status_code, f"{method.upper()} {path}"
    if status >= 400:
        answer.read()  # (a stream's refusal too)
        assert status in documented(schema, method, path), (where, status, answer.text)
        body = answer.json()
        assert set(body) == {"error", "code", "params"}, (where, body)  # a code for the page
        assert isinstance(body["error"], str) and body["error"].strip(), where
        assert isinstance(body["code"], str) and isinstance(body["params"], dict), (where, body)
        if status == 429:
            assert int(answer.headers["Retry-After"]) >= 1
    return status


def test_each_documented_status_of_the_notes_route_really_happens(server, schema, model, demo_run):
    # GIVEN a joined phone and a stranger, on a board
    method, path = "post", "/api/steps/{step_id}/notes"
    board = go_to_kind(model, demo_run.id, "whiteboard")
    info = model.runs.steps(demo_run.id)[0]
    client, stranger = phone(server, demo_run), httpx.Client(base_url=server.room_url)
    url = f"/api/steps/{board.id}/notes"

    def note(c, u=url, **body):
        return check(c.post(u, json={"client_id": "c", "text": "hi"} | body), schema, method, path)

    # WHEN it sends what each documented status is for, THEN it gets that status and a sentence
    seen = {
        note(stranger),
        note(client, "/api/steps/999999/notes"),
        note(client, f"/api/steps/{info.id}/notes"),
        note(client, text="x" * 17_000),
        note(client, text="x" * (NOTE_MAX + 1)),
        note(client, "/api/steps/0/notes"),
    }
    seen |= {note(client, client_id=f"f{i}") for i in range(25)}  # a flood
    assert seen - {200, 201} == documented(schema, method, path) - NOT_PROVOKED


def test_each_documented_status_of_rename_join_and_the_remote_really_happens(
    server, schema, model, demo_run
):
    ana, bea = phone(server, demo_run, "Ana"), phone(server, demo_run)
    stranger = httpx.Client(base_url=server.room_url)
    rename = "patch", "/api/me"
    seen = {
        check(stranger.patch("/api/me", json={"name": "x"}), schema, *rename),
        check(bea.patch("/api/me", json={"name": "ana"}), schema, *rename),
        check(bea.patch("/api/me", json={"name": "x" * 17_000}), schema, *rename),
        check(bea.patch("/api/me", json={"name": "x" * (NAME_MAX + 1)}), schema, *rename),
    }
    seen |= {
        check(ana.patch("/api/me", json={"name": f"A{i}"}), schema, *rename) for i in range(40)
    }
    assert seen - {200} == documented(schema, *rename) - NOT_PROVOKED

    remote = httpx.Client(
        base_url=server.room_url, headers={"Authorization": f"Bearer {demo_run.remote_key}"}
    )
    board = go_to_kind(model, demo_run.id, "whiteboard")
    pid = bea.get("/api/state").json()["me"]["id"]
    note = model.board.add_note(NoteRequest(demo_run.id, board.id, "a note", "n", None, pid)).note
    hide = "post", "/api/remote/notes/{note_id}/hide"
    seen = {
        check(stranger.post(f"/api/remote/notes/{note.id}/hide"), schema, *hide),
        check(remote.post("/api/remote/notes/999999/hide"), schema, *hide),
        check(remote.post("/api/remote/notes/abc/hide"), schema, *hide),
        check(remote.post(f"/api/remote/notes/{note.id}/hide"), schema, *hide),
    }
    assert seen - {200} == documented(schema, *hide) - NOT_PROVOKED

    forward = "post", "/api/remote/next"
    seen = {check(stranger.post("/api/remote/next"), schema, *forward)}
    model.runs.end(demo_run.id)
    seen.add(check(remote.post("/api/remote/next"), schema, *forward))
    assert seen == documented(schema, *forward) - NOT_PROVOKED

    join = "post", "/api/join"
    seen = {
        check(stranger.post("/api/join", json={"key": "wrong"}), schema, *join),
        check(stranger.post("/api/join", json={"key": demo_run.join_key}), schema, *join),
        check(stranger.post("/api/join", json={"key": 5}), schema, *join),
        check(stranger.post("/api/join", content=b"x" * 17_000), schema, *join),
    }
    # (joins are limited per address, but never from the laptop itself: no 429 from here)
    assert seen == documented(schema, *join) - NOT_PROVOKED - {429}


BAD_BODIES = [
    (None, "application/json"),
    (b"not json", "application/json"),
    (b"[]", "application/json"),
    (b"{}", "application/json"),
    (b'{"text": 12, "name": [], "key": null, "answer": "x", "open": "maybe"}', "application/json"),
    (b'{"client_id": "t", "text": "hi", "name": "Al", "key": "k"}', "text/plain"),
    (b"x" * 17_000, "application/json"),
]
BAD_IDS = ["0", "-1", "abc", str(2**60), "999999", "1.5"]


def test_bad_inputs_get_only_documented_statuses_on_every_route(server, schema, demo_run):
    # GIVEN a joined phone, the remote, and a stranger
    joined = phone(server, demo_run)
    remote = httpx.Client(
        base_url=server.room_url, headers={"Authorization": f"Bearer {demo_run.remote_key}"}
    )
    stranger = httpx.Client(base_url=server.room_url)
    for method, path, operation in api_operations(schema):
        caller = remote if path.startswith("/api/remote/") else joined
        streams = path.endswith("/events")
        for client in (stranger, caller):
            for url in urls(path, operation):
                for body, kind in BAD_BODIES if "requestBody" in operation else BAD_BODIES[:1]:
                    # WHEN it sends nonsense, THEN the answer is success or documented
                    if streams and client is caller:
                        with client.stream(method, url, timeout=10) as answer:
                            check(answer, schema, method, path)
                        continue
                    headers = {"Content-Type": kind}
                    answer = client.request(method, url, content=body, headers=headers)
                    check(answer, schema, method, path)


def urls(path: str, operation: dict) -> list[str]:
    """The path with each of BAD_IDS in its parameters (or the path itself if it has none)."""
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
    if not names:
        return [path]
    found = []
    for bad in BAD_IDS:
        url = path
        for name in names:
            url = url.replace("{" + name + "}", bad)
        found.append(url)
    return found
