"""Where the program's log goes: ``<data dir>/logs/facilitator.log``, rotating, with or without a
console. A windowed program (the frozen app on Windows) has no stdout or stderr at all, so the
file is then the only trace; nothing here writes to a stream that is None."""

from __future__ import annotations

import faulthandler
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "facilitator.log"
FAULTS_NAME = "faults.log"
MAX_BYTES = 2_000_000
BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"

_MARK = "_facilitator_handler"
_faults_file = None


def log_folder(data_folder: Path) -> Path:
    return Path(data_folder) / "logs"


class ConsoleHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record arrives, and to nothing when it is
    None (a windowed program, or a console closed under a long-running ``serve``)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass  # always the current sys.stderr

    def emit(self, record: logging.LogRecord) -> None:
        if sys.stderr is not None:
            super().emit(record)


def setup_logging(data_folder: Path | None) -> Path | None:
    """Our records from INFO up and everyone's warnings go to the log file; warnings also go to
    stderr when there is one. Calling it again (tests run ``main()`` many times) replaces what
    the previous call installed. Returns the log file, or None when its folder cannot be
    written (then the console is all there is)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)
    logging.getLogger("facilitator").setLevel(logging.INFO)
    console = ConsoleHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
    _add(root, console)
    file = _file_handler(data_folder)
    if file is None:
        return None
    _add(root, file)
    return Path(file.baseFilename)


def _add(root: logging.Logger, handler: logging.Handler) -> None:
    setattr(handler, _MARK, True)
    root.addHandler(handler)


def _file_handler(data_folder: Path | None) -> RotatingFileHandler | None:
    if data_folder is None:
        return None
    try:
        folder = log_folder(data_folder)
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    return handler


def current_log_file() -> Path | None:
    """The file ``setup_logging`` is writing to, if any."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _MARK, False) and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def keep_native_crashes(data_folder: Path) -> Path | None:
    """A crash below Python (in Qt or a driver) leaves its Python stack in ``faults.log`` beside
    the log, instead of vanishing with the window. Kept open for the life of the program."""
    global _faults_file
    if _faults_file is not None:
        return Path(_faults_file.name)
    try:
        path = log_folder(data_folder) / FAULTS_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        _faults_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the program
        faulthandler.enable(file=_faults_file, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        return None
    return path
