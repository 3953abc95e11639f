"""Pictures drawn with reportlab's own graphics: the whiteboard as the facilitator arranged it,
the position picture with everyone's dots, and small feedback charts. All read in greyscale:
light note tints with black numbers, dark dots with a white ring, dark bars."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Image, Line, Rect, String
from reportlab.lib import colors

from facilitator.model.palette import NOTE_COLORS, normalise_color
from facilitator.model.records import GroupInfo, NoteInfo, PlacementInfo, ZoneInfo

from . import fonts
from .document import INK, MUTED, RULE, fit
from .parts import image_size

BOARD_RATIO = 9 / 16  # the projector's shape
LABEL_BAND = 16


def board(
    numbered: Sequence[tuple[int, NoteInfo]],
    groups: Sequence[GroupInfo],
    zones: Sequence[ZoneInfo],
    width: float,
) -> Drawing:
    """The board: zone columns, each note a tinted square carrying its number from the list,
    a dashed outline around each group. Notes never placed by hand are set out in a grid in
    their zone, in list order."""
    height = width * BOARD_RATIO
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=RULE, strokeWidth=0.8))
    columns = max(1, len(zones))
    column_width = width / columns
    zone_index = {z.id: i for i, z in enumerate(zones)}
    for i, zone in enumerate(zones):
        if i:
            d.add(Line(i * column_width, 0, i * column_width, height, strokeColor=RULE))
        label = fit(zone.label, fonts.BOLD, 8.5, column_width - 10)
        d.add(String(i * column_width + 5, height - 11, label, fontName=fonts.BOLD, fontSize=8.5))
    side = _note_side(len(numbered), width, height)
    places = _places(numbered, zone_index, column_width, height, side, top=bool(zones))
    boxes: dict[int, list[tuple[float, float]]] = {}
    for number, note in numbered:
        x, y = places[note.id]
        _note(d, number, note, x, y, side)
        if note.group_id is not None:
            boxes.setdefault(note.group_id, []).append((x, y))
    names = {g.id: g.name for g in groups}
    for group_id, points in boxes.items():
        _group_outline(d, points, side, names.get(group_id, ""), width, height)
    return d


def _note_side(count: int, width: float, height: float) -> float:
    if not count:
        return 24
    return max(11.0, min(30.0, math.sqrt(width * (height - LABEL_BAND) / count) * 0.72))


def _places(numbered, zone_index, column_width, height, side, *, top: bool) -> dict:
    """Centre of each note in drawing points, y up (the model's y runs down from the top)."""
    width = column_width * max(1, len(zone_index))
    out = {}
    by_zone: dict[int, list[NoteInfo]] = {}
    for _, note in numbered:
        if note.x is not None and note.y is not None:
            out[note.id] = (_clamp(note.x * width, side, width), _clamp((1 - note.y) * height,
                            side, height - (LABEL_BAND if top else 0)))  # fmt: skip
        else:
            by_zone.setdefault(zone_index.get(note.zone_id, 0), []).append(note)
    step = side * 1.12
    for column, notes in by_zone.items():
        per_row = max(1, int((column_width - 8) // step))
        left = column * column_width + (column_width - per_row * step) / 2 + step / 2
        start = height - (LABEL_BAND if top else 6) - step / 2 - 2
        for i, note in enumerate(notes):
            row, col = divmod(i, per_row)
            out[note.id] = (left + col * step, _clamp(start - row * step, side, height))
    return out


def _clamp(value: float, side: float, limit: float) -> float:
    return max(side / 2 + 2, min(limit - side / 2 - 2, value))


def _note(d: Drawing, number: int, note: NoteInfo, x: float, y: float, side: float) -> None:
    fill, edge = NOTE_COLORS[normalise_color(note.color)]
    d.add(
        Rect(
            x - side / 2,
            y - side / 2,
            side,
            side,
            fillColor=colors.HexColor(fill),
            strokeColor=colors.HexColor(edge),
            strokeWidth=0.6,
        )
    )
    size = max(5.5, min(9.5, side * (0.42 if number < 100 else 0.34)))
    d.add(
        String(
            x, y - size * 0.35, str(number), fontName=fonts.BOLD, fontSize=size,
            fillColor=INK, textAnchor="middle",
        )
    )  # fmt: skip


def _group_outline(d: Drawing, points, side, name: str, width: float, height: float) -> None:
    pad = side / 2 + 3
    x0 = max(1, min(p[0] for p in points) - pad)
    x1 = min(width - 1, max(p[0] for p in points) + pad)
    y0 = max(1, min(p[1] for p in points) - pad)
    y1 = min(height - 1, max(p[1] for p in points) + pad)
    d.add(
        Rect(
            x0, y0, x1 - x0, y1 - y0, rx=4, ry=4, fillColor=None, strokeColor=MUTED,
            strokeWidth=0.8, strokeDashArray=[3, 2],
        )
    )  # fmt: skip
    if name:
        label = fit(name, fonts.OBLIQUE, 7, max(30, x1 - x0))
        d.add(String(x0 + 2, max(2, y0 - 8), label, fontName=fonts.OBLIQUE, fontSize=7))


def position_map(
    image: Path | None, placements: Sequence[PlacementInfo], width: float, max_height: float
) -> Drawing:
    """The step's picture with a dot for every placement (x, y from the top left, 0..1)."""
    size = image_size(image) if image else None
    ratio = size[1] / size[0] if size else 0.6
    w = min(width, max_height / ratio)
    h = w * ratio
    d = Drawing(w, h)
    if size:
        d.add(Image(0, 0, w, h, str(image)))
    else:
        d.add(String(w / 2, h / 2, "(picture missing)", fontName=fonts.REGULAR, fontSize=10,
                     textAnchor="middle", fillColor=MUTED))  # fmt: skip
    d.add(Rect(0, 0, w, h, fillColor=None, strokeColor=RULE, strokeWidth=0.8))
    radius = 4.2 if len(placements) <= 60 else 3.2
    for p in placements:
        d.add(
            Circle(
                p.x * w, (1 - p.y) * h, radius, fillColor=colors.Color(0.1, 0.1, 0.1, alpha=0.8),
                strokeColor=colors.white, strokeWidth=1.1,
            )
        )  # fmt: skip
    return d


def rating_chart(counts: Sequence[int], width: float = 210) -> Drawing:
    """Bars for the answers 1 to 5 (``counts[0]`` people answered 1), labelled with counts."""
    row, label_w, count_w = 12.5, 16, 26
    d = Drawing(width, row * len(counts) + 2)
    most = max(max(counts, default=0), 1)
    bar_room = width - label_w - count_w
    for i, count in enumerate(counts):
        y = (len(counts) - 1 - i) * row + 2
        d.add(String(label_w - 6, y + 2.5, str(i + 1), fontName=fonts.REGULAR, fontSize=8,
                     textAnchor="end", fillColor=MUTED))  # fmt: skip
        d.add(Rect(label_w, y, bar_room, row - 3, fillColor=colors.HexColor("#EEEEEE"),
                   strokeColor=None))  # fmt: skip
        if count:
            d.add(Rect(label_w, y, bar_room * count / most, row - 3, fillColor=INK,
                       strokeColor=None))  # fmt: skip
        d.add(String(width - count_w + 4, y + 2.5, str(count), fontName=fonts.REGULAR,
                     fontSize=8, fillColor=INK))  # fmt: skip
    return d
