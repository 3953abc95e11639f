"""Helpers shared by the web tests (no tests here): a real server on loopback, joined phones."""

from __future__ import annotations

import httpx

from facilitator.web.server import WebServer


def start_server(model, run_id: int) -> WebServer:
    server = WebServer(model, run_id, host="127.0.0.1", port=0)
    server.start()
    return server


def phone(server: WebServer, run, name: str | None = None) -> httpx.Client:
    """A client that has joined the run (its cookie set)."""
    client = httpx.Client(base_url=server.room_url, timeout=10)
    body = {"key": run.join_key} | ({"name": name} if name else {})
    answer = client.post("/api/join", json=body)
    assert answer.status_code == 200, answer.text
    return client


def go_to_kind(model, run_id: int, kind: str, nth: int = 0):
    """Move the run to the ``nth`` step of ``kind``; returns that step."""
    steps = [s for s in model.runs.steps(run_id) if s.kind == kind]
    step = steps[nth]
    model.runs.go_to(run_id, step.position)
    return step
