"""The run console with the real phone server while the laptop's network changes: the console
says the address changed and every join code follows; with no phone for a minute it says what
usually blocks them on this system; putting the join slide up gives the room another minute.
The interface reader and the server's clock are injected; the server really listens."""

from __future__ import annotations

import urllib.request

import pytest
from ui_run_helpers import temp_settings

from facilitator.model.demos import demo_workshop
from facilitator.ui.bridge import EventBridge
from facilitator.ui.console import RunConsole
from facilitator.ui.join_panel import short_address
from facilitator.web import room_advice
from facilitator.web.network import Candidate
from facilitator.web.server import REDETECT_SECONDS, WebServer


class Laptop:
    """What the injected interface reader answers, and a clock the test moves."""

    def __init__(self, *addresses: str):
        self.addresses = list(addresses)
        self.now = 1000.0

    def candidates(self) -> list[Candidate]:
        return [Candidate(a, "Wi-Fi", kind="wifi") for a in self.addresses]

    def clock(self) -> float:
        return self.now


@pytest.fixture
def room(qtbot, model, tmp_path, monkeypatch):
    """A console over a run served on every interface of a laptop on macOS."""
    monkeypatch.setenv("NO_PROXY", "*")
    laptop = Laptop("127.0.0.2")
    run = model.runs.start(demo_workshop(model.library).id)
    server = WebServer(
        model, run.id, port=0, interfaces=laptop.candidates, clock=laptop.clock, platform="darwin"
    )
    server.start()
    console = RunConsole(
        model, temp_settings(tmp_path), run.id, EventBridge(model.bus), server=server
    )
    qtbot.addWidget(console)
    console.show()
    yield laptop, server, console
    console.shutdown()
    server.stop()


def join_codes(console) -> dict[str, str]:
    """Every join code the room or the facilitator can see, by where it is."""
    stage = console.presenter.stage
    return {
        "console": console.side.join.qr.text,
        "welcome slide": stage.view.join.qr.text,
        "join slide": stage.join_slide.panel.qr.text,
    }


def test_the_console_says_the_address_changed_and_the_join_codes_follow(room):
    laptop, server, console = room
    old = server.join_url
    assert set(join_codes(console).values()) == {old} and console.problem.isHidden()
    # WHEN the laptop wakes on another Wi-Fi and the console's next check comes
    laptop.addresses = ["127.0.0.3"]
    laptop.now += REDETECT_SECONDS
    console._network()  # what the console's 2-second timer calls
    # THEN it says so in one sentence, and every join code carries the new address
    new = server.join_url
    assert new.startswith(f"http://127.0.0.3:{server.port}/") and new != old
    assert console.problem.text() == room_advice.address_changed("127.0.0.3")
    assert not console.problem.isHidden()
    assert set(join_codes(console).values()) == {new}
    assert console.presenter.stage.join_slide.panel.address.text() == short_address(new)
    assert console.side.remote.url == server.remote_url
    with urllib.request.urlopen(new, timeout=10) as answer:  # and the phone page opens there
        assert answer.status == 200
    # a second check with nothing new says nothing new
    console.show_problem("")
    console._network()
    assert console.problem.isHidden()


def test_a_facilitators_own_choice_is_not_called_a_change(room):
    laptop, server, console = room
    laptop.addresses = ["127.0.0.2", "127.0.0.3"]
    laptop.now += REDETECT_SECONDS
    console._network()
    console.use_address("127.0.0.3")
    console._network()
    assert console.problem.isHidden()
    assert set(join_codes(console).values()) == {server.join_url}


def test_no_phone_for_a_minute_the_console_names_the_macs_settings(room):
    laptop, server, console = room
    console._network()
    assert room_advice.ADVICE_WAITING in console.side.network.text()
    # WHEN a minute passes and no phone has reached the laptop
    laptop.now += room_advice.BLOCKER_SECONDS
    console._network()
    text = console.side.network.text()
    # THEN the console says what usually blocks phones on a Mac, with the settings' names
    assert room_advice.ADVICE_NOBODY in text
    assert "System Settings > Privacy & Security > Local Network" in text
    assert "System Settings > Network > Firewall > Options" in text
    assert "• Local Network permission" in text  # one cause a line
    assert "#B3261E" in console.side.network.styleSheet()  # in red, to be seen
    # WHEN the facilitator puts the join slide up (J), the room gets another minute
    console.join_slide()
    console._network()
    assert room_advice.ADVICE_WAITING in console.side.network.text()
