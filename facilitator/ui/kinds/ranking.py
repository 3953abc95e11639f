"""Ranking: on the projector, the items in the room's live average order with a bar each (its
Borda score) and its average rank; while the results are kept back, how many have ranked and
the items in their own order without figures. Nothing moves by animation: each redraw shows
the order as it is (the tally: facilitator/model/kinds/ranking.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from .answers import AnswersControls, AnswersStage, people, people_have
from .base import ACCENT, INK, MUTED, StageLabel, plain_label, title_and_prompt

KIND = "ranking"
TRACK = QColor("#E6E2D6")  # the bar's empty part, on the stage's warm white
CARD = QColor("#EFEBE1")  # an item's card while the results are kept back
MIN_PX, MAX_PX = 28, 44  # item text at 1080 lines: never below the room-scale rule
PLACE_W, AVERAGE_W, SPACE, ROW_GAP = 70, 110, 24, 14  # at 1080 lines
BAR_SHARE = 0.38  # of the width the text and the bar share


@dataclass(frozen=True)
class Row:
    text: str
    place: int | None = None  # the room's place (ties share one); None: no figures
    average: float | None = None
    score: float = 0.0


def rows_of(results: dict, shown: bool, items: list[str]) -> list[Row]:
    """What the chart draws: the room's order with figures, or the items as written."""
    if not shown:
        return [Row(text) for text in items]
    tallied = results.get("items", [])
    averages = [it["average"] for it in tallied if it["average"] is not None]
    return [
        Row(
            it["text"],
            None if it["average"] is None else 1 + sum(a < it["average"] for a in averages),
            it["average"],
            float(it.get("score") or 0.0),
        )
        for it in tallied
    ]


def average_text(average: float | None) -> str:
    return "-" if average is None else f"{average:.1f}"


