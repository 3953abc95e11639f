"""Make the example handout and discussion summary in docs/examples/: a run of the bundled demo
"Change Agents - session 1" filled with sample notes, dots and feedback, exported as PDF,
every page rendered to PNG with pdftoppm (poppler-utils); and the summary of a run at room
size (150 notes on "What did Rita O'Grady do?", grouped, and 150 on "Platforms and
ambitions", sorted live into zones and groups), as summary-room.pdf and summary-room-N.png.

    .venv/bin/python scripts/render_examples.py [--out docs/examples] [--paper A4|Letter]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from facilitator.export import write_csv, write_handout, write_json, write_summary
from facilitator.export.sample import fill_room_board, fill_run
from facilitator.export.sample_sorted import fill_sorted_board, group_by_theme
from facilitator.model.demos import demo_workshop
from facilitator.model.service import open_model

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "examples")
    parser.add_argument("--paper", default="A4")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--room-dpi", type=int, default=80, help="for the room-size summary")
    args = parser.parse_args()
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        print("pdftoppm is missing: install poppler-utils.", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        model = open_model(Path(folder))
        try:
            workshop = demo_workshop(model.library)
            run = model.runs.start(workshop.id, place="Room 2, Council House", facilitator="Sam")
            fill_run(model, run.id)
            model.runs.end(run.id)
            made = {
                "handout": write_handout(
                    model, workshop.id, args.out / "handout.pdf", paper=args.paper, run_id=run.id
                ),
                "summary": write_summary(model, run.id, args.out / "summary.pdf", paper=args.paper),
            }
            write_csv(model, run.id, args.out / "notes.csv")
            write_json(model, run.id, args.out / "run.json")
            room = room_run(model, workshop.id)
            made["summary-room"] = write_summary(
                model, room, args.out / "summary-room.pdf", paper=args.paper
            )
        finally:
            model.close()
    for old in args.out.glob("*.png"):
        old.unlink()
    for name, pdf in made.items():
        dpi = str(args.room_dpi if name == "summary-room" else args.dpi)
        subprocess.run([pdftoppm, "-png", "-r", dpi, str(pdf), str(args.out / name)], check=True)
    print("\n".join(sorted(p.name for p in args.out.iterdir())))
    return 0


def room_run(model, workshop_id: int) -> int:
    """A run of the demo as a 150-person room fills its two big boards; returns its id."""
    run = model.runs.start(workshop_id, place="Main hall, Council House", facilitator="Sam")
    steps = {s.title: s for s in model.runs.steps(run.id)}
    rita = steps["What did Rita O'Grady do?"]
    group_by_theme(model, run.id, rita, fill_room_board(model, run.id, rita, notes=150))
    people = model.runs.participants(run.id)  # the same room writes on both boards
    fill_sorted_board(model, run.id, steps["Platforms and ambitions"], notes=150, people=people)
    model.runs.end(run.id)
    return run.id


if __name__ == "__main__":
    sys.exit(main())
