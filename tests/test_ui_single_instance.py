"""One copy of the app per data folder, with real processes: a second launch on the same
folder asks the first to come forward and exits 0 (no run, no server); a socket left by a copy
that was killed does not stop the next one from becoming the first."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from facilitator.ui.single_instance import OneCopy, socket_name

# the app as `facilitator --data-dir D` starts it, with its log lines on stderr as well
DRIVER = (
    "import logging, sys; "
    "logging.basicConfig(level=logging.INFO, format='%(name)s: %(message)s'); "
    "from facilitator.cli.main import main; sys.exit(main(sys.argv[1:]))"
)
HOLDS = "This copy holds the data folder"
ASKED = "asked this window to come forward"


def environment(home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env["XDG_CONFIG_HOME"] = str(home / ".config")  # the app's settings, not the user's
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


class Copy:
    """One launch of the app on ``data``; what it says goes to a file we can read as it runs."""

    def __init__(self, data: Path, home: Path, name: str):
        self.data, self.err = data, home / f"{name}.err"
        with self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-c", DRIVER, "--data-dir", str(data)],
                env=environment(home),
                stdout=subprocess.DEVNULL,
                stderr=err,
            )

    def said(self) -> str:
        """Its own log lines (not the data folder's log file, which every copy shares)."""
        return self.err.read_text()

    def wait_to_say(self, words: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.said():
            assert self.process.poll() is None, self.said()[-3000:]
            assert time.monotonic() < deadline, f"never said {words!r}: {self.said()[-3000:]}"
            time.sleep(0.1)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=20)


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def launch_second(data: Path, home: Path) -> tuple[subprocess.CompletedProcess, float]:
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, "--data-dir", str(data)],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, time.monotonic() - began


def test_a_second_launch_brings_the_first_forward_and_exits(data_dir, home):
    # GIVEN the app open on a data folder
    first = Copy(data_dir, home, "first")
    try:
        first.wait_to_say(HOLDS)
        # WHEN it is launched again on the same folder
        second, seconds = launch_second(data_dir, home)
        # THEN the second copy exits at once with 0, having opened no window, run or server
        assert second.returncode == 0, second.stderr[-3000:]
        assert "already open" in second.stderr and HOLDS not in second.stderr
        assert "Join:" not in second.stdout + second.stderr
        print(f"the second copy was gone after {seconds:.2f} s")
        # AND the first was asked to come forward, and is still running
        first.wait_to_say(ASKED)
        assert first.process.poll() is None
    finally:
        first.stop()


def test_a_socket_left_by_a_killed_copy_is_taken_over(data_dir, home):
    # GIVEN a copy killed outright (kill -9): its lock file and its socket stay behind
    killed = Copy(data_dir, home, "killed")
    killed.wait_to_say(HOLDS)
    killed.stop(signal.SIGKILL)
    left = Path(QDir.tempPath()) / socket_name(data_dir)
    if sys.platform != "win32":
        assert left.exists()  # the stale socket file
    # WHEN the app starts again, THEN it becomes the first copy
    again = Copy(data_dir, home, "again")
    try:
        again.wait_to_say(HOLDS)
        # and a later launch finds it, not the dead one
        second, _ = launch_second(data_dir, home)
        assert second.returncode == 0 and "already open" in second.stderr
        again.wait_to_say(ASKED)
    finally:
        again.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="a socket file is how Unix leaves it")
def test_a_dead_socket_file_does_not_block_the_first_copy(data_dir, qapp):
    # GIVEN a socket file nobody listens on (what a crash leaves), under the folder's name
    path = Path(QDir.tempPath()) / socket_name(data_dir)
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(path))
    dead.close()
    # WHEN a copy starts on the folder, THEN it is the first, listening on that name
    copy = OneCopy(data_dir)
    try:
        assert copy.hand_over() is False
        assert copy.server is not None and copy.server.isListening()
    finally:
        copy.release()
    assert not path.exists()


def test_the_socket_name_is_the_folder_however_it_is_spelt(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (tmp_path / "other").mkdir()
    name = socket_name(folder)
    assert name == socket_name(tmp_path / "other" / ".." / "data")
    assert name == socket_name(Path(f"{folder}{os.sep}"))
    assert name != socket_name(tmp_path / "other")
    # short and plain: a Windows pipe name and a socket file name alike
    assert name.startswith("facilitator-") and len(name) < 40
    assert all(c.isalnum() or c == "-" for c in name)
