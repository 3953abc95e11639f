"""Scale: on the projector, one row per statement: the statement, a small histogram of how many
gave each value of the scale (the mean marked on it) and the mean as a number, under the scale's
end labels. While the results are kept back, the statements and an empty scale, and how many
have answered. The console lists the means."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from facilitator.model import kinds

from .answers import AnswersControls, AnswersStage, people_have
from .base import ACCENT, INK, MUTED, StageLabel, plain_label, title_and_prompt

KIND = "scale"
MEAN = QColor("#D55E00")  # Okabe-Ito vermillion beside the teal bars: apart for colour-blind eyes
TRACK = QColor("#E4E1D8")
TEXT_SIZES = (40, 36, 32, 28)  # statement text at 1080 lines, the largest that fits
SMALL = 28  # never below, at 1080 lines (the room-scale rule)
MEAN_PX = 56


def mean_text(mean: float | None) -> str:
    return "-" if mean is None else f"{mean:.1f}"


def wrap_lines(text: str, metrics: QFontMetricsF, width: float, most: int) -> list[str]:
    """``text`` broken into lines at ``width`` pixels; past ``most`` lines the last one ends
    in an ellipsis (the phones show the whole statement)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] += " \u2026"
    elide = Qt.TextElideMode.ElideRight
    return [metrics.elidedText(line, elide, width) for line in lines] or [""]


def font(px: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(7, round(px)))
    f.setBold(bold)
    return f


