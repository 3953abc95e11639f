"""Helpers for the run-console tests: a main window over a real database, no phone server."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from facilitator.model.demos import demo_workshop
from facilitator.ui.settings import Settings


class FakeScreen:
    """A screen that cannot exist here: Xvfb and offscreen have one monitor only."""

    def __init__(self, name: str, x: int = 0, width: int = 1920, height: int = 1080):
        from PySide6.QtCore import QRect

        self._name = name
        self._geometry = QRect(x, 0, width, height)

    def name(self) -> str:
        return self._name

    def geometry(self):
        return self._geometry


def temp_settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def open_window(qtbot, model, tmp_path, screens=None):
    from facilitator.ui.app import MainWindow

    window = MainWindow(model, temp_settings(tmp_path), serve=False, screens=screens)
    qtbot.addWidget(window)
    window.show()
    return window


def start_demo(qtbot, model, tmp_path, screens=None):
    window = open_window(qtbot, model, tmp_path, screens)
    window.start_run(demo_workshop(model.library).id)
    assert window.console is not None
    return window, window.console


def go_to_kind(qtbot, console, kind: str, nth: int = 0):
    """Move the run to the ``nth`` step of ``kind`` and wait until the console shows it."""
    steps = [s for s in console.steps if s.kind == kind]
    target = steps[nth]
    console.go_to(target.position)
    qtbot.waitUntil(lambda: console.step.id == target.id, timeout=3000)
    return target
