"""Settings of a Q&A step: whether questions are anonymous (the default)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from facilitator.model.records import StepInfo

from . import KindEditor

KIND = "qa"


class QaEditor(KindEditor):
    KIND = KIND
    PROMPT_LABEL = "&Topic:"

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        text = "A box to ask questions; everyone's questions with an upvote button (one each)."
        if step.settings.get("anonymous", True):
            text += " No names on questions (only your console shows who asked)."
        return text

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.anonymous = QCheckBox("Anon&ymous: names on my console only", self)
        self.anonymous.setToolTip(
            "No names on the projector, the phones or the summary; you still see who asked"
        )
        self.form.addRow("", self.anonymous)
        self.anonymous.toggled.connect(lambda on: self.setting("anonymous", on))

    def show_settings(self, step: StepInfo) -> None:
        self.anonymous.setChecked(bool(step.settings.get("anonymous", True)))


EDITOR = QaEditor
