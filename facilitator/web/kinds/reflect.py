"""Reflect steps on the phone: the question and a private scratch note that never leaves the
phone (the page keeps it in local storage), so the server adds nothing."""

from __future__ import annotations

KIND = "reflect"


def phone_step(step, state) -> dict:
    return {"private_note": True}
