"""Load benchmark of the phone server: N simulated phones against `facilitator serve` on loopback.

Every phone joins, holds the event stream open and posts notes on a whiteboard that shows
everyone's notes (the heaviest fan-out), in two phases: a real room (each phone posts at random
moments over the period, some notes retried with the same client_id as phones on bad Wi-Fi do)
and a herd (every phone posts at the same instant). Then the step changes a few times. It prints
acknowledgement latencies, the herd's drain time, the time for a step change to reach every
stream, errors, lost and doubled notes, and the server's peak memory.

With ``--poll`` it runs "Spreading change" instead and every phone answers its poll at the same
instant (results shown live): it prints how long until all are acknowledged, and how long after
the last acknowledgement every phone holds results counting every answer.

    .venv/bin/python benches/load.py [--phones 300] [--seconds 20] [--notes 3] [--poll]

The load generator is a small HTTP/1.1 client on asyncio streams, so that one Python process can
drive hundreds of phones without becoming the bottleneck itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

TIMEOUT = 30  # seconds without an answer before a request counts as an error


class Http:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int, token: str = ""):
        self.host, self.port, self.token = host, port, token
        self.reader = self.writer = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def _head(self, method: str, path: str, body: bytes, extra: str = "") -> bytes:
        auth = f"Authorization: Bearer {self.token}\r\n" if self.token else ""
        return (
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{auth}{extra}"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body

    async def call(self, method: str, path: str, data=None) -> tuple[int, dict]:
        """One request and its answer; TimeoutError if the server has not answered in time."""
        return await asyncio.wait_for(self._call(method, path, data), TIMEOUT)

    async def _call(self, method: str, path: str, data=None) -> tuple[int, dict]:
        if self.writer is None:
            await self.open()
        body = json.dumps(data).encode() if data is not None else b""
        self.writer.write(self._head(method, path, body))
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        payload = await self.reader.readexactly(length) if length else b"{}"
        return status, json.loads(payload or b"{}")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


@dataclass
class Phone:
    index: int
    token: str
    http: Http
    stream: Http
    note_ids: set = field(default_factory=set)
    results: list = field(default_factory=list)  # (arrival time, people answered) per event
    step_times: list = field(default_factory=list)
    acked: dict = field(default_factory=dict)  # client_id -> note id
    latencies: list = field(default_factory=list)
    errors: list = field(default_factory=list)


async def follow(phone: Phone, ready: asyncio.Event) -> None:
    """Read the phone's event stream (chunked), noting each note id and each step's arrival."""
    http = phone.stream
    try:
        await asyncio.wait_for(open_stream(http), TIMEOUT)
    except (OSError, asyncio.TimeoutError, ValueError) as error:  # noqa: UP041 (3.10)
        phone.errors.append(f"event stream did not open: {error!r}")
        return
    finally:
        ready.set()
    try:
        await read_stream(phone, http)
    except (OSError, asyncio.IncompleteReadError, ValueError) as error:
        phone.errors.append(f"event stream broke: {error!r}")


async def open_stream(http: Http) -> None:
    await http.open()
    http.writer.write(http._head("GET", "/api/events", b"", "Accept: text/event-stream\r\n"))
    status = await http.reader.readline()
    if b" 200 " not in status:
        raise ValueError(status.decode(errors="replace").strip())
    while await http.reader.readline() not in (b"\r\n", b""):
        pass


async def read_stream(phone: Phone, http: Http) -> None:
    buffer = b""
    pattern = re.compile(rb"event: (\w+)\ndata: (.*)\n")
    note_id = re.compile(rb'"id":(\d+)')
    while True:
        size_line = await http.reader.readline()
        if not size_line:
            return
        size = int(size_line.strip() or b"0", 16)
        chunk = await http.reader.readexactly(size + 2)
        buffer += chunk[:-2]
        *complete, buffer = buffer.split(b"\n\n")
        now = time.perf_counter()
        for message in complete:
            found = pattern.search(message + b"\n")
            if not found:
                continue
            kind, data = found.groups()
            if kind == b"note":
                phone.note_ids.add(int(note_id.search(data).group(1)))
            elif kind == b"step":
                phone.step_times.append(now)
            elif kind == b"results":
                phone.results.append((now, json.loads(data)["results"].get("answered", 0)))


async def post_note(phone: Phone, step_id: int, client_id: str, text: str, lock) -> None:
    async with lock:  # one request at a time on the phone's connection, like a browser
        t0 = time.perf_counter()
        try:
            status, body = await phone.http.call(
                "POST", f"/api/steps/{step_id}/notes", {"client_id": client_id, "text": text}
            )
        except (OSError, asyncio.IncompleteReadError, ValueError, asyncio.TimeoutError) as error:  # noqa: UP041
            phone.errors.append(repr(error))
            phone.http.close()
            phone.http.writer = None  # a fresh connection for the next note
            return
        phone.latencies.append(time.perf_counter() - t0)
    if status not in (200, 201):
        phone.errors.append(f"{status} {body}")
        return
    if client_id in phone.acked and phone.acked[client_id] != body["note"]["id"]:
        phone.errors.append(f"retry of {client_id} gave another note")
    phone.acked[client_id] = body["note"]["id"]


async def room(phones, step_id: int, seconds: float, notes: int, retry_share: float):
    locks = {p.index: asyncio.Lock() for p in phones}

    async def one(phone: Phone, n: int) -> None:
        await asyncio.sleep(random.uniform(0, seconds))
        client_id = f"room-{phone.index}-{n}"
        lock = locks[phone.index]
        await post_note(phone, step_id, client_id, f"Idea {n} from phone {phone.index}", lock)
        if random.random() < retry_share:  # the answer was lost on bad Wi-Fi: send it again
            await post_note(phone, step_id, client_id, "retried", lock)

    await asyncio.gather(*(one(p, n) for p in phones for n in range(notes)))


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(data_dir: str, port: int, workshop=None) -> tuple[subprocess.Popen, str, str]:
    command = [
        sys.executable,
        "-m",
        "facilitator",
        "serve",
        *([str(workshop)] if workshop else ["--demo"]),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        data_dir,
    ]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, bufsize=1
    )
    join = remote = ""
    while not (join and remote):
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server did not start")
        join = line.split(" ", 1)[1].strip() if line.startswith("Join: ") else join
        remote = line.split(" ", 1)[1].strip() if line.startswith("Remote: ") else remote
    return server, join, remote


async def main(args) -> int:
    data_dir = tempfile.mkdtemp(prefix="facilitator-load-")
    server, join_url, remote_url = start_server(data_dir, args.port)
    drain = asyncio.get_running_loop().run_in_executor(None, lambda: server.stdout.read())
    url = urlparse(join_url)
    host, port = url.hostname, url.port
    key = parse_qs(url.query)["k"][0]
    remote = Http(host, port, parse_qs(urlparse(remote_url).query)["k"][0])
    try:
        phones = await join_all(host, port, key, args.phones)
        for _ in range(3):  # to "What did Rita O'Grady do?": everyone sees everyone's notes
            _, state = await remote.call("POST", "/api/remote/next")
        step_id = state["step"]["id"]
        assert state["step"]["kind"] == "whiteboard" and state["step"]["show_others"]
        readies = [asyncio.Event() for _ in phones]
        pairs = zip(phones, readies, strict=True)
        followers = [asyncio.create_task(follow(p, r)) for p, r in pairs]
        await asyncio.gather(*(r.wait() for r in readies))
        print(f"{len(phones)} phones joined and are holding the event stream open")
        cpu_before = cpu_seconds(server.pid)

        await room(phones, step_id, args.seconds, args.notes, args.retries)
        room_latencies = [x for p in phones for x in p.latencies]
        print(f"server CPU in the real room: {cpu_seconds(server.pid) - cpu_before:.1f} s")
        for p in phones:
            p.latencies = []
        herd_start = time.perf_counter()
        await asyncio.gather(
            *(post_note(p, step_id, f"herd-{p.index}", "At once", asyncio.Lock()) for p in phones)
        )
        herd_drain = time.perf_counter() - herd_start
        herd_latencies = [x for p in phones for x in p.latencies]

        fanouts = []
        for _ in range(args.step_changes):
            await asyncio.sleep(0.5)
            before = [len(p.step_times) for p in phones]
            t0 = time.perf_counter()
            await remote.call("POST", "/api/remote/next")
            deadline = time.perf_counter() + 10
            while any(len(p.step_times) == b for p, b in zip(phones, before, strict=True)):
                if time.perf_counter() > deadline:
                    break
                await asyncio.sleep(0.002)
            pairs = zip(phones, before, strict=True)
            arrived = [p.step_times[b] - t0 for p, b in pairs if len(p.step_times) > b]
            fanouts.append((max(arrived), len(arrived)))
        await asyncio.sleep(1.0)  # let the last notes reach every stream
        report(args, phones, data_dir, room_latencies, herd_latencies, herd_drain, fanouts, server)
        for task in followers:
            task.cancel()
    finally:
        server.terminate()
        server.wait(timeout=20)
        await drain
    return 0


POLL_WORKSHOP = Path(__file__).resolve().parents[1] / "assets" / "workshops" / "spreading-change"


async def poll(args) -> int:
    """Every phone answers "Spreading change"'s poll at the same instant."""
    data_dir = tempfile.mkdtemp(prefix="facilitator-load-poll-")
    server, join_url, remote_url = start_server(data_dir, args.port, POLL_WORKSHOP)
    drain = asyncio.get_running_loop().run_in_executor(None, lambda: server.stdout.read())
    url = urlparse(join_url)
    host, port = url.hostname, url.port
    remote = Http(host, port, parse_qs(urlparse(remote_url).query)["k"][0])
    try:
        phones = await join_all(host, port, parse_qs(url.query)["k"][0], args.phones)
        _, state = await remote.call("GET", "/api/remote/state")
        while state["step"]["kind"] != "poll":
            _, state = await remote.call("POST", "/api/remote/next")
        step = state["step"]
        await remote.call("POST", "/api/remote/results", {"shown": True})
        readies = [asyncio.Event() for _ in phones]
        followers = [asyncio.create_task(follow(p, r)) for p, r in zip(phones, readies)]  # noqa: B905
        await asyncio.gather(*(r.wait() for r in readies))
        await asyncio.sleep(1.0)
        options = len(step["options"])

        async def answer(phone: Phone) -> float:
            choice = {"answer": {"choices": [phone.index % options]}}
            status, body = await phone.http.call("PUT", f"/api/steps/{step['id']}/response", choice)
            if status != 200:
                phone.errors.append(f"{status} {body}")
            return time.perf_counter()

        start = time.perf_counter()
        acked = await asyncio.gather(*(answer(p) for p in phones))
        last_ack = max(acked)
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            if all(p.results and p.results[-1][1] == len(phones) for p in phones):
                break
            await asyncio.sleep(0.005)
        complete = [
            next(t for t, n in p.results if n == len(phones))
            for p in phones
            if any(n == len(phones) for _, n in p.results)
        ]
        errors = [e for p in phones for e in p.errors]
        ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
        print(f"poll: {len(phones)} answers at once, all acknowledged in {ms(last_ack - start)}")
        if complete:
            print(
                f"poll: results counting every answer on {len(complete)}/{len(phones)} phones "
                f"{ms(max(complete) - last_ack)} after the last acknowledgement"
            )
        print(f"errors {len(errors)}" + (f": {errors[:5]}" if errors else ""))
        print(f"server peak memory {peak_memory_mb(server.pid):.0f} MB")
        for task in followers:
            task.cancel()
    finally:
        server.terminate()
        server.wait(timeout=20)
        await drain
    return 0


