"""The join panel: a large QR code, the typed address and the short room code. The same widget
is the join slide on the projector and the small panel on the console (where the phone-remote
QR is shown too, never on the projector)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from facilitator.model.runs import spaced_room_code
from facilitator.ui.kinds.base import INK, MUTED, StageLabel


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of a QR code for ``text`` (a quiet zone of two modules around it)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


class QrCode(QWidget):
    """A square QR code drawn crisp at any size (black on white, as phone cameras like it)."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(60, 60)
        self.text = ""
        self.matrix: list[list[bool]] = []
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.matrix = qr_matrix(text) if text else []
        self.setToolTip(text)
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 240)

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.matrix:
            return
        side = min(self.width(), self.height())
        n = len(self.matrix)
        cell = side / n
        left = (self.width() - side) / 2
        top = (self.height() - side) / 2
        p = QPainter(self)
        p.fillRect(QRectF(left, top, side, side), QColor("white"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("black"))
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    # a hair of overlap so no seams show between modules
                    p.drawRect(QRectF(left + c * cell, top + r * cell, cell + 0.6, cell + 0.6))
        p.end()


def short_address(url: str) -> str:
    """The address as people type it: without the scheme and without the secret key."""
    return url.split("://", 1)[-1].split("?", 1)[0].rstrip("/")


class JoinPanel(QWidget):
    """QR code, address and room code. ``px`` scales the text (pixels at 1080 lines)."""

    def __init__(self, parent=None, *, px: int = 44):
        super().__init__(parent)
        self.qr = QrCode()
        self.address = StageLabel("", px, bold=True, color=INK)
        self.code = StageLabel("", px, color=MUTED)
        for label in (self.address, self.code):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.address)
        layout.addWidget(self.code)

    def set_join(self, join_url: str, room_code: str) -> None:
        """Neither an address nor a code (a finished run): the panel says nothing."""
        self.qr.set_text(join_url)
        self.qr.setVisible(bool(join_url))
        waiting = "Phones cannot join yet" if room_code else ""
        self.address.setText(short_address(join_url) if join_url else waiting)
        self.code.setText(f"Room code {spaced_room_code(room_code)}" if room_code else "")
