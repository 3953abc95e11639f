"""Q&A on the projector: the question being answered very large at the top, then the room's
questions by upvotes, each with its count, as many as fit at the legible size ("and 23 more"
below them); never a name when the Q&A is anonymous. The console's controls are in
qa_controls. Questions are the step's notes (model/kinds/qa.py keeps the order)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from facilitator.model import events
from facilitator.model.authors import room_author
from facilitator.model.kinds.qa import answered_of, answering_of, room_order

from ..board_pages import cut, wrap
from .answers import AnswersStage
from .base import ACCENT, INK, MUTED, StageLabel, title_and_prompt
from .qa_controls import QaControls

KIND = "qa"
UP = "\u25b2"  # the upvote mark, as on the phones
TEXT_PX, COUNT_PX, SMALL_PX = 36, 40, 28  # sizes at 1080 lines; never below 28
FOLLOWED = (events.NOTE_ADDED, events.NOTE_CHANGED, events.NOTE_DELETED, events.NOTES_CHANGED)


@dataclass(frozen=True)
class Row:
    """A question as the projector lists it."""

    text: str
    votes: int
    byline: str = ""  # its author, when the room may see names
    answered: bool = False


class QuestionList(QWidget):
    """The questions painted row by row (an upvote count, then two lines of text at most),
    as many as fit; a last line says how many more there are."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.unit = 0.5
        self.shown = 0  # how many rows the last paint fitted in
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self.update()

    def font_of(self, px: int, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(7, round(px * self.unit)))
        font.setBold(bold)
        return font

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        u = self.unit
        text_font, count_font, small = (
            self.font_of(TEXT_PX),
            self.font_of(COUNT_PX, True),
            self.font_of(SMALL_PX),
        )
        left, gap = 170 * u, 18 * u
        width = self.width() - left
        footer = QFontMetricsF(small).height() + gap
        y, self.shown = 0.0, 0
        for index, row in enumerate(self.rows):
            px = text_font.pixelSize()  # the board's wrapping, cut at two lines
            lines = cut(wrap(" ".join(row.text.split()), px, width), 2, px, width)
            line_h = QFontMetricsF(text_font).lineSpacing()
            height = line_h * len(lines) + (QFontMetricsF(small).height() if row.byline else 0)
            room = self.height() - (footer if index < len(self.rows) - 1 else 0)
            if y + height > room:
                break
            self._row(p, row, lines, y, left, (text_font, count_font, small))
            y += height + gap
            self.shown += 1
        more = len(self.rows) - self.shown
        if more:
            p.setFont(small)
            p.setPen(QColor(MUTED))
            words = f"and {more} more question{'s' if more != 1 else ''}"
            p.drawText(QRectF(left, y, width, footer), Qt.AlignmentFlag.AlignLeft, words)
        p.end()

    def _row(self, p: QPainter, row: Row, lines: list[str], y: float, left: float, fonts):
        text_font, count_font, small = fonts
        ink = QColor(MUTED if row.answered else INK)
        p.setFont(count_font)
        p.setPen(QColor(MUTED if row.answered else ACCENT))
        box = QRectF(0, y, left - 24 * self.unit, QFontMetricsF(text_font).lineSpacing())
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        p.drawText(box, right, f"{UP} {row.votes}")
        p.setFont(text_font)
        p.setPen(QPen(ink))
        metrics = QFontMetricsF(text_font)
        width, step = self.width() - left, metrics.lineSpacing()
        for i, line in enumerate(lines):
            p.drawText(QRectF(left, y + i * step, width, step), Qt.AlignmentFlag.AlignLeft, line)
        under = y + metrics.lineSpacing() * len(lines)
        byline = " · ".join(x for x in (row.byline, "answered" if row.answered else "") if x)
        if byline:
            p.setFont(small)
            p.setPen(QColor(MUTED))
            box = QRectF(left, under, width, QFontMetricsF(small).height())
            p.drawText(box, Qt.AlignmentFlag.AlignLeft, byline)