class ScaleChart(QWidget):
    """Every statement's row, painted; ``rows`` are the tally's statements, ``shown`` whether
    the figures may be drawn, ``unit`` the stage's height over 1080 lines."""

    def __init__(self, statements, scale, labels, parent=None):
        super().__init__(parent)
        self.texts = list(statements)
        self.values = list(range(scale[0], scale[1] + 1))
        self.labels = list(labels)
        self.rows: list[dict] = []
        self.shown = False
        self.unit = 0.5
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_results(self, rows: list[dict], shown: bool) -> None:
        self.rows, self.shown = rows, shown
        self.update()

    def columns(self) -> tuple[float, float, float]:
        """Where the chart column starts, how wide it is, and where the means' column starts."""
        w, gap = self.width(), 36 * self.unit
        text_w = w * 0.40
        mean_w = max(w * 0.11, 130 * self.unit)
        return text_w + gap, w - text_w - mean_w - 2 * gap, w - mean_w

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        u = self.unit
        head = SMALL * u * 1.5
        self.paint_header(p, head)
        count = max(1, len(self.texts))
        row_h = min((self.height() - head) / count, 200 * u)
        px = self.text_size(row_h)
        top_share = max((self.share(r) for r in self.rows), default=0) or 1
        for i, text in enumerate(self.texts):
            row = QRectF(0, head + i * row_h, self.width(), row_h)
            self.paint_text(p, text, row, px)
            data = self.rows[i] if i < len(self.rows) else None
            self.paint_histogram(p, row, data if self.shown else None, top_share)
            if self.shown and data is not None:
                self.paint_mean(p, row, data)
            if i:
                p.setPen(QPen(TRACK, max(1.0, 2 * u)))
                p.drawLine(QPointF(0, row.top()), QPointF(self.width(), row.top()))
        p.end()

    def paint_header(self, p: QPainter, head: float) -> None:
        """The end labels over the ends of the scale, and what the last column is."""
        x, w, mean_x = self.columns()
        p.setFont(font(SMALL * self.unit * 1.1, bold=True))
        p.setPen(QColor(MUTED))
        box = QRectF(x, 0, w, head)
        low, high = self.labels
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        middle = Qt.AlignmentFlag.AlignVCenter
        if low:
            p.drawText(box, left | middle, f"\u2190 {low}")
        if high:
            p.drawText(box, right | middle, f"{high} \u2192")
        if self.shown:
            mean_box = QRectF(mean_x, 0, self.width() - mean_x, head)
            p.drawText(mean_box, Qt.AlignmentFlag.AlignCenter, "mean")

    def text_size(self, row_h: float) -> float:
        """The largest statement size whose every statement fits its row (else the smallest,
        and long statements are cut)."""
        width = self.width() * 0.40
        for px in TEXT_SIZES:
            metrics = QFontMetricsF(font(px * self.unit))
            most = max(1, int((row_h - 12 * self.unit) // metrics.lineSpacing()))
            if all(len(wrap_lines(t, metrics, width, 99)) <= most for t in self.texts):
                return px * self.unit
        return SMALL * self.unit

    def paint_text(self, p: QPainter, text: str, row: QRectF, px: float) -> None:
        p.setFont(font(px))
        p.setPen(QColor(INK))
        metrics = QFontMetricsF(p.font())
        line_h = metrics.lineSpacing()
        most = max(1, int((row.height() - 12 * self.unit) // line_h))
        lines = wrap_lines(text, metrics, self.width() * 0.40, most)
        y = row.center().y() - line_h * len(lines) / 2
        for line in lines:
            p.drawText(QPointF(0, y + metrics.ascent()), line)
            y += line_h

    @staticmethod
    def share(row: dict) -> float:
        """The biggest share of the statement's ratings on one value (bars are drawn to it)."""
        count = row.get("count") or 0
        return max(row.get("distribution") or [0]) / count if count else 0.0

    def paint_histogram(self, p, row: QRectF, data: dict | None, top_share: float) -> None:
        """The scale's values along an axis; with ``data``, a bar per value (its height the
        value's share of the ratings) and the mean marked."""
        u = self.unit
        x, w, _ = self.columns()
        tick_h = QFontMetricsF(font(SMALL * u)).height()
        axis_y = row.bottom() - tick_h - 8 * u
        slot = w / len(self.values)
        self.paint_axis(p, x, w, axis_y, tick_h)
        if data is None:
            return
        room = axis_y - row.top() - 8 * u
        counts_fit = room >= 3 * tick_h
        bar_room = room - (tick_h if counts_fit else 0)
        total = data.get("count") or 0
        for i, n in enumerate(data.get("distribution") or []):
            if not n:
                continue
            h = max(2 * u, bar_room * (n / total) / top_share)
            bar = QRectF(x + i * slot + slot * 0.14, axis_y - h, slot * 0.72, h)
            p.fillRect(bar, QColor(ACCENT))
            if counts_fit:
                p.setPen(QColor(INK))
                label = QRectF(
                    bar.left() - slot, bar.top() - tick_h, bar.width() + 2 * slot, tick_h
                )
                p.drawText(label, Qt.AlignmentFlag.AlignCenter, str(n))
        if data.get("mean") is not None:
            self.paint_mean_mark(p, x + slot * (data["mean"] - self.values[0] + 0.5), row, axis_y)

    def paint_axis(self, p: QPainter, x: float, w: float, axis_y: float, tick_h: float) -> None:
        """The axis line and, under it, each value of the scale."""
        slot = w / len(self.values)
        p.setFont(font(SMALL * self.unit))
        p.setPen(QColor(MUTED))
        for i, value in enumerate(self.values):
            box = QRectF(x + i * slot, axis_y + 2 * self.unit, slot, tick_h)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, str(value))
        p.setPen(QPen(QColor(MUTED), max(1.0, 2 * self.unit)))
        p.drawLine(QPointF(x, axis_y), QPointF(x + w, axis_y))

    def paint_mean_mark(self, p: QPainter, mx: float, row: QRectF, axis_y: float) -> None:
        u = self.unit
        p.setPen(QPen(MEAN, max(2.0, 5 * u)))
        p.drawLine(QPointF(mx, row.top() + 16 * u), QPointF(mx, axis_y))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(MEAN)
        s = 12 * u
        top = row.top() + 16 * u
        p.drawPolygon(QPolygonF([QPointF(mx - s, top - s), QPointF(mx + s, top - s),
                                 QPointF(mx, top + s * 0.6)]))  # fmt: skip

    def paint_mean(self, p: QPainter, row: QRectF, data: dict) -> None:
        """The mean as a number, and under it how many rated the statement (room allowing)."""
        u = self.unit
        _, _, mean_x = self.columns()
        box = QRectF(mean_x, row.top(), self.width() - mean_x, row.height())
        big, small = font(MEAN_PX * u, bold=True), font(SMALL * u)
        big_h, small_h = QFontMetricsF(big).height(), QFontMetricsF(small).height()
        both = box.height() >= big_h + small_h + 8 * u
        top = box.center().y() - (big_h + (small_h if both else 0)) / 2
        p.setFont(big)
        p.setPen(QColor(INK))
        center = Qt.AlignmentFlag.AlignCenter
        p.drawText(QRectF(box.left(), top, box.width(), big_h), center, mean_text(data["mean"]))
        if both:
            n = data.get("count") or 0
            p.setFont(small)
            p.setPen(QColor(MUTED))
            words = f"{n} rating{'' if n == 1 else 's'}"
            p.drawText(QRectF(box.left(), top + big_h, box.width(), small_h), center, words)


class ScaleStage(AnswersStage):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 56, 34)
        settings = kinds.get(KIND).settings_of(step.settings)
        self.count = StageLabel("", SMALL, color=MUTED)
        self.chart = ScaleChart(settings.statements, settings.scale, settings.labels)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(70, 36, 70, 36)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addWidget(self.count)
        layout.addWidget(self.chart, 1)
        self.refresh()

    def show_results(self, results: dict, shown: bool) -> None:
        n = int(results.get("answered", 0))
        self.count.setText(people_have(n))
        self.count.px, self.count.bold = (SMALL, False) if shown else (48, True)
        self.count.setStyleSheet(f"color: {MUTED if shown else INK}; background: transparent;")
        self.chart.set_results(results.get("statements", []), shown)

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.chart.unit = unit
        self.chart.update()


class ScaleControls(AnswersControls):
    """The means, statement by statement, as they come in."""

    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.means = plain_label()
        self.means.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.extra.addWidget(self.means)
        self.extra.addStretch(1)
        self.refresh()

    def refresh_more(self, results: dict, state) -> None:
        low, high = results.get("scale") or (1, 5)
        lines = [f"Mean on {low} to {high}, and how many rated each statement:"]
        for row in results.get("statements", []):
            lines.append(f"{mean_text(row['mean']):>4}  ({row['count']})  {row['text']}")
        self.means.setText("\n".join(lines))


STAGE = ScaleStage
CONTROLS = ScaleControls
