"""Poll steps on the phone: the options and how many one may pick (the phone's own choices come
as its ``answer``, and the counts, while shown, as its ``results``, as for every kind that takes
answers; a poll's tally holds nothing private)."""

from __future__ import annotations

KIND = "poll"


def phone_step(step, state) -> dict:
    settings = step.settings
    return {"options": list(settings.get("options") or ()), "choose": settings.get("choose", 1)}
