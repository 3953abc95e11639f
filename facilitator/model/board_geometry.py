"""A whiteboard's geometry, without Qt: the one place the console's board (ui/board_layout,
ui/board) and the summary's drawing of it (export/board, export/kinds/whiteboard) read it from,
so that the two cannot drift apart.

Board units, as notes' and groups' ``x`` and ``y`` are stored: x in board widths from the left
edge (0..1), y in board heights from the top (0..1 is the first screenful, the projector's
16:9 shape; a board of many notes grows downward, at most ``DEEPEST`` heights). Lengths inside
the board (a note's paper, the gaps between notes) are in board points: the first screenful is
``WIDTH`` x ``HEIGHT`` points, and the console's scene draws a point a pixel.
:func:`to_points` and :func:`to_place` convert between the two.

The board is cut into bands, one per zone in board order, then one headed "Not sorted yet"
for the notes in no zone (a board without zones is one band). A note the facilitator has not
placed goes into its zone's band (:func:`home_zone`) at the band's first free slot
(:meth:`Band.slot`, left to right, row after row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 1600.0, 900.0  # the first screenful, in board points
ASPECT = HEIGHT / WIDTH  # a board's first screenful is this tall for its width (9/16)
DEEPEST = 100.0  # how many board heights down a note may be put
NOTE_W, NOTE_H = 210.0, 150.0  # a note's paper
HEADER = 56.0  # room above a band's first row for the zone's label
GAP = 24.0  # between notes side by side
ROW_GAP = 48.0  # between rows: room for a group's name above its notes
PITCH_X, PITCH_Y = NOTE_W + GAP, NOTE_H + ROW_GAP  # from one slot to the next
UNSORTED = "Not sorted yet"  # the band of the notes in no zone


def to_points(x: float, y: float) -> tuple[float, float]:
    """A stored place (board units) as board points."""
    return x * WIDTH, y * HEIGHT


def to_place(x: float, y: float) -> tuple[float, float]:
    """Board points as a place to store (board units)."""
    return x / WIDTH, y / HEIGHT


@dataclass(frozen=True)
class Band:
    """A zone's column of the board (``zone_id`` None: the notes in no zone, or the whole board
    when it has no zones; ``label`` "" then), ``left`` and ``width`` in board points."""

    zone_id: int | None
    label: str
    left: float
    width: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def per_row(self) -> int:
        """How many notes a row of the band's slots holds."""
        return max(1, int((self.width - GAP) // PITCH_X))

    def slot(self, k: int) -> tuple[float, float]:
        """The top left (board points) of slot ``k``: the rows centred in the band, the first
        under the zone's label."""
        row, col = divmod(k, self.per_row)
        used = self.per_row * PITCH_X - GAP
        left = self.left + (self.width - used) / 2
        return left + col * PITCH_X, HEADER + row * PITCH_Y


def bands(zones: Sequence) -> list[Band]:
    """The board's bands, left to right, for its ``zones`` (ZoneInfo, in board order)."""
    labels = [(zone.id, zone.label) for zone in zones]
    labels = labels + [(None, UNSORTED)] if labels else [(None, "")]
    width = WIDTH / len(labels)
    return [Band(zone_id, label, i * width, width) for i, (zone_id, label) in enumerate(labels)]


def home_zone(zone_id: int | None, zones: Sequence) -> int | None:
    """The band a note of ``zone_id`` belongs in: its zone's, or (None) the notes in no zone
    when it has none or its zone is no longer on the board."""
    return zone_id if any(zone.id == zone_id for zone in zones) else None


def band_at(board: Sequence[Band], x: float) -> Band:
    """The band under ``x`` (board points); left of the board the first, right of it the last."""
    for band in board:
        if band.left <= x < band.right:
            return band
    return board[-1] if x >= WIDTH else board[0]
