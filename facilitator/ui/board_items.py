"""The items on a whiteboard scene: a note (post-it), a group's frame and a zone's column. Text is
drawn as plain text (QStaticText set to PlainText, QPainter.drawText), never read as markup.

The console's view draws these items; the projector draws the same notes as cards of its own
(board_projector). So a note here always shows what the facilitator needs: its author, its
votes as a number, a hidden note faded and marked "hidden"."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QStaticText, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from facilitator.model.board_geometry import NOTE_H, NOTE_W  # board points: a pixel each here
from facilitator.model.palette import NOTE_COLORS, normalise_color
from facilitator.model.records import NoteInfo

TEXT_BOX = QRectF(9, 6, NOTE_W - 18, NOTE_H - 26)  # 4 lines at 26 px; its author sits below
NOTE_PX = (26, 22, 19, 16, 13)  # the board's one note size first; smaller only when text is long
READABLE = 0.3  # below this level of detail a note's text is a few pixels high: colour only
INK = QColor("#1B2A41")
MUTED = QColor("#4A5260")
SELECTED = QPen(QColor("#0B6E69"), 4)
SHADOW = QBrush(QColor(0, 0, 0, 40))
VOTE = QBrush(QColor("#0072B2"))
BOUNDS = QRectF(-3, -3, NOTE_W + 7, NOTE_H + 7)  # the note and its shadow
PAPER = QRectF(0, 0, NOTE_W, NOTE_H)
PAPER_SHADOW = QRectF(3, 3, NOTE_W, NOTE_H)
NO_PEN = Qt.PenStyle.NoPen  # enum members looked up once: paint runs for every note
MOVED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
LOOKS = {
    name: (QBrush(QColor(fill)), QPen(QColor(edge), 1.5))
    for name, (fill, edge) in NOTE_COLORS.items()
}


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


FONTS = {px: _font(px) for px in NOTE_PX}
SMALL = _font(13)
VOTE_FONT = _font(15, bold=True)
VOTE_INK = QColor("#FFFFFF")
FRAME = QPen(QColor("#0B6E69"), 2.5, Qt.PenStyle.DashLine)
FRAME.setCosmetic(True)  # as thick on a whole board zoomed out as close up
FOUND = QPen(QColor("#E69F00"), 7)  # a search match (orange: colour-blind safe beside blue)


def static_text(text: str, font: QFont, width: float) -> QStaticText:
    """Plain text (never markup) laid out once, wrapped at word boundaries or, for a word too
    long for the line, anywhere."""
    static = QStaticText(text.replace("\n", "\u2028"))  # a line break plain text keeps
    static.setTextFormat(Qt.TextFormat.PlainText)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    static.setTextOption(option)
    static.setTextWidth(width)
    static.prepare(font=font)
    return static


def note_face(text: str) -> tuple[QStaticText, int]:
    """The note's text at the board's note size, or at the largest smaller size at which it
    fits; text too long even for the smallest size is cut with an ellipsis (the console's list
    of notes shows it whole)."""
    width, height = TEXT_BOX.width(), TEXT_BOX.height()
    for px in NOTE_PX:
        static = static_text(text, FONTS[px], width)
        if static.size().height() <= height:
            return static, px
    px = NOTE_PX[-1]
    shortest, longest = 0, len(text)
    while shortest < longest:  # the longest beginning that fits with its ellipsis
        middle = (shortest + longest + 1) // 2
        if static_text(text[:middle] + "…", FONTS[px], width).size().height() <= height:
            shortest = middle
        else:
            longest = middle - 1
    return static_text(text[:shortest].rstrip() + "…", FONTS[px], width), px


class NoteItem(QGraphicsObject):
    """One post-it. ``auto`` is True while the board places it (it has no stored place). Its
    text is laid out once, when first drawn large enough to read. On the console a note shows
    its votes as a number, and while a search is on the notes that match stand out."""

    def __init__(self, note: NoteInfo, board):
        super().__init__()
        self.board = board
        self.note = note
        self.auto = note.x is None
        self.home: QPointF | None = None  # the slot the board gave it (it goes back there)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsScenePositionChanges)
        self.setAcceptHoverEvents(False)
        self._face: tuple[QStaticText, int] | None = None
        self._author: QStaticText | None = None

    def set_note(self, note: NoteInfo) -> None:
        if note.text != self.note.text:
            self._face = None
        if note.author != self.note.author:
            self._author = None
        self.note = note
        self.update()

    @property
    def face(self) -> tuple[QStaticText, int]:
        """The laid-out text and its pixel size."""
        if self._face is None:
            self._face = note_face(self.note.text)
        return self._face

    def boundingRect(self) -> QRectF:  # noqa: N802
        return BOUNDS

    def paint(self, p: QPainter, option, widget=None) -> None:
        # Runs for every note on every repaint: kept to the fewest calls (see benches/board.py).
        board, note = self.board, self.note
        if note.hidden:
            p.setOpacity(0.35)
        elif board.top_ids is not None and note.id not in board.top_ids:
            p.setOpacity(0.35)
        found = board.search and note.id in board.matches
        if board.search and not found:
            p.setOpacity(0.3)
        fill, edge = LOOKS.get(note.color) or LOOKS[normalise_color(note.color)]
        readable = option.levelOfDetailFromTransform(p.worldTransform()) >= READABLE
        if readable:
            p.setPen(NO_PEN)
            p.setBrush(SHADOW)
            p.drawRect(PAPER_SHADOW)  # a shadow, so notes read as paper
        p.setPen(SELECTED if self.isSelected() else edge)
        p.setBrush(fill)
        p.drawRect(PAPER)
        if found:
            p.setPen(FOUND)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(PAPER.adjusted(-1, -1, 1, 1))
        if not readable:
            return  # too small to read (a huge board zoomed out): colour only
        self._paint_text(p)

    def _paint_text(self, p: QPainter) -> None:
        static, px = self.face
        p.setPen(INK)
        p.setFont(FONTS[px])
        p.drawStaticText(TEXT_BOX.topLeft(), static)
        if self._author is None:  # even on an anonymous board: only the facilitator sees this
            self._author = static_text(self.note.author, SMALL, NOTE_W - 70)
        p.setFont(SMALL)
        p.setPen(MUTED)
        p.drawStaticText(QPointF(9, NOTE_H - 20), self._author)
        right = NOTE_W - 6
        if self.note.votes:
            right = self._paint_votes(p, right)
        if self.note.hidden:
            p.setFont(SMALL)
            p.setPen(MUTED)
            p.drawText(
                QRectF(0, 0, right - 6, NOTE_H - 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                "hidden",
            )

    def _paint_votes(self, p: QPainter, right: float) -> float:
        """The vote count as a number in a pill at the bottom right, ending at ``right``;
        returns where the pill begins."""
        text = str(self.note.votes)
        width = 16 + 9 * len(text)
        pill = QRectF(right - width, NOTE_H - 25, width, 21)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(VOTE)
        p.drawRoundedRect(pill, 10.5, 10.5)
        p.setPen(VOTE_INK)
        p.setFont(VOTE_FONT)
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return pill.left()

    def itemChange(self, change, value):  # noqa: N802
        # called for every change of every note (twice per move): kept short
        if change == MOVED and self.scene():
            self.board.note_moved(self)
        return value  # what QGraphicsItem.itemChange returns


class GroupItem(QGraphicsItem):
    """The frame around a group's notes, with its name on top. On the console it is a handle:
    dragging it moves the group's notes together (one undoable move, see BoardScene)."""

    def __init__(self, group, board):
        super().__init__()
        self.group = group
        self.board = board
        self.frame = QRectF()
        self.shown = True  # the room sees at least one of its notes (not all hidden)
        self._before: dict | None = None  # the notes' places when a drag began
        self.setZValue(-1)
        self.font = QFont()
        self.font.setPixelSize(22)
        self.font.setBold(True)

    def set_frame(self, rect: QRectF, shown: bool = True) -> None:
        """Frame ``rect``; ``shown`` False: the room sees none of the group's notes."""
        self.prepareGeometryChange()
        self.frame = rect.adjusted(-14, -40, 14, 14) if not rect.isNull() else QRectF()
        self.shown = shown
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.frame.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, option, widget=None) -> None:
        if self.frame.isNull():
            return
        p.setPen(FRAME)
        p.setBrush(QColor(11, 110, 105, 18))
        p.drawRoundedRect(self.frame, 12, 12)
        p.setFont(self.font)
        p.setPen(QColor("#0B6E69"))
        name = self.group.name or "Unnamed group (double-click to name)"
        p.drawText(self.frame.adjusted(14, 6, -14, 0), Qt.AlignmentFlag.AlignTop, name)

    def set_editable(self, editable: bool) -> None:
        self.setCursor(Qt.CursorShape.OpenHandCursor if editable else Qt.CursorShape.ArrowCursor)
        self.setToolTip("Drag to move the group; double-click to name it" if editable else "")

    def mousePressEvent(self, event) -> None:  # noqa: N802
        board = self.board
        if not board.editable or board.model is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        board.clearSelection()
        self._before = {i.note.id: board.place_of(i) for i in board.members(self.group.id)}
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._before is None:
            return
        delta = event.scenePos() - event.lastScenePos()
        for item in self.board.members(self.group.id):
            item.moveBy(delta.x(), delta.y())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        before, self._before = self._before, None
        if before is not None:
            self.board.group_dragged(self, before)

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
