"""Answers through the one route, results through the other, and the remote's open/close and
show/hide, against the real server on loopback."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from test_web_support import go_to_kind, phone, start_server


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


def remote(server, run) -> httpx.Client:
    headers = {"Authorization": f"Bearer {run.remote_key}"}
    return httpx.Client(base_url=server.room_url, timeout=10, headers=headers)


def test_a_feedback_form_is_closed_with_409_and_its_figures_stay(server, demo_run, model):
    # GIVEN two phones on the feedback step; one answers
    sam, ali = phone(server, demo_run), phone(server, demo_run)
    form = go_to_kind(model, demo_run.id, "feedback")
    url = f"/api/steps/{form.id}/response"
    assert sam.put(url, json={"answer": {"answers": {"useful": 4}}}).status_code == 200
    # results start hidden on a feedback form
    hidden = sam.get(f"/api/steps/{form.id}/results")
    assert hidden.status_code == 403 and "not shown" in hidden.json()["error"]
    # WHEN the facilitator closes it and shows the results from the remote
    boss = remote(server, demo_run)
    assert boss.post("/api/remote/answers", json={"open": False}).status_code == 200
    assert boss.post("/api/remote/results", json={"shown": True}).status_code == 200
    # THEN a changed answer (and a first one, and the old alias) get 409 with a sentence
    for client, route, body in (
        (sam, url, {"answer": {"answers": {"useful": 1}}}),
        (ali, url, {"answer": {"answers": {"useful": 1}}}),
        (ali, f"/api/steps/{form.id}/feedback", {"answers": {"useful": 1}}),
    ):
        refused = client.put(route, json=body)
        assert refused.status_code == 409 and "closed" in refused.json()["error"]
    results = ali.get(f"/api/steps/{form.id}/results").json()["results"]
    assert results["answered"] == 1 and results["questions"][0]["average"] == 4
    assert all("comments" not in q for q in results["questions"])  # comments stay off phones
    state = ali.get("/api/state").json()
    assert state["step"]["closed"] is True and state["step"]["results_shown"] is True


def test_an_old_position_step_refuses_a_dot(server, demo_run, model):
    client = phone(server, demo_run)
    position = go_to_kind(model, demo_run.id, "position")
    model.runs.next(demo_run.id)
    late = client.put(f"/api/steps/{position.id}/response", json={"answer": {"x": 0.5, "y": 0.5}})
    assert late.status_code == 409 and "not on the screen" in late.json()["error"]
    assert model.responses.answers(demo_run.id, position.id) == []


@pytest.mark.parametrize(
    "answer",
    [
        {"x": 2, "y": 0},
        {"x": "<b>0.5</b>", "y": 0.5},
        {"x": 0.5},
        {"x": 0.5, "y": 0.5, "z": 1},
        {"answers": {"useful": 3}},
    ],
)
def test_answers_that_do_not_fit_get_422_with_a_sentence(server, demo_run, model, answer):
    client = phone(server, demo_run)
    position = go_to_kind(model, demo_run.id, "position")
    bad = client.put(f"/api/steps/{position.id}/response", json={"answer": answer})
    assert bad.status_code == 422 and bad.json()["error"].endswith(".")


def test_steps_without_answers_and_strangers_are_refused(server, demo_run, model):
    client = phone(server, demo_run)
    reflect = go_to_kind(model, demo_run.id, "reflect")
    assert client.put(f"/api/steps/{reflect.id}/response", json={"answer": {}}).status_code == 409
    assert client.get(f"/api/steps/{reflect.id}/results").status_code == 404
    assert client.get("/api/steps/999999/results").status_code == 404
    stranger = httpx.Client(base_url=server.room_url, timeout=10)
    assert stranger.put(f"/api/steps/{reflect.id}/response", json={"answer": {}}).status_code == 403
    assert (
        httpx.post(f"{server.room_url}/api/remote/answers", json={"open": False}).status_code == 403
    )


def test_shown_results_reach_the_phones_on_their_stream(server, demo_run, model):
    # GIVEN a phone listening on the position step, whose results (the dots) are shown live
    client = phone(server, demo_run)
    position = go_to_kind(model, demo_run.id, "position")
    got: list[dict] = []
    done = threading.Event()

    def listen() -> None:
        with client.stream("GET", "/api/events", timeout=10) as stream:
            kind = None
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: ") and kind == "results":
                    got.append(json.loads(line[6:]))
                    done.set()
                    return

    reader = threading.Thread(target=listen, daemon=True)
    reader.start()
    # WHEN three people answer
    others = [phone(server, demo_run) for _ in range(2)]
    for i, who in enumerate([client, *others]):
        dot = {"answer": {"x": 0.1 * (i + 1), "y": 0.5}}
        assert who.put(f"/api/steps/{position.id}/response", json=dot).status_code == 200
    # THEN the phone hears the results (once for a burst), with every dot in the end
    assert done.wait(10)
    assert got[0]["step_id"] == position.id
    final = client.get(f"/api/steps/{position.id}/results").json()["results"]
    assert final["answered"] == 3