async def join_all(host: str, port: int, key: str, count: int) -> list[Phone]:
    semaphore = asyncio.Semaphore(20)

    async def join(i: int) -> Phone:
        async with semaphore:
            http = Http(host, port)
            status, body = await http.call("POST", "/api/join", {"key": key})
            if status != 200:
                raise SystemExit(f"join failed: {status} {body}")
            http.token = body["token"]
            return Phone(i, body["token"], http, Http(host, port, body["token"]))

    return list(await asyncio.gather(*(join(i) for i in range(count))))


def report(args, phones, data_dir, room_lat, herd_lat, herd_drain, fanouts, server) -> None:
    with sqlite3.connect(Path(data_dir) / "facilitator.sqlite3") as db:
        stored = dict(db.execute("SELECT client_id, COUNT(*) FROM notes GROUP BY client_id"))
        all_ids = {row[0] for row in db.execute("SELECT id FROM notes")}
    acked = {cid for p in phones for cid in p.acked}
    lost = sorted(cid for cid in acked if cid not in stored)
    doubled = sorted(cid for cid, n in stored.items() if n > 1)
    missing_on_streams = sum(len(all_ids - p.note_ids) for p in phones)
    errors = [e for p in phones for e in p.errors]
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    print(
        f"real room ({args.seconds:.0f} s, {len(room_lat)} posts incl. retries): "
        f"p50 {ms(statistics.median(room_lat))}, p99 {ms(percentile(room_lat, 0.99))}, "
        f"max {ms(max(room_lat))}"
    )
    print(
        f"herd ({len(phones)} notes at once): all acknowledged in {ms(herd_drain)} "
        f"(p50 {ms(statistics.median(herd_lat))}, p99 {ms(percentile(herd_lat, 0.99))})"
    )
    for n, (worst, reached) in enumerate(fanouts, 1):
        print(f"step change {n}: on {reached}/{len(phones)} streams within {ms(worst)}")
    print(
        f"notes stored {len(all_ids)}, acknowledged {len(acked)}, lost {len(lost)}, "
        f"doubled {len(doubled)}, note events missing on streams {missing_on_streams}"
    )
    print(f"errors {len(errors)}" + (f": {errors[:5]}" if errors else ""))
    print(f"server peak memory {peak_memory_mb(server.pid):.0f} MB")
    print(
        f"CPU used: server {cpu_seconds(server.pid):.1f} s, load generator "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_utime:.1f} s user"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--notes", type=int, default=3, help="notes per phone in the real room")
    parser.add_argument("--retries", type=float, default=0.1, help="share of notes sent twice")
    parser.add_argument("--step-changes", type=int, default=5)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--poll", action="store_true", help="every phone answers a poll at once")
    arguments = parser.parse_args()
    sys.exit(asyncio.run(poll(arguments) if arguments.poll else main(arguments)))
