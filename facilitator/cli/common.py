"""Helpers shared by the commands: opening the model on the chosen data folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from facilitator.model.service import Model, open_model
from facilitator.paths import data_dir


class UserError(Exception):
    """A problem the user can fix; printed as it is, with exit status 1."""


def model_from_args(args) -> Model:
    return open_model(data_dir(getattr(args, "data_dir", None)))


def write_crash_log(text: str) -> Path:
    """Keep a traceback in a file the user can send us; returns where it went."""
    try:
        folder = data_dir(None) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir())
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
    path.write_text(text, encoding="utf-8")
    return path


def when(timestamp: float | None) -> str:
    if timestamp is None:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
