"""The app shell: the QApplication set-up and the main window. The window shows the library
page and, while a run is open, the run console; the presenter window goes to the projector.
Starting a run also starts the phone server; when it cannot start, the run goes on without
phones and the console says why."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.model.errors import ModelError
from facilitator.ui.bridge import EventBridge
from facilitator.ui.console import RunConsole
from facilitator.ui.console_day import confirm
from facilitator.ui.fonts import load_bundled_fonts
from facilitator.ui.kinds.base import plain_label
from facilitator.ui.library import LibraryPage
from facilitator.ui.settings import Settings
from facilitator.ui.single_instance import OneCopy
from facilitator.ui.wake import WakeLock

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Facilitator")
    app.setOrganizationName("Facilitator")
    load_bundled_fonts()
    return app


class ResumeBanner(QWidget):
    """Offers the newest unfinished run for resuming at its step (after a crash, or a break)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.run_id: int | None = None
        self.text = plain_label()
        self.resume = QPushButton("Resume it")
        self.dismiss = QPushButton("Not now")
        self.dismiss.clicked.connect(self.hide)
        self.setStyleSheet("background: #FFF3A3; padding: 4px")
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.resume)
        row.addWidget(self.dismiss)

    def offer(self, runs) -> None:
        if not runs:
            self.run_id = None
            self.hide()
            return
        run = runs[0]
        self.run_id = run.id
        more = f" (and {len(runs) - 1} more in the list of runs)" if len(runs) > 1 else ""
        self.text.setText(
            f"The run of “{run.title}” was not finished: step {run.current_position + 1} of "
            f"{run.step_count}{more}."
        )
        self.show()


class MainWindow(QMainWindow):
    """The facilitator's window. ``serve`` False runs without the phone server (tests, or
    a laptop where the facilitator types every note); ``screens`` is a ScreenModel; ``host``
    binds the phone server to one address (None: every interface, the best one advertised);
    ``wake`` keeps the laptop awake while a run is open (default: this system's way).

    With ``one_copy`` (the default) a window on a data folder another copy already has asks
    that copy to come forward and exits here (SystemExit 0): no run, no second server."""

    def __init__(
        self,
        model,
        settings: Settings | None = None,
        *,
        serve=True,
        screens=None,
        port: int | None = None,
        host: str | None = None,
        wake: WakeLock | None = None,
        one_copy: bool = True,
    ):
        copy = OneCopy(model.db.folder) if one_copy else None
        if copy is not None and copy.hand_over():
            raise SystemExit(0)
        super().__init__()
        self.copy = copy
        if copy is not None:
            copy.setParent(self)
            copy.raise_requested.connect(self.come_forward)
        self.wake = wake if wake is not None else WakeLock()
        self._closing = False  # the facilitator said yes to closing mid-run
        self.model = model
        self.settings = settings or Settings()
        self.serve, self.screens, self.port, self.host = serve, screens, port, host
        self.bridge = EventBridge(model.bus, self)
        self.console: RunConsole | None = None
        self.server = None
        self.setWindowTitle("Facilitator")
        self.library = LibraryPage(model, self.settings)
        self.library.start_run_requested.connect(self.start_run)
        self.library.resume_run_requested.connect(self.open_run)
        self.library.export_run_requested.connect(self.export_run)
        self.banner = ResumeBanner()
        self.banner.resume.clicked.connect(lambda: self.open_run(self.banner.run_id))
        home = QWidget()
        column = QVBoxLayout(home)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.library, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(home)
        self.pages.currentChanged.connect(self._size_by_current_page)
        self.setCentralWidget(self.pages)
        self.banner.offer(model.runs.unfinished())
        self._fit_to_screen()

    def _size_by_current_page(self, index: int) -> None:
        """Only the page on show sets how small the window may be: the run console fits a
        small laptop screen at 150 % even where the library page would need more."""
        for i in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.pages.widget(i).setSizePolicy(policy, policy)

    def _fit_to_screen(self) -> None:
        """1400x880 where there is room; on a small laptop screen, all of what there is."""
        area = self.screen().availableGeometry()
        self.resize(min(1400, area.width()), min(880, area.height()))
        self.move(area.topLeft())

    # -- runs ----------------------------------------------------------------------------------
    def start_run(self, workshop_id: int) -> None:
        try:
            run = self.model.runs.start(workshop_id, facilitator=self.settings.facilitator_name)
        except ModelError as error:
            self.statusBar().showMessage(error.message, 10000)
            return
        self.open_run(run.id)

    def open_run(self, run_id: int | None) -> None:
        """Open the console of ``run_id`` at its current step (a new run or a resumed one)."""
        if run_id is None:
            return
        self.close_run()
        try:
            run = self.model.runs.run(run_id)
        except ModelError as error:
            self.statusBar().showMessage(error.message, 10000)
            return
        problem = ""
        if self.serve and not run.ended:
            problem = self._start_server(run_id)
        self.console = RunConsole(
            self.model,
            self.settings,
            run_id,
            self.bridge,
            server=self.server,
            screens=self.screens,
            wake=self.wake,
        )
        self.console.left.connect(self.close_run)
        self.console.ended.connect(self._run_ended)
        self.console.export_requested.connect(self.export_run)
        self.pages.addWidget(self.console)
        self.pages.setCurrentWidget(self.console)
        self.banner.hide()
        self.setWindowTitle(f"Facilitator - {run.title}")
        if problem:
            self.console.show_problem(problem)
        self.console.show_presenter()
        self.activateWindow()

    def _start_server(self, run_id: int) -> str:
        try:
            from facilitator.web.server import ServerError, WebServer
        except ImportError as error:
            return f"Phones cannot join: the phone server is not installed ({error})."
        port = self.port if self.port is not None else self.settings.preferred_port
        server = WebServer(self.model, run_id, host=self.host, port=port)
        try:
            server.start()
        except ServerError as error:
            return f"{error} The run goes on; add notes for the room yourself."
        self.server = server
        return ""

    def close_run(self) -> None:
        """Back to the library; an unfinished run stays open for resuming."""
        if self.console is not None:
            self.console.shutdown()
            self.pages.removeWidget(self.console)
            self.console.deleteLater()
            self.console = None
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.pages.setCurrentIndex(0)
        self.setWindowTitle("Facilitator")
        self.library.refresh_runs()
        self.banner.offer(self.model.runs.unfinished())

    def _run_ended(self, run_id: int) -> None:
        self.close_run()
        self.export_run(run_id)

    def export_run(self, run_id: int) -> None:
        from facilitator.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.model, self.settings, run_id=run_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def come_forward(self) -> None:
        """Another launch on this data folder asked for this window (it exits instead)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage("Facilitator was already open: here it is.", 8000)

    def closeEvent(self, event) -> None:  # noqa: N802
        live = self.console is not None and not self.console.run.ended
        if live and event.spontaneous() and not self._closing:  # the facilitator, mid-run
            event.ignore()
            text = (
                "Close Facilitator in the middle of the run? The projector window closes, so "
                "the room sees the desktop. The run stays open: resume it when you start again."
            )
            confirm(self, "Close Facilitator", text, "Close", self._close_now)
            return
        self.close_run()
        self.bridge.close()
        if self.copy is not None:
            self.copy.release()
        super().closeEvent(event)

    def _close_now(self) -> None:
        self._closing = True
        self.close()
