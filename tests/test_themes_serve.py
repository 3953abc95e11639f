"""`facilitator serve --suggestions` keeps the notes' vectors as phones post them (the keeper runs
in the server's process, named, off the request path) and stops it cleanly with the server.
(Plain `serve` does not start it: the model would take the server past its memory budget.)"""

from __future__ import annotations

import signal
import sqlite3
import time
from urllib.parse import parse_qs, urlparse

import httpx

from tests.test_serve_cli import addresses, read_until, serve
from tests.themes_helpers import RITA_STEP, THREE_THEMES


def vectors_stored(data_dir) -> int:
    connection = sqlite3.connect(data_dir / "facilitator.sqlite3")
    try:
        return connection.execute("SELECT count(vector) FROM notes").fetchone()[0]
    finally:
        connection.close()


def test_phones_notes_get_vectors_while_serving(data_dir):
    process = serve(data_dir, "--demo", "--suggestions")
    try:
        join, remote = addresses(process)
        read_until(process, "0 joined")
        base, key = join.split("/?")[0], parse_qs(urlparse(join).query)["k"][0]
        remote_key = parse_qs(urlparse(remote).query)["k"][0]
        with httpx.Client(base_url=base, timeout=10) as phone:
            token = phone.post("/api/join", json={"key": key}).json()["token"]
            boss = {"Authorization": f"Bearer {remote_key}"}
            for _ in range(RITA_STEP - 1):  # the remote moves the room to the board
                assert phone.post("/api/remote/next", headers=boss).is_success
            step = phone.get("/api/state", headers={"Authorization": f"Bearer {token}"}).json()
            me = {"Authorization": f"Bearer {token}"}
            for i, text in enumerate(THREE_THEMES):
                answer = phone.post(
                    f"/api/steps/{step['step']['id']}/notes",
                    json={"client_id": f"c{i}", "text": text},
                    headers=me,
                )
                assert answer.status_code == 201, answer.text
        deadline = time.monotonic() + 60
        while vectors_stored(data_dir) < len(THREE_THEMES) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert vectors_stored(data_dir) == len(THREE_THEMES)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err
