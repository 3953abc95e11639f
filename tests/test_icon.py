"""The app icon (drawn by scripts/make_icon.py): the .ico and .icns hold, entry by entry, PNG
images of the sizes their directories claim, and the window icon loads in Qt."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QIcon

from facilitator.assets import asset_path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        entries.append((side or 256, data[offset : offset + length]))
    return entries


def icns_entries(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries, at = [], 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        entries.append((kind, data[at + 8 : at + length]))
        at += length
    return entries


def test_the_ico_holds_pngs_from_16_to_256_pixels():
    entries = ico_entries(asset_path("icons", "facilitator.ico").read_bytes())
    assert {side for side, _ in entries} >= {16, 24, 32, 48, 256}
    for side, png in entries:
        assert png_size(png) == (side, side)


def test_the_icns_holds_pngs_up_to_1024_pixels_by_their_types():
    sizes = {b"icp4": 16, b"icp5": 32, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    sizes |= {b"icp6": 64, b"ic11": 32, b"ic12": 64, b"ic13": 256, b"ic14": 512}
    entries = icns_entries(asset_path("icons", "facilitator.icns").read_bytes())
    assert {kind for kind, _ in entries} >= {b"ic07", b"ic08", b"ic09", b"ic10"}
    for kind, png in entries:
        assert png_size(png) == (sizes[kind], sizes[kind])


def test_the_window_icon_loads(qapp):
    icon = QIcon(str(Path(asset_path("icons", "facilitator.png"))))
    assert not icon.isNull() and icon.actualSize(icon.availableSizes()[0]).width() == 1024
