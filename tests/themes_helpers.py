"""Helpers for the tests of suggested groups: one sentence model shared by every test (loading
it takes about half a second), a board filled with given notes, and the labelled test sets."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from facilitator.model.board import NoteRequest
from facilitator.model.demos import demo_workshop
from facilitator.model.themes import Themes
from facilitator.model.themes.encoder import Encoder

DATA = Path(__file__).parent / "data"
RITA_STEP = 4  # "What did Rita O'Grady do?" in the demo, as the agenda numbers it
# Four notes on each of three plain themes: time, money, computers.
THREE_THEMES = [
    "No time to plan anything",
    "not enough time",
    "Time pressures every day",
    "Lack of time",
    "Funding cuts",
    "No money for extra staff",
    "Lack of funding",
    "Money",
    "The computer system is so slow",
    "IT systems dont talk to each other",
    "Computers keep freezing",
    "Slow computers",
]


@cache
def shared_encoder() -> Encoder:
    return Encoder()


def with_shared_encoder(model):
    """``model`` whose themes use the shared sentence model."""
    model.themes = Themes(model.db, model.bus, encoder=shared_encoder())
    return model


def board(model, texts=()):
    """A new run of the demo at its board "What did Rita O'Grady do?", holding ``texts`` as
    notes from as many people; returns (run, step, notes)."""
    run = model.runs.start(demo_workshop(model.library).id)
    step = model.runs.steps(run.id)[RITA_STEP - 1]
    notes = add(model, run.id, step.id, texts)
    return run, step, notes


def add(model, run_id: int, step_id: int, texts) -> list:
    people = [model.runs.join(run_id)[0] for _ in texts]
    requests = [
        NoteRequest(run_id, step_id, text, participant_id=p.id)
        for text, p in zip(texts, people, strict=True)
    ]
    return [model.board.add_note(r).note for r in requests]


def labelled(name: str) -> list[tuple[str, str]]:
    """(theme, note) pairs of a labelled set in tests/data."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            theme, text = line.split("\t")
            rows.append((theme, text))
    return rows
