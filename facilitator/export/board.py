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

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

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
) -> Drawing:
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
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=RULE, strokeWidth=0.8))
    _zones(d, zones, width / columns, height)
    for number, note in numbered:
        x, y = centres[note.id]
        _note(d, number, note, x, height - y, side)
    names = {g.id: g.name for g in groups}
    members: dict[int, list[tuple[float, float]]] = {}
    for _, note in numbered:
        if note.group_id is not None:
            x, y = centres[note.id]
            members.setdefault(note.group_id, []).append((x, height - y))
    for group_id, points in members.items():
        _outline(d, points, side, names.get(group_id, ""), width, height)
    return d


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


def _zones(d: Drawing, zones: Sequence[ZoneInfo], column_width: float, height: float) -> None:
    for i, zone in enumerate(zones):
        if i:
            d.add(Line(i * column_width, 0, i * column_width, height, strokeColor=RULE))
        label, font = fit(zone.label, fonts.BOLD, 8.5, column_width - 10)
        d.add(String(i * column_width + 5, height - 11, label, fontName=font, fontSize=8.5))


def _note(d: Drawing, number: int, note: NoteInfo, x: float, y: float, side: float) -> None:
    fill, edge = NOTE_COLORS[normalise_color(note.color)]
    d.add(
        Rect(x - side / 2, y - side / 2, side, side, fillColor=colors.HexColor(fill),
             strokeColor=colors.HexColor(edge), strokeWidth=0.6)
    )  # fmt: skip
    size = max(5.5, min(9.5, side * (0.42 if number < 100 else 0.32)))
    d.add(String(x, y - size * 0.35, str(number), fontName=fonts.BOLD, fontSize=size,
                 fillColor=INK, textAnchor="middle"))  # fmt: skip


def _outline(d: Drawing, points, side: float, name: str, width: float, height: float) -> None:
    pad = side / 2 + 3
    x0 = max(1, min(p[0] for p in points) - pad)
    x1 = min(width - 1, max(p[0] for p in points) + pad)
    y0 = max(1, min(p[1] for p in points) - pad)
    y1 = min(height - 1, max(p[1] for p in points) + pad)
    d.add(
        Rect(x0, y0, x1 - x0, y1 - y0, rx=4, ry=4, fillColor=None, strokeColor=MUTED,
             strokeWidth=0.8, strokeDashArray=[3, 2])
    )  # fmt: skip
    if name:
        label, font = fit(name, fonts.OBLIQUE, 7.5, max(60, x1 - x0))
        d.add(String(x0 + 1, min(height - 9, y1 + 2.5), label, fontName=font,
                     fontSize=7.5, fillColor=INK))  # fmt: skip