class QaStage(AnswersStage):
    """The room's questions, live: each note, upvote and mark the facilitator sets redraws it
    (once for a burst)."""

    def __init__(self, step, run, live, parent=None, **join):
        super().__init__(step, run, live, parent, **join)
        title, prompt = title_and_prompt(step, 56, 36)
        self.status = StageLabel("", SMALL_PX, color=MUTED)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.status.setWordWrap(False)
        header = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(prompt)
        header.addLayout(heading, 1)
        header.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        self.answering = QFrame()
        self.answering.setObjectName("answering")
        self.answering.setStyleSheet(
            f"#answering {{ border-left: 12px solid {ACCENT}; background: #E6F2F1; }}"
        )
        self.answering_label = StageLabel("Now answering", 32, bold=True, color=ACCENT)
        self.answering_text = StageLabel("", 64, bold=True)
        self.answering_votes = StageLabel("", SMALL_PX, color=MUTED)
        box = QVBoxLayout(self.answering)
        box.setContentsMargins(36, 20, 36, 24)
        for widget in (self.answering_label, self.answering_text, self.answering_votes):
            box.addWidget(widget)
        self.empty = StageLabel("Ask your question on your phone.", 48, color=MUTED)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.questions = QuestionList()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(70, 40, 70, 36)
        layout.setSpacing(24)
        layout.addLayout(header)
        layout.addWidget(self.answering)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.questions, 1)
        self.refresh()

    def results(self):
        """The step's questions (visible notes) and its state, instead of a tally."""
        if not self.is_live:
            return {"notes": [], "data": {}, "locked": False}, None
        model = self.live.model
        state = model.runs.step_state(self.run.id, self.step.id)
        notes = [n for n in model.board.notes(self.run.id, self.step.id) if not n.hidden]
        return {"notes": notes, "data": state.data, "locked": state.locked}, state

    def show_results(self, results: dict, shown: bool) -> None:
        notes, data = results["notes"], results["data"]
        answering, done = answering_of(data), answered_of(data)
        ordered = room_order(notes, data)
        current = ordered[0] if ordered and ordered[0].id == answering else None
        rest = ordered[1:] if current is not None else ordered
        self.answering.setVisible(current is not None)
        if current is not None:
            self.answering_text.px = _answering_px(current.text)
            self.answering_text.setText(" ".join(current.text.split()))
            self.answering_votes.setText(_byline(current, self.step, with_votes=True))
        self.questions.set_rows(
            [Row(n.text, n.votes, _byline(n, self.step), n.id in done) for n in rest]
        )
        self.questions.setVisible(bool(rest))
        self.empty.setVisible(not notes)
        self.status.setText(_status(notes, done, results["locked"]))

    def rescale(self, unit: float) -> None:
        super().rescale(unit)
        self.questions.unit = unit
        self.questions.update()

    def on_event(self, event) -> None:
        payload = event.payload
        if event.type in FOLLOWED and getattr(payload, "step_id", None) == self.step.id:
            self._later.poke()
        elif event.type == events.PARTICIPANT_RENAMED:
            self._later.poke()
        else:
            super().on_event(event)


def _answering_px(text: str) -> int:
    """The question being answered as large as its length allows (never below 40 at 1080)."""
    return 64 if len(text) <= 140 else 48 if len(text) <= 280 else 40


def _byline(note, step, *, with_votes: bool = False) -> str:
    parts = [f"{UP} {note.votes} upvote{'s' if note.votes != 1 else ''}"] if with_votes else []
    author = room_author(note, step)
    if author:
        parts.append(f"asked by {author}")
    return " · ".join(parts)


def _status(notes, done: set[int], locked: bool) -> str:
    n = len(notes)
    parts = [f"{n} question{'s' if n != 1 else ''}"]
    answered = sum(1 for note in notes if note.id in done)
    if answered:
        parts.append(f"{answered} answered")
    if locked:
        parts.append("closed")
    return " · ".join(parts)


STAGE = QaStage
CONTROLS = QaControls
