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
