"""Word cloud: each person gives up to N short answers (1-3 words each); the tally merges the
words people wrote differently (case, accents, punctuation at the ends, a plural) and counts
how many people gave each. The facilitator can hide a word (offensive, or a name): the step's
kind state keeps the hidden words' keys (``data["hidden"]``) and they leave the tally.

How words are merged (:func:`word_key`): casefolded, decomposed (Unicode NFKD) without
combining marks, punctuation stripped from each word's ends, each word and then the words joined
without spaces or hyphens losing a plural ending, so that "buy-in", "buy in" and "Buy ins" are
one answer, and so are "teamwork" and "team work". The plural rule (:func:`stem`), for words
of four letters or more: ``-ies`` -> ``-y`` (stories, story), ``-sses`` -> ``-ss`` and
``-xes``/``-ches``/``-shes``/``-zzes`` lose ``-es`` (processes, boxes, wishes), and a final
``-s`` goes unless the word ends in ``-ss``, ``-us`` or ``-is`` (bus, status, analysis,
process) or is one of a few words that only look plural (news, series, means). ``-ing`` and
``-ed`` are left alone: they would merge a noun with a verb ("meeting", "meet"), and take
spelling rules ("sharing", "share") a small rule gets wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from pydantic import Field, StrictStr

from ..errors import InvalidInput
from ..text import clean
from . import KindAnswer, KindSettings, StepKind

KIND = "wordcloud"
ANSWERS_MAX = 10  # answers one person may give, at most (the step's ``words`` setting)
ENTRY_CHARS = 40  # characters of one answer
ENTRY_WORDS = 3  # words in one answer
NOT_PLURAL = frozenset({"news", "series", "species", "means", "lens", "always", "perhaps"})
_ES_ENDINGS = ("xes", "ches", "shes", "zzes")
_TRAILING = ".,!?…"
_JOINERS = re.compile(r"[-\u2010-\u2015_/]")  # hyphens, dashes, underscores, slashes


class Settings(KindSettings):
    words: int = Field(3, ge=1, le=ANSWERS_MAX, description="answers each person may give")


class Answer(KindAnswer):
    words: list[StrictStr] = Field(..., max_length=ANSWERS_MAX)


def stem(word: str) -> str:
    """``word`` (casefolded already) without a plural ending; see the module's rule."""
    if len(word) < 4 or word in NOT_PLURAL or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(_ES_ENDINGS):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def _strip_ends(word: str) -> str:
    """``word`` without punctuation at its start and end ("trust!" -> "trust")."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end]


def fold(text: str) -> str:
    """``text`` casefolded and without accents ("Café" -> "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def word_key(text: str) -> str:
    """The key under which ``text`` is counted: the same for every way of writing one word
    ("Teams", "team", "TEAM.", "team-work", "team work"); empty when it holds no word (only
    punctuation)."""
    parts = (_strip_ends(w) for w in _JOINERS.sub(" ", fold(text)).split())
    return stem("".join(stem(part) for part in parts))


def display_form(text: str) -> str:
    """How an answer is shown: as typed, without a full stop, comma or mark at its end."""
    return text.rstrip(_TRAILING).rstrip() or text


def _blank(text: str) -> bool:
    """Whether ``text`` holds nothing but spaces and invisible characters (an input left empty)."""
    return all(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in text)


def _entry(text: str) -> str:
    entry = clean(text, what="An answer", limit=ENTRY_CHARS, single_line=True)
    count = len(entry.split())
    if count > ENTRY_WORDS:
        raise InvalidInput(f"Each answer is 1 to {ENTRY_WORDS} words; '{entry}' has {count}.")
    if not word_key(entry):
        raise InvalidInput(f"'{entry}' has no word in it.")
    return entry


def check(settings: Settings, answer: Answer) -> dict:
    """The answers trimmed and cleaned, empty ones dropped, the same word given twice kept
    once; a sentence when there are none, too many, or one is too long."""
    entries = [_entry(text) for text in answer.words if not _blank(text)]
    if not entries:
        raise InvalidInput("Write at least one word.")
    if len(entries) > settings.words:
        most, given = settings.words, len(entries)
        plural = "s" if most != 1 else ""
        raise InvalidInput(f"You can give at most {most} answer{plural} here, not {given}.")
    kept: dict[str, str] = {}
    for entry in entries:
        kept.setdefault(word_key(entry), entry)
    return {"words": list(kept.values())}


def merged(answers: Sequence) -> list[dict]:
    """Every word given, merged: ``{key, text, count}`` where count is how many people gave it
    and text the form typed most often (the first typed on a tie); most given first, then by
    text."""
    people: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for response in answers:
        mine: dict[str, str] = {}
        for text in response.answer.get("words", []):
            key = word_key(text)
            if key:
                mine.setdefault(key, display_form(text))
        for key, form in mine.items():
            people[key] += 1
            forms.setdefault(key, Counter())[form] += 1
    words = [
        {"key": key, "text": forms[key].most_common(1)[0][0], "count": count}
        for key, count in people.items()
    ]
    return sorted(words, key=lambda w: (-w["count"], fold(w["text"]), w["text"]))


def hidden_keys(data: dict) -> set[str]:
    """The keys of the words the facilitator hid (from the step's kind state)."""
    return {str(key) for key in data.get("hidden") or []}


def tally(settings: Settings, answers, data: dict) -> dict:
    """How many answered, every word not hidden with its count (most given first) and how many
    of the words given the facilitator hid."""
    hidden = hidden_keys(data)
    words = merged(answers)
    shown = [w for w in words if w["key"] not in hidden]
    return {"answered": len(answers), "words": shown, "hidden": len(words) - len(shown)}


def toggle_hidden(key: str):
    """A change for ``model.runs.update_step_data``: hide the word ``key``, or show it again."""

    def change(data: dict) -> dict:
        hidden = [k for k in data.get("hidden") or [] if k != key]
        if len(hidden) == len(data.get("hidden") or []):
            hidden.append(key)
        return {**data, "hidden": hidden}

    return change


SPEC = StepKind(
    name=KIND,
    order=62,
    label="Word cloud",
    description="Each person gives a few words; a live cloud sized by how many gave each.",
    phone="Up to a few short answers (1-3 words each).",
    settings=Settings,
    answer=Answer,
    check=check,
    tally=tally,
)
