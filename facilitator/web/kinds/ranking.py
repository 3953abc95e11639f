"""Ranking steps on the phone: the items to put in order (the phone's own order comes as its
``answer``, as for every kind that takes answers); the results as the room's order."""

from __future__ import annotations

KIND = "ranking"


def phone_step(step, state) -> dict:
    return {"items": list(step.settings.get("items") or [])}


def phone_results(step, state, results: dict) -> dict:
    """The room's order with each item's average rank and bar (not the places' counts)."""
    keep = ("index", "text", "average", "score")
    items = [{k: item[k] for k in keep} for item in results.get("items", [])]
    return {"answered": results.get("answered", 0), "items": items}
