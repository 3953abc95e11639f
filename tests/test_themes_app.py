"""The desktop app (`facilitator demo`, as a real process, offscreen) runs the vector keeper:
notes added during a run get their vectors in the background, and closing the app stops the
keeper's thread (the process ends by itself, exit 0)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

APP = """
import json
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from facilitator.cli.main import main
from facilitator.model.board import NoteRequest
from facilitator.model.demos import demo_workshop
from facilitator.ui.app import MainWindow, make_application

app = make_application()
NOTES = ["No time to plan anything", "Funding cuts", "Slow computers"]


def start_run_and_add_notes():
    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    model = window.model
    window.library.select_workshop(demo_workshop(model.library).id)
    window.library.start.click()
    run = window.console.run
    board = model.runs.steps(run.id)[3]
    for text in NOTES:
        model.board.add_note(NoteRequest(run.id, board.id, text, author_name="Sam"))
    keeper = model.themes.keeper
    answer = {
        "keeper": keeper is not None,
        "idle": bool(keeper and keeper.wait_idle(60)),
        "threads": [t.name for t in threading.enumerate()],
    }
    Path(sys.argv[2]).write_text(json.dumps(answer))
    window.close()


QTimer.singleShot(0, start_run_and_add_notes)
sys.exit(main(["demo", "--data-dir", sys.argv[1]]))
"""


def test_the_app_keeps_vectors_and_stops_the_keeper_on_close(data_dir, tmp_path):
    # GIVEN the app on a fresh data folder; WHEN a run starts and three notes arrive
    answer_file = tmp_path / "answer.json"
    done = subprocess.run(
        [sys.executable, "-c", APP, str(data_dir), str(answer_file)],
        capture_output=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )

    # THEN the keeper ran on its own thread and stored their vectors, and the app ended cleanly
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    answer = json.loads(answer_file.read_text())
    assert answer["keeper"] and answer["idle"]
    assert "facilitator-vectors" in answer["threads"]
    connection = sqlite3.connect(data_dir / "facilitator.sqlite3")
    try:
        assert connection.execute("SELECT count(vector) FROM notes").fetchone() == (3,)
    finally:
        connection.close()
    assert b"Traceback" not in done.stderr
