"""Information slides on the phone: title, text and the picture if there is one."""

from __future__ import annotations

from . import media_url

KIND = "info"


def phone_step(step, state) -> dict:
    return {"image": media_url(step, "image")}
