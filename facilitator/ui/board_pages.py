"""How a board is laid out for the room: pages of large note cards, worked out in pixels of a
1080-line projector (the reference) and drawn scaled, so the projector and the console's copy of
it break every line in the same place.

Note text is never smaller than ``LEGIBLE_PX`` (28 px at 1080 lines, about 24 pt on a slide):
when the notes do not fit at that size they go on more pages, never on smaller cards. The views:
- arrival: the newest notes in fixed slots (a new note takes the oldest one's slot, nothing else
  moves) under the count;
- notes: every shown note in sections (zones, then groups), paged;
- overview: one column per group (or zone) with its count and its most-voted notes;
- top: the most-voted notes as a ranked list.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

from facilitator.model.records import NoteInfo

LEGIBLE_PX = 28  # the smallest note text the room is shown, at 1080 lines
SIZES = (56, 48, 40, 34, LEGIBLE_PX)  # note text, largest first: the largest that fits one page
AUTHOR_PX = 22
GAP = 24.0  # between cards
PAD = 16.0  # inside a card
HEADING_PX = 34
LINE = 1.22  # line height over text size
CHARS_PER_CARD = 12  # a card is about this many text sizes wide (some 20 characters a line)


@dataclass(frozen=True)
class Card:
    """One note on a page: where (reference pixels, inside the board's area), its lines of text
    as broken, the text size, the author line (empty on an anonymous board)."""

    note: NoteInfo
    rect: QRectF
    lines: tuple[str, ...]
    px: int
    author: str = ""
    rank: int = 0  # its place in the top list (0: not a ranked list)
    fresh: bool = False  # the newest note (arrival)


@dataclass(frozen=True)
class Heading:
    """A section's heading: a zone's or a group's name and its tally."""

    text: str
    detail: str
    rect: QRectF
    px: int = HEADING_PX


@dataclass
class Page:
    cards: list[Card] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    more: list[tuple[str, QRectF]] = field(default_factory=list)  # "+ 9 more" lines

    @property
    def empty(self) -> bool:
        return not self.cards and not self.headings


@dataclass(frozen=True)
class Section:
    """Notes shown together under one heading (``title`` None: no heading)."""

    title: str | None
    notes: tuple[NoteInfo, ...]
    detail: str = ""


# -- text --------------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


@lru_cache(maxsize=8192)
def wrap(text: str, px: int, width: float, bold: bool = False) -> tuple[str, ...]:
    """``text`` broken into lines ``width`` reference pixels wide at ``px`` (words kept whole
    unless one is longer than a line). Plain text: nothing in it is read as markup."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font(px, bold))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        lines.append(text[start : start + length].replace("\u2028", " ").rstrip())
    layout.endLayout()
    return tuple(lines) or ("",)


def elide(text: str, px: int, width: float, bold: bool = False) -> str:
    """One line: ``text`` cut with an ellipsis to ``width`` (a 40-character name stays on its
    card)."""
    metrics = QFontMetricsF(font(px, bold))
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, width)


def cut(lines: tuple[str, ...], most: int, px: int, width: float) -> tuple[str, ...]:
    """At most ``most`` lines, the last one ending in an ellipsis when text was left out."""
    if len(lines) <= most:
        return lines
    kept = list(lines[: max(1, most)])
    kept[-1] = elide(kept[-1] + " …" + "\u00a0" * 3, px, width).rstrip("\u00a0 ")
    if not kept[-1].endswith("…"):
        kept[-1] = kept[-1].rstrip() + "…"
    return tuple(kept)


def line_height(px: int) -> float:
    return math.ceil(px * LINE)


# -- cards -------------------------------------------------------------------------------------
class CardMaker:
    """Makes cards of one board: the author line unless the board is anonymous; a footer row
    (the author, the vote count) unless there is neither."""

    def __init__(self, anonymous: bool, votes: bool = False):
        self.anonymous = anonymous
        self.footer = not anonymous or votes

    def author_height(self) -> float:
        return AUTHOR_PX * 1.5 if self.footer else 0.0

    def height(self, lines: int, px: int) -> float:
        return 2 * PAD + lines * line_height(px) + self.author_height()

    def card(self, note, x, y, width, px, *, most_height=None, height=None, **extra) -> Card:
        inner = width - 2 * PAD
        lines = wrap(note.text, px, inner)
        if most_height is not None:
            room = most_height - 2 * PAD - self.author_height()
            lines = cut(lines, max(1, int(room // line_height(px))), px, inner)
        author = "" if self.anonymous else elide(note.author, AUTHOR_PX, inner)
        h = height if height is not None else self.height(len(lines), px)
        return Card(note, QRectF(x, y, width, h), lines, px, author, **extra)


def columns_for(px: int, width: float) -> int:
    """How many cards across at text size ``px``: each about ``CHARS_PER_CARD`` sizes wide."""
    return max(1, int((width + GAP) // (px * CHARS_PER_CARD + GAP)))


def card_width(columns: int, width: float) -> float:
    return (width - (columns - 1) * GAP) / columns


# -- the notes, in sections, paged -------------------------------------------------------------
def note_pages(
    sections: Sequence[Section], width: float, height: float, maker: CardMaker
) -> tuple[list[Page], int]:
    """Every note of ``sections`` on pages ``width`` x ``height``: at the largest text size that
    puts them all on one page, else at the legible size on as many pages as needed. Returns the
    pages and the text size."""
    count = sum(len(s.notes) for s in sections)
    for px in SIZES:
        if px != LEGIBLE_PX and count > _most_on_a_page(px, width, height, maker):
            continue  # cannot fit one page even as one-line cards: no need to try
        pages = _flow(sections, width, height, px, maker)
        if len(pages) == 1 or px == LEGIBLE_PX:
            return pages, px
    raise AssertionError("unreachable")


def _most_on_a_page(px: int, width: float, height: float, maker: CardMaker) -> int:
    """How many one-line cards at text size ``px`` one page holds at most."""
    rows = int((height + GAP) // (maker.height(1, px) + GAP))
    return rows * columns_for(px, width)


def _flow(sections, width, height, px, maker: CardMaker) -> list[Page]:
    columns = columns_for(px, width)
    w = card_width(columns, width)
    heading_h = line_height(HEADING_PX) + 8
    pages, page, y = [], Page(), 0.0

    def new_page():
        nonlocal page, y
        pages.append(page)
        page, y = Page(), 0.0

    for section in sections:
        rows = [section.notes[i : i + columns] for i in range(0, len(section.notes), columns)]
        for r, row in enumerate(rows):
            cards_h = max(maker.height(len(wrap(n.text, px, w - 2 * PAD)), px) for n in row)
            need = cards_h + (heading_h if (r == 0 or y == 0) and section.title else 0)
            if y > 0 and y + need > height:
                new_page()
            if section.title and (r == 0 or y == 0):
                title = section.title if r == 0 else f"{section.title} (continued)"
                page.headings.append(Heading(title, section.detail, QRectF(0, y, width, heading_h)))
                y += heading_h
            row_h = min(cards_h, height - y)
            for c, note in enumerate(row):
                x = c * (w + GAP)
                page.cards.append(maker.card(note, x, y, w, px, most_height=row_h, height=row_h))
            y += row_h + GAP
        y += GAP / 2 if section.title else 0
    if not page.empty or not pages:
        pages.append(page)
    return pages


# -- arrival -----------------------------------------------------------------------------------
ARRIVAL_GRIDS = ((6, 3, 2, 44), (12, 4, 3, 34))  # up to N notes: columns, rows, text size


def arrival_grid(count: int) -> tuple[int, int, int]:
    """(columns, rows, text size) of the arrival view for ``count`` notes on the board."""
    for most, columns, rows, px in ARRIVAL_GRIDS:
        if count <= most:
            return columns, rows, px
    return ARRIVAL_GRIDS[-1][1:]


def arrival_page(
    slots: Sequence[NoteInfo | None], columns: int, rows: int, px: int,
    width: float, height: float, maker: CardMaker, newest: int | None,
) -> Page:  # fmt: skip
    """The arrival view: ``slots`` (note or None) in a fixed grid, the newest marked."""
    w = card_width(columns, width)
    h = (height - (rows - 1) * GAP) / rows
    page = Page()
    for k, note in enumerate(slots):
        if note is None:
            continue
        row, col = divmod(k, columns)
        x, y = col * (w + GAP), row * (h + GAP)
        size = _fitting_size(note.text, px, w, h, maker)
        page.cards.append(
            maker.card(note, x, y, w, size, most_height=h, height=h, fresh=note.id == newest)
        )
    return page


def _fitting_size(text: str, px: int, width: float, height: float, maker: CardMaker) -> int:
    """``px``, or a smaller size down to the legible one at which ``text`` fits the card."""
    for size in (s for s in SIZES if s <= px):
        if maker.height(len(wrap(text, size, width - 2 * PAD)), size) <= height:
            return size
    return LEGIBLE_PX


class ArrivalSlots:
    """The arrival view's fixed slots: a new note takes a free slot, else the slot of the
    oldest note shown; a note hidden or deleted frees its slot for the next one to arrive.
    Nothing else moves, so the room sees one card change at a time."""

    def __init__(self):
        self.slots: list[int | None] = []
        self.newest: int | None = None

    def update(self, shown: Sequence[NoteInfo], size: int) -> None:
        """Follow ``shown`` (the notes the room may see, oldest first) with ``size`` slots."""
        ids = [n.id for n in shown]
        present = set(ids)
        if len(self.slots) != size:
            self.slots = (ids[-size:] + [None] * size)[:size]
            self.newest = ids[-1] if ids else None
            return
        self.slots = [i if i in present else None for i in self.slots]
        placed = {i for i in self.slots if i is not None}
        waiting = [i for i in ids if i not in placed]
        newest_placed = max(placed, default=0)
        arrived = [i for i in waiting if i > max(newest_placed, self.newest or 0)]
        for note_id in arrived:  # older notes (hidden, then shown again) wait in "all notes"
            self._take(note_id)
        if arrived:
            self.newest = arrived[-1]
        elif self.newest not in present:
            self.newest = None

    def _take(self, note_id: int) -> None:
        if None in self.slots:
            self.slots[self.slots.index(None)] = note_id
            return
        oldest = min(range(len(self.slots)), key=lambda k: self.slots[k])
        self.slots[oldest] = note_id

    def notes(self, by_id: dict[int, NoteInfo]) -> list[NoteInfo | None]:
        return [by_id.get(i) if i is not None else None for i in self.slots]


# -- overview ----------------------------------------------------------------------------------
OVERVIEW_COLUMNS = 4


def overview_pages(
    sections: Sequence[Section], width: float, height: float, maker: CardMaker
) -> list[Page]:
    """One column per section (group or zone): its name and tally, then its most-voted notes
    at the legible size as far as they fit, then "+ N more"."""
    per_page = max(1, min(OVERVIEW_COLUMNS, len(sections)))
    w = card_width(per_page, width)
    heading_h = 2 * line_height(HEADING_PX) + 12
    more_h = line_height(LEGIBLE_PX) + 6
    pages = []
    for start in range(0, max(1, len(sections)), per_page):
        page = Page()
        for c, section in enumerate(sections[start : start + per_page]):
            x = c * (w + GAP)
            page.headings.append(
                Heading(section.title or "", section.detail, QRectF(x, 0, w, heading_h))
            )
            ordered = sorted(section.notes, key=lambda n: (-n.votes, n.id))
            y, shown = heading_h, 0
            for note in ordered:
                lines = wrap(note.text, LEGIBLE_PX, w - 2 * PAD)
                h = maker.height(len(lines), LEGIBLE_PX)
                left = len(ordered) - shown - 1
                room = height - y - (more_h if left else 0)
                if h > room:
                    if room < maker.height(1, LEGIBLE_PX) or shown:
                        break
                    h = room
                page.cards.append(maker.card(note, x, y, w, LEGIBLE_PX, most_height=h, height=h))
                y += h + GAP / 2
                shown += 1
            if shown < len(ordered):
                page.more.append((f"+ {len(ordered) - shown} more", QRectF(x, y, w, more_h)))
        pages.append(page)
    return pages


# -- top ---------------------------------------------------------------------------------------
RANK_W = 90.0  # room for "12." before a ranked note
VOTES_W = 200.0  # room for "12 votes" after it


def top_pages(
    notes: Sequence[NoteInfo], width: float, height: float, maker: CardMaker
) -> list[Page]:
    """The ranked list: a wide card per note, its rank before it and its votes after it."""
    pages, page, y = [], Page(), 0.0
    px = LEGIBLE_PX + 6
    rank, previous = 0, None
    for i, note in enumerate(notes, start=1):
        if note.votes != previous:  # tied notes share a rank
            rank, previous = i, note.votes
        text_w = width - RANK_W - VOTES_W
        lines = wrap(note.text, px, text_w - 2 * PAD)
        h = min(height, maker.height(len(lines), px))
        if y > 0 and y + h > height:
            pages.append(page)
            page, y = Page(), 0.0
        page.cards.append(
            maker.card(note, RANK_W, y, text_w, px, most_height=h, height=h, rank=rank)
        )
        y += h + GAP / 2
    pages.append(page)
    return pages


def sections_of(
    notes: Sequence[NoteInfo],
    groups: dict[int, str],
    zones: Sequence[tuple[int, str]],
    tally: Callable[[Sequence[NoteInfo]], str],
    *,
    unsorted: str,
) -> list[Section]:
    """The board's shown notes in reading order: zones in board order (the notes in no zone
    last), in each the groups in the order they were made, then the ungrouped notes; each
    note in order of arrival."""
    zone_order = [z for z, _ in zones]
    labels = dict(zones)
    by_zone: dict[int | None, dict[int | None, list[NoteInfo]]] = {}
    for note in sorted(notes, key=lambda n: n.id):
        zone = note.zone_id if note.zone_id in labels else None
        group = note.group_id if note.group_id in groups else None
        by_zone.setdefault(zone, {}).setdefault(group, []).append(note)
    out = []
    for zone in [*zone_order, None]:
        clusters = by_zone.get(zone)
        if not clusters:
            continue
        zone_label = labels.get(zone, unsorted) if zones else None
        for group in sorted(clusters, key=lambda g: (g is None, g or 0)):
            members = tuple(clusters[group])
            if group is not None:
                title = groups[group] or "Unnamed group"
                if zone_label:
                    title = f"{zone_label} · {title}"
            elif zone_label:
                title = zone_label if len(clusters) == 1 else f"{zone_label} · not grouped"
            else:
                title = "Not grouped" if len(clusters) > 1 else None
            out.append(Section(title, members, tally(members)))
    return out


def units_of(
    notes: Sequence[NoteInfo],
    groups: dict[int, str],
    zones: Sequence[tuple[int, str]],
    tally: Callable[[Sequence[NoteInfo]], str],
    *,
    unsorted: str,
) -> list[tuple[tuple, Section]]:
    """What the overview shows a column each of, with a key to open it by: the zones (and the
    notes in none) on a board with zones, else the groups and the notes in none."""
    labels = dict(zones)
    if zones:
        keys = [("zone", z) for z, _ in zones] + [("zone", None)]

        def key_of(n):
            return ("zone", n.zone_id if n.zone_id in labels else None)

        def title_of(key):
            return labels.get(key[1], unsorted)
    else:
        keys = [("group", g) for g in sorted(groups)] + [("group", None)]

        def key_of(n):
            return ("group", n.group_id if n.group_id in groups else None)

        def title_of(key):
            return (groups[key[1]] or "Unnamed group") if key[1] is not None else "Not grouped"

    members: dict[tuple, list[NoteInfo]] = {}
    for note in sorted(notes, key=lambda n: n.id):
        members.setdefault(key_of(note), []).append(note)
    return [
        (key, Section(title_of(key), tuple(members[key]), tally(members[key])))
        for key in keys
        if members.get(key)
    ]


FACE_DOWN = (150.0, 96.0)  # a card face down: its colour only, small, so the count reads first


def face_down_pages(notes: Sequence[NoteInfo], width: float, height: float) -> list[Page]:
    """Notes not yet revealed: small blank cards in order of arrival, as many pages as needed
    (their size says nothing about their text)."""
    w, h = FACE_DOWN
    columns = max(1, int((width + GAP) // (w + GAP)))
    rows = max(1, int((height + GAP) // (h + GAP)))
    w = card_width(columns, width)
    pages = []
    for start in range(0, max(1, len(notes)), columns * rows):
        page = Page()
        for k, note in enumerate(notes[start : start + columns * rows]):
            row, col = divmod(k, columns)
            page.cards.append(Card(note, QRectF(col * (w + GAP), row * (h + GAP), w, h), (), 0))
        pages.append(page)
    return pages
