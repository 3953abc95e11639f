"""End to end: the app runs the demo with the real phone server on loopback; a headless
Chromium phone opens the join address, types a note and sends it; the note appears on the
projector's view of the board."""

from __future__ import annotations

import shutil
import threading

import pytest
from ui_run_helpers import go_to_kind, temp_settings

from facilitator.model.demos import demo_workshop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def phone_posts(url: str, text: str, outcome: dict) -> None:
    """A phone in its own thread (Playwright's sync API must not share the Qt thread's loop)."""
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 800})
            page.goto(url)
            page.wait_for_selector("#note-text", timeout=15000)
            page.fill("#note-text", text)
            page.click("#note-form button[type=submit]")
            # the phone lists its own note once the server acknowledged it
            page.wait_for_function(
                "t => document.body.innerText.includes(t)", arg=text, timeout=15000
            )
            outcome["ok"] = True
            browser.close()
    except Exception as error:  # reported by the test on the Qt thread
        outcome["error"] = error


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is needed for the phone")
def test_a_phone_note_reaches_the_projector(qtbot, model, tmp_path, monkeypatch):
    from facilitator.ui.app import MainWindow

    monkeypatch.setenv("NO_PROXY", "*")
    # GIVEN the app with the phone server, on the demo's first board
    window = MainWindow(model, temp_settings(tmp_path), serve=True, port=free_port())
    qtbot.addWidget(window)
    window.show()
    window.start_run(demo_workshop(model.library).id)
    console = window.console
    assert window.server is not None, console.problem.text()
    window.server.use_address("127.0.0.1")
    step = go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    # WHEN a phone joins by the QR code's address and posts a note
    text = "Rita made it <b>personal</b>"
    outcome: dict = {}
    phone = threading.Thread(target=phone_posts, args=(window.server.join_url, text, outcome))
    phone.start()
    qtbot.waitUntil(lambda: not phone.is_alive(), timeout=60000)
    assert "error" not in outcome, outcome.get("error")
    # THEN it appears on the projector's board, as typed, with the phone's name on it
    qtbot.waitUntil(lambda: any(i.note.text == text for i in scene.notes.values()), timeout=5000)
    item = next(i for i in scene.notes.values() if i.note.text == text)
    projector = console.presenter.stage.view.board
    assert projector.scene is scene

    def card():
        return next((c for c in projector.page().cards if c.note.id == item.note.id), None)

    qtbot.waitUntil(lambda: card() is not None, timeout=5000)
    card = card()
    # as typed (the lines may break inside "</b>", where a face allows it), and named
    assert "".join("".join(card.lines).split()) == "".join(text.split())
    assert card.author == item.note.author
    assert not item.note.by_facilitator
    assert console.side.people.text().startswith("1 attendee")
    window.close()
