"""The raw data of a run, for people who carry on in a spreadsheet: CSV (a row per note, and a
row per line of each step's results: a poll's option, a word of a cloud...) and JSON (the whole
run, with every answer and each step's results). Secrets (join and remote keys, participants'
tokens) are left out, and so is who wrote each note or gave each answer of an anonymous step."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from facilitator.model.records import as_dict

from . import kinds
from .data import RunData, clock, is_anonymous, load_run
from .document import atomic_path

CSV_COLUMNS = [
    "step",
    "step_title",
    "zone",
    "group",
    "text",
    "votes",
    "author",
    "time",
    "hidden",
    "color",
    "note_id",
    "kind",
    "count",
    "share",
]
SECRET_RUN_FIELDS = ("join_key", "remote_key")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(model, run_id: int, path) -> Path:
    """A row per note (hidden ones too, marked in the ``hidden`` column), in agenda order.
    UTF-8 with a byte-order mark so spreadsheet programs read accents right."""
    data = load_run(model, run_id)
    target = Path(path)
    with atomic_path(target) as temp:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            writer.writerows(_rows(data))
    return target


def _rows(data: RunData):
    for number, step in enumerate(data.steps, start=1):
        zones = {z.id: z.label for z in step.zones}
        groups = {g.id: g.name for g in data.groups.get(step.id, [])}
        for note in _notes(data, step):
            yield [
                number,
                _cell(step.title),
                _cell(zones.get(note.zone_id, "")),
                _cell(groups.get(note.group_id, "")),
                _cell(note.text),
                note.votes,
                _cell(note.author),
                clock(note.created_at),
                "yes" if note.hidden else "no",
                note.color,
                note.id,
                step.kind,
                "",
                "",
            ]
        for line in kinds.csv_rows(step, data.results(step)):
            text = _cell(str(line.get("text", "")))
            count, share = line.get("count", ""), line.get("share", "")
            blank = [""] * 6  # votes, author, time, hidden, color, note_id: a note's own
            yield [number, _cell(step.title), "", "", text, *blank, step.kind, count, share]


def _notes(data: RunData, step) -> list:
    """The step's notes, without who wrote them when the step is anonymous."""
    notes = data.notes.get(step.id, [])
    if not is_anonymous(step):
        return notes
    return [replace(n, author="", participant_id=None) for n in notes]


def _answers(data: RunData, step) -> list[dict]:
    """The step's answers, each with who gave it (their participant id) unless the step is
    anonymous."""
    out = []
    for answer in data.responses.get(step.id, []):
        item = {"answer": answer.answer, "updated_at": answer.updated_at}
        if not is_anonymous(step):
            item["participant_id"] = answer.participant_id
        out.append(item)
    return out


def _cell(text: str) -> str:
    """Text a spreadsheet shows as text: one starting like a formula gets a leading quote,
    so a note such as ``=HYPERLINK(...)`` is never run as one."""
    text = text or ""
    return "'" + text if text.startswith(FORMULA_START) else text


def run_document(data: RunData) -> dict:
    """The whole run as plain JSON-ready data."""
    run = {k: v for k, v in as_dict(data.run).items() if k not in SECRET_RUN_FIELDS}
    steps = []
    for number, step in enumerate(data.steps, start=1):
        item = as_dict(step)
        item.pop("media_dir", None)
        item["number"] = number
        item["state"] = {
            k: v for k, v in as_dict(data.states[step.id]).items() if k in ("revealed", "locked")
        } if step.id in data.states else {}  # fmt: skip
        item["notes"] = [as_dict(n) for n in _notes(data, step)]
        item["groups"] = [as_dict(g) for g in data.groups.get(step.id, [])]
        item["responses"] = _answers(data, step)
        if step.id in data.tallies:
            item["results"] = data.results(step)
        steps.append(item)
    return {
        "format": "facilitator-run",
        "version": 2,  # 2: every kind's answers as "responses", its tally as "results"
        "run": run,
        "workshop": {
            "title": data.workshop.title,
            "description": data.workshop.description,
        },
        "participants": [as_dict(p) for p in data.participants],
        "steps": steps,
        "resources": [as_dict(r) for r in data.resources],
    }


def write_json(model, run_id: int, path) -> Path:
    """The whole run: its details, participants, every step with its notes (hidden ones
    flagged), groups, answers and results. UTF-8, readable indentation."""
    document = run_document(load_run(model, run_id))
    target = Path(path)
    with atomic_path(target) as temp:
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    return target
