"""Settings of a poll: its options (one per line), how many one person may pick, and whether
the results wait until the facilitator shows them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QSpinBox

from facilitator.model.kinds.poll import MAX_OPTIONS
from facilitator.model.records import StepInfo

from ..widgets import hint
from . import KindEditor

KIND = "poll"


class PollEditor(KindEditor):
    KIND = KIND
    PROMPT_LABEL = "&Question:"

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        settings = step.settings
        count, choose = len(settings.get("options") or ()), int(settings.get("choose") or 1)
        pick = "Pick one" if choose == 1 else f"Pick up to {choose}"
        text = f"{pick} of {count} options and send."
        if settings.get("results") == "hidden":
            return text + " The results appear when you show them."
        return text + " The results show live as people vote."

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.options = QPlainTextEdit(self)
        self.options.setTabChangesFocus(True)
        self.options.setPlaceholderText("Leadership\nValue\nNetworks")
        self.options.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.options.setAccessibleName("Options, one per line")
        self.choose = QSpinBox(self)
        self.choose.setRange(1, MAX_OPTIONS)
        self.choose.setSuffix(" option(s)")
        self.choose.setKeyboardTracking(False)
        self.choose.setMaximumWidth(160)
        self.hidden = QCheckBox("&Keep results hidden until I show them", self)
        self.hidden.setToolTip("Unticked, the room sees the bars grow as people vote")
        self.form.addRow("&Options:", self.options)
        self.form.addRow("", hint(f"One option per line, 2 to {MAX_OPTIONS}.", self))
        self.form.addRow("People may &pick:", self.choose)
        self.form.addRow("", self.hidden)
        self.options.textChanged.connect(self._options)
        self.choose.valueChanged.connect(lambda n: self.setting("choose", n))
        self.hidden.toggled.connect(lambda on: self.setting("results", "hidden" if on else "live"))

    def option_texts(self) -> list[str]:
        """The options as typed: one per non-empty line, spaces tidied, repeats left out."""
        out = []
        for line in self.options.toPlainText().splitlines():
            text = " ".join(line.split())
            if text and text.casefold() not in (o.casefold() for o in out):
                out.append(text)
        return out

    def _options(self) -> None:
        """The options, with "may pick" brought within them (fewer options than it allowed
        would make the settings wrong), saved once the typing pauses."""
        options = self.option_texts()
        self.choose.blockSignals(True)
        self.choose.setMaximum(max(1, min(len(options), MAX_OPTIONS)))
        self.choose.blockSignals(False)
        settings = {"options": options, "choose": self.choose.value()}
        self.edited.emit({"settings": settings}, False)

    def show_settings(self, step: StepInfo) -> None:
        options = list(step.settings.get("options") or ())
        if self.option_texts() != options:
            self.options.setPlainText("\n".join(options))
        self.choose.setMaximum(max(1, len(options)))
        self.choose.setValue(int(step.settings.get("choose") or 1))
        self.hidden.setChecked(step.settings.get("results") == "hidden")


EDITOR = PollEditor
