"""The server's refusals reach the phone as codes the page says in its reader's language: a few
refusals over the real server carry their code and the figures of their sentence, every code
the code base gives has its ``error.<code>`` message in every language, and a Welsh phone
typing a wrong room code reads the refusal in Welsh."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from test_web_support import go_to_kind, phone, start_server

from facilitator.assets import asset_path
from facilitator.model import text
from facilitator.model.text import NAME_MAX, NOTE_MAX

ROOT = Path(__file__).resolve().parents[1]
LANGS = ["en", "cy", "pl", "ro", "pa", "ur"]


@pytest.fixture
def server(model, demo_run):
    srv = start_server(model, demo_run.id)
    yield srv
    srv.stop()


def messages(lang: str) -> dict:
    path = asset_path("web", "i18n", f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))["messages"]


def codes_in_the_code() -> set[str]:
    """Every code the server's code gives: ``code="..."`` in its source, and for each text
    ``subject="..."`` the codes of text.clean's refusals."""
    found = set()
    for path in (ROOT / "facilitator").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\bcode="(\w+)"', source))
        for subject in re.findall(r'\bsubject="(\w+)"', source):
            found |= {f"{subject}_{refusal}" for refusal in text.REFUSALS}
    return found


def refusal(answer: httpx.Response, status: int, code: str) -> dict:
    """The refusal's params, after checking its status, code and English sentence."""
    body = answer.json()
    assert answer.status_code == status, body
    assert body["code"] == code and body["error"].endswith("."), body
    return body["params"]


def test_every_code_has_its_message_in_every_language():
    codes = codes_in_the_code()
    assert {"step_closed", "slow_down_note", "note_too_long", "not_joined"} <= codes
    for lang in LANGS:
        missing = sorted(c for c in codes if f"error.{c}" not in messages(lang))
        assert missing == [], (lang, missing)
    # and the phone's catalogue keeps no message of a code that is no longer given
    template = (ROOT / "locales" / "phone" / "messages.pot").read_text(encoding="utf-8")
    assert set(re.findall(r'msgctxt "error\.(\w+)"', template)) == codes


def test_a_refusals_params_fill_its_message(server, model, demo_run):
    # GIVEN two joined phones on the whiteboard
    client = phone(server, demo_run, name="Ana")
    other = phone(server, demo_run)
    board = go_to_kind(model, demo_run.id, "whiteboard")
    url = f"/api/steps/{board.id}/notes"
    # WHEN it sends a note too long, takes a name already taken, or is not joined at all
    too_long = client.post(url, json={"client_id": "a", "text": "x" * (NOTE_MAX + 1)})
    taken = other.patch("/api/me", json={"name": "Ana"})
    stranger = httpx.get(f"{server.room_url}/api/state")
    long_name = other.patch("/api/me", json={"name": "y" * (NAME_MAX + 1)})
    # THEN each says its code, with the figures its sentence has
    assert refusal(too_long, 422, "note_too_long") == {"limit": NOTE_MAX, "length": NOTE_MAX + 1}
    assert refusal(taken, 409, "name_taken") == {"name": "Ana"}
    assert refusal(stranger, 403, "not_joined") == {}
    assert refusal(long_name, 422, "name_too_long")["limit"] == NAME_MAX
    # and the Welsh message takes those figures by name
    welsh = messages("cy")["error.note_too_long"]
    assert "{limit}" in welsh and "{length}" in welsh


def test_limits_closed_steps_and_the_remote_say_their_codes(server, model, demo_run):
    client = phone(server, demo_run)
    board = go_to_kind(model, demo_run.id, "whiteboard")
    # a phone sending notes too fast: the seconds to wait are the Retry-After
    answers = [
        client.post(f"/api/steps/{board.id}/notes", json={"client_id": f"n{i}", "text": "x"})
        for i in range(25)
    ]
    slow = next(a for a in answers if a.status_code == 429)
    assert refusal(slow, 429, "slow_down_note") == {"seconds": int(slow.headers["Retry-After"])}
    # a step closed to answers
    position = go_to_kind(model, demo_run.id, "position")
    model.runs.set_step_state(demo_run.id, position.id, locked=True)
    closed = client.put(f"/api/steps/{position.id}/response", json={"answer": {"x": 0.5, "y": 0.5}})
    refusal(closed, 409, "step_closed")
    # the remote without its key, a wrong room code, an address that is nothing, a huge body
    with httpx.Client(base_url=server.room_url) as script:
        refusal(script.get("/api/remote/state"), 403, "remote_key")
        refusal(script.post("/api/join", json={"key": "WRONG1"}), 403, "wrong_code")
        refusal(script.get("/nowhere"), 404, "not_found")
        huge = script.post("/api/join", content=b"x" * 20_000)
        assert refusal(huge, 413, "too_large") == {"kb": 16}


def test_a_welsh_phone_reads_a_wrong_room_code_refusal_in_welsh(browser, server, demo_run):
    context = browser.new_context(locale="cy-GB", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(server.room_url + "/")  # no key in the address: the join form
        page.locator("#join-code").fill("WRONG1")
        page.locator("#join button[type=submit]").click()
        expected = messages("cy")["error.wrong_code"]
        page.locator("#join-error", has_text=expected).wait_for()
        assert page.locator("#join h1").text_content() == messages("cy")["phone.join_title"]
    finally:
        context.close()
