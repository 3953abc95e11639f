"""Video steps on the phone: the prompt question (the film itself plays on the projector)."""

from __future__ import annotations

KIND = "video"


def phone_step(step, state) -> dict:
    return {"caption": step.settings.get("caption") or ""}
