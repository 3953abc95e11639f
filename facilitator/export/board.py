"""The whiteboard drawn as a map of the summary's list: a column per zone (and one headed "Not
sorted yet" for notes in none), in each column the groups as outlined blocks in list order,
each note a tinted square carrying its number from the list.

The list is the truth: a note's column is its zone's band of the board and its block is its
group (the bands, their order and the board's shape are the model's board_geometry, which the
console's board reads too). Places on the console's board (x, y) are not used: at room scale
they put notes in other zones' columns and groups' outlines around notes of other groups.
The squares are as large as the page allows and never so small that a number prints under
6.5 pt; a board too big for one drawing at that size is drawn a zone at a time
(:func:`zone_board`), and such a drawing continues on the next page between two rows of blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from facilitator.model import board_geometry
from facilitator.model.palette import NOTE_COLORS, normalise_color
from facilitator.model.records import NoteInfo

from . import fonts
from .document import INK, MUTED, RULE, fit

BOARD_RATIO = board_geometry.ASPECT  # the whole board is drawn no taller than the board's...
COMFORT = 22.0  # ...first screenful, unless that makes squares smaller than this: then taller
LARGEST, SMALLEST = 30.0, 18.0  # a square's side, in points
NUMBER_MIN, NUMBER_MAX = 6.5, 9.5
ZONE_BAND, GROUP_BAND = 17.0, 11.0  # room for a zone's label, a group's name
INSET, GAP, PAD = 3.0, 8.0, 6.0  # inside a group's outline, between blocks, at the edges
LABEL_MAX = 96.0  # a group block is made this wide (at most) to show its name
MAX_ROWS = 16  # a bigger block is cut in two, so that any row of blocks fits on a page
FLOOR_SHARE = 0.2  # a column is as wide as if it held this share of the notes, at least


@dataclass(frozen=True)
class Cluster:
    """One block of the drawing: a group's notes, or the notes in no group (``name`` None)."""

    name: str | None
    notes: tuple[tuple[int, NoteInfo], ...]  # (number in the list, note)


@dataclass(frozen=True)
class Column:
    """A zone's notes as clusters, in list order; ``label`` None on a board without zones."""

    label: str | None
    clusters: tuple[Cluster, ...]

    @property
    def count(self) -> int:
        return sum(len(c.notes) for c in self.clusters)


@dataclass(frozen=True)
class Block:
    """A cluster's place in its row of blocks: left ``x`` in the column, top ``y`` down from
    the row's top, ``cols`` notes a row."""

    cluster: Cluster
    x: float
    y: float
    w: float
    h: float
    cols: int


@dataclass(frozen=True)
class Shelf:
    """A row of blocks side by side, like words on a line."""

    height: float
    blocks: tuple[Block, ...]


def board(columns: list[Column], width: float, max_height: float) -> BoardPicture | None:
    """The whole board as one drawing ``width`` points wide at most ``max_height`` tall, or
    None when it cannot be drawn legibly that way (then draw it zone by zone). A board
    without zones is always drawn, continuing on the next page when it must."""
    ratio = width * BOARD_RATIO
    roomy = [side for side in _sides() if side >= COMFORT]
    for limit, sides in ((min(ratio, max_height), roomy), (max_height, _sides(COMFORT))):
        for side in sides:
            picture = BoardPicture(columns, width, side)
            if picture.height <= limit:
                return picture
    return zone_board(columns[0], width) if len(columns) == 1 else None


def zone_board(column: Column, width: float) -> BoardPicture:
    """One column as a drawing of its own, the full ``width`` wide: as large as fits the
    projector's shape, else at a comfortable size, continuing on the next page if need be."""
    for side in (side for side in _sides() if side > COMFORT):
        picture = BoardPicture([column], width, side)
        if picture.height <= width * BOARD_RATIO:
            return picture
    return BoardPicture([column], width, COMFORT)


def _sides(largest: float = LARGEST) -> list[float]:
    out, side = [], largest
    while side > SMALLEST:
        out.append(side)
        side *= 0.92
    return out + [SMALLEST]


def number_size(side: float, number: int) -> float:
    """The point size of a note's number in a square of ``side``."""
    share = 0.45 if number < 100 else 0.36 if number < 1000 else 0.29
    return max(NUMBER_MIN, min(NUMBER_MAX, side * share))


