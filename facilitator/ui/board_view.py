"""The two views of a board scene: the projector's (read-only, fitted to the screen) and the
console's (drag, rubber-band multi-select; a finished drag becomes one undoable move)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from .board import BoardScene
from .board_commands import MoveNotes
from .board_items import NoteItem


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
            scene.sceneRectChanged.connect(lambda *_: self.fit())
            scene.board_changed.connect(self.fit)
        else:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            scene.set_editable(True)

    def fit(self) -> None:
        """Show the whole board; a board without zones zooms onto its notes while they are few,
        so a handful of notes is large enough to read from the back of the room."""
        scene: BoardScene = self.scene()
        rect = scene.sceneRect()
        if len(scene.columns) == 1 and scene.notes:
            content = scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
            w = max(content.width(), 900.0, content.height() * 16 / 9)
            h = w * 9 / 16
            rect = QRectF(content.center().x() - w / 2, content.top(), w, max(h, content.height()))
        if rect != self._fitted or self.viewport().size() != self._fitted_size:
            self._fitted, self._fitted_size = rect, self.viewport().size()
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
            if _moved(before, after) or (item.auto and _moved(before, after)):
                moves[note_id] = (before, after)
        self._before = {}
        if moves and scene.model is not None:
            scene.undo.push(MoveNotes(scene, moves))


def _moved(a, b) -> bool:
    return abs(a[0] - b[0]) > 1e-4 or abs(a[1] - b[1]) > 1e-4 or a[2] != b[2]
