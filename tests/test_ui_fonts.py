"""Emoji in a note or an answer show on the projector from the bundled emoji face, not as
empty boxes, on a machine without an emoji font of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPainter

from facilitator.ui.fonts import load_bundled_fonts


def drawn(text: str) -> QImage:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    font = QFont()
    font.setPixelSize(48)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def test_two_emoji_are_drawn_as_two_different_pictures(qapp):
    # GIVEN the app's fonts loaded
    assert load_bundled_fonts()
    # WHEN two different emoji are drawn in the stage's ordinary face
    party, rocket = drawn("\U0001f389"), drawn("\U0001f680")
    # THEN each is drawn as itself (an empty box would be the same picture for both)
    assert party != rocket
    assert party != drawn("")
