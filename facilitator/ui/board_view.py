"""The two views of a board scene: the projector's (read-only, fitted to the screen) and the
console's: drag notes (rubber-band multi-select; a finished drag is one operation, and dropping
on a note or a group groups them, see board_drop), zoom (Ctrl+wheel, Ctrl+plus/minus, fit) and
pan (the wheel scrolls, Shift+wheel sideways, the middle button drags the board). Space is the
run's "next" key on the console, so it does not pan here."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from .board import BOARD_W, HEADER, BoardScene
from .board_drop import dropped
from .board_items import NoteItem

MIN_SHOWN_W = 760.0  # the projector zooms in at most this far: about three notes across
MARGIN = 28.0  # board shown around the notes on the projector
ZOOM_STEP = 1.2
MOST_ZOOM = 3.0


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

    zoom_changed = Signal(float)  # the console's scale (1.0: a board unit is a pixel)

    def __init__(self, scene: BoardScene, *, projector: bool, parent=None):
        super().__init__(scene, parent)
        self.setProperty("projector", projector)
        self.projector = projector
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._before: dict[int, tuple] = {}
        self._frames: dict[int, QRectF] = {}
        self._pan: QPointF | None = None
        self._fitted, self._fitted_size = QRectF(), None
        self.follows_width = True  # the console fits the board's width until zoomed by hand
        self.name_field = None  # the open field naming a new group (see board_drop)
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
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            # the board grows downwards as notes go there: keep it pinned, not re-centred
            self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            scene.set_editable(True)

    # -- the projector -------------------------------------------------------------------------
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
        elif self.follows_width:
            self.fit_width()

    # -- zoom and pan (the console) ---------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def _set_zoom(self, scale: float) -> None:
        least = self._whole_board_scale()
        scale = max(min(least, 0.3), min(MOST_ZOOM, scale))
        self.resetTransform()
        self.scale(scale, scale)
        self.zoom_changed.emit(scale)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor above 1) or out, about the pointer when it is over the board."""
        self.follows_width = False
        self._set_zoom(self.zoom * factor)

    def fit_width(self) -> None:
        """The board's width across the view (how the console opens); taller boards scroll."""
        self.follows_width = True
        width = self.viewport().width()
        if width > 0:
            self._set_zoom(min(width / self.scene().sceneRect().width(), 1.5))

    def fit_board(self) -> None:
        """The whole board in view, every note on it."""
        self.follows_width = False
        self._set_zoom(self._whole_board_scale())
        self.centerOn(self.scene().sceneRect().center())

    def _whole_board_scale(self) -> float:
        rect, size = self.scene().sceneRect(), self.viewport().size()
        if size.isEmpty() or rect.isEmpty():
            return 1.0
        return min(size.width() / rect.width(), size.height() / rect.height())

    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.projector or not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return super().wheelEvent(event)
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    # -- dragging notes, and the board with the middle button -----------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton and not self.projector:
            self._pan = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)
        scene: BoardScene = self.scene()
        selected = [i for i in scene.selectedItems() if isinstance(i, NoteItem)]
        self._before = {item.note.id: scene.place_of(item) for item in selected}
        groups = {i.note.group_id for i in selected} - {None}
        self._frames = {g: QRectF(scene.groups[g].frame) for g in groups if g in scene.groups}

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._pan is not None:
            delta = event.position() - self._pan
            self._pan = event.position()
            bars = self.horizontalScrollBar(), self.verticalScrollBar()
            bars[0].setValue(bars[0].value() - round(delta.x()))
            bars[1].setValue(bars[1].value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._pan is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        before, self._before = self._before, {}
        frames, self._frames = self._frames, {}
        left = event.button() == Qt.MouseButton.LeftButton
        if before and left and self.scene().model is not None:
            dropped(self, self.mapToScene(event.position().toPoint()), before, frames)
