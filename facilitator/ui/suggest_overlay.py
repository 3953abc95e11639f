"""The "Suggest groups" overlay itself (see suggest_groups): it fills the console's board view
with a card per proposed group (suggest_cards) and the buttons that act on the whole proposal:
fewer or more groups, sort into my groups, accept all, dismiss. It is a widget of the console
only; the projector draws the board's scene, which the overlay never touches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .console_keys import focus_by_tab_only
from .suggest_cards import GroupCard, free_notes
from .widgets import plain_label

LEVELS = range(-2, 3)  # "fewer groups" .. "more groups"
CARD_W = 300  # about a card's width: as many across as there is room for
RELAYOUT = (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.ChildAdded)
HINT = "Nothing changes on the board or the projector until you accept; Ctrl+Z undoes."


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class SuggestionsOverlay(QFrame):
    """The proposal over ``host`` (the console's board view), filling it."""

    level_requested = Signal(int)  # -1 fewer groups, +1 more
    accept_all_requested = Signal()
    sort_requested = Signal()  # only the notes proposed for the board's own groups
    card_accepted = Signal(object)  # a GroupCard
    dismissed = Signal()

    def __init__(self, scene, host: QWidget):
        super().__init__(host)
        self.scene, self.host = scene, host
        self.level = 0
        self.cards: list[GroupCard] = []
        self.shown_ids: set[int] | None = None  # the notes on the board when it was proposed
        self.setObjectName("suggestions")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#suggestions { background: #EEF3F5; border: 2px solid #0B6E69; }"
            "#cards { background: transparent; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        self.buttons = QHBoxLayout()
        title = plain_label("Suggested groups", wrap=False)
        title.setStyleSheet("font-weight: bold; font-size: 15px; color: #0B6E69")
        self.buttons.addWidget(title)
        self.buttons.addStretch(1)
        self.fewer = self._button("Fewer groups", lambda: self.level_requested.emit(-1))
        self.more = self._button("More groups", lambda: self.level_requested.emit(1))
        self.sort = self._button("Sort into my groups", self.sort_requested.emit)
        self.sort.setToolTip("Only the new notes that fit one of your groups, into it")
        self.accept_all = self._button("Accept all", self.accept_all_requested.emit)
        self.accept_all.setToolTip("Every group below, as one step Ctrl+Z undoes")
        self._button("Dismiss (Esc)", self.dismissed.emit)
        layout.addLayout(self.buttons)
        self.stale = plain_label("")
        self.stale.setStyleSheet("color: #8A5A00; font-weight: bold")
        self.stale.hide()
        layout.addWidget(self.stale)
        self.message = plain_label("")
        self.message.setStyleSheet("font-size: 15px")
        layout.addWidget(self.message)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        box = QWidget(objectName="cards")
        self.grid = QGridLayout(box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(box)
        self.scroll.viewport().setAutoFillBackground(False)
        layout.addWidget(self.scroll, 1)
        self.summary = plain_label(HINT)
        self.summary.setStyleSheet("color: #5A6472")
        layout.addWidget(self.summary)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.show()
        self.raise_()

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda *_: slot())
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves Space to the run
        self.buttons.addWidget(button)
        return button

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.host and event.type() in RELAYOUT:
            self.setGeometry(self.host.rect())
            # above the view's scroll bars, which the view raises once it has handled this
            QTimer.singleShot(0, self, self.raise_)
            self._lay_cards()
        return False

    # -- states ----------------------------------------------------------------------------------
    def working(self, level: int) -> None:
        """Computing a proposal at ``level``: the buttons wait."""
        self.level = level
        self._clear()
        self.shown_ids = None
        self.stale.hide()
        self.summary.setText(HINT)
        self._say("Working on it…")
        for button in (self.fewer, self.more, self.sort, self.accept_all):
            button.setEnabled(False)
        self.sort.setVisible(bool(self.scene.groups))

    def failed(self, sentence: str) -> None:
        self._clear()
        self._say(sentence)

    def show_proposal(self, proposal, level: int) -> None:
        self.level = level
        self._clear()
        self.shown_ids = set(self.scene.notes)
        for proposed in proposal.groups:
            card = GroupCard(proposed, self.scene)
            card.accept_requested.connect(self.card_accepted.emit)
            focus_by_tab_only(card)
            self.cards.append(card)
        self._lay_cards()
        new = sum(1 for c in self.cards if c.joins is None)
        joining = sum(
            len(free_notes(self.scene, c.proposed.note_ids)) for c in self.cards if c.joins
        )
        words = [plural(new, "new group")]
        if joining:
            words.append(f"{plural(joining, 'note')} for your groups")
        words.append(f"{plural(len(proposal.unsorted), 'note')} left unsorted")
        self.summary.setText(f"{' · '.join(words)}. {HINT}")
        self._say("" if self.cards else "No groups stand out among these notes yet.")
        self.fewer.setEnabled(level > LEVELS[0])
        self.more.setEnabled(level < LEVELS[-1])
        self.sort.setVisible(bool(self.scene.groups))
        self.sort.setEnabled(bool(self.joining()))
        self.accept_all.setEnabled(bool(self.cards))
        self.board_changed()

    def board_changed(self) -> None:
        """Say when notes came in after the proposal was made (they are not in it), and turn
        off the cards whose notes are all grouped or gone meanwhile."""
        if self.shown_ids is None:
            return
        arrived = len(set(self.scene.notes) - self.shown_ids)
        self.stale.setText(
            f"{plural(arrived, 'new note')} arrived since: Suggest groups (Q) again to include"
            f" {'it' if arrived == 1 else 'them'}."
        )
        self.stale.setVisible(bool(arrived))
        for card in self.open_cards():
            card.button.setEnabled(card.choice() is not None)

    def joining(self) -> list[GroupCard]:
        """The cards of notes proposed for the board's own groups."""
        return [c for c in self.cards if c.joins is not None]

    def open_cards(self) -> list[GroupCard]:
        """The cards not accepted yet."""
        return [c for c in self.cards if not c.accepted]

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _clear(self) -> None:
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []

    def _lay_cards(self) -> None:
        across = max(1, (self.width() - 30) // CARD_W)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // across, i % across)
        for column in range(max(across, self.grid.columnCount())):
            self.grid.setColumnStretch(column, 1 if column < across else 0)
