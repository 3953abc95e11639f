"""Ranking: each person puts the step's items in order (first = most important to them). The
answer is the order, as item indexes; the tally is each item's average rank and a Borda score,
the items in the room's order."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictInt, field_validator

from ..errors import InvalidInput
from ..text import clean
from . import KindAnswer, KindSettings, StepKind

KIND = "ranking"
ITEMS_MIN, ITEMS_MAX = 2, 10
ITEM_MAX = 120  # characters of one item


class Settings(KindSettings):
    items: tuple[str, ...] = ("First item", "Second item", "Third item")
    results: Literal["live", "hidden"] = "live"  # as in Mentimeter: the order grows live

    @field_validator("items", mode="before")
    @classmethod
    def _clean_items(cls, items):
        if not isinstance(items, list | tuple):
            raise ValueError("items are a list of texts")
        return tuple(_item_text(text) for text in items)

    @field_validator("items")
    @classmethod
    def _count_and_unique(cls, items):
        if not ITEMS_MIN <= len(items) <= ITEMS_MAX:
            raise ValueError(f"a ranking has {ITEMS_MIN} to {ITEMS_MAX} items, not {len(items)}")
        seen: set[str] = set()
        for text in items:
            key = text.casefold()
            if key in seen:
                raise ValueError(f"the item '{text}' is there twice")
            seen.add(key)
        return items


def _item_text(text: object) -> str:
    """One item trimmed to a single line; ValueError (a settings problem) when it is empty,
    too long or not text."""
    try:
        return clean(text, what="An item", limit=ITEM_MAX, single_line=True)
    except InvalidInput as problem:
        raise ValueError(problem.message[0].lower() + problem.message[1:].rstrip(".")) from None


class Answer(KindAnswer):
    order: list[StrictInt] = Field(..., max_length=ITEMS_MAX)


def check(settings: Settings, answer: Answer) -> dict:
    """The order must name every item exactly once."""
    count = len(settings.items)
    if sorted(answer.order) != list(range(count)):
        raise InvalidInput(
            f"Put all {count} items in order, each exactly once "
            f"(their numbers 0 to {count - 1}, in the order you rank them)."
        )
    return {"order": list(answer.order)}


def tally(settings: Settings, answers, data: dict) -> dict:
    """Per item: its average rank (1 = first; None without answers), how many ranked it, how
    many put it at each place (``ranks``), and its Borda ``score``: n-1 points for a first
    place down to 0 for the last, as a share of the most it could get (0..1). The items come
    in the room's order: best average rank first, ties in the items' own order."""
    n = len(settings.items)
    orders = [a.answer.get("order") for a in answers]
    orders = [o for o in orders if isinstance(o, list) and sorted(o) == list(range(n))]
    ranks = [[0] * n for _ in range(n)]  # ranks[item][place]
    for order in orders:
        for place, item in enumerate(order):
            ranks[item][place] += 1
    items = [_item_result(i, text, ranks[i], len(orders)) for i, text in enumerate(settings.items)]
    items.sort(key=lambda it: (it["average"] if it["average"] is not None else 0, it["index"]))
    return {"answered": len(orders), "items": items}


def _item_result(index: int, text: str, ranks: list[int], people: int) -> dict:
    n = len(ranks)
    total = sum((place + 1) * count for place, count in enumerate(ranks))
    points = sum((n - 1 - place) * count for place, count in enumerate(ranks))
    most = people * (n - 1)
    return {
        "index": index,
        "text": text,
        "count": people,
        "average": total / people if people else None,
        "score": points / most if most else 0.0,
        "ranks": ranks,
    }


SPEC = StepKind(
    name=KIND,
    order=74,
    label="Ranking",
    description="Items each person puts in order; the room's average order with bars.",
    phone="The items to put in order, with up and down buttons (or drag them).",
    settings=Settings,
    answer=Answer,
    check=check,
    tally=tally,
    results_hidden=lambda settings: settings.results == "hidden",
)
