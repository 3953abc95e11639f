"""A phone set to each language gets the page in it, without touching a setting: the page says
its language (and runs right to left in Urdu), shows no English of its own, and a note posts
and shows as sent. With FACILITATOR_SCREENSHOTS set to a folder, the pictures go there as
phone-<lang>.png (docs/screenshots holds the ones made on a machine with Noto fonts)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from test_web_support import go_to_kind

from facilitator.assets import asset_path
from facilitator.web.server import WebServer

LANGS = ["en", "cy", "pl", "ro", "pa", "ur"]


def messages(lang: str) -> dict:
    path = asset_path("web", "i18n", f"{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))["messages"]


def english_words(lang: str) -> list[str]:
    """The page's English sentences that this language says otherwise (names of languages and
    words that are the same in both left out)."""
    english, own = messages("en"), messages(lang)
    out = []
    for key, text in english.items():
        forms = text.values() if isinstance(text, dict) else [text]
        theirs = own[key].values() if isinstance(own[key], dict) else [own[key]]
        for form in forms:
            plain = re.sub(r"\{\w+\}", "", form).strip()
            if len(plain.split()) >= 2 and form not in theirs:
                out.append(plain)
    return out


@pytest.fixture
def server(model, demo_run):
    srv = WebServer(model, demo_run.id, host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.stop()


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_in_its_own_language_at_a_whiteboard(
    browser, server, model, demo_run, lang, tmp_path
):
    # GIVEN a phone whose settings say `lang`, on the whiteboard that shows everyone's notes
    board = go_to_kind(model, demo_run.id, "whiteboard")
    context = browser.new_context(locale=lang, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(server.join_url)
        page.locator("#main h1", has_text=board.title).wait_for()
        # THEN the page declares its language, and runs right to left in Urdu
        assert page.evaluate("document.documentElement.lang") == lang
        direction = page.evaluate("document.documentElement.dir")
        assert direction == ("rtl" if lang == "ur" else "ltr")
        # AND a note posts and shows as sent, in the language
        page.locator("#note-text").fill("Listening first")
        page.locator("#note-form button[type=submit]").click()
        sent = messages(lang)[_key_of("sent")]
        page.locator("#mine li", has_text="Listening first").filter(has_text=sent).wait_for()
        # AND nothing the page itself says is English (the workshop's own words may be)
        shown = page.evaluate("document.body.innerText")
        for own in (board.title, board.prompt, demo_run.title, "Listening first"):
            shown = shown.replace(own, "")
        if lang != "en":
            left = [w for w in english_words(lang) if w in shown]
            assert left == [], left
        shots = Path(os.environ.get("FACILITATOR_SCREENSHOTS") or tmp_path)
        page.screenshot(path=str(shots / f"phone-{lang}.png"), full_page=True)
    finally:
        context.close()


def test_welsh_counts_on_the_phone_use_the_browsers_plural_rules(browser, server):
    """Chromium's Intl.PluralRules and the Welsh catalogue pick zero, one, two, few, many and
    other for 0, 1, 2, 3, 6 and 11."""
    key, forms = next((k, v) for k, v in messages("cy").items() if isinstance(v, dict))
    context = browser.new_context(locale="cy")
    page = context.new_page()
    try:
        page.goto(server.join_url)
        page.wait_for_function("document.documentElement.lang === 'cy'")
        said = page.evaluate(
            "([key, counts]) => counts.map((n) => I18N.t(key, {n: n}))", [key, [0, 1, 2, 3, 6, 11]]
        )
    finally:
        context.close()
    counts = [0, 1, 2, 3, 6, 11]
    categories = ("zero", "one", "two", "few", "many", "other")
    pairs = zip(categories, counts, strict=True)
    assert said == [forms[c].replace("{n}", str(n)) for c, n in pairs]


def _key_of(english: str) -> str:
    return next(k for k, v in messages("en").items() if v == english)
