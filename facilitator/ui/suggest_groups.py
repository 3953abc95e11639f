"""The console's "Suggest groups": the board's notes sorted into proposed groups on
the laptop (the model's themes engine, off the GUI thread), shown in an overlay over the
console's board only. The facilitator renames, accepts one group or all, sorts new notes into
their own groups, asks for fewer or more groups, or dismisses it; each accept is one board
operation and one undo step. The projector shows nothing of a proposal until it is accepted.

The overlay never holds up the run: the run's keys still work while it is open, and Escape
closes it. When the engine cannot run on this laptop the console says why in one sentence and
the action is disabled with that sentence as its tooltip."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication, QToolButton

from facilitator.model.themes import ThemesUnavailable

from .background import run_in_background
from .suggest_cards import GroupCard, accept
from .suggest_overlay import LEVELS, SuggestionsOverlay
from .widgets import error_sentence, plain_label

NO_ENGINE = "Suggest groups cannot run on this laptop."
ACCENT = QColor("#0B6E69")
TIP = "Sort the board's notes into proposed groups, on this laptop (Q)"


class SuggestGroups(QObject):
    """The "Suggest groups" of one console board (``scene`` in ``view``): ``action`` starts it
    (``button`` shows it), ``themes`` (the model's themes engine, None if this copy has none)
    makes the proposals, and ``notice`` (a label for the controls) says why it cannot run."""

    def __init__(self, scene, view, themes, parent=None):
        super().__init__(parent)
        self.scene, self.view, self.themes = scene, view, themes
        self.overlay: SuggestionsOverlay | None = None
        self.level = 0
        self._asked = 0  # the latest request: an older answer arriving late is dropped
        self.action = QAction("Suggest groups (Q)", self, toolTip=TIP)
        self.action.triggered.connect(lambda *_: self.suggest())
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        # bold in the accent colour, by font and palette: a style sheet on this button kept
        # the event loop busy re-laying out the console
        font = self.button.font()
        font.setBold(True)
        self.button.setFont(font)
        palette = self.button.palette()
        palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText, ACCENT)
        palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.ButtonText, ACCENT)
        self.button.setPalette(palette)
        self.notice = plain_label("")
        self.notice.setStyleSheet("color: #8A5A00")
        self.notice.hide()
        scene.board_changed.connect(self._board_changed)
        if themes is None:
            self._unavailable(NO_ENGINE)
        else:
            run_in_background(lambda: _ready(themes), self._checked, lambda e: None)

    # -- the engine ------------------------------------------------------------------------------
    def _checked(self, problem: str | None) -> None:
        if problem and shiboken6.isValid(self) and shiboken6.isValid(self.notice):
            self._unavailable(problem)

    def _unavailable(self, sentence: str) -> None:
        self.action.setEnabled(False)
        self.action.setToolTip(sentence)
        self.notice.setText(sentence)
        self.notice.show()

    def suggest(self, step: int = 0) -> None:
        """Ask for a proposal, ``step`` levels fewer (-1) or more (+1) groups than the last."""
        if not self.action.isEnabled():
            return
        self.level = max(LEVELS[0], min(LEVELS[-1], self.level + step))
        if self.overlay is None:
            self._open()
        self.overlay.working(self.level)
        self._asked += 1
        asked, level, themes = self._asked, self.level, self.themes
        run_id, step_id = self.scene.run.id, self.scene.step.id
        run_in_background(
            lambda: themes.propose(run_id, step_id, level=level),
            lambda proposal: self._proposed(asked, proposal),
            lambda error: self._refused(asked, error),
        )

    def _proposed(self, asked: int, proposal) -> None:
        if asked == self._asked and self._alive():
            self.overlay.show_proposal(proposal, self.level)

    def _refused(self, asked: int, error: Exception) -> None:
        if asked != self._asked or not self._alive():
            return
        sentence = error_sentence(error)
        if isinstance(error, ThemesUnavailable):
            self._unavailable(sentence)
        self.overlay.failed(sentence)

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and self.overlay is not None

    # -- the overlay -----------------------------------------------------------------------------
    def _open(self) -> None:
        self.overlay = overlay = SuggestionsOverlay(self.scene, self.view)
        overlay.level_requested.connect(self.suggest)
        overlay.accept_all_requested.connect(self.accept_all)
        overlay.sort_requested.connect(self.sort_into_mine)
        overlay.card_accepted.connect(self.accept_one)
        overlay.dismissed.connect(self.close)
        QApplication.instance().installEventFilter(self)

    def close(self) -> None:
        """Dismiss the proposal: the board is as it was (or as accepted)."""
        self._asked += 1
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.overlay is not None and shiboken6.isValid(self.overlay):
            self.overlay.hide()
            self.overlay.deleteLater()
        self.overlay = None
        self.level = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """Escape in the console closes the overlay (before the run's own Escape)."""
        if event.type() != QEvent.Type.KeyPress or event.key() != Qt.Key.Key_Escape:
            return False
        if QApplication.activeModalWidget() or not hasattr(obj, "window"):
            return False
        try:
            here = shiboken6.isValid(self.view) and obj.window() is self.view.window()
        except RuntimeError:
            return False
        if here and self.overlay is not None:
            self.close()
            return True
        return False

    def _board_changed(self) -> None:
        if self.overlay is not None and shiboken6.isValid(self.overlay):
            self.overlay.board_changed()

    # -- accepting -------------------------------------------------------------------------------
    def accept_one(self, card: GroupCard) -> None:
        # the undo stack's text shows in a tooltip (which reads markup): no user text in it
        self._accept([card], "Accept a suggested group")

    def accept_all(self) -> None:
        """Every open card's group, and the board laid out afresh by its groups."""
        self._accept(self.overlay.open_cards(), "Accept {} suggested groups", whole=True)

    def sort_into_mine(self) -> None:
        cards = [c for c in self.overlay.open_cards() if c.joins is not None]
        self._accept(cards, "Sort new notes into {} groups")

    def _accept(self, cards: list[GroupCard], text: str, whole: bool = False) -> None:
        """The cards' groups as one operation; their cards wait until it is done (a second
        click meanwhile does not make them twice)."""
        chosen = [(card, card.choice()) for card in cards]
        chosen = [(card, choice) for card, choice in chosen if choice is not None]
        if not chosen:
            return
        cards = [card for card, _ in chosen]
        for card in cards:
            card.set_pending(True)
        accept(
            self.scene,
            [choice for _, choice in chosen],
            text.format(len(chosen)) if len(chosen) > 1 else "Accept a suggested group",
            whole=whole,
            then=lambda _change: self._accepted(cards),
            failed=lambda _sentence: self._accepted(cards, done=False),
        )

    def _accepted(self, cards: list[GroupCard], done: bool = True) -> None:
        """The board took the cards' groups (``done``), or refused them (the console says why
        and the cards can be accepted again)."""
        if not self._alive():
            return
        for card in cards:
            if shiboken6.isValid(card):
                card.set_pending(False)
                if done:
                    card.mark_accepted()
        if done and not any(c.choice() for c in self.overlay.open_cards()):
            self.close()  # all in: the board shows them

    def detach(self) -> None:
        """The step moves on: the overlay goes, and a late proposal is dropped."""
        self.close()
        try:
            self.scene.board_changed.disconnect(self._board_changed)
        except (RuntimeError, TypeError):
            pass


def _ready(themes) -> str | None:
    """Why the engine cannot run here (a sentence), or None when it can."""
    try:
        if themes.ready():
            return None
        return themes.problem() or NO_ENGINE
    except Exception as error:  # a missing model file or runtime: say so, never a traceback
        return error_sentence(error)
