"""Where a board's notes go: the board's size, its columns (one per zone, plus the notes not
sorted yet; the whole board without zones) and the slots notes fill in each column."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF

from .board_items import NOTE_H, NOTE_W

BOARD_W, BOARD_H = 1600.0, 900.0
HEADER = 56.0  # room for a zone's label
GAP = 24.0  # between notes: room for a group's frame
UNSORTED = "Not sorted yet"


class Column:
    """A zone's area (or the whole board). Auto-placed notes fill its slots left to right.
    ``adaptive`` (a board without zones): rows hold few notes while there are few, so the
    projector, fitted to the notes, shows them large."""

    def __init__(self, zone_id: int | None, rect: QRectF, adaptive: bool = False):
        self.zone_id = zone_id
        self.rect = rect
        self.adaptive = adaptive
        self.most = max(1, int((rect.width() - GAP) // (NOTE_W + GAP)))
        self.per_row = self.fitting_per_row(0)
        self.hint = 0  # every slot before this one is known to be taken

    def fitting_per_row(self, count: int) -> int:
        """Notes per row for ``count`` notes: a block about the projector's shape (16:9), at
        least three across; as many as fit when not adaptive."""
        if not self.adaptive:
            return self.most
        wanted = math.ceil(math.sqrt(count * (16 / 9) * (NOTE_H + GAP) / (NOTE_W + GAP)))
        return max(min(3, self.most), min(self.most, wanted))

    def slot(self, k: int) -> QPointF:
        row, col = divmod(k, self.per_row)
        used = self.per_row * (NOTE_W + GAP) - GAP
        left = self.rect.left() + (self.rect.width() - used) / 2
        return QPointF(left + col * (NOTE_W + GAP), self.rect.top() + HEADER + row * (NOTE_H + GAP))

    def slots_under(self, rect: QRectF) -> set[int]:
        """The slots that ``rect`` (a note the facilitator placed) overlaps."""
        step_x, step_y = NOTE_W + GAP, NOTE_H + GAP
        first = self.slot(0)
        cols = range(
            max(0, math.floor((rect.left() - first.x() - NOTE_W) / step_x)),
            min(self.per_row, math.floor((rect.right() - first.x()) / step_x) + 1),
        )
        rows = range(
            max(0, math.floor((rect.top() - first.y() - NOTE_H) / step_y)),
            max(0, math.floor((rect.bottom() - first.y()) / step_y) + 1),
        )
        under = set()
        for row in rows:
            for col in cols:
                k = row * self.per_row + col
                place = self.slot(k)
                if rect.intersects(QRectF(place.x(), place.y(), NOTE_W, NOTE_H)):
                    under.add(k)
        return under
