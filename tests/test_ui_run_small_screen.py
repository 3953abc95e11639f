"""The run console on a small laptop screen: 1366x768 at 100, 125 and 150 % display scaling,
on a 150-note board. Nothing is cut off (the note and name fields, Add, the toolbar, the side
panel), the remote's code is big enough to scan, and the window fits the screen.

Qt reads the scaling once at start, so each scaling runs scripts/render_console.py in a fresh
process (offscreen, with the real phone server on loopback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "render_console.py"


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_the_console_fits_a_1366x768_laptop(tmp_path, scale):
    # GIVEN a 1366x768 laptop screen at this scaling, the console maximised on a 150-note board
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    picture = tmp_path / "console.png"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--size", "1366x768", "--out", str(picture)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # THEN the window fits, and every part of the console has the room it needs
    assert report["problems"] == []
    width, height = report["window"]
    assert (width, height) == (round(1366 / float(scale)), round(768 / float(scale)) - 70)
    assert picture.stat().st_size > 10_000  # a real picture of the console was taken
