"""Draw the app's icon with Qt and write it as assets/icons/facilitator.png (1024 px), a
Windows .ico and a macOS .icns made from the same drawing at each size.

The picture: the room's screen (a dark rounded square) with three post-its on it, in the
notes' own colour-blind-safe colours, and the arcs of the local network the phones join by.
Small sizes leave the arcs out so the notes stay clear at 16 px.

.ico and .icns are simple containers of PNG images (Windows Vista and later, macOS 10.7 and
later read PNG entries), written here with ``struct``. Run from a checkout:
``python scripts/make_icon.py``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "assets" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# icns entry types holding PNG data, by pixel size (the @2x types repeat a size).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
SCREEN = ("#27476E", "#172B45")  # top and bottom of the screen's gradient
NOTES = (  # (fill, edge, centre x, centre y, turn in degrees), back to front, in 0..1
    ("#BFDDF5", "#0072B2", 0.34, 0.49, -8),
    ("#FCD9A8", "#E69F00", 0.58, 0.46, 6),
    ("#FFF3A3", "#C9A800", 0.45, 0.67, -2),
)


def draw(size: int) -> QImage:
    """The icon at ``size`` pixels square, drawn for that size (not scaled from another)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 1024, size / 1024)
    _screen(p, small=size < 48)
    for fill, edge, x, y, turn in NOTES:
        _note(p, fill, edge, QPointF(x * 1024, y * 1024), turn, small=size < 48)
    if size >= 48:
        _arcs(p)
    p.end()
    return image


def _screen(p: QPainter, small: bool) -> None:
    margin = 40 if small else 100  # macOS draws icons inside a 824 px square of 1024
    box = QRectF(margin, margin, 1024 - 2 * margin, 1024 - 2 * margin)
    gradient = QLinearGradient(box.topLeft(), box.bottomLeft())
    gradient.setColorAt(0, QColor(SCREEN[0]))
    gradient.setColorAt(1, QColor(SCREEN[1]))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    radius = box.width() * 0.22
    p.drawRoundedRect(box, radius, radius)


def _note(p: QPainter, fill: str, edge: str, centre: QPointF, turn: float, small: bool) -> None:
    side = 400 if small else 300
    p.save()
    p.translate(centre)
    p.rotate(turn)
    square = QRectF(-side / 2, -side / 2, side, side)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(0, 0, 0, 70))
    p.drawRoundedRect(square.translated(10, 16), 18, 18)  # its shadow on the screen
    p.setBrush(QColor(fill))
    p.setPen(QPen(QColor(edge), 14 if not small else 22))
    p.drawRoundedRect(square, 18, 18)
    if not small:  # two lines of "writing"
        p.setPen(_round_pen(edge, 22))
        for row, length in ((-40, 0.62), (40, 0.42)):
            x0 = -side * 0.31
            p.drawLine(QPointF(x0, row), QPointF(x0 + side * length, row))
    p.restore()


def _arcs(p: QPainter) -> None:
    """The local network's arcs, top right, as on a phone's Wi-Fi sign."""
    centre = QPointF(790, 265)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_round_pen("#FFFFFF", 30))
    for radius in (55, 105):
        box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        p.drawArc(box, 45 * 16, 90 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#FFFFFF"))
    p.drawEllipse(centre + QPointF(0, -4), 20, 20)


def _round_pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG per size (a 0 in the directory means 256 px)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(entries: list[tuple[bytes, bytes]]) -> bytes:
    """An .icns of (type, PNG data) entries: each entry is its type, its length, its data."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, pixmaps
    ICONS.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: png(draw(size)) for size in sizes}
    (ICONS / "facilitator.png").write_bytes(pngs[1024])
    (ICONS / "facilitator-256.png").write_bytes(pngs[256])
    (ICONS / "facilitator.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    icns = [(kind, pngs[size]) for kind, size in ICNS_TYPES]
    (ICONS / "facilitator.icns").write_bytes(icns_bytes(icns))
    for name in ("facilitator.png", "facilitator-256.png", "facilitator.ico", "facilitator.icns"):
        print(f"Wrote {ICONS / name} ({(ICONS / name).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
