"""The word cloud's layout, shared by the projector and the PDF so that both show the same
cloud: each word sized by how many people gave it (its area grows with its count, between a
smallest and a largest font size), placed in turn, most given first, at the first free place
along an Archimedean spiral out from the centre, never overlapping another (rectangles on a
grid of small cells); horizontal text only; the same words always give the same cloud.
Words that find no room are left out and counted.

Pure Python: the caller passes ``measure(text, size) -> (width, height)`` so that Qt and
reportlab each measure with their own fonts.

How the spiral is walked fast: the area is a grid of cells, one bit per cell in a Python int
per row. For a word of k x m cells, the free places for its top-left corner are found for every
row at once by a few shifts and ANDs (:func:`_fits`); of those, the one the spiral reaches
first is the one with the smallest spiral parameter t (a cell at radius r and angle a lies on
the turn of r = b * t that passes through it: t = a + 2 pi n). Only places within one turn of
the nearest free place need t worked out (:func:`_first_on_spiral`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Measure = Callable[[str, int], tuple[float, float]]

# Okabe-Ito colours that read on a light background (at least 3:1 for large text: blue,
# vermillion, bluish green, reddish purple) and a dark ink; yellow, orange and sky blue do not
PALETTE = ("#0072B2", "#D55E00", "#1B2A41", "#009E73", "#CC79A7")
# the cloud on a 1080-line projector: its smallest word (never below the room's 28 px), its
# largest, and the area it has beside a one-line question; the PDF lays the cloud out in this
# same area and scales it down, so that it prints the projector's cloud
MIN_SIZE = 30
MAX_SIZE = 150
ROOM_AREA = (1800, 835)
# both draw the words in the bundled DejaVu Sans Bold; a word's box is this many times its
# font size tall (the face's ascent and descent), so that both measure the same boxes
LINE_HEIGHT = 1.17
CELLS_PER_LINE = 5  # grid cells in the height of a word at the smallest size
TURN = 2 * math.pi
WIDEST = 0.9  # a word is never wider than this part of the area (a long top word shrinks)


@dataclass(frozen=True)
class Placed:
    """One word in the cloud: its box (``x``, ``y`` its top left, from the area's top left, in
    the units of the area), its font size and its colour."""

    key: str
    text: str
    count: int
    size: int
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Cloud:
    words: tuple[Placed, ...]
    left_out: int  # words that found no room
    width: float
    height: float


def sizes(counts: Sequence[int], min_size: int, max_size: int) -> list[int]:
    """A font size per count: the area of a word grows with its count (size with its square
    root), the most given at ``max_size``, none below ``min_size``."""
    most = max(counts, default=1)
    return [max(min_size, round(max_size * math.sqrt(c / most))) for c in counts]


class _Grid:
    """The area as rows of cells, one bit per cell (1 = taken)."""

    def __init__(self, width: float, height: float, cell: float):
        self.cell = cell
        self.cols = max(1, int(width // cell))
        self.rows = max(1, int(height // cell))
        self.full = (1 << self.cols) - 1
        self.taken = [0] * self.rows
        self.cx, self.cy = self.cols / 2, self.rows / 2
        self.stretch = max(1.0, self.cols / self.rows)  # the spiral is as wide as the area

    def take(self, row: int, col: int, k: int, m: int) -> None:
        bits = ((1 << k) - 1) << col
        for r in range(row, row + m):
            self.taken[r] |= bits

    def _fits(self, k: int, m: int) -> list[int]:
        """Per row r (0..rows-m), the columns c where a k x m block with its top left at (r, c)
        is free, as bits."""
        full, across = self.full, _doubling(k)
        runs = []
        for taken in self.taken:
            free = ~taken & full
            for step in across:  # bit c stays set while cells c .. c+step*2-1 are free
                free &= free >> step
            runs.append(free)
        for step in _doubling(m):
            runs = [a & b for a, b in zip(runs, runs[step:], strict=False)]
        return runs

    def _radius(self, row: int, col: float, k: int, m: int) -> tuple[float, float, float]:
        """Where a block's centre lies from the area's centre: (radius, dx, dy), in cells."""
        dx = (col + k / 2 - self.cx) / self.stretch
        dy = row + m / 2 - self.cy
        return math.hypot(dx, dy), dx, dy

    def place(self, k: int, m: int) -> tuple[int, int] | None:
        """The top left (row, col) the spiral reaches first where a k x m block is free."""
        if k > self.cols or m > self.rows:
            return None
        fits = self._fits(k, m)
        target, cy, stretch = round(self.cx - k / 2), self.cy - m / 2, self.stretch
        best = math.inf
        for row, bits in enumerate(fits):
            if bits:
                dx = (_nearest_bit(bits, target) - target) / stretch
                best = min(best, dx * dx + (row - cy) ** 2)
        best = math.sqrt(best)
        if best == math.inf:
            return None
        return self._first_on_spiral(fits, k, m, best + 1.5)

    def _first_on_spiral(self, fits, k, m, reach: float) -> tuple[int, int]:
        """Of the free places within ``reach`` (one turn past the nearest), the one with the
        smallest spiral parameter t (spiral r = t / 2 pi: one cell between turns)."""
        best, where = math.inf, None
        middle = self.cy - m / 2  # the row whose block is centred on the area's centre
        first, last = max(0, math.ceil(middle - reach)), min(len(fits) - 1, int(middle + reach))
        for row in range(first, last + 1):
            bits, dy = fits[row], row - middle
            if not bits:
                continue
            half = math.sqrt(max(0.0, reach * reach - dy * dy)) * self.stretch
            lo = max(0, math.floor(self.cx - k / 2 - half))
            hi = min(self.cols - 1, math.ceil(self.cx - k / 2 + half))
            window = bits >> lo & ((1 << (hi - lo + 1)) - 1)
            while window:
                low = window & -window
                col = lo + low.bit_length() - 1
                window ^= low
                t = _spiral_t(*self._radius(row, col, k, m))
                if t < best:
                    best, where = t, (row, col)
        return where


def _doubling(n: int) -> list[int]:
    """Shifts that, ANDed in turn, turn "cell free" bits into "n cells free from here" bits."""
    steps, have = [], 1
    while have < n:
        steps.append(min(have, n - have))
        have += steps[-1]
    return steps


def _nearest_bit(bits: int, target: int) -> int:
    """The set bit of ``bits`` (not 0) nearest to bit ``target``."""
    target = max(0, target)
    above = bits >> target
    right = target + (above & -above).bit_length() - 1 if above else None
    below = bits & ((1 << target) - 1)
    left = below.bit_length() - 1 if below else None
    if right is None:
        return left
    if left is None or right - target <= target - left:
        return right
    return left


def _spiral_t(radius: float, dx: float, dy: float) -> float:
    """How far along the spiral r = t / 2 pi (one cell between turns) it reaches this point."""
    angle = math.atan2(dy, dx) % TURN
    turns = max(0, round((radius * TURN - angle) / TURN))
    return angle + TURN * turns


SHRINK = (1.0, 0.85, 0.72, 0.6, 0.5, 0.4)  # the largest size tried, as parts of max_size


def layout(
    words: Sequence[Mapping],
    width: float,
    height: float,
    measure: Measure,
    *,
    min_size: int,
    max_size: int,
    gap: float = 0.25,
) -> Cloud:
    """The cloud of ``words`` (``{key, text, count}``, most given first, as the word cloud's
    tally lists them) in an area of ``width`` x ``height``. Font sizes are whole numbers from
    ``min_size`` to ``max_size``; ``gap`` is the space kept around a word, in parts of its
    height (split between its sides).

    When a word finds no room while a less given one does, the whole cloud is laid out again
    with smaller large words (``SHRINK``), so a word many people gave is never the one left
    out: of the tries, the first whose words left out (if any) are all less given than every
    word placed, else the one placing the longest run of the most given words."""
    best: tuple[int, Cloud] | None = None
    for share in SHRINK:
        largest = max(min_size, round(max_size * share))
        cloud = _layout(words, width, height, measure, min_size, largest, gap)
        placed = {p.key for p in cloud.words}
        run = next((i for i, w in enumerate(words) if w["key"] not in placed), len(words))
        if best is None or run > best[0]:
            best = (run, cloud)
        if run == len(placed) or largest == min_size:  # only the least given are left out
            break
    return best[1]


def _layout(words, width, height, measure, min_size: int, max_size: int, gap: float) -> Cloud:
    grid = _Grid(width, height, max(1.0, min_size * (1 + gap) / CELLS_PER_LINE))
    counts = [int(w["count"]) for w in words]
    placed: list[Placed] = []
    failed: list[tuple[int, int]] = []  # blocks that found no room: larger ones will not either
    for rank, (word, size) in enumerate(zip(words, sizes(counts, min_size, max_size), strict=True)):
        size, (w, h) = _fitted(str(word["text"]), size, min_size, width * WIDEST, measure)
        pad = gap * h
        k = math.ceil((w + pad) / grid.cell)
        m = math.ceil((h + pad) / grid.cell)
        spot = None if _too_big(failed, k, m) else grid.place(k, m)
        if spot is None:
            failed.append((k, m))
            continue
        row, col = spot
        grid.take(row, col, k, m)
        x = col * grid.cell + (k * grid.cell - w) / 2
        y = row * grid.cell + (m * grid.cell - h) / 2
        colour = PALETTE[rank % len(PALETTE)]
        placed.append(
            Placed(word["key"], str(word["text"]), int(word["count"]), size, x, y, w, h, colour)
        )
    return Cloud(tuple(placed), len(words) - len(placed), width, height)


def _fitted(text: str, size: int, min_size: int, room: float, measure: Measure):
    """``size`` made smaller, not below ``min_size``, until ``text`` is at most ``room`` wide;
    the size and the measured (width, height)."""
    w, h = measure(text, size)
    while w > room and size > min_size:
        size = max(min_size, min(size - 1, math.floor(size * room / w)))
        w, h = measure(text, size)
    return size, (w, h)


def _too_big(failed: list[tuple[int, int]], k: int, m: int) -> bool:
    """Whether a block at least as wide and as tall as one that found no room is asked for."""
    return any(k >= fk and m >= fm for fk, fm in failed)
