"""A phone that vanishes from the Wi-Fi (no FIN, no RST) leaves the count of connected phones
within ``Liveness.bound``: the real server on loopback, a raw-socket event stream that stops
taking data, and shortened figures so that the test runs in seconds."""

from __future__ import annotations

import socket
import sys
import threading
import time

import httpx
import pytest

from facilitator.web.hub import Liveness
from facilitator.web.server import WebServer

FILLER = "x" * 100_000  # one message; enough of them fill every buffer on the way to the phone
SLACK = 5  # seconds allowed beyond the bound for a loaded test machine


def test_the_production_figures_drop_a_vanished_phone_within_a_minute():
    figures = Liveness()
    assert figures.heartbeat + figures.unacked < 60
    assert figures.heartbeat + figures.stall < 60
    assert figures.bound < 60


def serve(model, run_id: int, liveness: Liveness) -> WebServer:
    server = WebServer(model, run_id, host="127.0.0.1", port=0, liveness=liveness)
    server.start()
    return server


def open_stream(server: WebServer, token: str) -> socket.socket:
    """An event stream on a socket with the smallest receive buffer, read up to its first event:
    once the test stops reading, the phone's window closes, as a phone gone from the Wi-Fi
    stops acknowledging."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    sock.settimeout(10)
    sock.connect(("127.0.0.1", server.port))
    request = f"GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n"
    sock.sendall(request.encode())
    received = b""
    while b"retry:" not in received:
        received += sock.recv(1024)
    assert received.startswith(b"HTTP/1.1 200"), received[:200]
    return sock


def poll(condition, seconds: float) -> bool:
    """Whether ``condition()`` became true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        threading.Event().wait(0.05)
    return condition()


def vanish_and_wait(server: WebServer, run, bound: float) -> bool:
    """Open a stream, stop reading it while the room sends a lot, and say whether the hub
    dropped it within ``bound`` seconds."""
    joined = httpx.post(f"{server.room_url}/api/join", json={"key": run.join_key}, timeout=10)
    hub, loop = server.context.hub, server.context.live.loop
    sock = open_stream(server, joined.json()["token"])
    try:
        assert poll(lambda: len(hub.subscribers) == 1, 5)
        for _ in range(80):
            loop.call_soon_threadsafe(hub.publish, "filler", FILLER)
        return poll(lambda: not hub.subscribers, bound + SLACK)
    finally:
        sock.close()


def test_a_stream_that_stops_draining_is_dropped_by_the_hub(model, demo_run):
    # The kernel's limit set far beyond the bound: the hub's own check must drop it.
    figures = Liveness(heartbeat=0.5, unacked=600, stall=2)
    server = serve(model, demo_run.id, figures)
    try:
        assert vanish_and_wait(server, demo_run, figures.heartbeat + figures.stall)
    finally:
        server.stop()


@pytest.mark.skipif(sys.platform != "linux", reason="TCP_USER_TIMEOUT is Linux's")
def test_the_kernel_fails_a_connection_whose_data_is_not_acknowledged(model, demo_run):
    # The hub's check set far beyond the bound: the accepted socket's TCP_USER_TIMEOUT must fail
    # the connection (Linux 5.11 and later count a window kept closed as unacknowledged data).
    figures = Liveness(heartbeat=0.5, unacked=2, stall=600)
    server = serve(model, demo_run.id, figures)
    try:
        assert vanish_and_wait(server, demo_run, figures.heartbeat + figures.unacked)
    finally:
        server.stop()
