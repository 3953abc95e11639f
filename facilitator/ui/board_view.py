"""The console's view of a board scene (the projector draws the same scene's notes as cards,
see board_projector): drag notes (rubber-band multi-select; a finished drag is one operation,
and dropping on a note or a group groups them, see board_drop), zoom (Ctrl+wheel,
Ctrl+plus/minus, fit) and pan (the wheel scrolls, Shift+wheel sideways, the middle button drags
the board). Space is the run's "next" key on the console, so it does not pan here."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView, QStyle

from .board import BoardScene
from .board_drop import dropped
from .board_items import NoteItem

ZOOM_STEP = 1.2
MOST_ZOOM = 3.0


class BoardView(QGraphicsView):
    """The console's view of ``scene``: editable, zoomed and panned by the facilitator."""

    zoom_changed = Signal(float)  # the console's scale (1.0: a board unit is a pixel)

    def __init__(self, scene: BoardScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._before: dict[int, tuple] = {}
        self._frames: dict[int, QRectF] = {}
        self._pan: QPointF | None = None
        self.follows_width = True  # the console fits the board's width until zoomed by hand
        self.name_field = None  # the open field naming a new group (see board_drop)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # the board grows downwards as notes go there: keep it pinned, not re-centred
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        # fitting the width reacts to the scroll bar: one that came and went with the fit
        # flipped on and off for ever at some heights (the console froze), so it stays
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scene.set_editable(True)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.follows_width:
            self.fit_width()

    # -- zoom and pan ----------------------------------------------------------------------------
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
        """The board's width across the view (how the console opens); taller boards scroll.
        The width is the one beside a vertical scroll bar, shown or not: fitted to the
        viewport's own width, a zoom that made the scroll bars come or go changed that width,
        and the view went on resizing for ever."""
        self.follows_width = True
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = self.maximumViewportSize().width() - bar - 1
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
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return super().wheelEvent(event)
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    # -- dragging notes, and the board with the middle button -----------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton:
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
