"""`facilitator snapshot` as a facilitator uses it: a real process on a real data folder writes
the projector's view of a 150-note board, one picture per page, that a camera-less reader
(tesseract OCR) can read back; bad arguments get one sentence."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from facilitator.export.sample import fill_room_board
from facilitator.model.demos import demo_workshop
from facilitator.model.service import open_model


def cli(*args):
    command = [sys.executable, "-m", "facilitator", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert "Traceback" not in done.stderr + done.stdout
    return done


@pytest.fixture
def room(tmp_path):
    """A data folder with one run whose board "What did Rita O'Grady do?" holds 150 notes."""
    folder = tmp_path / "data"
    model = open_model(folder)
    run = model.runs.start(demo_workshop(model.library).id)
    board = next(s for s in model.runs.steps(run.id) if s.title == "What did Rita O'Grady do?")
    fill_room_board(model, run.id, board, notes=150)
    model.close()
    return folder, board.position + 1


def test_snapshot_writes_every_page_and_the_room_can_read_it(room, tmp_path):
    folder, step = room
    out = tmp_path / "board.png"
    done = cli("snapshot", "latest", "--step", str(step), "--out", str(out), "--all-pages",
               "--data-dir", str(folder))  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = sorted(tmp_path.glob("board-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(pages) >= 5 and len(done.stdout.splitlines()) == len(pages)
    for page in pages:
        image = QImage(str(page))
        assert (image.width(), image.height()) == (1920, 1080)
    # a legibility check: OCR reads the first note and the page number back from the picture
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract (tesseract-ocr) is needed to read the projector picture back")
    read = subprocess.run(["tesseract", str(pages[0]), "-"], capture_output=True, text=True)
    words = " ".join(read.stdout.split())
    assert "She spoke as one of them" in words
    assert f"page 1 of {len(pages)}" in words


def test_snapshot_at_a_laptop_size_and_a_single_picture(room, tmp_path):
    folder, step = room
    out = tmp_path / "small.png"
    done = cli("snapshot", "1", "--step", str(step), "--out", str(out), "--size", "1366x768",
               "--mode", "overview", "--data-dir", str(folder))  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


@pytest.mark.parametrize(
    "args, sentence",
    [
        (["--step", "99", "--out", "{tmp}/x.png"], "there is no step 99"),
        (["--step", "1", "--size", "huge", "--out", "{tmp}/x.png"], "--size is width x height"),
        (["--step", "1", "--out", "{tmp}/missing/x.png"], "does not exist"),
        (["--step", "1", "--out", "{tmp}/x.jpg"], "--out is a .png file"),
    ],
)
def test_snapshot_mistakes_get_a_sentence(room, tmp_path, args, sentence):
    folder, _ = room
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = cli("snapshot", "latest", *args, "--data-dir", str(folder))
    assert done.returncode == 1 and sentence in done.stderr
