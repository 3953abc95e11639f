"""Settings of a word cloud: how many short answers each person may give."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from facilitator.model.kinds import wordcloud
from facilitator.model.records import StepInfo

from ..widgets import hint
from . import KindEditor

KIND = "wordcloud"


class WordCloudEditor(KindEditor):
    KIND = KIND

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        n = wordcloud.SPEC.settings_of(step.settings).words
        answers = "one short answer" if n == 1 else f"up to {n} short answers"
        words = wordcloud.ENTRY_WORDS
        return f"Boxes for {answers} (1-{words} words each); the top words once shown."

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.words = QSpinBox(self)
        self.words.setRange(1, wordcloud.ANSWERS_MAX)
        self.words.setKeyboardTracking(False)
        self.words.setMaximumWidth(160)
        self.words.setAccessibleName("Answers per person")
        self.form.addRow("&Answers per person:", self.words)
        self.form.addRow(
            "",
            hint(
                f"Each answer is 1 to {wordcloud.ENTRY_WORDS} words, at most "
                f"{wordcloud.ENTRY_CHARS} characters. The same word written differently "
                "(Team, teams, TEAM) counts once.",
                self,
            ),
        )
        self.words.valueChanged.connect(lambda n: self.setting("words", n))

    def show_settings(self, step: StepInfo) -> None:
        self.words.setValue(wordcloud.SPEC.settings_of(step.settings).words)


EDITOR = WordCloudEditor
