"""Settings of a ranking: its items, one per line (2 to 10), and whether the room sees the
average order live or only when the facilitator shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit

from facilitator.model.kinds.ranking import ITEM_MAX, ITEMS_MAX, ITEMS_MIN
from facilitator.model.records import StepInfo

from ..widgets import hint
from . import KindEditor

KIND = "ranking"


def item_lines(text: str) -> list[str]:
    """The items typed, one per line, spaces tidied and empty lines left out."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def problem(items: list[str]) -> str:
    """Why these items cannot be saved yet, or "" when they can."""
    if not ITEMS_MIN <= len(items) <= ITEMS_MAX:
        return f"A ranking needs {ITEMS_MIN} to {ITEMS_MAX} items; this has {len(items)}."
    long = next((t for t in items if len(t) > ITEM_MAX), None)
    if long is not None:
        return f"An item can be at most {ITEM_MAX} characters: '{long[:30]}…' has {len(long)}."
    seen: set[str] = set()
    for text in items:
        if text.casefold() in seen:
            return f"'{text}' is there twice."
        seen.add(text.casefold())
    return ""


class RankingEditor(KindEditor):
    KIND = KIND

    @staticmethod
    def phone_summary(step: StepInfo) -> str:
        count = len(step.settings.get("items") or ())
        text = f"{count} items to put in order, with up and down buttons or by dragging."
        if step.settings.get("results") == "hidden":
            text += " The room's order appears when you show the results."
        return text

    def __init__(self, library, parent=None):
        super().__init__(library, parent)
        self.items = QPlainTextEdit(self)
        self.items.setTabChangesFocus(True)
        self.items.setPlaceholderText("Leadership\nValue\nNetworks")
        self.items.setFixedHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.items.setAccessibleName("Items to rank, one per line")
        self.note = hint(f"One item per line, {ITEMS_MIN} to {ITEMS_MAX} items.", self)
        self.hidden = QCheckBox("&Keep the room's order back until I show it", self)
        self.hidden.setToolTip("Unticked, the projector and phones show the average order live")
        self.form.addRow("&Items:", self.items)
        self.form.addRow("", self.note)
        self.form.addRow("", self.hidden)
        self.items.textChanged.connect(self._items)
        self.hidden.toggled.connect(lambda on: self.setting("results", "hidden" if on else "live"))

    def _items(self) -> None:
        """Saved once the lines make a ranking; until then the note says what is missing."""
        items = item_lines(self.items.toPlainText())
        why = problem(items)
        self.note.setText(why or f"One item per line, {ITEMS_MIN} to {ITEMS_MAX} items.")
        if not why:
            self.setting("items", items, now=False)

    def show_settings(self, step: StepInfo) -> None:
        items = list(step.settings.get("items") or [])
        if item_lines(self.items.toPlainText()) != items:
            self.items.setPlainText("\n".join(items))
        self.hidden.setChecked(step.settings.get("results") == "hidden")


EDITOR = RankingEditor
