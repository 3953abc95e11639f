"""Rules for text people type: trimmed, control characters removed, length limits."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

NOTE_MAX = 500
NAME_MAX = 40
TITLE_MAX = 200

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def clean(text: object, *, what: str, limit: int, single_line: bool = False) -> str:
    """``text`` trimmed and without control characters; InvalidInput if empty or too long.

    ``what`` names the thing in the message ("A note", "A name").
    """
    if not isinstance(text, str):
        raise InvalidInput(f"{what} must be text.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if single_line:
        text = " ".join(text.split())
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise InvalidInput(f"{what} needs some text.")
    if len(text) > limit:
        raise InvalidInput(f"{what} can be at most {limit} characters; this one has {len(text)}.")
    return text


def note_text(text: object) -> str:
    return clean(text, what="A note", limit=NOTE_MAX)


def person_name(name: object) -> str:
    return clean(name, what="A name", limit=NAME_MAX, single_line=True)
