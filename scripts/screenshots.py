"""Render the app's screens to PNG: the library, the editor, the run console and every stage of
the demo workshop with sample notes, dots and answers (offscreen; no display needed).

    python scripts/screenshots.py [--out DIR]     (default: docs/screenshots)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from facilitator.model.board import NoteRequest  # noqa: E402
from facilitator.model.demos import demo_workshop  # noqa: E402
from facilitator.model.service import open_model  # noqa: E402
from facilitator.ui.settings import Settings  # noqa: E402

IDEAS = [
    "She made it personal: her own story first",
    "Humour - got the room on side",
    "Spoke their language, not management speak",
    "Picked the right moment",
    "Listened before she asked",
    "Named the injustice plainly",
    "Stood on the table so everyone could see her",
    "Made them feel it was their fight, not hers",
    "Short and clear",
    "<b>Courage</b>",
]
MOTIVATORS = [
    ("QOF points and payments", 0),
    ("Targets from the ICB", 0),
    ("Contract requirements", 0),
    ("Pride in caring well for patients", 1),
    ("Curiosity: trying something new", 1),
    ("Peer recognition", 1),
    ("Feeling listened to", 1),
    ("Just joined the board", None),
]


def settle(app, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def fill_run(model, run, steps) -> None:
    """Sample contributions: people, notes (grouped, voted, one hidden), dots, answers."""
    rnd = random.Random(4)
    people = [model.runs.join(run.id)[0] for _ in range(18)]
    boards = [s for s in steps if s.kind == "whiteboard"]
    first = model.board.add_notes(
        [
            NoteRequest(
                run.id,
                boards[0].id,
                t,
                participant_id=people[i].id,
                color=["yellow", "blue", "green", "orange", "pink"][i % 5],
            )
            for i, t in enumerate(IDEAS)
        ]
    )
    notes = [a.note for a in first]
    model.board.create_group(run.id, boards[0].id, "Made it personal", [notes[0].id, notes[7].id])
    for person in people[:9]:
        for note in rnd.sample(notes[:6], 2):
            model.board.vote(note.id, person.id)
    model.board.set_hidden(notes[5].id, True)
    zones = boards[1].zones
    model.board.add_notes(
        [
            NoteRequest(
                run.id,
                boards[1].id,
                t,
                participant_id=people[i].id,
                zone_id=zones[z].id if z is not None else None,
            )
            for i, (t, z) in enumerate(MOTIVATORS)
        ]
    )
    model.board.add_notes(
        [
            NoteRequest(run.id, boards[2].id, f"Idea {i + 1}", participant_id=people[i].id)
            for i in range(7)
        ]
    )
    position = next(s for s in steps if s.kind == "position")
    model.runs.go_to(run.id, steps.index(position))  # a step takes answers while on the screen
    for person in people:
        dot = {"x": rnd.uniform(0.15, 0.85), "y": rnd.uniform(0.2, 0.8)}
        model.responses.answer(run.id, position.id, person.id, dot)
    feedback = next(s for s in steps if s.kind == "feedback")
    model.runs.go_to(run.id, steps.index(feedback))
    for person in people[:11]:
        answers = {"useful": rnd.randint(3, 5), "voice": rnd.randint(2, 5)}
        model.responses.answer(run.id, feedback.id, person.id, {"answers": answers})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from facilitator.ui.app import MainWindow
    from facilitator.ui.bridge import EventBridge
    from facilitator.ui.editor import WorkshopEditor

    folder = Path(tempfile.mkdtemp(prefix="facilitator-shots-"))
    model = open_model(folder)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    settings.facilitator_name = "Sam"
    written = []

    def save(widget, name: str) -> None:
        settle(app)
        path = args.out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    # the real phone server on loopback, so the join slide and the console show a real QR code
    window = MainWindow(model, settings, host="127.0.0.1", port=0)
    window.resize(1440, 900)
    window.show()
    ws = demo_workshop(model.library)
    window.library.select_workshop(ws.id)
    save(window, "library")
    editor = WorkshopEditor(model, EventBridge(model.bus))
    editor.resize(1440, 900)
    editor.open_workshop(ws.id)
    editor.show()
    save(editor, "editor")
    editor.close()

    window.start_run(ws.id)
    console = window.console
    fill_run(model, console.run, console.steps)
    presenter = console.presenter
    presenter.resize(1920, 1080)
    for step in console.steps:
        console.go_to(step.position)
        settle(app)
        if step.kind == "position":
            save(presenter.stage, f"stage-{step.position + 1:02d}-{step.kind}")
            console.live.options.set(heat=True)
            save(presenter.stage, f"stage-{step.position + 1:02d}-{step.kind}-heat")
            continue
        if step.kind == "feedback":
            save(presenter.stage, f"stage-{step.position + 1:02d}-{step.kind}")
            console.live.options.set(results=True)
            save(presenter.stage, f"stage-{step.position + 1:02d}-{step.kind}-results")
            continue
        save(presenter.stage, f"stage-{step.position + 1:02d}-{step.kind}")
        if step.kind == "whiteboard" and step.settings.get("reveal"):
            model.runs.set_step_state(console.run.id, step.id, revealed=True)
            save(presenter.stage, f"stage-{step.position + 1:02d}-{step.kind}-revealed")
    film = next(s for s in console.steps if s.kind == "video")
    console.go_to(film.position - 1)
    deadline = time.monotonic() + 10
    while not console.first_frames.known(film) and time.monotonic() < deadline:
        settle(app)
        time.sleep(0.02)
    save(window, "console-next-video")
    console.go_to(3)
    settle(app)
    save(window, "console-whiteboard")
    console.go_to(0)
    settle(app)
    save(window, "console-join")
    console.join_slide()
    save(presenter.stage, "stage-join-slide")
    window.close()
    model.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
