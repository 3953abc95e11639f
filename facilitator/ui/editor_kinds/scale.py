"""Settings of a scale step: its statements (one per line), the two ends of the scale and their
labels. Only settings the model accepts are sent: 1 to 10 statements, a low end below the high
one and at most 11 values."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from facilitator.model.kinds import scale as model
from facilitator.model.records import StepInfo

from ..widgets import hint
from . import KindEditor

KIND = "scale"


def statement_lines(text: str) -> list[str]:
    """The statements typed one per line: blank lines left out, each trimmed and cut to the
    longest a statement may be."""
    lines = [" ".join(line.split())[: model.STATEMENT_MAX] for line in text.splitlines()]
    return [line for line in lines if line]


class ScaleEditor(KindEditor):
    KIND = KIND

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        settings = model.SPEC.settings_of(step.settings)
        (low, high), (left, right) = settings.scale, settings.labels
        count = len(settings.statements)
        ends = f"{low} ({left}) to {high} ({right})" if left and right else f"{low} to {high}"
        plural = "statement" if count == 1 else "statements"
        return f"{count} {plural}, each rated {ends} by tapping a number; any may be skipped."

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.statements = QPlainTextEdit(self)
        self.statements.setTabChangesFocus(True)
        self.statements.setPlaceholderText("We share a picture of the change\nI know who to ask")
        self.statements.setFixedHeight(self.fontMetrics().lineSpacing() * 8 + 12)
        self.statements.setAccessibleName("Statements, one per line")
        self.problem = hint("", self)
        self.low, self.high = self._spin("Low end of the scale"), self._spin("High end")
        ends = QWidget(self)
        row = QHBoxLayout(ends)
        row.setContentsMargins(0, 0, 0, 0)
        for text, spin in (("from", self.low), ("to", self.high)):
            row.addWidget(hint(text, ends))
            row.addWidget(spin)
        row.addStretch(1)
        self.left = self._label("Disagree", "Label of the low end")
        self.right = self._label("Agree", "Label of the high end")
        self.form.addRow("&Statements:", self.statements)
        self.form.addRow("", self.problem)
        self.form.addRow("S&cale:", ends)
        self.form.addRow("&Low end label:", self.left)
        self.form.addRow("&High end label:", self.right)
        self.statements.textChanged.connect(self._statements)
        self.low.valueChanged.connect(self._scale)
        self.high.valueChanged.connect(self._scale)
        self.left.textEdited.connect(self._labels)
        self.right.textEdited.connect(self._labels)

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(-model.VALUE_LIMIT, model.VALUE_LIMIT)
        spin.setKeyboardTracking(False)
        spin.setAccessibleName(name)
        spin.setMaximumWidth(90)
        return spin

    def _label(self, placeholder: str, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setMaxLength(model.LABEL_MAX)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(name)
        return field

    def _statements(self) -> None:
        lines = statement_lines(self.statements.toPlainText())
        if not lines:
            self.problem.setText("Write at least one statement.")
            return
        most = model.STATEMENTS_MAX
        self.problem.setText(
            f"At most {most} statements: the lines after the {most}th are left out."
            if len(lines) > most
            else "One statement per line; people may skip any of them."
        )
        self.setting("statements", lines[:most], now=False)

    def _scale(self) -> None:
        """Both ends as one setting; the high end follows the low one into what a scale can
        be (above it, at most 10 more)."""
        low = min(self.low.value(), model.VALUE_LIMIT - 1)
        high = max(low + 1, min(self.high.value(), low + model.SPAN_MAX, model.VALUE_LIMIT))
        for spin, value in ((self.low, low), (self.high, high)):
            if spin.value() != value:
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
        self.setting("scale", [low, high])

    def _labels(self) -> None:
        labels = [" ".join(field.text().split()) for field in (self.left, self.right)]
        self.setting("labels", labels, now=False)

    def show_settings(self, step: StepInfo) -> None:
        settings = model.SPEC.settings_of(step.settings)
        shown = statement_lines(self.statements.toPlainText())
        if shown != list(settings.statements):
            self.statements.setPlainText("\n".join(settings.statements))
        self.low.setValue(settings.scale[0])
        self.high.setValue(settings.scale[1])
        for field, label in zip((self.left, self.right), settings.labels, strict=True):
            if " ".join(field.text().split()) != label:
                field.setText(label)
        self.problem.setText("One statement per line; people may skip any of them.")


EDITOR = ScaleEditor
