"""Board benchmark: a whiteboard of 1,000 notes in the console's view of the board at 1920x1080,
the whole board in view (offscreen). (The projector draws boards as pages of cards: see
benches/projector.py.)

Measures (1) adding one more note: the model call, the event through the bridge, the item placed,
and the repaint of what changed, per note (median and p95 over 50); (2) building the board's
scene from the database and placing all 1,000 notes; (3) a full render of the whole board at
1920x1080; (4) the same for a bare QGraphicsScene of 1,000 rect+text items laid out alike (the
reference, measured on the same machine in the same run); (5) a full render of a board of 30
notes across the view's width, where every note's text is drawn; (6) adding a
note, scene side, to the 1,000-note board once 50 notes have been dragged into place and one is
hidden (it takes the first free slot); (7) one note put in a place of its own, scene side
(nothing else moves).

Then a board of 300 notes filled as a room fills it (``fill_room_board``: 300 people, 60 of them
voting), shown by the console's view at 1366x768 laptop size: (8) grouping 30 notes as one
operation: the model's transaction alone, and the whole road from the console (where they
gather, the operation off the GUI thread, the event taken in, the view repainted); its undo;
(9) a new note arriving from a phone: model write, event, bridge, slot, repaint (median, p95).

    python benches/board.py [--notes 1000] [--room 300]
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

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from facilitator.export.sample import fill_room_board  # noqa: E402
from facilitator.model.board import NoteRequest  # noqa: E402
from facilitator.model.demos import demo_workshop  # noqa: E402
from facilitator.model.service import open_model  # noqa: E402
from facilitator.ui import board_actions  # noqa: E402
from facilitator.ui.board import BoardScene  # noqa: E402
from facilitator.ui.board_view import BoardView  # noqa: E402
from facilitator.ui.bridge import EventBridge  # noqa: E402


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def render(view: BoardView) -> QImage:
    """A full repaint of the viewport into an image. (grab(), not render(QPainter): with no
    widget to paint into, PySide6 6.12 hands paint() a None it never counted, and crashes.)"""
    return view.viewport().grab().toImage()


def median_render(view, times: int = 10) -> float:
    renders = []
    for _ in range(times):
        t0 = time.perf_counter()
        render(view)
        renders.append(time.perf_counter() - t0)
    return statistics.median(renders)


def bare_reference(count: int) -> float:
    """A bare scene: 1,000 rectangles with a text item each, fitted into 1920x1080."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush, QColor
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    scene = QGraphicsScene()
    for i in range(count):
        row, col = divmod(i, 7)
        rect = scene.addRect(0, 0, 210, 150, brush=QBrush(QColor("#FFF3A3")))
        rect.setPos(17 + col * 226, 56 + row * 166)
        text = scene.addSimpleText(f"Note {i}: an idea of moderate length")
        text.setParentItem(rect)
    view = QGraphicsView(scene)
    view.resize(1920, 1080)
    view.show()
    view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    QApplication.processEvents()
    return median_render(view)


def small_board(model, run, step_index: int = 1) -> float:
    """A board of 30 notes across the view's width: every note's text drawn."""
    step = [s for s in model.runs.steps(run.id) if s.kind == "whiteboard"][step_index]
    model.board.add_notes(
        [NoteRequest(run.id, step.id, f"Idea {i}: something the room said") for i in range(30)]
    )
    bridge = EventBridge(model.bus)
    view = BoardView(BoardScene(step, run, model, bridge))
    view.resize(1920, 1080)
    view.show()
    QApplication.processEvents()
    view.fit_width()
    return median_render(view)


def settle(app, scene) -> None:
    """Let the board's operations (off the GUI thread) and their events finish."""
    while not scene.operations.idle:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    app.processEvents()


