"""The board as the room sees it: large note cards, page by page (see board_pages for the
views). It reads the board's scene, the one the console edits, so both always show the same
notes; hidden notes never reach it, and a board not yet revealed shows its cards face down."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.model.authors import anonymous
from facilitator.model.kinds import whiteboard
from facilitator.model.palette import NOTE_COLORS, normalise_color
from facilitator.model.top import top_notes

from .board_layout import UNSORTED
from .board_pages import (
    AUTHOR_PX,
    GAP,
    LEGIBLE_PX,
    PAD,
    ArrivalSlots,
    CardMaker,
    Page,
    Section,
    arrival_grid,
    arrival_page,
    elide,
    face_down_pages,
    font,
    line_height,
    note_pages,
    overview_pages,
    sections_of,
    top_pages,
    units_of,
)
from .widgets import disconnect

MODES = ("arrival", "notes", "overview", "group", "top")
MODE_NAMES = {
    "face_down": "notes face down until revealed",
    "arrival": "newest notes",
    "notes": "all notes",
    "overview": "overview",
    "group": "one group",
    "top": "most votes",
}
INK = QColor("#1B2A41")
MUTED = QColor("#4A5260")
ACCENT = QColor("#0B6E69")
SHADOW = QBrush(QColor(0, 0, 0, 38))
BAND_PX = 40  # the line above a view: the count, the group opened, the top N
BAND_H = line_height(BAND_PX) + 16
FOOTER_H = line_height(LEGIBLE_PX) + 12
LOOKS = {
    name: (QBrush(QColor(fill)), QPen(QColor(edge), 2.0), QPen(QColor(edge), 6.0))
    for name, (fill, edge) in NOTE_COLORS.items()
}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class ProjectorBoard(QWidget):
    """The room's view of ``scene`` in the mode ``options`` says (``options.board_mode``, or
    by default the newest notes while the board takes notes and all notes once it is closed
    or revealed; the top list while ``options.top_n`` is set), on page ``options.page``."""

    pages_changed = Signal()  # the view, its page or its number of pages changed

    def __init__(self, scene, options, step, parent=None, *, reports: bool = False):
        super().__init__(parent)
        self.scene, self.options, self.step = scene, options, step
        self.reports = reports  # the projector's own board tells the console what it shows
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.unit = 0.5
        self.pages: list[Page] = [Page()]
        self.band = ""  # the line above the page
        self.mode = "arrival"
        self.arrival = None  # ArrivalSlots, made on first use
        self._pending = False
        self._signature = None
        self._version = 0  # counts the board's changes: a page turn alone lays nothing out
        self._laid_out = None  # what the pages were laid out for
        scene.board_changed.connect(self._board_changed)
        options.changed.connect(self.schedule)
        self.relayout()

    # -- what to show ------------------------------------------------------------------------
    @property
    def anonymous(self) -> bool:
        return anonymous(self.step)

    @property
    def votes_shown(self) -> bool:
        """Vote counts on the cards: on a board taking votes, as the phones see them."""
        if not whiteboard.takes_votes(self.step):
            return False
        return whiteboard.counts_shown(self.step, self.scene.state)

    def current_mode(self) -> str:
        if not self.scene.revealed:
            return "face_down"  # whatever the view, nobody reads a note before the reveal
        if self.options.top_n is not None:
            return "top"
        mode = getattr(self.options, "board_mode", None)
        if mode in MODES:
            return mode
        done = self.scene.locked or whiteboard.was_revealed(self.step, self.scene.state)
        return "notes" if done else "arrival"

    def shown_notes(self) -> list:
        """The notes the room may see, oldest first."""
        notes = [item.note for item in self.scene.notes.values() if not item.note.hidden]
        return sorted(notes, key=lambda n: n.id)

    @property
    def page_index(self) -> int:
        return max(0, min(getattr(self.options, "page", 0), len(self.pages) - 1))

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def describe(self) -> str:
        """ "all notes, page 2 of 5" for the console."""
        words = MODE_NAMES[self.mode]
        if self.page_count > 1:
            words += f", page {self.page_index + 1} of {self.page_count}"
        return words

    # -- layout --------------------------------------------------------------------------------
    def set_unit(self, unit: float) -> None:
        self.unit = unit
        self.relayout()

    def schedule(self) -> None:
        """Lay out again once the events of this moment are in (a burst of notes: once)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.relayout)

    def _board_changed(self) -> None:
        self._version += 1
        self.schedule()

    def relayout(self) -> None:
        self._pending = False
        unit = max(self.unit, 1e-3)
        width, height = self.width() / unit, self.height() / unit
        self.mode = self.current_mode()
        o = self.options
        wanted = (self._version, self.mode, o.board_unit, o.top_n, self.votes_shown, width, height)
        if wanted != self._laid_out:
            self._laid_out = wanted
            maker = CardMaker(self.anonymous, self.votes_shown)
            build = getattr(self, f"_layout_{self.mode}")
            self.band, pages = build(self.shown_notes(), width, max(1.0, height - FOOTER_H), maker)
            self.pages = pages or [Page()]
        signature = (self.mode, self.page_index, self.page_count)
        if signature != self._signature:
            self._signature = signature
            self.pages_changed.emit()
        if self.reports:
            self.options.report_room_view(*signature)
        self.update()

    def _tally(self, notes) -> str:
        words = plural(len(notes), "note")
        votes = sum(n.votes for n in notes)
        if votes and self.votes_shown:
            words += f" · {plural(votes, 'vote')}"
        return words

    def _groups(self) -> dict[int, str]:
        return {gid: item.group.name for gid, item in self.scene.groups.items()}

    def _zones(self) -> list[tuple[int, str]]:
        return [(z.id, z.label) for z in self.step.zones]

    def _layout_arrival(self, notes, width, height, maker):
        if self.arrival is None:
            self.arrival = ArrivalSlots()
        columns, rows, px = arrival_grid(len(notes))
        self.arrival.update(notes, columns * rows)
        by_id = {n.id: n for n in notes}
        slots = self.arrival.notes(by_id)
        newest = self.arrival.newest if len(notes) > 1 else None
        page = arrival_page(slots, columns, rows, px, width, height - BAND_H, maker, newest)
        band = plural(len(notes), "note") + (" so far" if notes else "")
        return band, [page]

    def _layout_face_down(self, notes, width, height, maker):
        band = f"{plural(len(notes), 'note')}, face down until they are revealed"
        return band, face_down_pages(notes, width, height - BAND_H)

    def _layout_notes(self, notes, width, height, maker):
        groups = self._groups()
        sections = sections_of(notes, groups, self._zones(), self._tally, unsorted=UNSORTED)
        return "", note_pages(sections, width, height, maker)[0]

    def _units(self, notes):
        return units_of(notes, self._groups(), self._zones(), self._tally, unsorted=UNSORTED)

    def _layout_overview(self, notes, width, height, maker):
        units = [section for _, section in self._units(notes)]
        return "", overview_pages(units, width, height, maker)

    def _layout_group(self, notes, width, height, maker):
        units = dict(self._units(notes))
        key = getattr(self.options, "board_unit", None)
        section = units.get(key) if key is not None else None
        if section is None:
            return "That group has no notes the room can see.", []
        band = f"{section.title} · {section.detail}"
        plain = [Section(None, section.notes)]
        return band, note_pages(plain, width, height - BAND_H, maker)[0]

    def _layout_top(self, notes, width, height, maker):
        top = top_notes(notes, self.options.top_n or 5)
        band = "Most votes: " + top.describe()
        compact = CardMaker(anonymous=True)  # a ranked list of ideas: no names, more in view
        return band, top_pages(top.notes, width, height - BAND_H, compact)

    # -- for the console and the tests ---------------------------------------------------------
    def page(self) -> Page:
        return self.pages[self.page_index]

    def text_sizes(self) -> list[float]:
        """The pixel size of every note's text on every page, as drawn on this screen."""
        return [card.px * self.unit for page in self.pages for card in page.cards]

    def note_ids_on_pages(self) -> list[set[int]]:
        return [{card.note.id for card in page.cards} for page in self.pages]

    # -- drawing -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.scale(self.unit, self.unit)
        width = self.width() / self.unit
        height = self.height() / self.unit
        page = self.page()
        if not self.shown_notes():
            self._paint_empty(p, width, height)
        else:
            top = 0.0
            if self.band:
                self._paint_band(p, width)
                top = BAND_H
            p.save()
            p.translate(0, top)
            face_down = not self.scene.revealed
            for heading in page.headings:
                self._paint_heading(p, heading)
            for card in page.cards:
                self._paint_card(p, card, face_down)
            for text, rect in page.more:
                p.setFont(font(LEGIBLE_PX, True))
                p.setPen(MUTED)
                p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            p.restore()
        if self.page_count > 1:
            self._paint_footer(p, width, height)
        p.end()

    def _paint_empty(self, p: QPainter, width: float, height: float) -> None:
        zones = self._zones()
        p.setPen(MUTED)
        if zones:
            w = (width - (len(zones) - 1) * GAP) / len(zones)
            p.setFont(font(40, True))
            for i, (_, label) in enumerate(zones):
                rect = QRectF(i * (w + GAP), 0, w, height)
                p.setBrush(QColor("#EEF1F4") if i % 2 == 0 else QColor("#F4F5F7"))
                p.drawRoundedRect(rect, 12, 12)
                p.drawText(rect.adjusted(24, 20, -24, 0), _WRAP_TOP, label)
            return
        p.setFont(font(44))
        sentence = "Notes from the room appear here."
        if not self.scene.revealed:  # face down until the reveal
            sentence = "Notes from the room stay face down until they are revealed."
        p.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, sentence)

    def _paint_band(self, p: QPainter, width: float) -> None:
        p.setFont(font(BAND_PX, True))
        p.setPen(ACCENT)
        text = elide(self.band, BAND_PX, width, True)
        p.drawText(QRectF(0, 0, width, BAND_H - 16), Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_heading(self, p: QPainter, heading) -> None:
        p.setFont(font(heading.px, True))
        p.setPen(ACCENT)
        rect = heading.rect
        title = elide(heading.text, heading.px, rect.width(), True)
        metrics = QFontMetricsF(font(heading.px, True))
        p.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), title)
        if heading.detail:
            p.setFont(font(LEGIBLE_PX))
            p.setPen(MUTED)
            below = rect.top() + line_height(heading.px) + QFontMetricsF(font(28)).ascent()
            if rect.height() > 2 * line_height(heading.px):  # the overview: a line of its own
                p.drawText(QPointF(rect.left(), below + 4), heading.detail)
            else:
                used = metrics.horizontalAdvance(title) + 24
                if used + 120 < rect.width():
                    p.drawText(QPointF(rect.left() + used, rect.top() + metrics.ascent()),
                               elide(heading.detail, LEGIBLE_PX, rect.width() - used))  # fmt: skip

    def _paint_card(self, p: QPainter, card, face_down: bool) -> None:
        rect, note = card.rect, card.note
        fill, edge, fresh_edge = LOOKS[normalise_color(note.color)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(SHADOW)
        p.drawRoundedRect(rect.translated(4, 5), 10, 10)
        p.setPen(fresh_edge if card.fresh else edge)
        p.setBrush(fill)
        p.drawRoundedRect(rect, 10, 10)
        if card.rank:
            p.setFont(font(40, True))
            p.setPen(INK)
            rank_box = QRectF(rect.left() - 90, rect.top(), 80, line_height(card.px) + 2 * PAD)
            p.drawText(rank_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       f"{card.rank}.")  # fmt: skip
        if face_down:
            return
        metrics = QFontMetricsF(font(card.px))
        p.setFont(font(card.px))
        p.setPen(INK)
        x, y = rect.left() + PAD, rect.top() + PAD + metrics.ascent()
        for line in card.lines:
            p.drawText(QPointF(x, y), line)
            y += line_height(card.px)
        if card.author:
            p.setFont(font(AUTHOR_PX))
            p.setPen(MUTED)
            width = rect.width() - 2 * PAD - (60 if note.votes and self.votes_shown else 0)
            p.drawText(QPointF(x, rect.bottom() - PAD), elide(card.author, AUTHOR_PX, width))
        if card.rank:
            self._paint_votes_beside(p, card)
        elif note.votes and self.votes_shown:
            self._paint_votes_badge(p, card)

    def _paint_votes_badge(self, p: QPainter, card) -> None:
        text = str(card.note.votes)
        p.setFont(font(24, True))
        w = max(38.0, QFontMetricsF(font(24, True)).horizontalAdvance(text) + 20)
        box = QRectF(card.rect.right() - w - 8, card.rect.bottom() - 38 - 6, w, 38)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#0072B2"))
        p.drawRoundedRect(box, 19, 19)
        p.setPen(QColor("#FFFFFF"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_votes_beside(self, p: QPainter, card) -> None:
        p.setFont(font(34, True))
        p.setPen(QColor("#0072B2"))
        box = QRectF(card.rect.right() + 16, card.rect.top(), 190, card.rect.height())
        p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   plural(card.note.votes, "vote"))  # fmt: skip

    def _paint_footer(self, p: QPainter, width: float, height: float) -> None:
        p.setFont(font(LEGIBLE_PX, True))
        p.setPen(MUTED)
        text = f"page {self.page_index + 1} of {self.page_count}"
        rect = QRectF(0, height - FOOTER_H + 8, width, FOOTER_H - 8)
        p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.relayout()

    def detach(self) -> None:
        disconnect(
            (self.scene.board_changed, self._board_changed),
            (self.options.changed, self.schedule),
        )


_WRAP_TOP = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
