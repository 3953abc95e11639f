"""Position steps on the phone: the picture to tap (the phone's own dot comes as its
``answer``, as for every kind that takes answers)."""

from __future__ import annotations

from . import media_url

KIND = "position"


def phone_step(step, state) -> dict:
    return {"image": media_url(step, "image")}
