"""Rules for text people type: trimmed, control characters removed, length limits."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

NOTE_MAX = 500
NAME_MAX = 40
TITLE_MAX = 200

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


# The refusals of ``clean`` for a ``subject``: their codes are ``<subject>_<refusal>``.
REFUSALS = ("not_text", "empty", "too_long")


def clean(
    text: object, *, what: str, limit: int, single_line: bool = False, subject: str | None = None
) -> str:
    """``text`` trimmed and without control characters; InvalidInput if empty or too long.

    ``what`` names the thing in the message ("A note", "A name"); ``subject`` ("note"), if
    given, names it in the refusal's code (``note_too_long``, with the ``limit`` and ``length``)
    for pages that say it in their reader's language.
    """

    def refused(refusal: str, message: str, **params) -> InvalidInput:
        return InvalidInput(
            message, code=f"{subject}_{refusal}" if subject else None, params=params
        )

    if not isinstance(text, str):
        raise refused("not_text", f"{what} must be text.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if single_line:
        text = " ".join(text.split())
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise refused("empty", f"{what} needs some text.")
    if len(text) > limit:
        message = f"{what} can be at most {limit} characters; this one has {len(text)}."
        raise refused("too_long", message, limit=limit, length=len(text))
    return text


def note_text(text: object) -> str:
    return clean(text, what="A note", limit=NOTE_MAX, subject="note")


def person_name(name: object) -> str:
    return clean(name, what="A name", limit=NAME_MAX, single_line=True, subject="name")
