"""The two views of a board scene: the projector's (read-only, fitted to the screen) and the
console's (drag, rubber-band multi-select; a finished drag becomes one undoable move)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from .board import BOARD_W, HEADER, BoardScene
from .board_commands import MoveNotes, moved
from .board_items import NoteItem

MIN_SHOWN_W = 760.0  # the projector zooms in at most this far: about three notes across
MARGIN = 28.0  # board shown around the notes on the projector


def projector_rect(scene: BoardScene, aspect: float) -> QRectF:
    """What the projector shows of ``scene`` at ``aspect`` (width over height): the notes the
    room sees with a margin, zoomed in no further than ``MIN_SHOWN_W`` and never cutting a note
    off, starting at the top. A board with zones keeps every zone's column and label in view;
    a board the room sees no note on is shown whole."""
    content = scene.shown_bounds()
    if content.isNull():
        return scene.sceneRect()
    if len(scene.columns) > 1:
        content = content.united(QRectF(0, 0, BOARD_W, HEADER))
    content = content.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    width = max(content.width(), MIN_SHOWN_W, content.height() * aspect)
    return QRectF(content.center().x() - width / 2, content.top(), width, width / aspect)


class BoardView(QGraphicsView):
    """A view of ``scene``. ``projector`` views are read-only and fit the whole board."""

    def __init__(self, scene: BoardScene, *, projector: bool, parent=None):
        super().__init__(scene, parent)
        self.setProperty("projector", projector)
        self.projector = projector
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._before: dict[int, tuple] = {}
        self._fitted, self._fitted_size = QRectF(), None
        if projector:
            self.setInteractive(False)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            viewport = self.viewport()
            scene.projector_viewports.add(viewport)
            self.destroyed.connect(lambda *_: scene.projector_viewports.discard(viewport))
            scene.sceneRectChanged.connect(lambda *_: self.fit())
            scene.board_changed.connect(self.fit)
        else:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            scene.set_editable(True)

    def fit(self) -> None:
        """Fit the projector's view to the notes the room sees (see ``projector_rect``), so a
        handful of notes is large enough to read from the back of the room."""
        size = self.viewport().size()
        if size.isEmpty():
            return
        rect = projector_rect(self.scene(), size.width() / size.height())
        if rect != self._fitted or size != self._fitted_size:
            self._fitted, self._fitted_size = rect, size
            # the view may only scroll within its scene rect: let it reach the margins
            self.setSceneRect(rect.united(self.scene().sceneRect()))
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.projector:
            self.fit()
        else:
            # the console shows the board's width; taller boards scroll
            rect = self.scene().sceneRect()
            scale = min(self.viewport().width() / rect.width(), 1.5)
            self.resetTransform()
            self.scale(scale, scale)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        super().mousePressEvent(event)
        scene: BoardScene = self.scene()
        self._before = {
            item.note.id: scene.place_of(item)
            for item in scene.selectedItems()
            if isinstance(item, NoteItem)
        }

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.commit_moves()

    def commit_moves(self) -> None:
        """Store where the dragged notes ended up, as one undoable step."""
        scene: BoardScene = self.scene()
        moves = {}
        for note_id, before in self._before.items():
            item = scene.notes.get(note_id)
            if item is None:
                continue
            after = scene.place_of(item)
            if moved(before, after):
                moves[note_id] = (before, after)
        self._before = {}
        if moves and scene.model is not None:
            scene.undo.push(MoveNotes(scene, moves))
