"""What the facilitator sees when the program has a bug: the traceback goes to the log file and
a small dialog says so in one sentence, with "Copy details" and "Open the log folder"; the run
goes on behind it. Exceptions reach it three ways: from Qt slots (``sys.excepthook``), from
other threads (``threading.excepthook``), and as any error logged with its traceback, which is
how the phone server's loop, uvicorn and the background tasks report theirs."""

from __future__ import annotations

import logging
import platform
import sys
import threading
from collections import deque
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow, QVBoxLayout

from facilitator import __version__
from facilitator.logs import FILE_FORMAT
from facilitator.ui.kinds.base import plain_label

log = logging.getLogger(__name__)

SENTENCE = (
    "Something went wrong inside Facilitator. The run goes on; if it happens again, "
    "send us the details (they are also in the log)."
)
QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class CrashDialog(QDialog):
    """Not modal: the console, the projector and the phones carry on behind it. Problems that
    come while it is open are added to it (and counted), never shown as more dialogs."""

    def __init__(self, log_folder: Path, parent=None):
        super().__init__(parent)
        self.log_folder = log_folder
        self.problems: list[str] = []
        self.setWindowTitle("Facilitator: something went wrong")
        self.sentence = plain_label(SENTENCE)
        self.count = plain_label()
        self.count.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton("&Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder = buttons.addButton(
            "&Open the log folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy.clicked.connect(self.copy_details)
        self.open_folder.clicked.connect(self.open_log_folder)
        buttons.rejected.connect(self.close)
        column = QVBoxLayout(self)
        column.addWidget(self.sentence)
        column.addWidget(self.count)
        column.addWidget(buttons)
        self.setMinimumWidth(460)

    def add(self, details: str) -> None:
        self.problems.append(details)
        if len(self.problems) > 1:
            self.count.setText(f"{len(self.problems)} problems so far.")
            self.count.show()

    def details(self) -> str:
        """What "Copy details" puts on the clipboard: versions, where the log is, tracebacks."""
        header = (
            f"Facilitator {__version__}, Python {platform.python_version()}, "
            f"PySide6 {pyside_version}, {platform.platform()}\n"
            f"Log folder: {self.log_folder}"
        )
        return "\n\n".join([header, *self.problems])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())

    def open_log_folder(self) -> None:
        self.log_folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_folder)))


class _DialogHandler(logging.Handler):
    """Hands every error logged with a traceback, from any thread, to the reporter."""

    def __init__(self, reporter: CrashReporter):
        super().__init__(logging.ERROR)
        self.reporter = reporter
        self.setFormatter(logging.Formatter(FILE_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        if not record.exc_info or record.exc_info[1] is None:
            return
        try:
            if self.reporter.first_time(record.exc_info[1]):
                self.reporter.reported.emit(self.format(record))
        except RuntimeError:  # the reporter is gone (the app is closing)
            pass


class CrashReporter(QObject):
    """Logs uncaught exceptions and shows what was logged in one CrashDialog on the GUI thread.
    Made on the GUI thread; ``install`` sets it up and ``uninstall`` puts everything back."""

    reported = Signal(str)

    def __init__(self, log_folder: Path, parent=None):
        super().__init__(parent)
        self.log_folder = log_folder
        self.dialog: CrashDialog | None = None
        self.handler = _DialogHandler(self)
        self._recent: deque[BaseException] = deque(maxlen=10)
        self._lock = threading.Lock()
        self._previous = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def first_time(self, error: BaseException) -> bool:
        """False for an exception already shown (one error is often logged twice)."""
        with self._lock:
            if any(seen is error for seen in self._recent):
                return False
            self._recent.append(error)
            return True

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        logging.getLogger().addHandler(self.handler)

    def uninstall(self) -> None:
        logging.getLogger().removeHandler(self.handler)
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type, error, tb) -> None:
        """An exception nobody caught on the GUI thread, e.g. in a Qt slot."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, error, tb)
            return
        log.error("unexpected error in the app", exc_info=(exc_type, error, tb))

    def thread_excepthook(self, args) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        exc_info = (args.exc_type, args.exc_value, args.exc_traceback)
        log.error("unexpected error in %s", name, exc_info=exc_info)

    def _show(self, details: str) -> None:
        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = CrashDialog(self.log_folder, _window())
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._forget)
        self.dialog.add(details)
        self.dialog.show()
        self.dialog.raise_()

    def _forget(self) -> None:
        self.dialog = None


def _window():
    """The facilitator's own window, so the dialog opens over the console (not the projector)."""
    app = QApplication.instance()
    windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    return windows[0] if windows else app.activeWindow()


def _log_qt_message(kind, context, message: str) -> None:
    logging.getLogger("qt").log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install(app: QApplication, log_folder: Path) -> CrashReporter:
    """Report crashes in a dialog for the life of ``app``, and send Qt's own messages (which a
    windowed program cannot print) to the log."""
    reporter = CrashReporter(log_folder, app)
    reporter.install()
    qInstallMessageHandler(_log_qt_message)
    app.aboutToQuit.connect(reporter.uninstall)
    return reporter
