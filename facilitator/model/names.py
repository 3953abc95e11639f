"""Random friendly names for participants ("Brave Heron"), unique within a run."""

from __future__ import annotations

import secrets

ADJECTIVES = (
    "Brave Bright Calm Clever Cheerful Curious Daring Eager Gentle Happy Honest Hopeful Jolly "
    "Keen Kind Lively Lucky Merry Mighty Nimble Patient Plucky Proud Quick Quiet Ready Sharp "
    "Shy Smart Steady Sunny Swift Thoughtful Warm Wise Witty Bold Busy Cosy Fair Grand Neat "
    "Noble Polite Spry Tidy Vivid Zesty"
).split()
ANIMALS = (
    "Heron Otter Badger Fox Hare Owl Robin Wren Finch Swan Kestrel Falcon Puffin Seal Dolphin "
    "Beaver Hedgehog Squirrel Deer Stoat Lynx Panda Koala Tiger Zebra Lemur Gecko Turtle Crane "
    "Penguin Raven Lark Salmon Trout Bison Moose Llama Alpaca Camel Yak Gazelle Marten Mole "
    "Newt Osprey Pelican Plover Starling Swift Weasel"
).split()


def random_name(taken: set[str]) -> str:
    """A name not in ``taken`` (compared case-insensitively); a number is added if all are used."""
    lowered = {t.casefold() for t in taken}
    for _ in range(200):
        name = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
        if name.casefold() not in lowered:
            return name
    base = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
    n = 2
    while f"{base} {n}".casefold() in lowered:
        n += 1
    return f"{base} {n}"
