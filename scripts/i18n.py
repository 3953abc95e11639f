"""The phone page's catalogues, at development time (the running app needs no Babel).

Source of truth: ``locales/<domain>/messages.pot`` holds each message of one part of the page
(``phone`` for the page itself and the remote, or a kind's name for its part): its key as the
``msgctxt`` and its English as the ``msgid`` (``msgid_plural`` for counts), and
``locales/<domain>/<lang>.po`` its translation, in gettext's format (Poedit and every
translation tool read it). Babel reads and writes them.

    python scripts/i18n.py update    # new keys of every template into every language's .po
    python scripts/i18n.py compile   # every .po into assets/web/i18n/<lang>.json
    python scripts/i18n.py check     # exit 1 if the JSON is not what compile would write

The page gets one JSON file per language: ``{"lang", "name", "dir", "languages",
"messages": {key: text | {CLDR plural category: text}}}``, every key present (English where a
translation is missing). Plural forms are the Unicode CLDR categories the browser's
``Intl.PluralRules`` gives (Welsh has six: zero, one, two, few, many, other); each language's
gettext ``Plural-Forms`` below numbers them in that order.
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "locales"
OUT = ROOT / "assets" / "web" / "i18n"
SOURCE_LANGUAGE = "en"

# Each language's gettext plural rule, numbering the CLDR categories of whole numbers (Babel's
# own table has four forms for Welsh, and gives Panjabi's 0 the wrong form).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "cy": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "pa": "nplurals=2; plural=(n > 1);",
    "ur": "nplurals=2; plural=(n != 1);",
}
LANGUAGES = list(PLURAL_FORMS)  # in the picker's order


def domains() -> list[Path]:
    return sorted(p for p in SOURCES.iterdir() if (p / "messages.pot").is_file())


def read(path: Path, lang: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang)


def write(catalog: Catalog, path: Path) -> None:
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


def categories(lang: str) -> list[str]:
    """The CLDR category of each gettext plural index of ``lang`` (checked on 0..1000)."""
    rule = PLURAL_FORMS[lang]
    count = int(rule.split("nplurals=")[1].split(";")[0])
    pick = gettext.c2py(rule.split("plural=")[1].rstrip(";"))
    locale = Locale.parse(lang)
    found: dict[int, str] = {}
    for n in range(1001):
        index, category = pick(n), locale.plural_form(n)
        if found.setdefault(index, category) != category:
            raise SystemExit(f"{lang}: plural form {index} is both {found[index]} and {category}")
    return [found.get(i, "other") for i in range(count)]


def update() -> None:
    """Every template's keys into every language's .po (new ones empty, gone ones dropped)."""
    for domain in domains():
        template = read(domain / "messages.pot")
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            path = domain / f"{lang}.po"
            catalog = read(path, lang) if path.exists() else _new(lang, domain.name)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            write(_with_plural_forms(catalog, lang), path)


def _new(lang: str, domain: str) -> Catalog:
    return Catalog(
        locale=lang,
        domain=domain,
        project="Facilitator (the phone page)",
        copyright_holder="the Facilitator authors",
        fuzzy=False,
    )


def _with_plural_forms(catalog: Catalog, lang: str) -> Catalog:
    headers = [(k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"]
    catalog.mime_headers = [*headers, ("Plural-Forms", PLURAL_FORMS[lang])]
    return catalog


def _english(template: Catalog) -> dict:
    out = {}
    for message in template:
        if not message.context:
            continue
        if isinstance(message.id, tuple | list):
            one, other = message.id
            out[message.context] = {"one": one, "other": other}
        else:
            out[message.context] = message.id
    return out


def _translated(catalog: Catalog, lang: str, english: dict) -> dict:
    """The catalogue's translations by key; a count's forms by CLDR category (a form left
    out falls back to the language's "other")."""
    forms = categories(lang)
    out = {}
    for message in catalog:
        key = message.context
        if not key or key not in english or message.fuzzy:
            continue
        if isinstance(english[key], dict):
            strings = list(message.string) if isinstance(message.string, tuple | list) else []
            given = {forms[i]: s for i, s in enumerate(strings[: len(forms)]) if s}
            if given:
                given.setdefault("other", given.get("many") or list(given.values())[-1])
                out[key] = given
        elif message.string:
            out[key] = message.string
    return out


def compiled() -> dict[str, str]:
    """Every language's JSON text, as compile writes it."""
    english: dict = {}
    catalogs: dict[str, list[Catalog]] = {lang: [] for lang in LANGUAGES}
    for domain in domains():
        english.update(_english(read(domain / "messages.pot")))
        for lang in LANGUAGES:
            path = domain / f"{lang}.po"
            if lang != SOURCE_LANGUAGE and path.exists():
                catalogs[lang].append(read(path, lang))
    listed = [{"code": lang, "name": _own_name(lang)} for lang in LANGUAGES]
    out = {}
    for lang in LANGUAGES:
        messages = dict(english)
        for catalog in catalogs[lang]:
            messages.update(_translated(catalog, lang, english))
        locale = Locale.parse(lang)
        document = {
            "lang": lang,
            "name": _own_name(lang),
            "dir": "rtl" if locale.character_order == "right-to-left" else "ltr",
            "languages": listed,
            "messages": dict(sorted(messages.items())),
        }
        out[lang] = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return out


def _own_name(lang: str) -> str:
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def compile_all() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, text in compiled().items():
        (OUT / f"{lang}.json").write_text(text, encoding="utf-8")


def check() -> int:
    stale = [
        lang
        for lang, text in compiled().items()
        if not (OUT / f"{lang}.json").exists()
        or (OUT / f"{lang}.json").read_text(encoding="utf-8") != text
    ]
    if stale:
        print(f"stale catalogues: {', '.join(stale)}; run: python scripts/i18n.py compile")
        return 1
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "compile", "check"])
    command = parser.parse_args(argv).command
    if command == "update":
        update()
        compile_all()
    elif command == "compile":
        compile_all()
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
