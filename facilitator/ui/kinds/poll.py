"""Poll: on the projector the question and a horizontal bar per option, in the options' order
(bars grow while people vote, never re-sort), with each option's count and share; while the
results are kept back, how many have voted and the options alone. The console adds the
leading option and every option's figures (the facilitator sees them before the room does)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from facilitator.model.kinds.poll import percent
from facilitator.model.records import StepStateInfo

from ..board_pages import cut, font, wrap
from .answers import AnswersControls, AnswersStage, people, people_have
from .base import ACCENT, INK, MUTED, StageLabel, plain_label, title_and_prompt

KIND = "poll"
SIZES = (48, 44, 40, 36, 32, 28)  # option text, pixels at 1080 lines: the largest that fits
MIN_PX = 28  # the room-scale rule
TRACK = QColor("#E4E0D6")


def figure_text(option: dict) -> tuple[str, str]:
    """(``63 · ``, ``42 %``): the count, then the share, which is drawn bold."""
    return f"{option['count']}  ·  ", f"{percent(option['share'])} %"


@dataclass(frozen=True)
class ChartLayout:
    px: int  # the option text's size at 1080 lines
    lines: tuple[tuple[str, ...], ...]  # each option's text, broken into lines
    figure_w: float  # the figures' column, in pixels
    height: float  # of everything, in pixels
    fits: bool
    tight: float = 1.0  # the bars and the gaps between rows, as parts of their usual height


class PollChart(QWidget):
    """The options as rows: the option's text (wrapped) with its figures at the right, a bar
    below it whose length is the option's share of the people who voted. With ``shown``
    false only the texts, each after an empty ring (what the phones pick from)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.options: list[dict] = []
        self.shown = False
        self.unit = 0.5
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_results(self, options: list[dict], shown: bool) -> None:
        self.options, self.shown = options, shown
        self.update()

    def metrics(self, px: int, tight: float = 1.0) -> tuple[float, float, float]:
        """(line height, bar height, gap between rows) in pixels for text of ``px``; ``tight``
        thins the bars and the gaps (a face with tall lines, e.g. Segoe UI or Noto Sans)."""
        line = QFontMetricsF(font(self._px(px))).lineSpacing()
        return line, (0.55 * line * tight if self.shown else 0.0), 0.45 * self._px(px) * tight

    def _px(self, px: int) -> int:
        return max(7, round(px * self.unit))

    def _indent(self, px: int) -> float:
        return 0.0 if self.shown else 1.3 * self._px(px)

    def layout_for(self, width: float, height: float) -> ChartLayout:
        """The largest text size (then, at the smallest, the fewest lines cut, then thinner
        bars and gaps) at which every option fits in ``width`` x ``height``."""
        tries = [(px, 99, 1.0) for px in SIZES] + [(MIN_PX, 2, 1.0), (MIN_PX, 1, 1.0)]
        tries += [(MIN_PX, 1, 0.6), (MIN_PX, 1, 0.35)]
        for px, most, tight in tries:
            found = self._try(px, most, width, height, tight)
            if found.fits:
                return found
        return found

    def _try(self, px: int, most: int, width: float, height: float, tight=1.0) -> ChartLayout:
        size = self._px(px)
        figure_w = 0.0
        if self.shown:
            bold = QFontMetricsF(font(size, True))
            plain = QFontMetricsF(font(size))
            figures = [figure_text(o) for o in self.options] or [("", "")]
            counts = max(plain.horizontalAdvance(a) for a, _ in figures)
            figure_w = counts + max(bold.horizontalAdvance(b) for _, b in figures) + size * 0.8
        text_w = max(10.0, width - figure_w - self._indent(px))
        lines = tuple(cut(wrap(o["text"], size, text_w), most, size, text_w) for o in self.options)
        line, bar, gap = self.metrics(px, tight)
        total = sum(len(ls) * line + bar + gap for ls in lines) - (gap if lines else 0)
        return ChartLayout(px, lines, figure_w, total, total <= height, tight)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plan = self.layout_for(self.width(), self.height())
        line, bar, gap = self.metrics(plan.px, plan.tight)
        y = max(0.0, (self.height() - plan.height) / 2)
        for option, lines in zip(self.options, plan.lines, strict=False):
            self._row(p, option, lines, plan, y)
            y += len(lines) * line + bar + gap
        p.end()

    def _row(self, p: QPainter, option: dict, lines, plan: ChartLayout, y: float) -> None:
        size = self._px(plan.px)
        line, bar, _gap = self.metrics(plan.px, plan.tight)
        ascent = QFontMetricsF(font(size)).ascent()
        indent = self._indent(plan.px)
        if not self.shown:
            p.setPen(QPen(QColor(MUTED), max(1.5, size / 10)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            radius = size * 0.32
            p.drawEllipse(QPointF(radius + 1, y + line / 2), radius, radius)
        p.setFont(font(size))
        p.setPen(QColor(INK))
        for i, text in enumerate(lines):
            p.drawText(QPointF(indent, y + i * line + ascent), text)
        if self.shown:
            self._figures(p, option, size, y + ascent)
            self._bar(p, option["share"], QRectF(0, y + len(lines) * line, self.width(), bar))

    def _figures(self, p: QPainter, option: dict, size: int, baseline: float) -> None:
        """The share right-aligned in a column as wide as the widest share, the count before
        it, so that the shares and the counts each line up."""
        count, share = figure_text(option)
        bold, plain = font(size, True), font(size)
        column = max(QFontMetricsF(bold).horizontalAdvance(figure_text(o)[1]) for o in self.options)
        share_w = QFontMetricsF(bold).horizontalAdvance(share)
        count_w = QFontMetricsF(plain).horizontalAdvance(count)
        right = self.width()
        p.setFont(bold)
        p.setPen(QColor(INK))
        p.drawText(QPointF(right - share_w, baseline), share)
        p.setFont(plain)
        p.setPen(QColor(MUTED))
        p.drawText(QPointF(right - column - count_w, baseline), count)

    def _bar(self, p: QPainter, share: float, area: QRectF) -> None:
        track = area.adjusted(0, area.height() * 0.1, 0, -area.height() * 0.1)
        radius = track.height() / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(TRACK)
        p.drawRoundedRect(track, radius, radius)
        if share > 0:
            fill = QRectF(track.x(), track.y(), max(track.height(), track.width() * share / 100),
                          track.height())  # fmt: skip
            p.setBrush(QColor(ACCENT))
            p.drawRoundedRect(fill, radius, radius)


class PollStage(AnswersStage):
    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 60, 40)
        self.count = StageLabel("", 84, bold=True)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = PollChart(self)
        self.footer = StageLabel("", 30, color=MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 36)
        layout.setSpacing(18)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addWidget(self.count)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.footer)
        self.refresh()

    def show_results(self, results: dict, shown: bool) -> None:
        n = results.get("answered", 0)
        self.count.setText(people_have(n, "voted"))
        self.count.setVisible(not shown)
        self.chart.set_results(results.get("options", []), shown)
        footer = f"{people(n)} voted"
        if results.get("choose", 1) > 1:
            footer += (f"; each could pick up to {results['choose']}, so the shares "
                       "add up to more than 100 %")  # fmt: skip
        self.footer.setText(footer + ".")
        self.footer.setVisible(shown)

    def rescale(self, unit: float) -> None:
        self.chart.unit = unit
        self.chart.update()
        super().rescale(unit)