def room_board(app, count: int) -> None:
    """A room's board of ``count`` notes on the console: grouping 30 and a new note arriving."""
    model = open_model(Path(tempfile.mkdtemp(prefix="facilitator-bench-room-")))
    run = model.runs.start(demo_workshop(model.library).id)
    step = next(s for s in model.runs.steps(run.id) if s.kind == "whiteboard")
    fill_room_board(model, run.id, step, notes=count)
    bridge = EventBridge(model.bus)
    scene = BoardScene(step, run, model, bridge)
    view = BoardView(scene)
    view.resize(1366, 520)
    view.show()
    app.processEvents()
    ids = sorted(scene.notes)
    print(f"room board: {len(ids)} notes on the console's view (1366x520)")
    model_only, whole, undos = [], [], []
    for round_ in range(10):
        chosen = ids[round_ * 7 :: 9][:30]  # 30 notes spread over the board
        t0 = time.perf_counter()
        change = model.board.make_group(chosen, f"Theme {round_}")
        model_only.append(time.perf_counter() - t0)
        app.processEvents()
        t0 = time.perf_counter()
        model.board.revert(change)
        app.processEvents()
        undos.append(time.perf_counter() - t0)
        items = [scene.notes[i] for i in chosen]
        t0 = time.perf_counter()
        board_actions.make_group(scene, items, items[0], f"Theme {round_}")
        settle(app, scene)
        render(view)
        whole.append(time.perf_counter() - t0)
        scene.undo.undo()
        settle(app, scene)
    arrivals = []
    for i in range(50):
        t0 = time.perf_counter()
        model.board.add_note(NoteRequest(run.id, step.id, f"One more from the room {i}"))
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)  # bridge -> item -> repaint
        arrivals.append(time.perf_counter() - t0)
    arrivals.sort()
    print(
        f"group 30 notes, the model's one transaction: median {ms(statistics.median(model_only))}"
        f" ms, max {ms(max(model_only))} ms; its undo (revert, event taken in): median "
        f"{ms(statistics.median(undos))} ms"
    )
    print(
        "group 30 notes from the console (gather, operation off the GUI thread, event, "
        f"repaint): median {ms(statistics.median(whole))} ms, max {ms(max(whole))} ms"
    )
    p95 = arrivals[int(len(arrivals) * 0.95) - 1]
    print(
        f"a new note arriving (model + event + slot + repaint): median "
        f"{ms(statistics.median(arrivals))} ms, p95 {ms(p95)} ms"
    )
    model.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--room", type=int, default=300)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    model = open_model(Path(tempfile.mkdtemp(prefix="facilitator-bench-")))
    run = model.runs.start(demo_workshop(model.library).id)
    step = next(s for s in model.runs.steps(run.id) if s.kind == "whiteboard")
    texts = [f"Note {i}: an idea of moderate length from the room" for i in range(args.notes)]
    for start in range(0, args.notes, 200):
        chunk = texts[start : start + 200]
        model.board.add_notes([NoteRequest(run.id, step.id, t) for t in chunk])
    bridge = EventBridge(model.bus)

    t0 = time.perf_counter()
    scene = BoardScene(step, run, model, bridge)
    view = BoardView(scene)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    build = time.perf_counter() - t0
    view.fit_board()

    renders = []
    for _ in range(10):
        t0 = time.perf_counter()
        render(view)
        renders.append(time.perf_counter() - t0)

    adds = []
    for i in range(50):
        t0 = time.perf_counter()
        model.board.add_note(NoteRequest(run.id, step.id, f"One more {i}"))
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)  # bridge -> item -> repaint
        adds.append(time.perf_counter() - t0)
    ui_only = []
    for i in range(50):
        note = model.board.add_note(NoteRequest(run.id, step.id, f"UI only {i}")).note
        app.processEvents()
        t0 = time.perf_counter()
        scene._put_note(note.__class__(**{**note.__dict__, "id": 10_000_000 + i}))
        app.processEvents()
        ui_only.append(time.perf_counter() - t0)

    some = model.board.notes(run.id, step.id)[:51]
    for note in some[:50]:
        model.board.move_note(note.id, (note.id % 7) / 7, 0.05)
    model.board.set_hidden(some[50].id, True)
    app.processEvents()
    beside_hidden = []
    for i in range(50):
        model.board.add_note(NoteRequest(run.id, step.id, f"Beside a hidden one {i}"))
        t0 = time.perf_counter()
        app.processEvents()
        beside_hidden.append(time.perf_counter() - t0)

    dragged_out = []
    for note in model.board.notes(run.id, step.id)[100:110]:
        model.board.move_note(note.id, 0.5, 0.5)
        t0 = time.perf_counter()
        app.processEvents()
        dragged_out.append(time.perf_counter() - t0)

    adds.sort()
    bare = bare_reference(args.notes)
    small = small_board(model, run)
    print(f"notes on the board: {len(scene.notes)}")
    print(f"build scene + place {args.notes} notes: {ms(build)} ms")
    print(
        f"full render of the whole board at 1920x1080: median {ms(statistics.median(renders))} ms, "
        f"max {ms(max(renders))} ms"
    )
    print(f"full render 1920x1080, bare scene of {args.notes} rect+text items: {ms(bare)} ms")
    print(f"full render 1920x1080, a board of 30 notes with their text: {ms(small)} ms")
    print(
        f"add one note (model + event + layout + repaint): median {ms(statistics.median(adds))}"
        f" ms, p95 {ms(adds[int(len(adds) * 0.95) - 1])} ms"
    )
    print(
        f"add one note, scene side only (layout + repaint): "
        f"median {ms(statistics.median(ui_only))} ms"
    )
    print(
        "add one note, scene side, with 50 placed notes and a hidden one: "
        f"median {ms(statistics.median(beside_hidden))} ms"
    )
    print(
        "one note put in a place of its own (nothing else moves), scene side: "
        f"median {ms(statistics.median(dragged_out))} ms"
    )
    model.close()
    if args.room:
        room_board(app, args.room)
    return 0


if __name__ == "__main__":
    sys.exit(main())
