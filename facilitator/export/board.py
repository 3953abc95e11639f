"""The whiteboard drawn as the facilitator arranged it: zone columns, each note a tinted square
carrying its number from the summary's list, a dashed outline and name around each group.

Notes the facilitator placed by hand keep their place (x, y in 0..1: the note's top left on
the console's board, the projector's shape). Notes never placed are set out in their zone's
column in list order, each group in a block of its own; a board with no hand-placed note is
drawn only as tall as its notes need.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from facilitator.model.palette import NOTE_COLORS, normalise_color
from facilitator.model.records import GroupInfo, NoteInfo, ZoneInfo

from . import fonts
from .document import INK, MUTED, RULE, fit

BOARD_RATIO = 9 / 16
# A stored place is the top left of the note on the console's 1600 x 900 board, where a note
# is 210 x 150: the offsets from there to the note's centre, as fractions of the board.
CENTRE_X, CENTRE_Y = 105 / 1600, 75 / 900
ZONE_BAND = 16  # room for the zone labels at the top
GROUP_BAND = 11  # room for a group's name above its notes
LARGEST, SMALLEST = 30.0, 11.0


def board(
    numbered: Sequence[tuple[int, NoteInfo]],
    groups: Sequence[GroupInfo],
    zones: Sequence[ZoneInfo],
    width: float,
) -> BoardPicture:
    """The board of ``numbered`` notes (number, note) as a flowable ``width`` points wide."""
    columns = max(1, len(zones))
    zone_index = {z.id: i for i, z in enumerate(zones)}
    top = ZONE_BAND if zones else 6
    limit = width * BOARD_RATIO
    placed = [n for _, n in numbered if n.x is not None and n.y is not None]
    loose: dict[int, list[NoteInfo]] = {}
    for _, note in numbered:
        if note.x is None or note.y is None:
            loose.setdefault(zone_index.get(note.zone_id, 0), []).append(note)
    side = LARGEST
    while True:
        centres, needed = _grid(loose, width / columns, side, top)
        if needed <= limit or side <= SMALLEST:
            break
        side = max(SMALLEST, side * 0.9)
    height = limit if placed else max(needed + 4, 60.0)
    for note in placed:
        centres[note.id] = (
            _clamp((note.x + CENTRE_X) * width, side, width),
            _clamp((note.y + CENTRE_Y) * height, side, height, low=top),
        )
    # from here on y runs up, as on the page
    notes = [(number, note, centres[note.id][0], height - centres[note.id][1])
             for number, note in numbered]  # fmt: skip
    return BoardPicture(width, height, side, notes, groups, zones)


class BoardPicture(Flowable):
    """The board, drawn straight onto the page's canvas (thousands of small shapes: reportlab's
    shape objects would validate every attribute of every one)."""

    def __init__(self, width, height, side, notes, groups, zones):
        super().__init__()
        self.width, self.height, self.side = width, height, side
        self.notes, self.groups, self.zones = notes, groups, zones

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setLineWidth(0.8)
        c.setStrokeColor(RULE)
        c.setFillColor(colors.white)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        self._zones(c)
        for number, note, x, y in self.notes:
            _note(c, number, note, x, y, self.side)
        names = {g.id: g.name for g in self.groups}
        column_width = self.width / max(1, len(self.zones))
        members: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for _, note, x, y in self.notes:
            if note.group_id is not None:  # one outline per zone a group has notes in
                key = (note.group_id, min(int(x // column_width), max(0, len(self.zones) - 1)))
                members.setdefault(key, []).append((x, y))
        for (group_id, _), points in members.items():
            self._outline(c, points, names.get(group_id, ""))
        c.restoreState()

    def _zones(self, c) -> None:
        column_width = self.width / max(1, len(self.zones))
        for i, zone in enumerate(self.zones):
            if i:
                c.setStrokeColor(RULE)
                c.line(i * column_width, 0, i * column_width, self.height)
            label, font = fit(zone.label, fonts.BOLD, 8.5, column_width - 10)
            c.setFillColor(INK)
            c.setFont(font, 8.5)
            c.drawString(i * column_width + 5, self.height - 11, label)

    def _outline(self, c, points, name: str) -> None:
        pad = self.side / 2 + 3
        x0 = max(1, min(p[0] for p in points) - pad)
        x1 = min(self.width - 1, max(p[0] for p in points) + pad)
        y0 = max(1, min(p[1] for p in points) - pad)
        y1 = min(self.height - 1, max(p[1] for p in points) + pad)
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.8)
        c.setDash(3, 2)
        c.roundRect(x0, y0, x1 - x0, y1 - y0, 4, stroke=1, fill=0)
        c.setDash()
        if name:
            label, font = fit(name, fonts.OBLIQUE, 7.5, max(60, x1 - x0))
            c.setFillColor(INK)
            c.setFont(font, 7.5)
            c.drawString(x0 + 1, min(self.height - 9, y1 + 2.5), label)


def _note(c, number: int, note: NoteInfo, x: float, y: float, side: float) -> None:
    fill, edge = NOTE_COLORS[normalise_color(note.color)]
    c.setFillColor(colors.HexColor(fill))
    c.setStrokeColor(colors.HexColor(edge))
    c.setLineWidth(0.6)
    c.rect(x - side / 2, y - side / 2, side, side, stroke=1, fill=1)
    size = max(5.5, min(9.5, side * (0.42 if number < 100 else 0.32)))
    c.setFillColor(INK)
    c.setFont(fonts.BOLD, size)
    c.drawCentredString(x, y - size * 0.35, str(number))


def _grid(loose: dict[int, list[NoteInfo]], column_width: float, side: float, top: float):
    """Centres (x, y down from the top) of the notes never placed, and the height used. Each
    group is a block of rows; blocks sit side by side on shelves, like words on lines."""
    step = side * 1.14
    per_row = max(1, int((column_width - 12) // step))
    centres: dict[int, tuple[float, float]] = {}
    needed = top
    for column, notes in loose.items():
        start, right = column * column_width + 6, (column + 1) * column_width - 6
        x, y, shelf = start, top + 4, 0.0
        for group_id, members in _runs(notes):
            cols = (
                per_row
                if group_id is None
                else min(per_row, math.ceil(math.sqrt(2 * len(members))))
            )
            band = GROUP_BAND if group_id is not None else 0
            block_w, block_h = cols * step, band + math.ceil(len(members) / cols) * step
            if x > start and x + block_w > right:
                x, y, shelf = start, y + shelf + 6, 0.0
            for i, note in enumerate(members):
                row, col = divmod(i, cols)
                centres[note.id] = (x + col * step + step / 2, y + band + row * step + step / 2)
            x += block_w + 12
            shelf = max(shelf, block_h)
        needed = max(needed, y + shelf + 6)
    return centres, needed


def _runs(notes: list[NoteInfo]):
    """The notes cut into runs of one group each, in order."""
    run: list[NoteInfo] = []
    for note in notes:
        if run and note.group_id != run[-1].group_id:
            yield run[-1].group_id, run
            run = []
        run.append(note)
    if run:
        yield run[-1].group_id, run


def _clamp(value: float, side: float, limit: float, low: float = 0.0) -> float:
    return max(low + side / 2 + 2, min(limit - side / 2 - 2, value))
