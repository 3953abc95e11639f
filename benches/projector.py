"""Projector benchmark: the room's view of a board filled as a room fills it (300 notes by
default), on a 1920x1080 stage rendered offscreen with the real Stage class.

Measures (1) laying out every page of all notes (the text broken into lines at the legible
size, cached after the first time); (2) turning to a page and rendering the whole stage
(question, count, cards), median over every page (the target: under 50 ms); (3) a new note
arriving while the room sees the newest notes: the model call, the event through the bridge,
the slots updated and the stage repainted (median and p95 over 50 notes); (4) the console's
small copy of the stage (480x270), one frame.

    python benches/projector.py [--notes 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage  # noqa: E402

from facilitator.export.sample import fill_room_board  # noqa: E402
from facilitator.model.board import NoteRequest  # noqa: E402
from facilitator.model.demos import demo_workshop  # noqa: E402
from facilitator.model.service import open_model  # noqa: E402
from facilitator.ui.board_pages import wrap  # noqa: E402
from facilitator.ui.snapshot import Snapshot  # noqa: E402
from facilitator.ui.stage_mirror import StageMirror  # noqa: E402


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def timed(work) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        model = open_model(Path(folder))
        run = model.runs.start(demo_workshop(model.library).id)
        board = next(s for s in model.runs.steps(run.id) if s.title == "What did Rita O'Grady do?")
        fill_room_board(model, run.id, board, notes=args.notes)
        shot = Snapshot(model, run, board, (1920, 1080), mode="notes")
        room = shot.board

        def lay_out():
            room._laid_out = None  # as after a change to the board
            room.relayout()

        wrap.cache_clear()
        cold = timed(lay_out)
        warm = statistics.median(timed(lay_out) for _ in range(10))
        renders = []
        for page in range(shot.page_count):
            shot.live.options.set(page=page)  # a page turn: nothing is laid out again
            renders.append(timed(lambda: shot.stage.grab()))
        print(f"{args.notes} notes on {shot.page_count} pages of all notes at 1920x1080")
        print(f"  lay out every page: {ms(cold)} ms the first time, {ms(warm)} ms after")
        print(f"  render one page: median {ms(statistics.median(renders))} ms, "
              f"slowest {ms(max(renders))} ms")  # fmt: skip

        shot.live.options.set(board_mode="arrival")
        shot.app.processEvents()
        arrivals = []
        for i in range(50):
            request = NoteRequest(run.id, board.id, f"One more idea from the back row {i}")
            t0 = time.perf_counter()
            note = model.board.add_note(request).note
            while note.id not in {c.note.id for c in room.page().cards}:
                shot.app.processEvents()
            shot.stage.grab()
            arrivals.append(time.perf_counter() - t0)
        arrivals.sort()
        print(
            f"  a note arriving (newest notes view), to the stage repainted: median "
            f"{ms(statistics.median(arrivals))} ms, p95 {ms(arrivals[int(0.95 * 50)])} ms"
        )

        mirror = StageMirror(shot.stage)
        mirror.resize(480, 270)
        image = QImage(480, 270, QImage.Format.Format_ARGB32_Premultiplied)

        def frame():
            mirror.render(image)

        frame()
        frames = statistics.median(timed(frame) for _ in range(10))
        print(f"  the console's copy of the stage (480x270): {ms(frames)} ms a frame")
        mirror.stop()
        shot.close()
        model.close()


if __name__ == "__main__":
    main()
