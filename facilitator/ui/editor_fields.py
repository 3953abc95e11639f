"""The fields every step has (title, prompt, countdown, facilitator notes) and, below them, the
settings editor of the step's kind."""

from __future__ import annotations

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import kinds
from facilitator.model.library import Library
from facilitator.model.records import StepInfo
from facilitator.model.text import TITLE_MAX

from .editor_kinds import KindEditor, editor_for
from .widgets import heading, hint


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def seconds_of(time: QTime) -> int | None:
    seconds = time.minute() * 60 + time.second() + time.hour() * 3600
    return seconds or None


def time_of(seconds: int | None) -> QTime:
    seconds = max(0, min(int(seconds or 0), 59 * 60 + 59))
    return QTime(0, seconds // 60, seconds % 60)


def align_labels(forms: list[QFormLayout]) -> None:
    """Give the label columns of stacked forms one width, so their fields line up."""
    labels = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


class StepFields(QWidget):
    """Edits one step. ``edited`` carries fields for ``Library.update_step`` and whether to save
    at once; the editor saves, debounced, and makes the undo step."""

    edited = Signal(dict, bool)
    failed = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.step: StepInfo | None = None
        self.kind_editor: KindEditor | None = None
        layout = QVBoxLayout(self)
        self.kind = heading("", self)
        self.kind_help = hint("", self)
        layout.addWidget(self.kind)
        layout.addWidget(self.kind_help)
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.title = QLineEdit(self)
        self.title.setMaxLength(TITLE_MAX)
        self.prompt = _text_box(self, 4)
        self.timer = QTimeEdit(self)
        self.timer.setDisplayFormat("mm:ss")
        self.timer.setMinimumTime(QTime(0, 0, 0))
        self.timer.setMaximumTime(QTime(0, 59, 59))
        self.timer.setSpecialValueText("No countdown")
        self.timer.setKeyboardTracking(False)
        self.timer.setCurrentSection(QTimeEdit.Section.MinuteSection)
        self.timer.setMaximumWidth(160)
        self.notes = _text_box(self, 3)
        self.notes.setPlaceholderText("Only you see these, on the console.")
        form.addRow("&Title:", self.title)
        self.prompt_label = QLabel("&Question:", self)
        self.prompt_label.setBuddy(self.prompt)
        form.addRow(self.prompt_label, self.prompt)
        form.addRow("Count&down:", self.timer)
        form.addRow("Facilitator &notes:", self.notes)
        layout.addLayout(form)
        self.kind_box = QVBoxLayout()
        layout.addLayout(self.kind_box)
        layout.addStretch(1)
        self.title.textEdited.connect(lambda t: self.edited.emit({"title": t}, False))
        self.prompt.textChanged.connect(
            lambda: self.edited.emit({"prompt": self.prompt.toPlainText()}, False)
        )
        self.notes.textChanged.connect(
            lambda: self.edited.emit({"facilitator_notes": self.notes.toPlainText()}, False)
        )
        self.timer.timeChanged.connect(
            lambda t: self.edited.emit({"timer_seconds": seconds_of(t)}, True)
        )

    def text_fields(self) -> list[QWidget]:
        """The fields whose own undo must give way to the editor's."""
        own = [self.title, self.prompt, self.notes]
        if self.kind_editor is not None:
            own += self.kind_editor.findChildren(QLineEdit)
            own += self.kind_editor.findChildren(QPlainTextEdit)
        return own

    def load(self, step: StepInfo | None) -> None:
        """Show ``step`` (None: nothing selected) without emitting ``edited``."""
        changed_kind = self.step is None or step is None or self.step.kind != step.kind
        self.step = step
        self.setEnabled(step is not None)
        if changed_kind:
            self._make_kind_editor(step.kind if step else None)
        if step is None:
            self.kind.setText("No step selected")
            self.kind_help.setText("Add a step, or choose one in the agenda.")
            return
        spec = kinds.get(step.kind)
        self.kind.setText(spec.label)
        self.kind_help.setText(spec.description)
        editor = editor_for(step.kind)
        self.prompt_label.setText(editor.PROMPT_LABEL if editor else KindEditor.PROMPT_LABEL)
        for widget in (self.title, self.prompt, self.notes, self.timer):
            widget.blockSignals(True)
        try:
            if self.title.text() != step.title:
                self.title.setText(step.title)
            if self.prompt.toPlainText() != step.prompt:
                self.prompt.setPlainText(step.prompt)
            if self.notes.toPlainText() != step.facilitator_notes:
                self.notes.setPlainText(step.facilitator_notes)
            self.timer.setTime(time_of(step.timer_seconds))
        finally:
            for widget in (self.title, self.prompt, self.notes, self.timer):
                widget.blockSignals(False)
        if self.kind_editor is not None:
            self.kind_editor.load(step)

    def _make_kind_editor(self, kind: str | None) -> None:
        if self.kind_editor is not None:
            self.kind_editor.setParent(None)
            self.kind_editor.deleteLater()
            self.kind_editor = None
        editor_class = editor_for(kind) if kind else None
        if editor_class is None:
            return
        self.kind_editor = editor_class(self.library, self)
        self.kind_editor.edited.connect(self.edited)
        align_labels([self.form, self.kind_editor.form])
        self.kind_editor.failed.connect(self.failed)
        self.kind_box.addWidget(self.kind_editor)
