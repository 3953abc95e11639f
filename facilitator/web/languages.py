"""The phone page's languages: one compiled catalogue per language (``assets/web/i18n``, made
from the translators' .po files by ``scripts/i18n.py``), the language a phone gets (its
settings' languages in order, else its ``Accept-Language``, else English), and a facilitator's
own corrections: a file ``<data folder>/languages/<lang>.json`` holding
``{"messages": {key: text}}`` (or the key-to-text mapping alone) replaces those messages of
that language, without rebuilding the app. Only the chosen language is ever sent."""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from pathlib import Path

from facilitator.assets import asset_path

log = logging.getLogger(__name__)

DEFAULT = "en"
TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def catalogue_folder() -> Path:
    return asset_path("web", "i18n")


@cache
def available() -> tuple[str, ...]:
    """The languages there are catalogues of, in the picker's order (as the catalogues list
    them), then any other."""
    found = {p.stem for p in catalogue_folder().glob("*.json")}
    listed = [lang["code"] for lang in bundled(DEFAULT).get("languages", [])]
    return tuple([c for c in listed if c in found] + sorted(found - set(listed)))


@cache
def bundled(lang: str) -> dict:
    return json.loads((catalogue_folder() / f"{lang}.json").read_text(encoding="utf-8"))


def choose(wanted: str | None, accept_language: str | None) -> str:
    """The first language of ``wanted`` (the phone's, comma-separated, best first) or else of
    the ``Accept-Language`` header that there is a catalogue of; a regional tag (``cy-GB``)
    matches its language."""
    have = available()
    for tag in _tags(wanted) + _tags(_by_quality(accept_language)):
        code = tag.split("-")[0].lower()
        if tag.lower() in have:
            return tag.lower()
        if code in have:
            return code
    return DEFAULT


def catalogue(lang: str, data_folder: Path | None) -> dict:
    """The catalogue sent for ``lang``, with the facilitator's corrections over it."""
    document = dict(bundled(lang))
    own = _corrections(data_folder, lang) if data_folder is not None else {}
    if own:
        document["messages"] = {**document["messages"], **own}
    return document


def _corrections(folder: Path, lang: str) -> dict:
    path = folder / "languages" / f"{lang}.json"
    if not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("ignored the corrections in %s: %s", path, error)
        return {}
    messages = found.get("messages", found) if isinstance(found, dict) else {}
    known = bundled(lang)["messages"]
    return {k: v for k, v in messages.items() if k in known and isinstance(v, str | dict)}


def _tags(text: str | None) -> list[str]:
    return TAG.findall(text or "")[:20]


def _by_quality(header: str | None) -> str:
    """An Accept-Language header's languages, best first (``cy;q=0.9, en;q=0.8``)."""
    parts = []
    for i, item in enumerate((header or "").split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        parts.append((-quality, i, tag.strip()))
    return ",".join(tag for _, _, tag in sorted(parts) if tag)
