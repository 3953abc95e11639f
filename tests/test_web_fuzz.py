"""Arbitrary input at every route: never a 500, and nothing stored that should not be."""

from __future__ import annotations

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_web_support import go_to_kind, phone, start_server

from facilitator.model.demos import demo_workshop
from facilitator.model.service import open_model
from facilitator.web.security import RateLimiter

ROUTES = [
    ("POST", "/api/join"),
    ("PATCH", "/api/me"),
    ("GET", "/api/state"),
    ("POST", "/api/steps/{id}/notes"),
    ("PATCH", "/api/notes/{id}"),
    ("POST", "/api/notes/{id}/votes"),
    ("DELETE", "/api/notes/{id}/votes"),
    ("PUT", "/api/steps/{id}/placement"),
    ("PUT", "/api/steps/{id}/feedback"),
    ("POST", "/api/remote/next"),
    ("POST", "/api/remote/notes/{id}/hide"),
    ("GET", "/api/remote/notes"),
    ("GET", "/static/{id}"),
    ("GET", "/media/{id}/image"),
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=600),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
note_like = st.fixed_dictionaries(
    {
        "client_id": st.text(max_size=80) | st.integers(),
        "text": st.text(max_size=700) | json_values,
    },
    optional={
        "color": json_values,
        "zone_id": json_values,
        "key": json_values,
        "name": json_values,
        "x": json_values,
        "y": json_values,
        "answers": json_values,
    },
)
path_ids = st.sampled_from(
    ["1", "0", "-1", str(2**70), "abc", "..%2F..", "%00", "1e3", " 2"]
) | st.integers(0, 200).map(str)
valid_note = st.fixed_dictionaries(
    {"client_id": st.text(min_size=1, max_size=64), "text": st.text(min_size=1, max_size=600)},
    optional={"zone_id": st.integers(), "color": st.text(max_size=8)},
)
bodies = st.one_of(valid_note, note_like, json_values, st.binary(max_size=300))


def test_no_input_gives_a_500_or_stores_a_bad_note(tmp_path):
    model = open_model(tmp_path / "data")
    run = model.runs.start(demo_workshop(model.library).id)
    server = start_server(model, run.id)
    server.context.note_limiter = RateLimiter(burst=10**6, rate=10**6)  # let every try through
    server.context.action_limiter = RateLimiter(burst=10**6, rate=10**6)
    board = go_to_kind(model, run.id, "whiteboard")
    client = phone(server, run)
    stranger = httpx.Client(base_url=server.room_url, timeout=10)
    created: list[str] = []

    @settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        route=st.sampled_from(ROUTES),
        ident=path_ids | st.just(str(board.id)),
        body=bodies,
        joined=st.booleans(),
    )
    def throw(route, ident, body, joined):
        method, template = route
        url = template.replace("{id}", ident)
        who = client if joined else stranger
        if isinstance(body, bytes):
            answer = who.request(
                method, url, content=body, headers={"content-type": "application/json"}
            )
        else:
            answer = who.request(method, url, json=body)
        assert answer.status_code < 500, (method, url, body, answer.text)
        if answer.headers.get("content-type", "").startswith("application/json"):
            data = answer.json()
            if answer.status_code >= 400:
                assert isinstance(data.get("error"), str) and data["error"]
        if answer.status_code == 201 and template.endswith("/notes"):
            created.append(answer.json()["note"]["client_id"])

    try:
        throw()
        notes = model.board.notes(run.id)
        assert sorted(n.client_id for n in notes) == sorted(created)
        for note in notes:
            assert 1 <= len(note.text) <= 500 and note.text == note.text.strip()
    finally:
        stranger.close()
        client.close()
        server.stop()
        model.close()


def test_odd_ids_on_every_route_get_a_sentence_not_a_500(tmp_path):
    model = open_model(tmp_path / "data")
    run = model.runs.start(demo_workshop(model.library).id)
    server = start_server(model, run.id)
    client = phone(server, run)
    auth = {"Authorization": f"Bearer {run.remote_key}"}
    body = {"client_id": "odd", "text": "hello", "x": 0.5, "y": 0.5, "answers": {}, "name": "Al"}
    try:
        for method, template in ROUTES:
            for ident in (str(2**70), str(2**63), "-5", "0", "1.5", "x", "99999"):
                url = template.replace("{id}", ident)
                headers = auth if "/remote/" in url else {}
                answer = client.request(method, url, json=body, headers=headers)
                assert answer.status_code < 500, (method, url, answer.text)
        assert model.board.notes(run.id) == []
    finally:
        client.close()
        server.stop()
        model.close()