def wrapped(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` pixels; past ``max_lines`` the last
    line ends in an ellipsis (a long word is broken anywhere rather than overflow)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[a : a + n].strip() for a, n in starts]
    if len(lines) <= max_lines:
        return lines
    rest = text[starts[max_lines - 1][0] :].strip()
    elided = QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return [*lines[: max_lines - 1], elided]


class RankingChart(QWidget):
    """The items as rows: place, text, bar and average rank (or the text alone)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.figures = False
        self.unit = 0.5
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_rows(self, rows: list[Row], figures: bool) -> None:
        self.rows, self.figures = rows, figures
        self.update()

    def text_width(self) -> float:
        """The width of the items' text: all of it without figures, else what the place,
        the bar and the average leave."""
        u = self.unit
        if not self.figures:
            return self.width() - 2 * SPACE * u
        rest = self.width() - (PLACE_W + AVERAGE_W + 3 * SPACE) * u
        return rest * (1 - BAR_SHARE)

    def fitted_font(self, row_h: float) -> QFont:
        """The largest size up to 44 px (at 1080 lines) at which every item fits its row,
        never below 28 px (an item too long even then ends in an ellipsis)."""
        u, width = self.unit, self.text_width()
        font = QFont(self.font())
        px = max(MIN_PX * u, min(MAX_PX * u, row_h * 0.42))
        while px > MIN_PX * u:
            font.setPixelSize(round(px))
            room = max(1, int(row_h // QFontMetricsF(font).lineSpacing()))
            if all(len(wrapped(r.text, font, width, room + 1)) <= room for r in self.rows):
                return font
            px -= 2 * u
        font.setPixelSize(round(MIN_PX * u))
        return font

    def gap(self) -> float:
        return ROW_GAP * self.unit

    def row_height(self) -> float:
        """Each row's height: the rows share the chart's height, up to 120 px at 1080 lines."""
        n = max(1, len(self.rows))
        return min((self.height() - self.gap() * (n - 1)) / n, 120 * self.unit)

    def paintEvent(self, event) -> None:
        if not self.rows:
            return
        row_h, gap = self.row_height(), self.gap()
        font = self.fitted_font(row_h)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, row in enumerate(self.rows):
            self._row(p, font, row, QRectF(0, i * (row_h + gap), self.width(), row_h))
        p.end()

    def _row(self, p: QPainter, font: QFont, row: Row, box: QRectF) -> None:
        if not self.figures:
            self._card(p, font, row.text, box)
            return
        u = self.unit
        place_w, avg_w, space = PLACE_W * u, AVERAGE_W * u, SPACE * u
        text_box = QRectF(box.x() + place_w + space, box.y(), self.text_width(), box.height())
        bar_w = box.width() - text_box.right() - avg_w - 2 * space
        bar = QRectF(text_box.right() + space, 0, bar_w, min(box.height() * 0.55, 40 * u))
        bar.moveCenter(QPointF(bar.center().x(), box.center().y()))
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor(ACCENT))
        place = "" if row.place is None else str(row.place)
        p.drawText(QRectF(box.x(), box.y(), place_w, box.height()), _right, place)
        p.setPen(QColor(INK))
        avg = QRectF(bar.right() + space, box.y(), avg_w, box.height())
        p.drawText(avg, _right, average_text(row.average))
        self._bar(p, bar, row.score)
        self._text(p, font, row.text, text_box)

    def _card(self, p: QPainter, font: QFont, text: str, box: QRectF) -> None:
        """An item as written, on a light card as wide as the longest item needs."""
        pad = SPACE * self.unit
        widest = max(QFontMetricsF(font).horizontalAdvance(r.text) for r in self.rows)
        card = QRectF(box.x(), box.y(), min(box.width(), widest + 2 * pad + 4), box.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(CARD)
        p.drawRoundedRect(card, pad / 2, pad / 2)
        self._text(p, font, text, card.adjusted(pad, 0, -pad, 0))

    def _bar(self, p: QPainter, bar: QRectF, score: float) -> None:
        radius = bar.height() / 4
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(TRACK)
        p.drawRoundedRect(bar, radius, radius)
        if score > 0:
            filled = QRectF(bar.x(), bar.y(), max(bar.height() / 2, bar.width() * score), 0)
            filled.setHeight(bar.height())
            p.setBrush(QColor(ACCENT))
            p.drawRoundedRect(filled, radius, radius)

    def _text(self, p: QPainter, font: QFont, text: str, box: QRectF) -> None:
        metrics = QFontMetricsF(font)
        line_h = metrics.lineSpacing()
        lines = wrapped(text, font, box.width(), max(1, int(box.height() // line_h)))
        top = box.center().y() - line_h * len(lines) / 2
        p.setFont(font)
        p.setPen(QColor(INK))
        for k, line in enumerate(lines):
            where = QRectF(box.x(), top + k * line_h, box.width(), line_h)
            p.drawText(where, _left, line)


_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RankingStage(AnswersStage):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 60, 34)
        self.count = StageLabel("", 44, bold=True, color=ACCENT)
        self.chart = RankingChart()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 44, 80, 44)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addWidget(self.count)
        layout.addWidget(self.chart, 1)
        self.refresh()

    def show_results(self, results: dict, shown: bool) -> None:
        n = int(results.get("answered", 0))
        if shown:
            self.count.px, self.count.bold = 30, False
            self.count.setText(f"Average rank of {people(n)} (1 = first)")
        else:
            self.count.px, self.count.bold = 44, True
            self.count.setText(people_have(n, "ranked"))
        items = list(self.step.settings.get("items") or [])
        self.chart.show_rows(rows_of(results, shown, items), shown)

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.chart.unit = unit
        self.chart.update()


def order_text(results: dict) -> str:
    """The room's order for the console: ``1. Leadership  (1.8)`` a line."""
    rows = rows_of(results, True, [])
    return "\n".join(f"{r.place or '-'}. {r.text}  ({average_text(r.average)})" for r in rows)


class RankingControls(AnswersControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.bar.setFormat("%v of %m have ranked")
        self.top = plain_label()
        self.top.setStyleSheet("font-weight: 600")
        self.order = plain_label()
        self.order.setStyleSheet(f"color: {MUTED}")
        self.extra.addWidget(self.top)
        self.extra.addWidget(self.order)
        self.extra.addStretch(1)
        self.refresh()

    def refresh_more(self, results: dict, state) -> None:
        items = results.get("items", [])
        if not results.get("answered") or not items:
            self.top.setText("Nobody has ranked yet.")
            self.order.setText("")
            return
        first = items[0]
        self.top.setText(f"Top: {first['text']}  (average rank {average_text(first['average'])})")
        self.order.setText(order_text(results))


STAGE = RankingStage
CONTROLS = RankingControls
