"""The items on a whiteboard scene: a note (post-it), a group's frame and a zone's column. Each
paints plain text with QPainter.drawText, which never reads markup.

One scene has two views: the console's (editable) and the projector's (read-only). Items ask the
view they are painted in whether it is the projector's, where hidden notes are left out and a
board not yet revealed shows the notes face down."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QGraphicsView

from facilitator.model.palette import NOTE_COLORS, normalise_color
from facilitator.model.records import NoteInfo

NOTE_W, NOTE_H = 210.0, 150.0
INK = QColor("#1B2A41")
ZWSP = "\u200b"


def breakable(text: str, longest: int = 12) -> str:
    """The text with invisible break points inside very long words, so they wrap on the note
    instead of running off it (drawn text stays plain: nothing is interpreted)."""
    words = []
    for word in text.split(" "):
        if len(word) > longest:
            word = ZWSP.join(word[i : i + longest] for i in range(0, len(word), longest))
        words.append(word)
    return " ".join(words)


def on_projector(widget) -> bool:
    """True when painting into the projector's view of the board."""
    view = widget.parent() if widget is not None else None
    return isinstance(view, QGraphicsView) and bool(view.property("projector"))


def note_font(text: str) -> QFont:
    font = QFont()
    n = len(text)
    font.setPixelSize(26 if n <= 30 else 21 if n <= 80 else 16 if n <= 180 else 12)
    return font


class NoteItem(QGraphicsObject):
    """One post-it. ``auto`` is True while the board lays it out (it has no stored place)."""

    def __init__(self, note: NoteInfo, board):
        super().__init__()
        self.board = board
        self.note = note
        self.auto = note.x is None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsScenePositionChanges)
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.setAcceptHoverEvents(False)
        self.setToolTip("")  # the text is on the note itself
        self.font = note_font(note.text)
        self.shown_text = breakable(note.text)
        self.small = QFont()
        self.small.setPixelSize(13)

    def set_note(self, note: NoteInfo) -> None:
        if note.text != self.note.text:
            self.font = note_font(note.text)
            self.shown_text = breakable(note.text)
        self.note = note
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(-3, -3, NOTE_W + 7, NOTE_H + 7)

    def paint(self, p: QPainter, option, widget=None) -> None:
        projector = on_projector(widget)
        note = self.note
        if projector and note.hidden:
            return
        faded = self.board.top_ids is not None and note.id not in self.board.top_ids
        p.setOpacity(0.35 if (note.hidden or faded) else 1.0)
        fill, edge = NOTE_COLORS[normalise_color(note.color)]
        rect = QRectF(0, 0, NOTE_W, NOTE_H)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 40))
        p.drawRect(rect.translated(3, 3))  # a shadow, so notes read as paper
        selected = self.isSelected() and not projector
        p.setPen(QPen(QColor("#0B6E69") if selected else QColor(edge), 4 if selected else 1.5))
        p.setBrush(QColor(fill))
        p.drawRect(rect)
        if projector and not self.board.revealed:
            return  # face down until the facilitator reveals the board
        if option.levelOfDetailFromTransform(p.worldTransform()) < 0.3:
            return  # too small to read (a huge board): colour only, fast
        p.setPen(INK)
        p.setFont(self.font)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        p.drawText(rect.adjusted(9, 7, -9, -22), flags, self.shown_text)
        p.setFont(self.small)
        p.setPen(QColor("#4A5260"))
        p.drawText(rect.adjusted(9, 0, -60, -4), Qt.AlignmentFlag.AlignBottom, note.author)
        if note.hidden:
            p.drawText(
                rect.adjusted(0, 0, -8, -4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                "hidden",
            )
        elif note.votes:
            self._paint_votes(p, rect)

    def _paint_votes(self, p: QPainter, rect: QRectF) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#0072B2"))
        shown = min(self.note.votes, 5)
        for i in range(shown):
            p.drawEllipse(QRectF(rect.right() - 16 - i * 13, rect.bottom() - 16, 10, 10))
        if self.note.votes > 5:
            p.setPen(INK)
            p.drawText(
                QRectF(rect.right() - 110, rect.bottom() - 20, 40, 16),
                Qt.AlignmentFlag.AlignRight,
                f"{self.note.votes}",
            )

    def itemChange(self, change, value):  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged and self.scene():
            self.board.note_moved(self)
        return super().itemChange(change, value)


class GroupItem(QGraphicsItem):
    """The frame around a group's notes, with its name on top."""

    def __init__(self, group, board):
        super().__init__()
        self.group = group
        self.board = board
        self.frame = QRectF()
        self.setZValue(-1)
        self.font = QFont()
        self.font.setPixelSize(22)
        self.font.setBold(True)

    def set_frame(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.frame = rect.adjusted(-14, -40, 14, 14) if not rect.isNull() else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.frame.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, option, widget=None) -> None:
        if self.frame.isNull():
            return
        p.setPen(QPen(QColor("#0B6E69"), 2.5, Qt.PenStyle.DashLine))
        p.setBrush(QColor(11, 110, 105, 18))
        p.drawRoundedRect(self.frame, 12, 12)
        p.setFont(self.font)
        p.setPen(QColor("#0B6E69"))
        name = self.group.name or "Unnamed group (double-click to name)"
        if on_projector(widget) and not self.group.name:
            name = ""
        p.drawText(self.frame.adjusted(14, 6, -14, 0), Qt.AlignmentFlag.AlignTop, name)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self.board.rename_requested.emit(self.group.id)


class ZoneItem(QGraphicsItem):
    """A fixed labelled column of a board template (or the column of notes not yet sorted)."""

    def __init__(self, label: str, rect: QRectF, tinted: bool):
        super().__init__()
        self.label = label
        self.rect = rect
        self.tinted = tinted
        self.setZValue(-2)
        self.font = QFont()
        self.font.setPixelSize(28)
        self.font.setBold(True)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect

    def paint(self, p: QPainter, option, widget=None) -> None:
        p.setPen(QPen(QColor("#C9CED6"), 2))
        p.setBrush(QColor("#EEF1F4") if self.tinted else QColor("#F7F8FA"))
        p.drawRect(self.rect)
        p.setPen(QColor("#3A4656"))
        p.setFont(self.font)
        p.drawText(self.rect.adjusted(16, 10, -16, 0), Qt.AlignmentFlag.AlignTop, self.label)