def leading_text(results: dict) -> str:
    """``Leading: Value, 42 %`` (ties named together), or that nobody has voted yet."""
    options = results.get("options", [])
    top = [options[i] for i in results.get("leading", []) if i < len(options)]
    if not top:
        return "Nobody has voted yet."
    names = " and ".join(o["text"] for o in top)
    each = " each" if len(top) > 1 else ""
    return f"Leading: {names}, {percent(top[0]['share'])} %{each}"


def figures_text(results: dict) -> str:
    """Every option's figures, one line each, for the console."""
    lines = []
    for o in results.get("options", []):
        lines.append(f"{percent(o['share']):>3} %  {o['count']:>4}   {o['text']}")
    return "\n".join(lines)


class PollControls(AnswersControls):
    def __init__(self, step, run, live, parent=None):
        super().__init__(step, run, live, parent)
        self.bar.setFormat("%v of %m have voted")
        self.leading = plain_label()
        self.leading.setStyleSheet("font-weight: 600")
        self.figures = plain_label()
        self.figures.setStyleSheet("font-family: monospace")
        self.figures.setToolTip("Every option's share and count (shown here even while hidden)")
        self.extra.addWidget(self.leading)
        self.extra.addWidget(self.figures)
        self.extra.addStretch(1)
        self.refresh()

    def refresh_more(self, results: dict, state: StepStateInfo) -> None:
        self.leading.setText(leading_text(results))
        self.figures.setText(figures_text(results))


STAGE = PollStage
CONTROLS = PollControls
