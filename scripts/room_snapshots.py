"""Render the projector's views of a board filled as a 150-person room fills it, through the
real `facilitator snapshot` command, into docs/screenshots/room-150/: every page at 1920x1080
and at 1366x768, and the newest-notes, overview and top views."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from facilitator.export.sample import fill_room_board
from facilitator.model.demos import demo_workshop
from facilitator.model.service import open_model

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "room-150"


def snapshot(data: Path, step: int, out: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "facilitator", "snapshot", "latest", "--step", str(step),
               "--out", str(out), "--data-dir", str(data), *extra]  # fmt: skip
    subprocess.run(command, check=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        model = open_model(data)
        run = model.runs.start(demo_workshop(model.library).id)
        steps = model.runs.steps(run.id)
        board = next(s for s in steps if s.title == "What did Rita O'Grady do?")
        notes = fill_room_board(model, run.id, board, notes=150)
        for name, members in (("Authenticity", notes[:14]), ("Courage", notes[14:25])):
            model.board.create_group(run.id, board.id, name, [n.id for n in members])
        model.close()
        step = board.position + 1
        snapshot(data, step, OUT / "board-1920.png", "--all-pages")
        snapshot(data, step, OUT / "board-1366.png", "--all-pages", "--size", "1366x768")
        for mode in ("arrival", "overview", "top"):
            snapshot(data, step, OUT / f"{mode}-1920.png", "--mode", mode)


if __name__ == "__main__":
    main()
