"""Settings of a whiteboard: zones, dot votes, hide-then-reveal, showing others' notes, anonymous
notes and whether phones see vote counts live."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QSpinBox

from facilitator.model.records import StepInfo

from ..widgets import hint
from . import KindEditor

KIND = "whiteboard"


class WhiteboardEditor(KindEditor):
    KIND = KIND

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        settings = step.settings
        parts = ["A box to add notes; each person sees their own notes"]
        if settings.get("show_others", True):
            parts.append(
                "and everyone's once you reveal them"
                if settings.get("reveal")
                else "and everyone's"
            )
        text = " ".join(parts) + "."
        if settings.get("anonymous"):
            text += " No names on others' notes (only your console shows who wrote what)."
        if settings.get("votes"):
            text += f" {settings['votes']} dots each to vote with."
            if not settings.get("votes_visible", True):
                text += " Vote counts appear when you close the board."
        return text

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.zones = QPlainTextEdit(self)
        self.zones.setTabChangesFocus(True)
        self.zones.setPlaceholderText("Burning platforms\nBurning ambitions")
        self.zones.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.votes = QSpinBox(self)
        self.votes.setRange(0, 20)
        self.votes.setSpecialValueText("No voting")
        self.votes.setSuffix(" dots each")
        self.votes.setKeyboardTracking(False)
        self.votes.setMaximumWidth(160)
        self.reveal = QCheckBox("&Hide notes until I reveal them", self)
        self.show_others = QCheckBox("Phones &see everyone's notes", self)
        self.anonymous = QCheckBox("Anon&ymous: names on my console only", self)
        self.anonymous.setToolTip(
            "No author names on the projector, the phones or the summary; you still see them"
        )
        self.votes_visible = QCheckBox("Phones see vote &counts while voting", self)
        self.votes_visible.setToolTip(
            "Unticked, phones see the counts only once you close the board (no bandwagon voting)"
        )
        self.form.addRow("&Zones:", self.zones)
        self.form.addRow("", hint("One zone per line; leave empty for an open board.", self))
        self.form.addRow("&Votes:", self.votes)
        self.form.addRow("", self.reveal)
        self.form.addRow("", self.show_others)
        self.form.addRow("", self.anonymous)
        self.form.addRow("", self.votes_visible)
        self.zones.textChanged.connect(self._zones)
        self.votes.valueChanged.connect(lambda n: self.setting("votes", n))
        self.reveal.toggled.connect(lambda on: self.setting("reveal", on))
        self.show_others.toggled.connect(lambda on: self.setting("show_others", on))
        self.anonymous.toggled.connect(lambda on: self.setting("anonymous", on))
        self.votes_visible.toggled.connect(lambda on: self.setting("votes_visible", on))

    def zone_labels(self) -> list[str]:
        labels = []
        for line in self.zones.toPlainText().splitlines():
            label = " ".join(line.split())
            if label and label not in labels:
                labels.append(label)
        return labels

    def _zones(self) -> None:
        self.edited.emit({"zones": self.zone_labels()}, False)

    def show_settings(self, step: StepInfo) -> None:
        labels = [z.label for z in step.zones]
        if self.zone_labels() != labels:
            self.zones.setPlainText("\n".join(labels))
        self.votes.setValue(int(step.settings.get("votes") or 0))
        self.reveal.setChecked(bool(step.settings.get("reveal")))
        self.show_others.setChecked(bool(step.settings.get("show_others", True)))
        self.anonymous.setChecked(bool(step.settings.get("anonymous", False)))
        self.votes_visible.setChecked(bool(step.settings.get("votes_visible", True)))


EDITOR = WhiteboardEditor
