"""Names on the phone page in a real headless Chromium: a 40-character name without spaces never
widens the page (header or notes) on 320 and 360 px wide phones, a rename reaches the other
phones live, and an anonymous board shows no one else's name."""

from __future__ import annotations

import pytest
from test_browser_phone import CHROMIUM, playwright
from test_web_support import go_to_kind, phone

from facilitator.model.text import NAME_MAX
from facilitator.web.server import WebServer

expect = playwright.expect
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium")

LONG = "Maximiliana-Wolfeschlegelsteinhausenberg"  # 40 characters, no space to wrap at
OTHER = "Bartholomew-Featherstonehaugh-Cholmondel"
assert len(LONG) == len(OTHER) == NAME_MAX


@pytest.fixture
def server(model, demo_run):
    srv = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


def open_phone(browser, server, width: int):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(server.join_url)
    page.get_by_text("You are").wait_for()
    return context, page


def rename(page, name: str) -> None:
    page.get_by_role("button", name="change").click()
    page.get_by_label("Your name, as others will see it").fill(name)
    page.get_by_role("button", name="Save").click()
    page.locator("#who-text b", has_text=name).wait_for()


def widths(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("width", [320, 360])
def test_a_forty_character_name_never_widens_the_page(
    browser, server, model, demo_run, tmp_path, width
):
    # GIVEN a phone whose person takes a 40-character name, on a board with someone else's note
    board = go_to_kind(model, demo_run.id, "whiteboard")
    other = phone(server, demo_run, OTHER)
    other.post(f"/api/steps/{board.id}/notes", json={"client_id": "o", "text": "Kept it short"})
    context, page = open_phone(browser, server, width)
    try:
        rename(page, LONG)
        page.get_by_label("Your note").fill("Told a story first")
        page.get_by_role("button", name="Add").click()
        page.locator("#mine .note", has_text="sent").wait_for()
        page.locator("#others .note .author", has_text=OTHER).wait_for()
        # THEN nothing is wider than the screen: the names wrap, on the header and on notes
        scroll, inner = widths(page)
        assert scroll <= inner, (scroll, inner)
        for box in (page.locator(".bar").bounding_box(), page.locator("#others").bounding_box()):
            assert box["x"] >= 0 and box["x"] + box["width"] <= inner
        page.screenshot(path=str(tmp_path / f"phone-long-name-{width}.png"), full_page=True)
    finally:
        context.close()


def test_a_rename_reaches_the_other_phones_live(browser, server, model, demo_run):
    # GIVEN a phone showing Bart's note on a board
    board = go_to_kind(model, demo_run.id, "whiteboard")
    bart = phone(server, demo_run, "Bart")
    bart.post(f"/api/steps/{board.id}/notes", json={"client_id": "b", "text": "Gave one ask"})
    context, page = open_phone(browser, server, 360)
    try:
        author = page.locator("#others .note .author")
        expect(author).to_have_text(["Bart"])
        # WHEN Bart changes his name on his own phone
        assert bart.patch("/api/me", json={"name": OTHER}).status_code == 200
        # THEN this phone shows the new name on his note without reloading, and still fits
        expect(author).to_have_text([OTHER])
        scroll, inner = widths(page)
        assert scroll <= inner
    finally:
        context.close()


def test_an_anonymous_board_shows_no_one_elses_name(browser, server, model):
    ws = model.library.create_workshop("Quiet")
    model.library.add_step(ws.id, "whiteboard", title="Ideas", settings={"anonymous": True})
    run = model.runs.start(ws.id)
    board = model.runs.current_step(run.id)
    srv = WebServer(model, run.id, host="127.0.0.1", port=0)
    srv.start()
    try:
        bart = phone(srv, run, "Bart")
        bart.post(f"/api/steps/{board.id}/notes", json={"client_id": "b", "text": "Gave one ask"})
        context, page = open_phone(browser, srv, 360)
        page.get_by_text("This board is anonymous").wait_for()
        expect(page.locator("#others .note .text")).to_have_text(["Gave one ask"])
        expect(page.locator("#others .note .author")).to_have_text([""])
        bart.patch("/api/me", json={"name": "Bartholomew"})
        page.get_by_label("Your note").fill("Mine")
        page.get_by_role("button", name="Add").click()
        page.locator("#mine .note", has_text="sent").wait_for()
        page.wait_for_timeout(800)  # the stream's copy of it (without a name) has come too
        expect(page.locator("#mine .note .text")).to_have_text(["Mine"])
        expect(page.locator("#others .note .text")).to_have_text(["Gave one ask"])
        assert "Bart" not in page.locator("#main").inner_text()
        context.close()
    finally:
        srv.stop()
