"""The bundled fonts the app adds to the system's: the emoji face (Noto Emoji, the one the PDFs
use), so a note or an answer with an emoji shows it on the projector and the console even on a
laptop without an emoji font, instead of an empty box."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QFontDatabase

from facilitator.assets import asset_path

log = logging.getLogger(__name__)

EMOJI_FILE = "NotoEmoji-Medium.ttf"


@cache
def load_bundled_fonts() -> list[str]:
    """Add the bundled emoji face to Qt, once, as the face emoji are drawn in (Qt 6.9 and
    later); the families added (empty when the file cannot be read)."""
    loaded = QFontDatabase.addApplicationFont(str(asset_path("fonts", EMOJI_FILE)))
    if loaded < 0:
        log.warning("the emoji font %s could not be loaded", EMOJI_FILE)
        return []
    families = QFontDatabase.applicationFontFamilies(loaded)
    adding = getattr(QFontDatabase, "addApplicationEmojiFontFamily", None)  # Qt 6.9
    for family in families if adding is not None else ():
        adding(family)
    return list(families)