def layout(column: Column, width: float, side: float) -> list[Shelf]:
    """The column's clusters as rows of blocks ``width`` wide, in list order."""
    step = side * 1.14
    per_row = max(1, int((width - 2 * PAD - 2 * INSET) // step))
    shelves: list[Shelf] = []
    row: list[Block] = []
    x = PAD
    for cluster in _chunks(column.clusters, per_row):
        cols, w, h = _block_size(cluster, per_row, step)
        if row and x + w > width - PAD:
            shelves.append(Shelf(max(b.h for b in row), tuple(row)))
            row, x = [], PAD
        row.append(Block(cluster, x, 0.0, w, h, cols))
        x += w + GAP
    if row:
        shelves.append(Shelf(max(b.h for b in row), tuple(row)))
    return shelves


def _chunks(clusters, per_row: int):
    """The clusters, each cut into pieces of at most MAX_ROWS rows."""
    most = per_row * MAX_ROWS
    for cluster in clusters:
        for start in range(0, len(cluster.notes), most):
            yield Cluster(cluster.name, cluster.notes[start : start + most])


def _block_size(cluster: Cluster, per_row: int, step: float) -> tuple[int, float, float]:
    n = len(cluster.notes)
    if cluster.name is None:
        cols = min(per_row, n)
        return cols, cols * step, math.ceil(n / cols) * step
    label = min(LABEL_MAX, fonts.string_width(cluster.name, fonts.OBLIQUE, 7.5) + 4)
    cols = min(per_row, max(min(n, math.ceil(math.sqrt(3 * n))), math.ceil(label / step)))
    rows = math.ceil(n / cols)
    return cols, cols * step + 2 * INSET, GROUP_BAND + rows * step + INSET


class BoardPicture(Flowable):
    """The board, drawn straight onto the page's canvas (hundreds of small shapes: reportlab's
    shape objects would validate every attribute of every one). A one-column picture splits
    between rows of blocks; the part after a split says "(continued)"."""

    def __init__(self, columns, width, side, shelves=None, continued=False):
        super().__init__()
        self.columns, self.width, self.side, self.continued = columns, width, side, continued
        self.lefts, self.widths = column_widths(columns, width)
        self.shelves = shelves or [
            layout(c, w, side) for c, w in zip(columns, self.widths, strict=True)
        ]
        self.top = ZONE_BAND if any(c.label is not None for c in columns) else PAD
        self.height = self.top + max(_stacked(s) for s in self.shelves) + PAD

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def split(self, availWidth, availHeight):
        shelves = self.shelves[0]
        if len(self.columns) > 1 or len(shelves) < 2 or self.height <= availHeight:
            return []
        room, k = availHeight - self.top - PAD, 0
        while k < len(shelves) and _stacked(shelves[: k + 1]) <= room:
            k += 1
        if k == 0:
            return []
        make = BoardPicture
        return [
            make(self.columns, self.width, self.side, [shelves[:k]], self.continued),
            make(self.columns, self.width, self.side, [shelves[k:]], continued=True),
        ]

    def draw(self):
        c = self.canv
        c.saveState()
        c.setLineWidth(0.8)
        c.setStrokeColor(RULE)
        c.setFillColor(colors.white)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        parts = zip(self.columns, self.shelves, self.lefts, self.widths, strict=True)
        for i, (column, shelves, left, column_width) in enumerate(parts):
            if i:
                c.setStrokeColor(RULE)
                c.setLineWidth(0.8)
                c.line(left, 0, left, self.height)
            if column.label is not None:
                self._zone_label(c, column, left, column_width)
            top = self.height - self.top
            for shelf in shelves:
                for block in shelf.blocks:
                    self._block(c, block, left + block.x, top - block.y)
                top -= shelf.height + PAD
        c.restoreState()

    def _zone_label(self, c, column: Column, left: float, width: float) -> None:
        count = f"  {column.count}" + (" (continued)" if self.continued else "")
        room = width - 10 - fonts.string_width(count, fonts.REGULAR, 7.5)
        label = fit(column.label, fonts.BOLD, 8.5, room)
        c.setFillColor(INK)
        fonts.draw_string(c, left + 5, self.height - 12, label, fonts.BOLD, 8.5)
        c.setFillColor(MUTED)
        x = left + 5 + fonts.string_width(label, fonts.BOLD, 8.5)
        fonts.draw_string(c, x, self.height - 12, count, fonts.REGULAR, 7.5)

    def _block(self, c, block: Block, x: float, top: float) -> None:
        """Draw ``block`` with its top left at (x, top), y up as on the page."""
        step, inset = self.side * 1.14, 0.0
        if block.cluster.name is not None:
            c.setStrokeColor(MUTED)
            c.setLineWidth(0.8)
            c.setDash(3, 2)
            c.roundRect(x, top - block.h, block.w, block.h, 3, stroke=1, fill=0)
            c.setDash()
            label = fit(block.cluster.name, fonts.OBLIQUE, 7.5, block.w - 4)
            c.setFillColor(INK)
            fonts.draw_string(c, x + 2, top - 8.5, label, fonts.OBLIQUE, 7.5)
            top, inset = top - GROUP_BAND, INSET
        for i, (number, note) in enumerate(block.cluster.notes):
            row, col = divmod(i, block.cols)
            cx = x + inset + col * step + step / 2
            _note(c, number, note, cx, top - row * step - step / 2, self.side)


def column_widths(columns: list[Column], width: float) -> tuple[list[float], list[float]]:
    """The left edge and width of each column: shared out by how many notes each holds, so
    that the columns come out about equally tall, none narrower than a fair share allows."""
    floor = max(1.0, sum(c.count for c in columns) * FLOOR_SHARE)
    weights = [max(floor, c.count) for c in columns]
    widths = [width * w / sum(weights) for w in weights]
    least = [min(width / len(columns), _label_width(c)) for c in columns]
    pairs = list(zip(least, widths, strict=True))
    short = sum(max(0.0, m - w) for m, w in pairs)
    if short:  # widen the columns too narrow for their label, at the others' expense
        spare = sum(w for m, w in pairs if w > m)
        widths = [m if w <= m else w - short * w / spare for m, w in pairs]
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    return lefts, widths


def _label_width(column: Column) -> float:
    if column.label is None:
        return 0.0
    label = fonts.string_width(column.label, fonts.BOLD, 8.5)
    return label + fonts.string_width(f"  {column.count}", fonts.REGULAR, 7.5) + 12


def _stacked(shelves) -> float:
    return sum(s.height for s in shelves) + PAD * max(0, len(shelves) - 1)


def _note(c, number: int, note: NoteInfo, x: float, y: float, side: float) -> None:
    fill, edge = NOTE_COLORS[normalise_color(note.color)]
    c.setFillColor(colors.HexColor(fill))
    c.setStrokeColor(colors.HexColor(edge))
    c.setLineWidth(0.6)
    c.rect(x - side / 2, y - side / 2, side, side, stroke=1, fill=1)
    size = number_size(side, number)
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, size)
    c.drawCentredString(x, y - size * 0.35, str(number))
