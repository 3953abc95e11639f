"""A windowed program has no console: sys.stdout and sys.stderr are None (the frozen app on
Windows). `serve` and the app's Start run still work, and the log file in the data folder is
where the Join and Remote addresses are found. Each runs in its own process, with both set to
None before main()."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

# Put first in every script run here.
NO_CONSOLE = "import sys\nsys.stdout = None\nsys.stderr = None\nsys.stdin = None\n"

SERVE = """
from facilitator.cli.main import main
sys.exit(main(["serve", "--demo", "--host", "127.0.0.1", "--port", "0", "--data-dir", sys.argv[1]]))
"""

# The app as `facilitator demo` starts it; once it runs, press Start run on the demo workshop
# and write down what the window then shows, for the test to read.
APP = """
import json
import urllib.request
from pathlib import Path

from PySide6.QtCore import QTimer

from facilitator.cli.main import main
from facilitator.model.demos import demo_workshop
from facilitator.ui.app import MainWindow, make_application

app = make_application()


def start_run():
    [window] = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    window.library.select_workshop(demo_workshop(window.model.library).id)
    window.library.start.click()
    server = window.server
    answer = {"console": window.console is not None, "join": server and server.join_url}
    if server is not None:
        phone_page = f"http://127.0.0.1:{server.port}/?k={server.context.run.join_key}"
        answer["status"] = urllib.request.urlopen(phone_page, timeout=10).status
    Path(sys.argv[2]).write_text(json.dumps(answer))
    window.close()


QTimer.singleShot(0, start_run)
sys.exit(main(["demo", "--data-dir", sys.argv[1]]))
"""

# The app started on a data folder that cannot be one: what the message box says is written
# down, and the box closed, as a person would.
REFUSED = """
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator.cli.main import main

app = QApplication([])


def read_the_box():
    for box in [w for w in app.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]:
        Path(sys.argv[2]).write_text(box.text())
        box.close()


timer = QTimer()
timer.timeout.connect(read_the_box)
timer.start(50)
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def without_console(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", NO_CONSOLE + script, *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def wait_for_line(log: Path, pattern: str, process: subprocess.Popen, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        found = re.search(pattern, text)
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} not in the log (exit {process.poll()})")


def test_serve_without_a_console_logs_the_addresses_and_serves_phones(data_dir):
    # GIVEN `serve --demo` in a process with no stdout, stderr or stdin
    process = without_console(SERVE, data_dir)
    log = data_dir / "logs" / "facilitator.log"
    try:
        # WHEN it has started
        join = wait_for_line(log, r"Join: (http://127\.0\.0\.1:\d+/\?k=\S+)", process).group(1)
        remote = wait_for_line(log, r"Remote: (http://\S+/remote\?k=\S+)", process).group(1)
        # THEN the phone page answers on loopback at the logged address, and so does the remote
        page = httpx.get(join, timeout=10)
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert httpx.get(remote, timeout=10).status_code == 200
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    # AND it stops cleanly, having written nothing to the console it does not have
    assert process.returncode == 0
    assert out == b"" and err == b""
    text = log.read_text(encoding="utf-8")
    assert "stopped; run 1 is saved" in text and "Traceback" not in text


def test_start_run_without_a_console_opens_the_console_and_the_phone_server(data_dir, tmp_path):
    # GIVEN the app (`facilitator demo`) in a process with no stdout, stderr or stdin
    answer_file = tmp_path / "answer.json"
    process = without_console(APP, data_dir, answer_file)
    # WHEN Start run is pressed on the demo workshop
    out, err = process.communicate(timeout=120)
    # THEN the run console opened, the phone page answered, and the app closed normally
    assert process.returncode == 0, err
    answer = json.loads(answer_file.read_text())
    assert answer["console"] is True and answer["status"] == 200
    # (Qt's own C++ warnings may still reach the process's stderr; no Python output does.)
    assert out == b"" and b"Traceback" not in err
    # AND the log has the Join and Remote lines of that server
    text = (data_dir / "logs" / "facilitator.log").read_text(encoding="utf-8")
    assert f"Join: {answer['join']}" in text
    assert re.search(r"Remote: http://\S+/remote\?k=\S+", text)
    assert "Traceback" not in text


def test_the_app_that_cannot_start_says_why_in_a_message_box(tmp_path):
    # GIVEN a windowed app (no console) asked to use a file as its data folder
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("")
    said = tmp_path / "said.txt"
    # WHEN it starts
    process = without_console(REFUSED, not_a_folder, said)
    out, err = process.communicate(timeout=60)
    # THEN it exits 1 after saying why in a box, the sentence naming the folder
    assert process.returncode == 1, err
    assert said.read_text() == (
        f"{not_a_folder} is a file, not a folder: choose another data folder with --data-dir."
    )
