"""Export benchmark: a run with 2,000 notes over 10 boards and 300 placements.

Targets (issue 5): the discussion summary in under 3 s from the command line, the handout in
under 1 s. Both are timed as a person meets them: `facilitator export RUN --summary F` and
`facilitator handout WORKSHOP F` in a fresh process (interpreter start and imports included),
and also in-process (what the app's Export dialog pays). Prints the median of several rounds.
Issue 8 adds a room-size run: the demo workshop with two 300-note boards (one grouped, one
sorted live into zones and groups, with emoji), whose summary is timed the same two ways.

    .venv/bin/python benches/export.py [--rounds 5] [--notes 2000] [--people 300] [--room 300]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from facilitator.export import write_handout, write_summary
from facilitator.export.sample import SAYINGS, fill_room_board
from facilitator.export.sample_sorted import fill_sorted_board, group_by_theme
from facilitator.model.board import NoteRequest
from facilitator.model.demos import demo_workshop
from facilitator.model.palette import NOTE_COLORS
from facilitator.model.service import open_model

BOARDS = 10


def build_run(model, notes: int, people: int, rng: random.Random) -> tuple[int, int]:
    """A workshop of 10 whiteboards (half with two zones), a position step and a feedback
    step; a run of it with ``people`` attendees, ``notes`` notes, groups, votes and dots."""
    library = model.library
    ws = library.create_workshop("Benchmark: a big day", description="Ten boards, a full room.")
    boards = []
    for i in range(BOARDS):
        zones = ["For general practices", "For ICSs"] if i % 2 else []
        boards.append(
            library.add_step(ws.id, "whiteboard", title=f"Board {i + 1}",
                             prompt="What does it mean for you?", zones=zones,
                             settings={"votes": 3})
        )  # fmt: skip
    image = Path(__file__).resolve().parent.parent / "assets/workshops/change-agents-1/pictures"
    picture = library.add_media(ws.id, image / "position.png")
    library.add_step(ws.id, "position", title="Your position?", settings={"image": picture})
    run = model.runs.start(ws.id, place="Main hall", facilitator="Sam")
    participants = [model.runs.join(run.id)[0] for _ in range(people)]
    steps = model.runs.steps(run.id)
    said = [s for values in SAYINGS.values() for s in values]
    for b, step in enumerate(s for s in steps if s.kind == "whiteboard"):
        requests = [
            NoteRequest(run.id, step.id, f"{rng.choice(said)} ({b}-{k})",
                        participant_id=rng.choice(participants).id,
                        color=rng.choice(list(NOTE_COLORS)),
                        zone_id=rng.choice(step.zones).id if step.zones else None)
            for k in range(notes // BOARDS)
        ]  # fmt: skip
        added = [r.note for r in model.board.add_notes(requests)]
        for g in range(4):
            members = [n.id for n in added[g * 12 : g * 12 + 12]]
            model.board.create_group(run.id, step.id, f"Theme {g + 1}", members)
        model.board.set_hidden(added[-1].id, True)
        for p in participants[:30]:
            for note in rng.sample(added[:-1], 3):
                model.board.vote(note.id, p.id)
    position = next(s for s in steps if s.kind == "position")
    model.runs.go_to(run.id, steps.index(position))  # a step takes answers while on the screen
    for p in participants:
        model.responses.answer(run.id, position.id, p.id, {"x": rng.random(), "y": rng.random()})
    model.runs.go_to(run.id, 0)
    return ws.id, run.id


def build_room_run(model, notes: int) -> int:
    """A run of the demo with ``notes`` notes on "What did Rita O'Grady do?" (grouped by
    theme) and as many on "Platforms and ambitions" (sorted live), from one room."""
    run = model.runs.start(demo_workshop(model.library).id, place="Main hall")
    steps = {s.title: s for s in model.runs.steps(run.id)}
    rita = steps["What did Rita O'Grady do?"]
    group_by_theme(model, run.id, rita, fill_room_board(model, run.id, rita, notes=notes))
    people = model.runs.participants(run.id)
    fill_sorted_board(model, run.id, steps["Platforms and ambitions"], notes=notes, people=people)
    return run.id


def timed(fn) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds (this process and its children): the CPU figure
    stays meaningful when other work shares the machine."""
    start, cpu = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - start, _cpu() - cpu


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "facilitator", *args], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="Time the exports of a big run.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--room", type=int, default=300, help="notes on each room-size board")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data, out = Path(folder) / "data", Path(folder)
        model = open_model(data)
        start = time.perf_counter()
        ws_id, run_id = build_run(model, args.notes, args.people, random.Random(1))
        room_id = build_room_run(model, args.room)
        print(f"setup: {time.perf_counter() - start:.1f} s (not part of the figures)")
        d = ["--data-dir", str(data)]
        figures = {
            f"room summary ({args.room}-note boards), command line": lambda: cli(
                "export", str(room_id), *d, "--summary", str(out / "r.pdf")
            ),
            f"room summary ({args.room}-note boards), in-process": lambda: write_summary(
                model, room_id, out / "r2.pdf"
            ),
            "summary, command line": lambda: cli(
                "export", str(run_id), *d, "--summary", str(out / "s.pdf")
            ),
            "handout, command line": lambda: cli("handout", str(ws_id), str(out / "h.pdf"), *d),
            "summary, in-process": lambda: write_summary(model, run_id, out / "s2.pdf"),
            "handout, in-process": lambda: write_handout(model, ws_id, out / "h2.pdf"),
        }
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        for name, fn in figures.items():
            walls, cpus = zip(*(timed(fn) for _ in range(args.rounds)), strict=True)
            print(f"{name}: median {statistics.median(walls):.2f} s wall "
                  f"(min {min(walls):.2f}, max {max(walls):.2f}), "
                  f"{statistics.median(cpus):.2f} s CPU; {args.rounds} rounds")  # fmt: skip
        for name, pdf in (("summary", "s.pdf"), ("room summary", "r.pdf")):
            info = subprocess.run(["pdfinfo", str(out / pdf)], capture_output=True, text=True)
            for line in info.stdout.splitlines():
                if line.startswith(("Pages:", "File size:")):
                    print(f"{name} {line}")
        model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
