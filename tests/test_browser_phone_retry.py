"""In a real headless Chromium: a phone told to wait (429 with Retry-After) sends its note again
no sooner than it was told, and exactly once; the remote page follows the run on its event
stream instead of asking every two seconds."""

from __future__ import annotations

import json
import shutil

import httpx
import pytest
from test_web_support import go_to_kind

from facilitator.web.server import WebServer

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium")

# Logs every request the page makes, and every answer, with the page's own clock (run before the
# page's scripts; it reports through the console, so the page's CSP needs no exception).
XHR_LOG = """
(function () {
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  function log(entry) { console.log("xhr " + JSON.stringify(entry)); }
  XMLHttpRequest.prototype.open = function (method, url) {
    var x = this;
    x.__what = method + " " + url;
    x.addEventListener("readystatechange", function () {
      if (x.readyState === 4) log({ at: performance.now(), what: x.__what, status: x.status,
                                    wait: x.getResponseHeader("Retry-After") });
    });
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    log({ at: performance.now(), what: this.__what, sent: true });
    return send.apply(this, arguments);
  };
})();
"""


@pytest.fixture
def server(model, demo_run):
    srv = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_refused_note_waits_for_retry_after_then_is_sent_once(page, server, model, demo_run):
    log: list[dict] = []
    page.on("console", lambda m: m.text.startswith("xhr ") and log.append(json.loads(m.text[4:])))
    page.add_init_script(script=XHR_LOG)
    board = go_to_kind(model, demo_run.id, "whiteboard")
    url = f"/api/steps/{board.id}/notes"
    # GIVEN a phone on a board whose person has just sent a flood of notes (from a script)
    page.goto(server.join_url)
    page.get_by_text("You are").wait_for()
    (token,) = [c["value"] for c in page.context.cookies() if c["name"] == "facilitator_token"]
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.room_url, headers=headers) as script:
        codes = [script.post(url, json={"client_id": f"s{i}", "text": "x"}) for i in range(25)]
    assert 429 in [a.status_code for a in codes]
    # WHEN the phone adds a note
    page.get_by_label("Your note").fill("After the flood")
    page.get_by_role("button", name="Add").click()
    # THEN it is refused for now, waits, and is sent in the end, exactly once
    mine = page.locator("#mine .note", has_text="After the flood").locator(".meta")
    expect(mine).to_have_text("sent", timeout=60_000)
    assert [n.text for n in model.board.notes(demo_run.id)].count("After the flood") == 1
    posts = [e for e in log if e["what"] == f"POST {url}"]
    refused = [i for i, e in enumerate(posts) if e.get("status") == 429]
    assert refused, posts
    for i in refused:
        # the next time the note goes out is at least Retry-After seconds after the refusal
        wait = int(posts[i]["wait"])
        assert wait >= 1
        resent = next(e for e in posts[i + 1 :] if e.get("sent"))
        assert resent["at"] - posts[i]["at"] >= wait * 1000, (posts[i], resent)
    assert posts[-1]["status"] == 201


def test_the_remote_page_follows_the_run_on_its_event_stream(page, server, model, demo_run):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # GIVEN the remote page
    page.goto(server.remote_url)
    page.locator("#title", has_text="Welcome to Change Agents").wait_for()
    # WHEN the facilitator moves on in the app, THEN the remote shows it, without polling
    model.runs.next(demo_run.id)
    page.locator("#title", has_text="Your position?").wait_for()
    assert any("/api/remote/events" in u for u in requests)
    assert not [u for u in requests if "/api/remote/state" in u]
    # and a change made on the laptop while the remote shows a button's result reaches it too
    page.get_by_role("button", name="Black screen").click()
    page.get_by_role("button", name="Show the screen").wait_for()
    model.runs.set_black(demo_run.id, False)
    page.get_by_role("button", name="Black screen").wait_for()
