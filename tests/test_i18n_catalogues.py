"""The phone page's catalogues: every language has every message, the compiled JSON is what the
translators' .po files say, counts take each language's plural forms (Welsh's six), the page's
code holds no sentence of its own, the language is the phone's, and a facilitator's
corrections win."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from pathlib import Path

import pytest

from facilitator.assets import asset_path
from facilitator.web import languages

ROOT = Path(__file__).resolve().parents[1]
LANGS = ["en", "cy", "pl", "ro", "pa", "ur"]


def compiler():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalogue(lang: str) -> dict:
    return json.loads(asset_path("web", "i18n", f"{lang}.json").read_text(encoding="utf-8"))


def test_there_is_a_catalogue_of_each_language_with_every_key():
    assert list(languages.available()) == LANGS
    keys = set(catalogue("en")["messages"])
    assert len(keys) > 100  # the page, the remote, every kind's part
    for lang in LANGS:
        assert set(catalogue(lang)["messages"]) == keys, lang


def test_every_message_is_translated_in_every_language():
    """No message falls back to English because a translator left it out."""
    script = compiler()
    for domain in script.domains():
        template = script.read(domain / "messages.pot")
        keys = {m.context for m in template if m.context}
        for lang in LANGS[1:]:
            path = domain / f"{lang}.po"
            assert path.exists(), f"{domain.name}: no {lang}.po"
            done = {
                m.context
                for m in script.read(path, lang)
                if m.context
                and not m.fuzzy
                and all(m.string if isinstance(m.string, tuple | list) else [m.string])
            }
            assert keys - done == set(), f"{domain.name}/{lang}.po lacks {sorted(keys - done)[:5]}"


def test_the_compiled_catalogues_are_what_the_po_files_say():
    assert compiler().check() == 0


def test_welsh_counts_take_six_forms():
    assert compiler().categories("cy") == ["zero", "one", "two", "few", "many", "other"]
    assert compiler().categories("pa") == ["one", "other"]
    counts = [v for v in catalogue("cy")["messages"].values() if isinstance(v, dict)]
    assert counts and all(set(v) == {"zero", "one", "two", "few", "many", "other"} for v in counts)


def test_no_sentence_lives_in_the_page_code():
    """String literals of the page's and the remote's code are keys, ids, classes or
    addresses, never words a person reads (those come from the catalogues)."""
    literal = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")
    words = re.compile(r"[A-Za-z]{2,}[ ,.:!?\u2026]+[A-Za-z]{2,}")
    found = []
    web = asset_path("web")
    for path in [*web.glob("*.js"), *(web / "kinds").glob("*.js")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("/*", "*", "//")):
                continue
            for match in literal.finditer(line):
                text = match.group(1) if match.group(1) is not None else match.group(2)
                if not words.search(text) or text == "use strict":
                    continue
                if re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", text):
                    continue  # a message's key
                if not re.search(r"[A-Z.,:!?\u2026]", text) and len(text.split()) < 3:
                    continue  # class names ("net bad")
                if text.startswith(("input[", "button", ".", "#", "/")):
                    continue
                found.append(f"{path.name}:{number}: {text}")
    assert found == []


def test_the_language_is_the_phones_first_known_one():
    assert languages.choose("cy-GB,en-GB", None) == "cy"
    assert languages.choose("fr-FR,pl", None) == "pl"
    assert languages.choose("", "ro-RO;q=0.8, ur;q=0.9") == "ur"
    assert languages.choose("xx", "zz") == "en"
    assert languages.choose("<script>", None) == "en"


def test_a_facilitators_correction_wins_over_the_bundled_text(tmp_path):
    key = next(k for k, v in catalogue("cy")["messages"].items() if isinstance(v, str))
    folder = tmp_path / "languages"
    folder.mkdir()
    (folder / "cy.json").write_text(json.dumps({"messages": {key: "Testun newydd"}}), "utf-8")
    assert languages.catalogue("cy", tmp_path)["messages"][key] == "Testun newydd"
    (folder / "cy.json").write_text("{not json", "utf-8")
    assert languages.catalogue("cy", tmp_path)["messages"][key] == catalogue("cy")["messages"][key]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_stays_under_30_kb_in_every_language(lang):
    from facilitator.web.pages import phone_script, phone_style

    raw = asset_path("web", "i18n", f"{lang}.json").read_bytes()
    document = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode()
    page = [asset_path("web", "index.html").read_bytes(), phone_style(), phone_script(), document]
    assert sum(len(gzip.compress(part, 9)) for part in page) < 30 * 1024
