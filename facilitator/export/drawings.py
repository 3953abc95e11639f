"""Pictures drawn with reportlab's own graphics (the board has its own module): the position
picture with everyone's dots, and small feedback charts. Both read in greyscale: dark dots
with a white ring, dark bars on light grey."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Image, Rect, String
from reportlab.lib import colors

from . import fonts
from .document import INK, MUTED, RULE
from .parts import image_size


def position_map(
    image: Path | None, dots: Sequence[dict], width: float, max_height: float
) -> Drawing:
    """The step's picture with every dot (``{"x", "y"}`` from the top left, 0..1)."""
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
    radius = 4.2 if len(dots) <= 60 else 3.2
    ink = colors.Color(0.1, 0.1, 0.1, alpha=0.8)
    for p in dots:
        x, y = p["x"] * w, (1 - p["y"]) * h
        d.add(Circle(x, y, radius, fillColor=ink, strokeColor=colors.white, strokeWidth=1.1))
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
