"""Word cloud steps on the phone: how many answers each person may give and their length (the
phone's own words come as its ``answer``, as for every kind that takes answers). Phones see the
top words as a list, never the hidden ones (the tally has left those out already)."""

from __future__ import annotations

from facilitator.model.kinds import wordcloud

KIND = "wordcloud"
PHONE_TOP = 10  # words a phone lists once the results are shown


def phone_step(step, state) -> dict:
    settings = wordcloud.SPEC.settings_of(step.settings)
    return {"words": settings.words, "max_chars": wordcloud.ENTRY_CHARS}


def phone_results(step, state, results: dict) -> dict:
    words = results.get("words", [])
    top = [{"text": w["text"], "count": w["count"]} for w in words[:PHONE_TOP]]
    return {"answered": results.get("answered", 0), "words": top, "more": len(words) - len(top)}
