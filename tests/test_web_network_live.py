"""The real phone server while a run is open: it reads the laptop's addresses again (sleep, a new
Wi-Fi) and moves the join address when the old one has left; with no phone for a minute it says
what usually blocks them. The interface reader and the clock are injected; the server is real,
listening on every interface and reached over loopback (127.0.0.2 and .3 are loopback too)."""

from __future__ import annotations

import urllib.request

import pytest

from facilitator.web import room_advice
from facilitator.web.network import Candidate
from facilitator.web.server import REDETECT_SECONDS, WebServer


class Laptop:
    """What the injected interface reader answers, and a clock the test moves."""

    def __init__(self, *addresses: str):
        self.addresses = list(addresses)
        self.reads = 0
        self.now = 1000.0

    def candidates(self) -> list[Candidate]:
        self.reads += 1
        return [Candidate(a, f"Wi-Fi {i + 1}", kind="wifi") for i, a in enumerate(self.addresses)]

    def clock(self) -> float:
        return self.now


@pytest.fixture
def laptop():
    return Laptop("127.0.0.2")


@pytest.fixture
def served(model, demo_run, laptop, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "*")
    server = WebServer(
        model,
        demo_run.id,
        port=0,
        interfaces=laptop.candidates,
        clock=laptop.clock,
        platform="win32",
    )
    server.start()
    yield server
    server.stop()


def opens(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status == 200


def test_the_join_address_follows_the_laptop_to_a_new_network(served, laptop):
    # GIVEN a run whose phones join on the laptop's Wi-Fi address
    assert served.address == "127.0.0.2" and opens(served.join_url)
    # WHEN the laptop wakes on another Wi-Fi (the old address has gone)
    laptop.addresses = ["127.0.0.3"]
    laptop.now += REDETECT_SECONDS - 1
    # THEN the status reads the interfaces again only every few seconds
    reads = laptop.reads
    assert served.status().address == "127.0.0.2" and laptop.reads == reads
    laptop.now += 1
    status = served.status()
    assert laptop.reads == reads + 1
    # and then advertises the new address, on which the phone page opens
    assert status.address == "127.0.0.3" and status.candidates == ("127.0.0.3",)
    assert served.join_url.startswith(f"http://127.0.0.3:{served.port}/?k=")
    assert opens(served.join_url)


def test_an_address_still_on_the_laptop_stays_and_no_network_keeps_it(served, laptop):
    # GIVEN the facilitator chose the laptop's second address
    laptop.addresses = ["127.0.0.2", "127.0.0.3"]
    laptop.now += REDETECT_SECONDS
    served.status()
    served.use_address("127.0.0.3")
    # WHEN the laptop is on no network for a moment (asleep)
    laptop.addresses = []
    laptop.now += REDETECT_SECONDS
    status = served.status()
    # THEN the status says so, and the join codes keep the last address
    assert status.offline and status.address == "127.0.0.3"
    assert status.advice[0] == room_advice.ADVICE_OFFLINE
    # WHEN it wakes with both addresses back, the chosen one stays
    laptop.addresses = ["127.0.0.2", "127.0.0.3"]
    laptop.now += REDETECT_SECONDS
    status = served.status()
    assert not status.offline and status.address == "127.0.0.3"


def test_no_phone_for_a_minute_names_what_usually_blocks_them(served, laptop):
    # GIVEN a run on Windows that no phone has reached (loopback is not a phone)
    assert opens(served.join_url)
    laptop.now += room_advice.BLOCKER_SECONDS - 1
    status = served.status()
    assert status.phones_seen == 0 and status.advice[0] == room_advice.ADVICE_WAITING
    # WHEN a minute has passed since the run started
    laptop.now += 1
    advice = " ".join(served.status().advice)
    # THEN the advice says what usually keeps phones out on Windows, with the settings' names
    assert advice.startswith(room_advice.ADVICE_NOBODY)
    assert "Windows Defender Firewall" in advice and '"Private network"' in advice
    assert "client isolation" in advice
    # WHEN the join slide goes up, the room gets another minute
    served.join_shown()
    assert served.status().advice[0] == room_advice.ADVICE_WAITING
    laptop.now += room_advice.BLOCKER_SECONDS
    assert served.status().advice[0] == room_advice.ADVICE_NOBODY


def test_a_server_bound_to_one_address_never_moves(model, demo_run, laptop):
    server = WebServer(
        model,
        demo_run.id,
        host="127.0.0.1",
        port=0,
        interfaces=laptop.candidates,
        clock=laptop.clock,
    )
    server.start()
    try:
        laptop.addresses = ["127.0.0.3"]
        laptop.now += REDETECT_SECONDS
        assert server.status().address == "127.0.0.1" and server.status().offline
    finally:
        server.stop()


def test_serve_prints_the_new_join_address(served, laptop, model, demo_run, capsys):
    import threading

    from facilitator.cli import serve

    stop = serve.Stop()

    def the_laptop_moves():
        laptop.addresses = ["127.0.0.3"]
        laptop.now += REDETECT_SECONDS
        threading.Event().wait(2.5 * serve.TICK_SECONDS)
        stop.request()

    mover = threading.Thread(target=the_laptop_moves)
    mover.start()
    serve._wait(model, served, demo_run.id, stop)
    mover.join()
    out = capsys.readouterr().out
    assert room_advice.address_changed("127.0.0.3") in out
    assert f"Join: {served.join_url}\n" in out and "127.0.0.3" in served.join_url
