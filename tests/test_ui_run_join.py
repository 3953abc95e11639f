"""The join panel with the real phone server on loopback: the console, the join slide and the
welcome slide show the server's QR code, address and room code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_run_helpers import temp_settings

from facilitator.model.demos import demo_workshop
from facilitator.model.runs import spaced_room_code
from facilitator.ui.join_panel import QrCode, qr_matrix, short_address


def open_served(qtbot, model, tmp_path, screens=None):
    from facilitator.ui.app import MainWindow

    window = MainWindow(model, temp_settings(tmp_path), host="127.0.0.1", port=0, screens=screens)
    qtbot.addWidget(window)
    window.show()
    window.start_run(demo_workshop(model.library).id)
    assert window.server is not None, window.console.problem.text()
    return window, window.console


def test_the_join_panels_show_the_real_server(qtbot, model, tmp_path):
    # GIVEN the app with its phone server bound to loopback on a free port
    window, console = open_served(qtbot, model, tmp_path)
    server = window.server
    assert server.port > 0 and server.address == "127.0.0.1"
    url = server.join_url
    # THEN the console's join panel carries the join address as a QR code and as text
    panel = console.side.join
    assert panel.qr.text == url and panel.qr.matrix == qr_matrix(url)
    assert panel.address.text() == short_address(url) == f"127.0.0.1:{server.port}"
    assert panel.code.text() == f"Room code {spaced_room_code(console.run.room_code)}"
    # the phone remote's code is on the console only, and there only when asked for
    remote = console.side.remote
    assert remote.qr.text == server.remote_url and remote.qr.matrix == qr_matrix(remote.url)
    assert not remote.toggle.isHidden() and not remote.shown
    # the welcome slide (show_join) on the projector shows the same code
    welcome = console.presenter.stage.view
    assert welcome.join is not None and welcome.join.qr.text == url
    # WHEN the join slide is put up
    console.join_slide()
    slide = console.presenter.stage.join_slide
    assert console.presenter.stage.join_visible
    assert slide.panel.qr.text == url and not slide.panel.qr.isHidden()
    assert server.remote_url not in {slide.panel.qr.text, welcome.join.qr.text}
    window.close()
    assert window.server is None


def test_the_facilitator_chooses_the_address_phones_use(qtbot, model, tmp_path, monkeypatch):
    import urllib.request

    from facilitator.ui.app import MainWindow
    from facilitator.web import network

    # GIVEN a laptop on two networks (a second interface cannot exist here: it is injected;
    # the server really listens on every interface, loopback included)
    monkeypatch.setenv("NO_PROXY", "*")
    found = [network.Candidate("192.0.2.77", "wlan0", True), network.Candidate("127.0.0.1", "lo")]
    monkeypatch.setattr(network, "candidates", lambda: found)
    window = MainWindow(model, temp_settings(tmp_path), port=0)
    qtbot.addWidget(window)
    window.show()
    window.start_run(demo_workshop(model.library).id)
    console, server = window.console, window.server
    assert server is not None and server.address == "192.0.2.77"
    side = console.side
    # THEN the console offers both, with the network advice beside them
    assert not side.address_choice.isHidden()
    assert [side.address_choice.itemText(i) for i in range(side.address_choice.count())] == [
        "192.0.2.77",
        "127.0.0.1",
    ]
    assert side.address_choice.currentText() == "192.0.2.77"
    assert network.ADVICE_ROOM in side.network.text()
    # WHEN the facilitator picks loopback
    side.address_choice.setCurrentIndex(1)
    side.address_choice.activated.emit(1)
    # THEN every join code carries the new address, and phones can open it
    url = server.join_url
    assert url.startswith(f"http://127.0.0.1:{server.port}/")
    assert side.join.qr.text == url
    assert console.presenter.stage.view.join.qr.text == url  # the welcome slide
    assert console.presenter.stage.join_slide.panel.qr.text == url
    assert console.mirror.join_slide.panel.address.text() == short_address(url)
    with urllib.request.urlopen(url, timeout=10) as answer:
        assert answer.status == 200
    window.close()


def test_a_server_bound_to_one_address_offers_no_choice(qtbot, model, tmp_path):
    window, console = open_served(qtbot, model, tmp_path)
    assert console.side.address_choice.isHidden()
    window.close()


def remote_codes_in(widget, remote_url: str) -> list:
    return [qr for qr in widget.findChildren(QrCode) if qr.text == remote_url]


def test_the_remote_code_shows_on_demand_on_the_console_only(qtbot, model, tmp_path):
    from ui_run_helpers import FakeScreen

    from facilitator.ui.screens import ScreenModel

    # GIVEN a run with its phone server, on a laptop with a projector as a second screen
    # (with one screen the room may see the console: the code stays hidden, test_ui_day)
    laptop, projector = FakeScreen("eDP-1"), FakeScreen("HDMI-1", x=1920)
    screens = ScreenModel(temp_settings(tmp_path), lambda: [laptop, projector], lambda: laptop)
    window, console = open_served(qtbot, model, tmp_path, screens)
    remote, url = console.side.remote, window.server.remote_url
    assert remote.qr.isHidden() and remote.toggle.text() == "Show my remote code"
    # WHEN the facilitator asks for it
    qtbot.mouseClick(remote.toggle, Qt.MouseButton.LeftButton)
    # THEN it is on the console, large enough for a phone's camera, with a word of warning
    assert remote.qr.isVisible() and remote.label.isVisible()
    side = remote.qr.width() * remote.qr.devicePixelRatioF()
    assert remote.qr.width() == remote.qr.height() >= 160 and side >= 160
    assert remote.toggle.text() == "Hide my remote code"
    assert remote_codes_in(console, url) == [remote.qr]
    # AND never on the projector, whatever it shows: each step, the join slide, black
    presenter = console.presenter.stage
    for step in console.steps:
        console.go_to(step.position)
        qtbot.waitUntil(lambda s=step: presenter.step.id == s.id, timeout=3000)
        assert remote_codes_in(console.presenter, url) == []
        assert remote_codes_in(console.mirror, url) == []
    console.join_slide()
    assert presenter.join_visible and remote_codes_in(console.presenter, url) == []
    assert url not in str([lbl.text() for lbl in console.presenter.findChildren(QLabel)])
    # WHEN it is hidden again, it is gone from the console too
    qtbot.mouseClick(remote.toggle, Qt.MouseButton.LeftButton)
    assert remote.qr.isHidden() and remote.toggle.text() == "Show my remote code"
    window.close()


def test_without_a_phone_server_there_is_no_remote_code(qtbot, model, tmp_path):
    from ui_run_helpers import start_demo

    window, console = start_demo(qtbot, model, tmp_path)
    remote = console.side.remote
    assert remote.isHidden() and not remote.shown
    remote.set_shown(True)  # nothing to show
    assert not remote.shown
