"""Where a board's notes go on the console's scene: its columns (one per zone, plus the notes
not sorted yet; the whole board without zones) with the slots notes fill in each, and where the
notes of a group gather (``gather``) without moving any other note. The sizes, the bands and
the slots are the model's (facilitator.model.board_geometry), in board points, which the scene
draws a point a pixel; the summary's drawing reads the same module."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF

from facilitator.model.board_geometry import (
    GAP,
    HEADER,
    HEIGHT,
    NOTE_H,
    NOTE_W,
    PITCH_X,
    PITCH_Y,
    UNSORTED,
    WIDTH,
    Band,
)

BOARD_W, BOARD_H = WIDTH, HEIGHT  # the scene draws a board point a pixel
__all__ = ["BOARD_H", "BOARD_W", "GAP", "HEADER", "UNSORTED", "Column", "gather"]


class Column:
    """A zone's band of the board (or the whole board) as the scene holds it. Notes the board
    places fill its slots (board_geometry.Band.slot) and keep their slot: a new note takes the
    first free one."""

    def __init__(self, band: Band):
        self.band = band
        self.zone_id = band.zone_id
        self.rect = QRectF(band.left, 0, band.width, BOARD_H)
        self.per_row = band.per_row
        self.hint = 0  # every slot before this one is known to be taken

    def slot(self, k: int) -> QPointF:
        return QPointF(*self.band.slot(k))

    def slots_under(self, rect: QRectF) -> set[int]:
        """The slots that ``rect`` (a note's paper) overlaps."""
        first = self.slot(0)
        cols = range(
            max(0, math.floor((rect.left() - first.x() - NOTE_W) / PITCH_X)),
            min(self.per_row, math.floor((rect.right() - first.x()) / PITCH_X) + 1),
        )
        rows = range(
            max(0, math.floor((rect.top() - first.y() - NOTE_H) / PITCH_Y)),
            max(0, math.floor((rect.bottom() - first.y()) / PITCH_Y) + 1),
        )
        under = set()
        for row in rows:
            for col in cols:
                k = row * self.per_row + col
                place = self.slot(k)
                if rect.intersects(QRectF(place.x(), place.y(), NOTE_W, NOTE_H)):
                    under.add(k)
        return under

    def freed(self, rect: QRectF) -> None:
        """A note left ``rect``: the slots under it may be free again."""
        under = self.slots_under(rect)
        if under:
            self.hint = min(self.hint, min(under))


def block_shape(count: int, most: int) -> tuple[int, int]:
    """(columns, rows) of a compact block of ``count`` notes, at most ``most`` across."""
    across = max(1, min(most, math.ceil(math.sqrt(count))))
    return across, math.ceil(count / across)


def gather(
    members: Sequence[QRectF],
    anchor: QRectF,
    column: Column,
    blocked: Callable[[QRectF], bool],
    bottom: float,
) -> list[QPointF]:
    """Places (top left) for a group's ``members`` (their papers, the ``anchor`` among them) in
    one compact block: around the anchor if there is room there, else in the nearest free block
    of ``column``, else below every note (``bottom``: the lowest note's bottom edge).
    ``blocked(rect)`` says whether a note that is not a member sits on ``rect``. Members already
    on a place of the block keep it; the others fill its free places in reading order."""
    cols, rows = block_shape(len(members), column.per_row)
    nearby = _around(anchor, cols, rows, column)
    for origin in nearby + _in_column(anchor, cols, column, max(bottom, column.rect.bottom())):
        cells = [
            QRectF(origin.x() + c * PITCH_X, origin.y() + r * PITCH_Y, NOTE_W, NOTE_H)
            for r in range(rows)
            for c in range(cols)
        ]
        if not any(blocked(cell) for cell in cells):
            return _assign(members, cells)
    raise AssertionError("a column always has a free block below its notes")


def _around(anchor: QRectF, cols: int, rows: int, column: Column) -> list[QPointF]:
    """Blocks on the anchor's own grid that hold the anchor where it is, nearest first."""
    left, right = column.rect.left() + GAP / 2, column.rect.right() - GAP / 2
    found = []
    for dr in range(rows):
        for dc in range(cols):
            origin = QPointF(anchor.left() - dc * PITCH_X, anchor.top() - dr * PITCH_Y)
            fits = origin.x() >= left and origin.x() + cols * PITCH_X - GAP <= right
            if fits and origin.y() >= HEADER:
                found.append((dr + dc, origin))
    return [origin for _, origin in sorted(found, key=lambda pair: pair[0])]


def _in_column(anchor: QRectF, cols: int, column: Column, bottom: float) -> list[QPointF]:
    """Blocks on the column's slots, nearest the anchor first, then the first row below
    ``bottom``, where nothing is."""
    first = column.slot(0)
    last_row = max(0, math.ceil((bottom - first.y()) / PITCH_Y))
    found = []
    for row in range(last_row + 1):
        for col in range(column.per_row - cols + 1):
            origin = QPointF(first.x() + col * PITCH_X, first.y() + row * PITCH_Y)
            distance = math.hypot(origin.x() - anchor.left(), origin.y() - anchor.top())
            found.append((distance, origin))
    found.sort(key=lambda pair: pair[0])
    below = QPointF(first.x(), first.y() + (last_row + 1) * PITCH_Y)
    return [origin for _, origin in found] + [below]


def _assign(members: Sequence[QRectF], cells: list[QRectF]) -> list[QPointF]:
    places: list[QPointF | None] = [None] * len(members)
    free = list(cells)
    for i, rect in enumerate(members):
        for cell in free:
            if abs(cell.left() - rect.left()) < 1 and abs(cell.top() - rect.top()) < 1:
                places[i] = cell.topLeft()
                free.remove(cell)
                break
    for i in range(len(members)):
        if places[i] is None:
            places[i] = free.pop(0).topLeft()
    return places
