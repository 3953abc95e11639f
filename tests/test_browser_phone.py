"""A phone in a real headless Chromium: joins from the QR code's address, renames, follows step
changes made in the app, and keeps posting through a server restart without losing or doubling
a note."""

from __future__ import annotations

import re
import shutil

import pytest
from test_web_support import go_to_kind

from facilitator.web.server import WebServer

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def add_note(page, text: str) -> None:
    page.get_by_label("Your note").fill(text)
    page.get_by_role("button", name="Add").click()


def test_a_phone_joins_renames_posts_and_survives_a_restart(page, model, demo_run, tmp_path):
    server = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    server.start()
    port = server.port
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        # GIVEN a phone that scanned the QR code
        page.goto(server.join_url)
        page.get_by_text("You are").wait_for()
        assert page.locator("#main h1").inner_text() == "Welcome to Change Agents"
        # WHEN it changes its name
        page.get_by_role("button", name="change").click()
        page.get_by_label("Your name, as others will see it").fill("Dr Ana <b>Lopez</b>")
        page.get_by_role("button", name="Save").click()
        page.locator("#who-text b", has_text="Dr Ana <b>Lopez</b>").wait_for()
        assert [p.name for p in model.runs.participants(demo_run.id)] == ["Dr Ana <b>Lopez</b>"]

        # WHEN the facilitator moves to a whiteboard in the app: the phone follows
        board = go_to_kind(model, demo_run.id, "whiteboard")
        page.locator("#main h1", has_text=board.title).wait_for()
        add_note(page, "She made it <i>personal</i>")
        page.locator("#mine .note", has_text="sent").wait_for()
        page.screenshot(path=str(tmp_path / "phone-board.png"), full_page=True)

        # WHEN the laptop goes away, notes wait on the phone
        server.stop()
        add_note(page, "Second, while offline")
        add_note(page, "Third, while offline")
        page.locator("#mine .note", has_text="waiting for connection").first.wait_for()
        assert len(model.board.notes(demo_run.id)) == 1

        # THEN when it is back, they are sent, each exactly once, and the phone follows again
        server = WebServer(model, demo_run.id, host="127.0.0.1", port=port)
        server.start()
        assert server.port == port
        page.locator("#net", has_text="Connected").wait_for(timeout=20_000)
        # (expect polls from Python: the page's CSP rightly forbids wait_for_function's eval)
        expect(page.locator("#mine .meta")).to_have_text(["sent"] * 3, timeout=20_000)
        texts = sorted(n.text for n in model.board.notes(demo_run.id))
        assert texts == [
            "Second, while offline",
            "She made it <i>personal</i>",
            "Third, while offline",
        ]
        model.runs.next(demo_run.id)
        page.locator("#main h1", has_text="Extrinsic vs intrinsic motivators").wait_for()
        # User text stays text: no element was made from it
        assert page.locator("#main i").count() == 0 and page.locator("#who-text b b").count() == 0
    finally:
        server.stop()
    assert not errors
    assert all(url.startswith(f"http://127.0.0.1:{port}/") for url in requests), requests


def test_a_phone_places_its_dot_and_answers_the_form(page, model, demo_run):
    server = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    server.start()
    try:
        position = go_to_kind(model, demo_run.id, "position")
        page.goto(server.join_url)
        picture = page.locator(".picture img")
        picture.wait_for()
        expect(picture).to_have_js_property("complete", True)
        box = picture.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.75)
        # "Saved." or, when the page happened to redraw the step meanwhile, its stored dot
        page.get_by_text(re.compile(r"^(Saved\.|Your dot is on the picture)")).wait_for()
        (dot,) = model.responses.answers(demo_run.id, position.id)
        x, y = dot.answer["x"], dot.answer["y"]
        assert x == pytest.approx(0.25, abs=0.02) and y == pytest.approx(0.75, abs=0.02)

        form = go_to_kind(model, demo_run.id, "feedback")
        page.locator("#main h1", has_text=form.title).wait_for()
        page.get_by_label("4 out of 5").first.check(force=True)
        page.get_by_label("What would you like more of next time?").fill("More time for stories")
        page.get_by_role("button", name="Send answers").click()
        page.get_by_text("Thank you: your answers are saved.").wait_for()
        (answer,) = model.responses.answers(demo_run.id, form.id)
        assert answer.answer == {"answers": {"useful": 4, "next": "More time for stories"}}
    finally:
        server.stop()


def test_the_remote_drives_the_run_from_a_phone(page, model, demo_run):
    server = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    server.start()
    try:
        page.goto(server.remote_url)
        page.locator("#title", has_text="Welcome to Change Agents").wait_for()
        page.get_by_role("button", name="Next").click()
        page.locator("#title", has_text="Your position?").wait_for()
        assert model.runs.run(demo_run.id).current_position == 1
        page.get_by_role("button", name="Black screen").click()
        page.get_by_role("button", name="Show the screen").wait_for()
        assert model.runs.run(demo_run.id).black
        assert "k=" not in page.url  # the key does not stay in the address bar
        # on the position step (which takes answers): close it, then show its results
        page.get_by_role("button", name="Close to answers").click()
        page.get_by_role("button", name="Open again").wait_for()
        position = model.runs.current_step(demo_run.id)
        assert model.runs.step_state(demo_run.id, position.id).locked
        page.get_by_role("button", name="Hide results").click()  # a position shows dots live
        page.get_by_role("button", name="Show results").wait_for()
        assert model.runs.step_state(demo_run.id, position.id).results_shown is False
    finally:
        server.stop()
