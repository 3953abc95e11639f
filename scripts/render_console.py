"""Render the run console as it looks on a small laptop screen, and check that nothing on it is
cut off: the console of a demo run on its 150-note board, in the client area of a maximised
window on a WxH screen at a display scaling (offscreen). The picture is taken first; the check
is made with the remote's code shown.

    QT_SCALE_FACTOR=1.5 python scripts/render_console.py [--size 1366x768] [--out F.png]

Prints a JSON object: the window's size, and ``problems`` (one sentence each; none when all fits).
The display scaling comes from QT_SCALE_FACTOR, which Qt reads once at start (hence a script:
the tests run it in a fresh process per scaling).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QRect, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolBar, QWidget  # noqa: E402

TASKBAR = 40  # pixels of the screen the system keeps (at 100 %)
TITLE_BAR = 30  # the window's own title bar (at 100 %)


def client_area(width: int, height: int, scale: float) -> tuple[int, int]:
    """The logical size of a maximised window's inside on a ``width`` x ``height`` screen."""
    return round(width / scale), round(height / scale) - TASKBAR - TITLE_BAR


def settle(app, seconds: float = 0.6) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def cut_off(name: str, widget: QWidget, window: QWidget) -> list[str]:
    """Sentences for what is wrong with ``widget``: hidden, outside the window or squeezed."""
    if not widget.isVisibleTo(window):
        return [f"{name} is not shown"]
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    problems = []
    if not window.rect().contains(rect):
        problems.append(f"{name} is outside the window ({rect.getRect()} in {window.size()})")
    least = widget.minimumSizeHint()
    if widget.width() < least.width() or widget.height() < least.height():
        problems.append(f"{name} is squeezed ({widget.size().toTuple()} < {least.toTuple()})")
    if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
        if widget.height() < widget.heightForWidth(widget.width()):
            problems.append(f"{name} is cut short: '{widget.text()[:30]}'")
    return problems


def in_view(name: str, widget: QWidget, area) -> list[str]:
    """A widget inside a scroll area: within the area's width (it scrolls only up and down)."""
    right = widget.mapTo(area.widget(), QPoint(widget.width(), 0)).x()
    if right > area.viewport().width():
        return [f"{name} is wider than its panel ({right} > {area.viewport().width()})"]
    return []


def check(window, console) -> list[str]:
    notes, side = console.notes, console.side
    problems = []
    for name, widget in (
        ("the note field", notes.text),
        ("the name field", notes.author),
        ("Add", next((b for b in notes.findChildren(QPushButton) if b.text() == "Add"), None)),
        ("Hide / unhide", notes.hide_button),
        ("the step title", console.step_title),
        ("the projector preview", console.preview),
    ):
        problems += cut_off(name, widget, window) if widget else [f"{name} is missing"]
    bar = console.findChild(QToolBar)
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if action.isVisible() and action.text() and (button is None or not button.isVisible()):
            problems.append(f"the toolbar has no room for '{action.text()}'")
    area = side.parentWidget().parentWidget()
    for name, widget in (
        ("the countdown", side.countdown),
        ("the clock", side.wall),
        ("the timer button", side.timer_button),
        ("the attendee count", side.people),
        ("the join code", side.join.qr),
        ("the remote's button", side.remote.toggle),
        ("the remote's code", side.remote.qr),
    ):
        problems += in_view(name, widget, area)
        if widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{name} is squeezed")
    qr = side.remote.qr
    if not side.remote.shown:
        problems.append("the remote's code is not shown")
    if qr.width() * qr.devicePixelRatioF() < 160 or qr.width() < 160:
        problems.append(f"the remote's code is too small to scan ({qr.width()} px)")
    return problems


class Projector:
    """A second screen (offscreen has one): what the screen model asks of a screen."""

    def name(self) -> str:
        return "HDMI-1"

    def geometry(self) -> QRect:
        return QRect(1920, 0, 1920, 1080)


def with_projector(settings):
    from PySide6.QtGui import QGuiApplication

    from facilitator.ui.screens import ScreenModel

    laptop, projector = QGuiApplication.primaryScreen(), Projector()
    return ScreenModel(settings, lambda: [laptop, projector], lambda: laptop)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768", help="the laptop screen, in pixels")
    parser.add_argument("--out", type=Path, help="save the console as this PNG")
    args = parser.parse_args(argv)
    screen_w, screen_h = (int(n) for n in args.size.lower().split("x"))
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    app = QApplication.instance() or QApplication([])
    from facilitator.export.sample import fill_room_board
    from facilitator.model.demos import demo_workshop
    from facilitator.model.service import open_model
    from facilitator.ui.app import MainWindow
    from facilitator.ui.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="facilitator-console-"))
    model = open_model(folder)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    # a projector beside the laptop: with one screen the remote's code is never shown
    window = MainWindow(model, settings, host="127.0.0.1", port=0, screens=with_projector(settings))
    window.show()
    window.start_run(demo_workshop(model.library).id)
    console = window.console
    board = next(s for s in console.steps if s.kind == "whiteboard")
    fill_room_board(model, console.run.id, board, notes=150)
    console.go_to(board.position)
    settle(app)  # the console's own least size takes over from the library's
    wanted = client_area(screen_w, screen_h, scale)
    window.resize(*wanted)
    settle(app)
    if args.out:
        window.grab().save(str(args.out))
    console.side.remote.set_shown(True)
    settle(app)
    problems = check(window, console)
    if window.size().toTuple() != wanted:
        problems.insert(0, f"the window needs {window.size().toTuple()}, the screen has {wanted}")
    print(json.dumps({"scale": scale, "window": wanted, "problems": problems}))
    window.close()
    model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
