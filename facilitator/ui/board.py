"""The whiteboard of a run: one QGraphicsScene per board, shown by two views (the console's,
editable, and the projector's, read-only and fitted). Notes arrive through the event bridge -
from phones and from the console alike - and lay themselves out without overlapping inside their
zone until someone drags them; every change the facilitator makes goes through the model and
onto the board's undo stack (see board_commands)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from facilitator.model import events
from facilitator.model.records import GroupInfo, NoteInfo, RunInfo, StepInfo

from .board_commands import MoveGroup, moved
from .board_items import NOTE_H, NOTE_W, GroupItem, NoteItem, ZoneItem
from .board_layout import BOARD_H, BOARD_W, GAP, HEADER, UNSORTED, Column

__all__ = ["BOARD_H", "BOARD_W", "HEADER", "BoardScene", "BoardStore", "Column", "UNSORTED"]


class BoardScene(QGraphicsScene):
    """One board. Without ``model`` (a preview) it shows the zones only."""

    rename_requested = Signal(int)  # group id
    board_changed = Signal()  # counts, reveal or lock changed: controls refresh
    failed = Signal(str)  # a sentence to show the facilitator

    def __init__(self, step: StepInfo, run: RunInfo | None = None, model=None, bridge=None):
        super().__init__()
        self.step, self.run, self.model = step, run, model
        self.notes: dict[int, NoteItem] = {}
        self.groups: dict[int, GroupItem] = {}
        self.top_ids: set[int] | None = None
        self.revealed = not step.settings.get("reveal", False)
        self.locked = False
        self.undo = QUndoStack(self)
        self.editable = False
        self.projector_viewports: set = set()  # where notes paint as the room sees them
        self._hidden_auto: set[int] = set()  # hidden notes the board lays out (kept last)
        self._bounds: QRectF | None = None  # what the room sees, cached (see shown_bounds)
        self._loading = False
        self._placing = False  # a new note is being put in its first free slot
        self._reflowing = False  # a column is being laid out again
        self.setBackgroundBrush(QColor("#FFFFFF"))
        self.columns = self._make_columns()
        if model is not None and run is not None:
            self._load()
            if bridge is not None:
                bridge.event_received.connect(self._event)
        self._fit_rect()

    # -- building ------------------------------------------------------------------------------
    def _make_columns(self) -> list[Column]:
        labels = [(z.id, z.label) for z in self.step.zones]
        if labels:
            labels.append((None, UNSORTED))
        else:
            labels = [(None, "")]
        width = BOARD_W / len(labels)
        columns = []
        for i, (zone_id, label) in enumerate(labels):
            rect = QRectF(i * width, 0, width, BOARD_H)
            columns.append(Column(zone_id, rect, adaptive=len(labels) == 1))
            if label:
                item = ZoneItem(label, rect, tinted=i % 2 == 0)
                self.addItem(item)
                column_item = item
                column_item.setData(0, zone_id)
        return columns

    def _load(self) -> None:
        self._loading = True
        state = self.model.runs.step_state(self.run.id, self.step.id)
        self.revealed = state.revealed or not self.step.settings.get("reveal", False)
        self.locked = state.locked
        for group in self.model.board.groups(self.run.id, self.step.id):
            self._put_group(group)
        for note in self.model.board.notes(self.run.id, self.step.id):
            self._put_note(note)
        self._loading = False
        for column in self.columns:
            self.reflow(column)
        self._refresh_groups(set(self.groups))

    # -- events ----------------------------------------------------------------------------------
    def _event(self, event) -> None:
        if self.run is None or event.run_id != self.run.id:
            return
        payload = event.payload
        if getattr(payload, "step_id", None) != self.step.id:
            return
        if event.type != events.NOTE_ADDED:
            self._bounds = None
        if event.type in (events.NOTE_ADDED, events.NOTE_CHANGED):
            self._put_note(payload)
        elif event.type == events.NOTE_DELETED:
            self._drop_note(payload.id)
        elif event.type == events.GROUP_CHANGED:
            self._put_group(payload)
        elif event.type == events.GROUP_DELETED:
            item = self.groups.pop(payload.id, None)
            if item is not None:
                self.removeItem(item)
        elif event.type == events.STEP_STATE:
            self.revealed = payload.revealed or not self.step.settings.get("reveal", False)
            self.locked = payload.locked
            self.update()
        self.board_changed.emit()

    def _put_note(self, note: NoteInfo) -> None:
        item = self.notes.get(note.id)
        before = item.note if item else None
        if item is None:
            item = NoteItem(note, self)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.editable)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, self.editable)
            self.notes[note.id] = item
            self.addItem(item)
        else:
            item.set_note(note)
            self._bounds = None
        if note.x is not None and note.y is not None:
            was_laid_out = item.auto and before is not None
            item.auto = False
            self._hidden_auto.discard(note.id)
            target = QPointF(note.x * BOARD_W, note.y * BOARD_H)
            if item.pos() != target and not self._dragging(item):
                item.setPos(target)
            if was_laid_out and not self._loading:
                self.reflow(self._column_of_zone(before.zone_id))  # close the gap it left
        elif item.auto:
            self._lay_out(item, before)
        self._mark_groups(before.group_id if before else None, note.group_id)

    def _lay_out(self, item: NoteItem, before: NoteInfo | None) -> None:
        """Place a note the board lays out: a new one in the first free slot of its column (or
        the column laid out again while hidden notes sit at its end); a note hidden or shown
        again, grouped, or moved to another zone lays its columns out again."""
        note = item.note
        if note.hidden:
            self._hidden_auto.add(note.id)
        else:
            self._hidden_auto.discard(note.id)
        column = self.column_of(item)
        if before is None:
            if self._loading:
                return  # laid out once everything is loaded
            if self._rows_change(column):
                self.reflow(column)
            else:
                self._placing = True  # the cached bounds grow by this note (see note_moved)
                try:
                    hidden = [] if note.hidden else self._hidden_in(column)
                    if hidden:
                        self._before_hidden(item, hidden)
                    else:
                        item.setPos(self._free_place(item))
                finally:
                    self._placing = False
        elif (before.hidden, before.zone_id, before.group_id) != (
            note.hidden,
            note.zone_id,
            note.group_id,
        ):
            self.reflow(column)
            if before.zone_id != note.zone_id:
                self.reflow(self._column_of_zone(before.zone_id))

    def _rows_change(self, column: Column) -> bool:
        """True when one more note changes how many notes a row of ``column`` holds."""
        if not column.adaptive or column.per_row == column.most:
            return False  # rows only grow, and these are full width already
        count = sum(1 for i in self.notes.values() if i.auto and self.column_of(i) is column)
        return column.fitting_per_row(count) != column.per_row

    def _hidden_in(self, column: Column) -> list[NoteItem]:
        """The hidden notes the board lays out in ``column``, in the order they sit."""
        hidden = [self.notes[i] for i in self._hidden_auto]
        hidden = [i for i in hidden if self.column_of(i) is column]
        return sorted(hidden, key=lambda i: (i.pos().y(), i.pos().x()))

    def _before_hidden(self, item: NoteItem, hidden: list[NoteItem]) -> None:
        """A new shown note takes the first hidden note's place; the hidden ones move up one
        place each (they stay after every shown note, without laying out the whole column)."""
        places = [h.pos() for h in hidden]
        item.setPos(places[0])
        for note, place in zip(hidden, places[1:], strict=False):
            note.setPos(place)
        hidden[-1].setPos(self._free_place(hidden[-1]))

    def reflow(self, column: Column) -> None:
        """Lay the column's auto-placed notes out again: the shown ones first (each group's
        notes together, then the rest, in order of arrival), the hidden ones after them, so a
        hidden note leaves no hole on the projector. Notes the facilitator placed stay put."""
        autos, placed = [], []
        grabbing = self.mouseGrabberItem() is not None
        for item in self.notes.values():
            held = grabbing and self._dragging(item)  # in the facilitator's hand: left there
            if item.auto and not held:
                if self.column_of(item) is column:
                    autos.append(item)
                continue
            rect = item.sceneBoundingRect()
            if column.rect.left() < rect.right() and rect.left() < column.rect.right():
                placed.append(rect)
        autos.sort(
            key=lambda i: (i.note.hidden, i.note.group_id is None, i.note.group_id or 0, i.note.id)
        )
        column.per_row = column.fitting_per_row(len(autos))
        taken = set().union(*(column.slots_under(rect) for rect in placed))
        k, rect = 0, None
        self._reflowing = True  # one refresh of frames and size at the end, not one per note
        try:
            for item in autos:
                while k in taken:
                    k += 1
                place = column.slot(k)
                k += 1
                if item.pos() != place:
                    item.setPos(place)
        finally:
            self._reflowing = False
        if autos:
            self._grow(autos[-1].sceneBoundingRect())
        self._mark_groups(*{item.note.group_id for item in autos})
        column.hint = k
        self._bounds = None

    def _drop_note(self, note_id: int) -> None:
        item = self.notes.pop(note_id, None)
        if item is not None:
            self.removeItem(item)
            self._hidden_auto.discard(note_id)
            self._mark_groups(item.note.group_id)
            if item.auto:
                self.reflow(self.column_of(item))  # close the gap it leaves
            else:
                for column in self.columns:
                    column.hint = 0  # the place it held may be free again

    def _put_group(self, group: GroupInfo) -> None:
        item = self.groups.get(group.id)
        if item is None:
            item = GroupItem(group, self)
            item.set_editable(self.editable)
            self.groups[group.id] = item
            self.addItem(item)
        item.group = group
        self._mark_groups(group.id)

    # -- layout ----------------------------------------------------------------------------------
    def column_of(self, item: NoteItem) -> Column:
        return self._column_of_zone(item.note.zone_id)

    def _column_of_zone(self, zone_id: int | None) -> Column:
        for column in self.columns:
            if column.zone_id == zone_id:
                return column
        return self.columns[-1]

    def column_at(self, point: QPointF) -> Column:
        for column in self.columns:
            if column.rect.left() <= point.x() < column.rect.right():
                return column
        return self.columns[-1] if point.x() >= BOARD_W else self.columns[0]

    def _free_place(self, item: NoteItem) -> QPointF:
        """The first slot of the note's column that no other note overlaps."""
        column = self.column_of(item)
        k = column.hint
        while True:
            place = column.slot(k)
            rect = QRectF(place.x(), place.y(), NOTE_W, NOTE_H)
            if not any(isinstance(o, NoteItem) and o is not item for o in self.items(rect)):
                column.hint = k + 1 if k == column.hint else column.hint
                self._grow(rect)
                return place
            if k == column.hint:
                column.hint += 1
            k += 1

    def _grow(self, rect: QRectF) -> None:
        if rect.bottom() + GAP > self.sceneRect().bottom():
            self._fit_rect(rect.bottom() + GAP)

    def _fit_rect(self, bottom: float = BOARD_H) -> None:
        height = max(BOARD_H, bottom, self.sceneRect().bottom() if self.notes else 0)
        self.setSceneRect(QRectF(0, 0, BOARD_W, height))
        for item in self.items():
            if isinstance(item, ZoneItem) and item.rect.height() < height:
                item.prepareGeometryChange()
                item.rect.setHeight(height)

    def note_moved(self, item: NoteItem) -> None:
        if item.note.hidden:
            pass  # the room does not see it: what the room sees is unchanged
        elif self._placing and self._bounds is not None:
            self._bounds = self._bounds.united(item.sceneBoundingRect())
        else:
            self._bounds = None
        self._mark_groups(item.note.group_id)
        self._grow(item.sceneBoundingRect())

    def shown_bounds(self) -> QRectF:
        """Where the notes the room sees are (hidden ones left out), with their groups' frames;
        a null rect when the room sees no note."""
        if self._bounds is None:
            rect, groups = QRectF(), set()
            for item in self.notes.values():
                if not item.note.hidden:
                    rect = rect.united(item.sceneBoundingRect())
                    groups.add(item.note.group_id)
            for group_id in groups:
                if group_id in self.groups and not self.groups[group_id].frame.isNull():
                    rect = rect.united(self.groups[group_id].frame)
            self._bounds = rect
        return QRectF(self._bounds)

    def _dragging(self, item: NoteItem) -> bool:
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, GroupItem):
            return grabber.group.id == item.note.group_id
        return grabber is not None and (grabber is item or item.isSelected())

    def members(self, group_id: int) -> list[NoteItem]:
        """The notes of a group."""
        return [i for i in self.notes.values() if i.note.group_id == group_id]

    def group_dragged(self, group: GroupItem, before: dict) -> None:
        """A drag of ``group`` ended: store where its notes and its frame now are, as one
        undoable step (``before``: note id -> place when the drag began)."""
        moves = {}
        for note_id, place in before.items():
            item = self.notes.get(note_id)
            if item is not None and moved(place, self.place_of(item)):
                moves[note_id] = (place, self.place_of(item))
        if not moves or self.model is None:
            return
        info = group.group
        frame = group.frame
        places = ((info.x, info.y), (frame.left() / BOARD_W, frame.top() / BOARD_H))
        self.undo.push(MoveGroup(self, info.id, places, moves))

    # -- groups ----------------------------------------------------------------------------------
    def _mark_groups(self, *group_ids) -> None:
        ids = {g for g in group_ids if g is not None}
        if not ids or self._loading:
            return
        self._refresh_groups(ids)

    def _refresh_groups(self, ids: set[int]) -> None:
        """Frame each group around its shown notes (around its hidden ones only when all are
        hidden: the projector then leaves the frame out), so a hidden note never stretches a
        frame on the projector."""
        shown: dict[int, QRectF] = {g: QRectF() for g in ids}
        hidden: dict[int, QRectF] = {g: QRectF() for g in ids}
        for item in self.notes.values():
            gid = item.note.group_id
            if gid in shown:
                rects = hidden if item.note.hidden else shown
                rects[gid] = rects[gid].united(item.sceneBoundingRect().adjusted(3, 3, -4, -4))
        for gid in ids:
            if gid in self.groups:
                seen = not shown[gid].isNull()
                self.groups[gid].set_frame(shown[gid] if seen else hidden[gid], seen)
        self._bounds = None

    # -- for views and controls ------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for item in self.notes.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, editable)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, editable)
        for group in self.groups.values():
            group.set_editable(editable)

    def selected_notes(self) -> list[NoteInfo]:
        return [i.note for i in self.selectedItems() if isinstance(i, NoteItem)]

    def set_top(self, n: int | None) -> None:
        """Fade every note but the ``n`` with the most votes (None shows all)."""
        if n is None:
            self.top_ids = None
        else:
            ranked = sorted(
                (i.note for i in self.notes.values() if not i.note.hidden),
                key=lambda note: (-note.votes, note.id),
            )
            self.top_ids = {note.id for note in ranked[:n] if note.votes > 0}
        self.update()

    def counts(self) -> tuple[int, int]:
        """(notes, hidden notes) on this board."""
        hidden = sum(1 for i in self.notes.values() if i.note.hidden)
        return len(self.notes), hidden

    def place_of(self, item: NoteItem) -> tuple[float, float, int | None]:
        """Where a note now is, as the model stores it: x, y in 0..1 and its zone."""
        pos = item.pos()
        centre = item.sceneBoundingRect().center()
        return (pos.x() / BOARD_W, pos.y() / BOARD_H, self.column_at(centre).zone_id)


class BoardStore:
    """The boards of one run, one scene per whiteboard step, built when first shown and shared
    by every view (so the console and the projector show the same scene)."""

    def __init__(self, model, bridge):
        self.model, self.bridge = model, bridge
        self.scenes: dict[int, BoardScene] = {}

    def get(self, run: RunInfo, step: StepInfo) -> BoardScene:
        scene = self.scenes.get(step.id)
        if scene is None:
            scene = BoardScene(step, run, self.model, self.bridge)
            self.scenes[step.id] = scene
        return scene

    def close(self) -> None:
        for scene in self.scenes.values():
            try:
                self.bridge.event_received.disconnect(scene._event)
            except (RuntimeError, TypeError):
                pass
            scene.deleteLater()
        self.scenes.clear()
