"""Render the run console with "Suggest groups" open on a 150-note board, as on a small laptop
screen (offscreen): the demo's first board filled as a room of 150 fills it, one group made by
hand first (so the proposal offers it new notes), the window the inside of a maximised window.

    python scripts/render_suggest_groups.py [--size 1366x768] [--out F.png]

Prints a JSON object: the window's size, how long the proposal took, the groups proposed, and
``problems`` (one sentence each: parts of the overlay cut off; none when all fits)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from render_console import client_area, cut_off, settle, with_projector  # noqa: E402

MINE = ("authentic", "Relatable", "She was credible because she had lived it")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768", help="the laptop screen, in pixels")
    parser.add_argument("--out", type=Path, help="save the console as this PNG")
    args = parser.parse_args(argv)
    screen_w, screen_h = (int(n) for n in args.size.lower().split("x"))
    app = QApplication.instance() or QApplication([])
    from facilitator.export.sample import fill_room_board
    from facilitator.model.demos import demo_workshop
    from facilitator.model.service import open_model
    from facilitator.ui.app import MainWindow
    from facilitator.ui.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="facilitator-suggest-"))
    model = open_model(folder)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(model, settings, serve=False, screens=with_projector(settings))
    window.show()
    window.start_run(demo_workshop(model.library).id)
    console = window.console
    board = next(s for s in console.steps if s.kind == "whiteboard")
    notes = fill_room_board(model, console.run.id, board, notes=150)
    mine = [n.id for n in notes if n.text in MINE]
    model.board.make_group(mine, "Authenticity")
    console.go_to(board.position)
    settle(app)
    window.resize(*client_area(screen_w, screen_h, 1.0))
    settle(app)
    suggest = console.controls.suggest
    started = time.monotonic()
    suggest.suggest()
    while not (suggest.overlay and suggest.overlay.cards) and time.monotonic() - started < 60:
        app.processEvents()
        time.sleep(0.005)
    took = time.monotonic() - started
    settle(app)
    if args.out:
        window.grab().save(str(args.out))
    overlay = suggest.overlay
    problems = []
    for name, widget in (
        ("Fewer groups", overlay.fewer),
        ("More groups", overlay.more),
        ("Sort into my groups", overlay.sort),
        ("Accept all", overlay.accept_all),
        ("the summary", overlay.summary),
        ("the first card", overlay.cards[0]),
        ("the first card's Accept", overlay.cards[0].button),
    ):
        problems += cut_off(name, widget, window)
    groups = [(c.name_field.text() if c.name_field else "→ mine", len(c.proposed.note_ids))
              for c in overlay.cards]  # fmt: skip
    print(json.dumps({"window": window.size().toTuple(), "seconds": round(took, 2),
                      "groups": groups, "problems": problems}))  # fmt: skip
    window.close()
    model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
