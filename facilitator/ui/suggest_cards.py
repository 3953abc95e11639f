"""The parts of the console's "Suggest groups" overlay (see suggest_groups): one card per
proposed group (its name to edit before accepting, its keywords, how many notes and the first
few), where accepted notes go on the board (each group in one block, no other note moved), and
accepting, as one board operation and so one undo step.

A proposal respects what the facilitator did: a note someone grouped after it was made stays in
its group, and a note no longer on the board is left out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from .board_commands import perform
from .suggest_layout import gathered_places, sorted_board
from .widgets import plain_label

FIRST_NOTES = 3  # notes a card quotes
CARD = "#group_card {{ background: {background}; border: 1px solid {edge}; border-radius: 6px; }}"
NAME_MAX = 120  # as the model's group names

# (name, note ids, existing group id or None): one group to accept
Choice = tuple[str, list[int], int | None]


def free_notes(scene, note_ids: Sequence[int]) -> list[int]:
    """The notes of ``note_ids`` still on the board and in no group (the facilitator's own
    grouping since the proposal wins)."""
    return [i for i in note_ids if i in scene.notes and scene.notes[i].note.group_id is None]


class Quote(QLabel):
    """One line of a note's text, cut with an ellipsis to the width it is given (plain text)."""

    def __init__(self, text: str):
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.full = "• " + " ".join(text.split())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(self.full)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full, Qt.TextElideMode.ElideRight, self.width()))


class GroupCard(QFrame):
    """One proposed group: a new group (its name in a field) or notes for one of the board's
    groups (named as it is). ``accept_requested`` asks for this group alone to be accepted."""

    accept_requested = Signal(object)  # this card

    def __init__(self, proposed, scene, parent=None):
        super().__init__(parent)
        self.proposed = proposed
        self.scene = scene
        self.accepted = False
        self.pending = False  # being accepted right now
        self.setObjectName("group_card")
        self.setStyleSheet(CARD.format(background="#FFFFFF", edge="#B8C4CC"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        group = scene.groups.get(proposed.group_id) if proposed.group_id is not None else None
        self.name_field: QLineEdit | None = None
        if group is None:
            self.name_field = QLineEdit(proposed.label)
            self.name_field.setMaxLength(NAME_MAX)
            self.name_field.setCursorPosition(0)  # its beginning in view, not its end
            self.name_field.setPlaceholderText("Name of the group")
            self.name_field.setAccessibleName("Name of the suggested group")
            self.name_field.returnPressed.connect(self.name_field.clearFocus)
            top.addWidget(self.name_field, 1)
        else:
            name = plain_label(f"Into “{group.group.name or 'Unnamed group'}”", wrap=False)
            name.setStyleSheet("font-weight: bold; color: #0B6E69")
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            top.addWidget(name, 1)
        ids = free_notes(scene, proposed.note_ids)
        self.count = plain_label(f"{len(ids)} note{'s' if len(ids) != 1 else ''}", wrap=False)
        self.count.setStyleSheet("font-weight: bold")
        top.addWidget(self.count)
        self.button = QPushButton("Accept" if group is None else "Add them")
        self.button.setToolTip("Just this group, as one step Ctrl+Z undoes")
        self.button.clicked.connect(lambda *_: self.accept_requested.emit(self))
        self.button.setEnabled(bool(ids))
        top.addWidget(self.button)
        layout.addLayout(top)
        self.keywords = plain_label(" · ".join(proposed.keywords), wrap=False)
        self.keywords.setStyleSheet("color: #5A6472")
        self.keywords.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.keywords.setVisible(bool(proposed.keywords))
        layout.addWidget(self.keywords)
        self.quotes = [Quote(scene.notes[i].note.text) for i in ids[:FIRST_NOTES]]
        for label in self.quotes:
            layout.addWidget(label)
        layout.addStretch(1)

    @property
    def joins(self) -> int | None:
        """The board's group these notes would join (None: a new group)."""
        return self.proposed.group_id if self.name_field is None else None

    def choice(self) -> Choice | None:
        """What accepting this card does now, or None if none of its notes is left to sort."""
        if self.accepted or self.pending:
            return None
        ids = free_notes(self.scene, self.proposed.note_ids)
        if not ids:
            return None
        name = self.name_field.text().strip() if self.name_field is not None else ""
        return name, ids, self.joins

    def set_pending(self, pending: bool) -> None:
        self.pending = pending
        self.button.setEnabled(not pending and self.choice() is not None)

    def mark_accepted(self) -> None:
        self.accepted = True
        self.button.setText("Accepted")
        self.button.setEnabled(False)
        if self.name_field is not None:
            self.name_field.setReadOnly(True)
        self.setStyleSheet(CARD.format(background="#E3F1EF", edge="#0B6E69"))


def accept(
    scene,
    choices: Sequence[Choice],
    text: str,
    *,
    whole: bool = False,
    then: Callable | None = None,
    failed=None,
) -> None:
    """The chosen groups onto the board as one operation and one undo step (``text`` names it
    on the undo stack): each gathered in a block, or with ``whole`` (the whole proposal) the
    board laid out afresh by its groups; ``then(change)`` once it is done."""
    batches = [(ids, group_id) for _, ids, group_id in choices]
    places = (sorted_board if whole else gathered_places)(scene, batches)
    new = [(name, ids) for name, ids, group_id in choices if group_id is None]
    joins: dict[int, list[int]] = {}
    for _, ids, group_id in choices:
        if group_id is not None:
            joins.setdefault(group_id, []).extend(ids)
    board = scene.model.board
    perform(
        scene,
        text,
        lambda: board.sort_into_groups(new, joins, places),
        then=then,
        failed=failed,
    )
