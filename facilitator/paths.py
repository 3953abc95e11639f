"""Where the user's data lives: one folder, the platform's user data directory unless overridden."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Facilitator"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder (created if missing): ``override`` when given, else the platform default."""
    folder = Path(override).expanduser() if override else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder
