"""`facilitator serve` as a real process: what it prints, Enter, SIGTERM, and SIGKILL while phones
post (every acknowledged note is in the database exactly once)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import parse_qs, urlparse

import httpx

from facilitator.assets import asset_path
from facilitator.model.service import open_model


def serve(data_dir, *extra) -> subprocess.Popen:
    command = [sys.executable, "-m", "facilitator", "serve", "--host", "127.0.0.1", "--port", "0"]
    return subprocess.Popen(
        [*command, "--data-dir", str(data_dir), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def addresses(process) -> tuple[str, str]:
    join = process.stdout.readline().strip()
    remote = process.stdout.readline().strip()
    assert join.startswith("Join: http://127.0.0.1:") and "/?k=" in join, join
    assert remote.startswith("Remote: http://127.0.0.1:") and "/remote?k=" in remote, remote
    return join[6:], remote[8:]


def read_until(process, words: str, limit: int = 80) -> list[str]:
    lines = []
    for _ in range(limit):
        line = process.stdout.readline()
        lines.append(line)
        if words in line or not line:
            break
    return lines


def test_serve_prints_the_addresses_the_qr_code_and_a_count_and_stops_cleanly(data_dir):
    process = serve(data_dir, "--demo")
    try:
        join, _remote = addresses(process)
        printed = read_until(process, "0 joined")
        assert any("Room code:" in line for line in printed)
        assert any("\u2588" in line or "\u2580" in line for line in printed)  # the QR code
        with httpx.Client() as phone:
            key = parse_qs(urlparse(join).query)["k"][0]
            assert phone.post(join.split("/?")[0] + "/api/join", json={"key": key}).is_success
        read_until(process, "1 joined")
        process.stdin.write("\n")  # Enter: next step
        process.stdin.flush()
        assert "step 2/11: Your position?" in read_until(process, "step 2/11")[-1]
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped. Run 1 is saved" in out and "Traceback" not in err


def test_serve_runs_a_workshop_folder(data_dir):
    process = serve(data_dir, str(asset_path("workshops", "spreading-change")))
    try:
        addresses(process)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0


def test_serve_explains_what_is_wrong_in_one_sentence(data_dir):
    for extra in ([], ["--demo", "--host", "203.0.113.9"], ["no such workshop"]):
        process = serve(data_dir, *extra)
        out, err = process.communicate(timeout=30)
        assert process.returncode == 1, (extra, out, err)
        assert err.startswith("facilitator: ") and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_a_killed_server_keeps_every_acknowledged_note_exactly_once(data_dir):
    process = serve(data_dir, "--demo")
    join, remote = addresses(process)
    base = join.split("/?")[0]
    key = parse_qs(urlparse(join).query)["k"][0]
    remote_key = parse_qs(urlparse(remote).query)["k"][0]
    with httpx.Client(headers={"Authorization": f"Bearer {remote_key}"}) as console:
        for _ in range(3):
            step = console.post(base + "/api/remote/next").json()["step"]
    assert step["kind"] == "whiteboard"
    acked: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def post_notes(n: int) -> None:
        with httpx.Client(base_url=base, timeout=5) as phone:
            phone.post("/api/join", json={"key": key})
            i = 0
            while not stop.is_set():
                client_id = f"p{n}-{i}"
                try:
                    answer = phone.post(
                        f"/api/steps/{step['id']}/notes",
                        json={"client_id": client_id, "text": f"note {i} of {n}"},
                    )
                except httpx.HTTPError:
                    return  # the server is gone
                if answer.status_code in (200, 201):
                    with lock:
                        acked.append(client_id)
                    i += 1
                elif answer.status_code == 429:
                    time.sleep(float(answer.headers["Retry-After"]))

    phones = [threading.Thread(target=post_notes, args=(n,)) for n in range(8)]
    for thread in phones:
        thread.start()
    time.sleep(2.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    stop.set()
    for thread in phones:
        thread.join(timeout=10)

    model = open_model(data_dir)
    try:
        stored = [n.client_id for n in model.board.notes(model.runs.find("latest").id)]
    finally:
        model.close()
    assert len(acked) > 20
    assert len(stored) == len(set(stored))
    assert set(acked) <= set(stored)


def test_repeated_ctrl_c_still_stops_cleanly(data_dir):
    # A signal arriving while the main thread holds a lock must not hang the program.
    process = serve(data_dir, "--demo")
    try:
        addresses(process)
        read_until(process, "0 joined")
        for _ in range(5):
            process.send_signal(signal.SIGINT)
            time.sleep(0.003)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out
