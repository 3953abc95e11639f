"""The server's small parts, each alone: path guard, keys, rate limits, addresses, the hub."""

from __future__ import annotations

import asyncio
import gzip
import socket

import pytest

from facilitator.assets import asset_path
from facilitator.web import hub as hub_module
from facilitator.web import network
from facilitator.web.hub import Hub
from facilitator.web.security import RateLimiter, safe_path, same_key
from facilitator.web.server import WebServer


def test_safe_path_keeps_requests_inside_their_folder(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "a.js").write_text("x")
    (tmp_path / "secret.txt").write_text("s")
    (tmp_path / "web" / "link").symlink_to(tmp_path / "secret.txt")
    root = tmp_path / "web"
    assert safe_path(root, "a.js") == (root / "a.js").resolve()
    for bad in (
        "../secret.txt",
        "/etc/passwd",
        "link",
        "",
        ".",
        "a.js\x00",
        "..\\secret.txt",
        "nope",
    ):
        assert safe_path(root, bad) is None, bad


def test_keys_compare_exactly():
    assert same_key("abc", "abc")
    assert not same_key("abd", "abc") and not same_key("", "abc") and not same_key(None, "abc")
    assert not same_key("é", "abc")


def test_the_rate_limiter_allows_a_burst_then_asks_to_wait():
    now = [0.0]
    limiter = RateLimiter(burst=3, rate=0.5, clock=lambda: now[0])
    assert [limiter.check("p") for _ in range(3)] == [0, 0, 0]
    assert limiter.check("p") == pytest.approx(2.0)
    assert limiter.check("q") == 0  # somebody else is not affected
    now[0] += 2.0
    assert limiter.check("p") == 0


def test_addresses_skip_loopback_link_local_and_virtual_adapters():
    assert network.usable("192.168.1.20", "wlan0")
    assert not network.usable("127.0.0.1")
    assert not network.usable("169.254.3.4")
    assert not network.usable("172.17.0.1", "docker0")
    assert not network.usable("not an address")
    found = network.candidates()
    assert all(network.usable(c.address) for c in found)
    assert [c.rank for c in found] == sorted(c.rank for c in found)


def test_advice_speaks_plainly():
    offline = " ".join(network.advice(offline=True, phones_seen=0))
    assert "not on any network" in offline and "type notes in yourself" in offline
    waiting = " ".join(network.advice(offline=False, phones_seen=0))
    assert "about 8 phones" in waiting and "about 50" in waiting and "Guest Wi-Fi" in waiting


def test_the_hub_replays_missed_messages_and_drops_slow_phones(monkeypatch):
    monkeypatch.setattr(hub_module, "QUEUE_SIZE", 3)

    async def scenario():
        hub = Hub()
        start = hub.last_id
        fast, slow = hub.subscribe(1), hub.subscribe(2)
        hub.publish("note", {"n": 1})
        hub.publish("note", {"n": 2}, audience=1)
        assert fast.queue.empty()  # notes wait a moment to be batched
        hub.flush()
        await asyncio.sleep(0)  # delivered on the next turn of the loop
        assert slow.queue.get_nowait() == hub.history[0][2]
        assert fast.queue.get_nowait() == hub.history[0][2] + hub.history[1][2]
        assert hub.missed(start, 2) == [hub.history[0][2]]  # only what was meant for them
        assert len(hub.missed(start, 1)) == 2
        assert hub.missed("other-1", 1) is None and hub.missed(f"{hub.epoch}-99", 1) is None
        for n in (3, 4, 5):  # urgent: sent at once; the slow phone's queue (3) is now full
            hub.publish("step", {"n": n})
            await asyncio.sleep(0)
        while not fast.queue.empty():
            fast.queue.get_nowait()
        assert not slow.closed
        hub.publish("step", {"n": 6})
        await asyncio.sleep(0)
        assert slow.closed and slow not in hub.subscribers and fast in hub.subscribers
        return hub

    hub = asyncio.run(scenario())
    assert hub.history[0][2].startswith(f"id: {hub.epoch}-1\nevent: note\n".encode())


def test_a_busy_port_falls_back_to_a_free_one(model, demo_run):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = WebServer(model, demo_run.id, host="127.0.0.1", port=port)
        server.start()
        try:
            assert server.port != port
            assert server.join_url.startswith(f"http://127.0.0.1:{server.port}/?k=")
            assert server.join_url.endswith(demo_run.join_key)
            assert server.remote_url.endswith(f"/remote?k={demo_run.remote_key}")
            assert server.room_code == demo_run.room_code
            assert server.status().offline  # loopback only: phones cannot reach it
        finally:
            server.stop()


def test_the_attendee_page_is_under_30_kb_gzipped():
    from facilitator.web.pages import phone_script, phone_style

    page = [asset_path("web", "index.html").read_bytes(), phone_style(), phone_script()]
    total = sum(len(gzip.compress(raw, 9)) for raw in page)
    assert total < 30 * 1024, total


def test_the_pages_load_nothing_from_elsewhere_and_never_use_inner_html():
    for path in (p for p in asset_path("web").rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, path.name
        assert "innerHTML" not in text and "document.write" not in text, path.name
        assert "<script>" not in text and " style=" not in text, path.name  # CSP: nothing inline


def test_the_fast_board_read_gives_the_same_notes_as_the_service(model, demo_run):
    from facilitator.model import live_reads
    from facilitator.model.board import NoteRequest

    board = [s for s in model.runs.steps(demo_run.id) if s.kind == "whiteboard"][0]
    ana, _ = model.runs.join(demo_run.id, "Ana")
    gone, _ = model.runs.join(demo_run.id)
    model.board.add_notes(
        [
            NoteRequest(demo_run.id, board.id, "from Ana", "a", "blue", ana.id),
            NoteRequest(demo_run.id, board.id, "typed in", "f", None, None, "Sam"),
            NoteRequest(demo_run.id, board.id, "from the facilitator", "g"),
        ]
    )
    hidden = model.board.add_note(NoteRequest(demo_run.id, board.id, "x", "h", None, gone.id))
    model.board.set_hidden(hidden.note.id, True)
    assert live_reads.board_notes(model.db, demo_run.id, board.id) == model.board.notes(
        demo_run.id, board.id
    )
    assert live_reads.participant(model.db, ana.id) == ana
    assert live_reads.participant(model.db, 10**6) is None


def test_listening_everywhere_advertises_a_real_address(model, demo_run):
    server = WebServer(model, demo_run.id, host="0.0.0.0", port=0)
    server.start()
    try:
        assert server.address != "0.0.0.0"
        assert server.address in (*server.status().candidates, "127.0.0.1")
        assert "0.0.0.0" not in server.join_url
    finally:
        server.stop()
