"""Helpers shared by the commands: opening the model on the chosen data folder."""

from __future__ import annotations

import logging
import tempfile
import time
import traceback
from pathlib import Path

from facilitator.logs import current_log_file
from facilitator.model.service import Model, open_model
from facilitator.paths import data_dir

log = logging.getLogger(__name__)


class UserError(Exception):
    """A problem the user can fix; printed as it is, with exit status 1."""


def model_from_args(args) -> Model:
    wanted = getattr(args, "data_dir", None)
    try:
        folder = data_dir(wanted)
    except FileExistsError as error:
        raise UserError(
            f"{error.filename} is a file, not a folder: choose another data folder with --data-dir."
        ) from None
    except OSError as error:
        raise UserError(
            f"The data folder {error.filename or wanted} cannot be made "
            f"({error.strerror or error}): choose another with --data-dir."
        ) from None
    return open_model(folder)


def write_crash_log(error: BaseException) -> Path:
    """Keep the traceback of ``error`` where the user can find it and send it to us: the log
    file, or a file in the temporary folder when there is no log; returns where it went."""
    where = current_log_file()
    if where is not None:
        log.error("the command failed", exc_info=error)
        return where
    path = Path(tempfile.gettempdir()) / f"facilitator-crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
    text = "".join(traceback.format_exception(error))
    path.write_text(text, encoding="utf-8")
    return path


def when(timestamp: float | None) -> str:
    if timestamp is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
