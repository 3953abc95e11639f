"""Which screen the projector is: the second screen when there is one (the one chosen last time
if it is plugged in), none when there is only one (the presenter window is then windowed). The
model follows screens being plugged in and out and says when the choice changes.

One screen may mean the projector shows a copy of the laptop's (Windows "Duplicate", macOS
mirroring: the system then reports a single screen) or is not plugged in yet: either way the
room may see the console, which then says so and keeps private things (the remote code) off it.

Screens come from a function so tests can hand in a list: Xvfb cannot fake a second monitor.
A screen is anything with ``name()`` and ``geometry()`` (a QScreen in the app)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication


def _app_screens() -> list:
    return list(QGuiApplication.screens())


def _app_primary():
    return QGuiApplication.primaryScreen()


class ScreenModel(QObject):
    """``projector`` is the chosen screen, or None for "windowed on the laptop"."""

    projector_changed = Signal(object)

    def __init__(
        self,
        settings,
        screens: Callable[[], list] | None = None,
        primary: Callable[[], object] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.settings = settings
        self._screens = screens or _app_screens
        self._primary = primary or _app_primary
        self.projector = self.choose()
        if screens is None:
            app = QGuiApplication.instance()
            app.screenAdded.connect(lambda *_: self.screens_changed())
            app.screenRemoved.connect(lambda *_: self.screens_changed())

    def screens(self) -> list:
        return list(self._screens())

    def laptop(self):
        """The screen the console stays on."""
        return self._primary() or (self.screens() or [None])[0]

    def choose(self):
        """The remembered screen if present and not the laptop's; else the first other one."""
        laptop = self.laptop()
        others = [s for s in self.screens() if s is not laptop]
        if not others:
            return None
        wanted = self.settings.projector_screen
        for screen in others:
            if wanted and screen.name() == wanted:
                return screen
        return others[0]

    def screens_changed(self) -> None:
        """A screen was plugged in or out: choose again, and say so if the choice changed."""
        chosen = self.choose()
        if chosen is not self.projector:
            self.projector = chosen
            self.projector_changed.emit(chosen)

    def use(self, screen) -> None:
        """The facilitator picked ``screen`` (None: windowed); remembered for next time."""
        if screen is not None:
            self.settings.projector_screen = screen.name()
        self.projector = screen
        self.projector_changed.emit(screen)

    def one_screen(self) -> bool:
        """True when the room may be seeing the laptop's own screen (see the module's note)."""
        return len(self.screens()) <= 1

    def describe(self) -> str:
        if self.projector is None:
            return (
                "One screen: the projector view is a window (move it or press F for full screen)."
            )
        return f"Projector on {self.projector.name()}"


ONE_SCREEN_WARNING = (
    "Only one screen: the room may be seeing this console (a projector showing a copy of the "
    "laptop's screen, or not plugged in yet). To keep it to yourself, extend the desktop to the "
    "projector: on Windows press Windows key + P and choose Extend; on a Mac turn mirroring "
    "off in System Settings, Displays."
)
