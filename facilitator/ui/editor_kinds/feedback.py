"""Settings of a feedback step: its questions, each a 1-5 rating or free text."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from facilitator.model.records import StepInfo

from . import KindEditor

KIND = "feedback"
TYPES = (("rating", "1-5 rating"), ("text", "Free text"))
ID_ROLE = Qt.ItemDataRole.UserRole


def new_id(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:30] or "question"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class FeedbackEditor(KindEditor):
    KIND = KIND
    PROMPT_LABEL = "&Introduction:"

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        count = len(step.settings.get("questions") or ())
        return f"A short form: {count} question" + ("" if count == 1 else "s") + "."

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Question", "Answer"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(lambda _item: self._emit(now=False))
        buttons = QWidget(self)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.add = QPushButton("Add &question", buttons)
        self.remove = QPushButton("Remove", buttons)
        self.up = QPushButton("\u2191", buttons)
        self.down = QPushButton("\u2193", buttons)
        for button, name in (
            (self.add, "Add a question"),
            (self.remove, "Remove the question"),
            (self.up, "Move the question up"),
            (self.down, "Move the question down"),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
            row.addWidget(button)
        for button in (self.up, self.down):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("\u2191") + 30)
        row.addStretch(1)
        self.add.clicked.connect(self.add_question)
        self.remove.clicked.connect(self.remove_question)
        self.up.clicked.connect(lambda: self.move_question(-1))
        self.down.clicked.connect(lambda: self.move_question(1))
        self.form.addRow("&Questions:", self.table)
        self.form.addRow("", buttons)

    # -- the table -------------------------------------------------------------------------
    def _set_row(self, row: int, question: dict) -> None:
        item = QTableWidgetItem(question.get("text", ""))
        item.setData(ID_ROLE, question.get("id", ""))
        self.table.setItem(row, 0, item)
        combo = QComboBox(self.table)
        for value, label in TYPES:
            combo.addItem(label, value)
        combo.setCurrentIndex(1 if question.get("type") == "text" else 0)
        combo.setAccessibleName("Kind of answer")
        combo.currentIndexChanged.connect(lambda _i: self._emit(now=True))
        self.table.setCellWidget(row, 1, combo)

    def questions(self) -> list[dict]:
        """The questions with text, as the settings store them."""
        out, taken = [], set()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            text = " ".join((item.text() if item else "").split())
            if not text:
                continue
            qid = item.data(ID_ROLE) or new_id(text, taken)
            if qid in taken:
                qid = new_id(text, taken)
            item.setData(ID_ROLE, qid)
            taken.add(qid)
            kind = self.table.cellWidget(row, 1).currentData()
            out.append({"id": qid, "text": text, "type": kind})
        return out

    def _emit(self, *, now: bool) -> None:
        if not self.signalsBlocked():
            self.edited.emit({"settings": {"questions": self.questions()}}, now)

    def add_question(self) -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        self._set_row(row, {"text": "", "type": "rating"})
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))

    def remove_question(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._emit(now=True)

    def move_question(self, delta: int) -> None:
        row = self.table.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        questions = self._all_rows()
        questions.insert(target, questions.pop(row))
        self._fill(questions)
        self.table.setCurrentCell(target, 0)
        self._emit(now=True)

    def _all_rows(self) -> list[dict]:
        rows = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            kind = self.table.cellWidget(row, 1).currentData()
            rows.append({"id": item.data(ID_ROLE), "text": item.text(), "type": kind})
        return rows

    def _fill(self, questions: list[dict]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(questions))
        for row, question in enumerate(questions):
            self._set_row(row, question)
        self.table.blockSignals(False)

    def show_settings(self, step: StepInfo) -> None:
        questions = [dict(q) for q in step.settings.get("questions") or ()]
        if self.questions() != questions:
            self._fill(questions)


EDITOR = FeedbackEditor
