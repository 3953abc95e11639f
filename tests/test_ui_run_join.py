"""The join panel with the real phone server on loopback: the console, the join slide and the
welcome slide show the server's QR code, address and room code."""

from __future__ import annotations

from ui_run_helpers import temp_settings

from facilitator.model.demos import demo_workshop
from facilitator.ui.join_panel import qr_matrix, short_address


def open_served(qtbot, model, tmp_path):
    from facilitator.ui.app import MainWindow

    window = MainWindow(model, temp_settings(tmp_path), host="127.0.0.1", port=0)
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
    assert panel.code.text() == f"Room code {console.run.room_code}"
    # the phone remote's code is on the console only
    assert console.side.remote.text == server.remote_url
    assert not console.side.remote.isHidden()
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
