"""The whiteboard of a run: one QGraphicsScene per board. The console's view edits it; the
projector's board (board_projector) reads its notes and groups. Notes arrive through the event
bridge - from phones and from the console alike - and the scene places them where they stay: a
new note takes the first free slot of its zone's column, and nothing else moves when notes are
added, hidden, grouped, moved or deleted (a hidden note keeps its place; the room simply does
not see it). Every change the facilitator makes is one model operation run off the GUI thread
(see board_commands)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from facilitator.model import board_geometry as geometry
from facilitator.model import events
from facilitator.model.kinds import whiteboard
from facilitator.model.records import (
    BoardChange,
    GroupInfo,
    NoteInfo,
    RunInfo,
    StepInfo,
    StepStateInfo,
)
from facilitator.model.top import top_notes

from .board_commands import OperationQueue, moved, perform
from .board_items import NOTE_H, NOTE_W, GroupItem, NoteItem, ZoneItem
from .board_layout import BOARD_H, BOARD_W, GAP, HEADER, UNSORTED, Column, gather

__all__ = ["BOARD_H", "BOARD_W", "HEADER", "BoardScene", "BoardStore", "Column", "UNSORTED"]

MOVABLE = QGraphicsItem.GraphicsItemFlag.ItemIsMovable
SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


def fold(text: str) -> str:
    """Text as search compares it: without case or accents ("Énergie" finds "energie")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def paper(item: NoteItem) -> QRectF:
    """A note's paper on the board (without its shadow)."""
    pos = item.pos()
    return QRectF(pos.x(), pos.y(), NOTE_W, NOTE_H)


class BoardScene(QGraphicsScene):
    """One board. Without ``model`` (a preview) it shows the zones only."""

    rename_requested = Signal(int)  # group id
    board_changed = Signal()  # emitted once per model event the board took in, after it did
    failed = Signal(str)  # a sentence to show the facilitator
    search_changed = Signal(int)  # how many notes match the search

    def __init__(self, step: StepInfo, run: RunInfo | None = None, model=None, bridge=None):
        super().__init__()
        self.step, self.run, self.model = step, run, model
        self.notes: dict[int, NoteItem] = {}
        self.groups: dict[int, GroupItem] = {}
        self.top_ids: set[int] | None = None
        self.search = ""  # the word the console highlights ("" none)
        self.matches: set[int] = set()
        self.state = None  # the board's StepStateInfo in the run, once loaded
        self.revealed = whiteboard.face_up(step, None)  # the room may read the notes
        self.locked = False
        self.undo = QUndoStack(self)
        self.operations = OperationQueue(self)
        self.editable = False
        self._dirty: set[int] | None = None  # groups to frame once a batch is in
        self._gone: dict[int, QPointF] = {}  # where deleted notes were (an undo puts them back)
        self.setBackgroundBrush(QColor("#FFFFFF"))
        self.zone_items: list[ZoneItem] = []
        self.columns = self._make_columns()
        if model is not None and run is not None:
            self._load()
            if bridge is not None:
                bridge.event_received.connect(self._event)
        self._fit_rect()

    # -- building ------------------------------------------------------------------------------
    def _make_columns(self) -> list[Column]:
        columns = []
        for i, band in enumerate(geometry.bands(self.step.zones)):
            column = Column(band)
            columns.append(column)
            if band.label:
                item = ZoneItem(band.label, column.rect, tinted=i % 2 == 0)  # grows with it
                item.setData(0, band.zone_id)
                self.addItem(item)
                self.zone_items.append(item)
        return columns

    def _load(self) -> None:
        """Everything on the board now: notes with a stored place first, then the others in
        order of arrival, each in the first free slot of its column."""
        self._take_state(self.model.runs.step_state(self.run.id, self.step.id))
        for group in self.model.board.groups(self.run.id, self.step.id):
            self._put_group(group)
        notes = self.model.board.notes(self.run.id, self.step.id)
        placed = [n for n in notes if n.x is not None and n.y is not None]
        self._dirty = set()
        for note in placed:
            self._put_note(note)
        taken = {id(c): set() for c in self.columns}  # slots under the placed notes
        for item in self.notes.values():
            for column in self.columns:
                if column.rect.intersects(paper(item)):
                    taken[id(column)] |= column.slots_under(paper(item))
        for note in notes:
            if note.x is None or note.y is None:
                self._put_loaded(note, taken)
        self._frame_dirty()

    def _put_loaded(self, note: NoteInfo, taken: dict) -> None:
        """A note without a stored place, at load: the next slot of its column no placed note
        lies on (one pass over the board, not a search per note)."""
        item = NoteItem(note, self)
        item.setFlag(MOVABLE, self.editable)
        item.setFlag(SELECTABLE, self.editable)
        column = self.column_of(item)
        under = taken[id(column)]
        k = column.hint
        while k in under:
            k += 1
        column.hint = k + 1
        item.home = column.slot(k)
        item.setPos(item.home)
        self.notes[note.id] = item
        self.addItem(item)
        self._grow(paper(item))
        self._mark_groups(note.group_id)

    # -- events ----------------------------------------------------------------------------------
    def _event(self, event) -> None:
        if self.run is None or event.run_id != self.run.id:
            return
        payload = event.payload
        if event.type == events.PARTICIPANT_RENAMED:
            self._renamed(payload.id, payload.name)
            return
        if getattr(payload, "step_id", None) != self.step.id:
            return
        if event.type in (events.NOTE_ADDED, events.NOTE_CHANGED):
            self._put_note(payload)
        elif event.type == events.NOTE_DELETED:
            self._drop_note(payload.id)
        elif event.type == events.NOTES_CHANGED:
            self._take_change(payload)
        elif event.type == events.GROUP_CHANGED:
            self._put_group(payload)
        elif event.type == events.GROUP_DELETED:
            self._drop_group(payload.id)
        elif event.type == events.STEP_STATE:
            self._take_state(payload)
            self.update()
        else:
            return
        self.board_changed.emit()

    def _take_state(self, state: StepStateInfo) -> None:
        self.state = state
        self.revealed = whiteboard.face_up(self.step, state)
        self.locked = state.locked

    def _take_change(self, change: BoardChange) -> None:
        """One operation on many notes: taken in whole, each group framed once at the end."""
        self._dirty = set()
        try:
            for group in change.groups_added + change.groups:
                self._put_group(group)
            for note in change.present:
                self._put_note(note)
            for removed in change.removed:
                self._drop_note(removed.note.id)
            for group in change.groups_removed:
                self._drop_group(group.id)
        finally:
            self._frame_dirty()

    def _renamed(self, participant_id: int, name: str) -> None:
        """Someone changed their name: the notes they wrote say so at once."""
        changed = False
        for item in self.notes.values():
            if item.note.participant_id == participant_id and item.note.author != name:
                item.set_note(replace(item.note, author=name))
                changed = True
        if changed:
            self.board_changed.emit()

    def _put_note(self, note: NoteInfo) -> None:
        item = self.notes.get(note.id)
        before = item.note if item is not None else None
        if item is None:
            item = NoteItem(note, self)
            item.home = self._gone.pop(note.id, None)
            item.setFlag(MOVABLE, self.editable)
            item.setFlag(SELECTABLE, self.editable)
            self.notes[note.id] = item
            self._place(item, None)
            self.addItem(item)
            self._grow(paper(item))
        else:
            item.set_note(note)
            self._place(item, before)
        self._match(item)
        self._mark_groups(before.group_id if before else None, note.group_id)

    def _place(self, item: NoteItem, before: NoteInfo | None) -> None:
        """Put a note where it belongs: at its stored place if it has one; else a new note in the
        first free slot of its column, and a note that loses its stored place back where the
        board first put it (if that is still free). Nothing else moves."""
        note = item.note
        if note.x is not None and note.y is not None:
            if item.auto and item.home is not None:
                self._freed(QRectF(item.home, paper(item).size()))  # the slot it had
            item.auto = False
            target = QPointF(*geometry.to_points(note.x, note.y))
            if item.pos() != target and not self._dragging(item):
                self._leave(item)
                item.setPos(target)
            return
        to_other_zone = before is not None and before.zone_id != note.zone_id
        if before is not None and item.auto and not to_other_zone:
            return  # it keeps its slot
        if item.home is not None and self.column_at(item.home) is not self.column_of(item):
            item.home = None
        item.auto = True
        home = item.home
        column = self.column_of(item)
        if home is None or to_other_zone or not self._free(QRectF(home, paper(item).size()), item):
            home = self._free_place(item, column)
        self._leave(item)
        item.home = home
        item.setPos(home)

    def _leave(self, item: NoteItem) -> None:
        """A note is about to leave its place: the slots under it may be taken again."""
        if item.scene() is not None:
            self._freed(paper(item))

    def _freed(self, rect: QRectF) -> None:
        for column in self.columns:
            if column.rect.intersects(rect):
                column.freed(rect)

    def _drop_note(self, note_id: int) -> None:
        item = self.notes.pop(note_id, None)
        if item is not None:
            if item.auto:
                self._gone[note_id] = item.home or item.pos()
            self._leave(item)
            self.removeItem(item)
            self.matches.discard(note_id)
            self._mark_groups(item.note.group_id)

    def _put_group(self, group: GroupInfo) -> None:
        item = self.groups.get(group.id)
        if item is None:
            item = GroupItem(group, self)
            item.set_editable(self.editable)
            self.groups[group.id] = item
            self.addItem(item)
        item.group = group
        item.update()
        self._mark_groups(group.id)

    def _drop_group(self, group_id: int) -> None:
        item = self.groups.pop(group_id, None)
        if item is not None:
            self.removeItem(item)

    # -- places --------------------------------------------------------------------------------
    def column_of(self, item: NoteItem) -> Column:
        return self._column_of_zone(item.note.zone_id)

    def _column_of_zone(self, zone_id: int | None) -> Column:
        home = geometry.home_zone(zone_id, self.step.zones)
        return next(column for column in self.columns if column.zone_id == home)

    def column_at(self, point: QPointF) -> Column:
        band = geometry.band_at([column.band for column in self.columns], point.x())
        return next(column for column in self.columns if column.band is band)

    def _free(self, rect: QRectF, item: NoteItem | None = None, moving=frozenset()) -> bool:
        """True when no note (but ``item`` and those in ``moving``) lies on ``rect``."""
        inner = rect.adjusted(2, 2, -2, -2)
        return not any(
            isinstance(o, NoteItem) and o is not item and o.note.id not in moving
            for o in self.items(inner)
        )

    def _free_place(self, item: NoteItem, column: Column) -> QPointF:
        """The first slot of ``column`` that no other note lies on."""
        k = column.hint
        while True:
            place = column.slot(k)
            if self._free(QRectF(place.x(), place.y(), NOTE_W, NOTE_H), item):
                return place
            if k == column.hint:
                column.hint += 1
            k += 1

    def gather_places(self, members: list[NoteItem], anchor: NoteItem) -> dict:
        """Where the notes of a group go to sit together by ``anchor`` (one of them), as the
        model stores places (note id -> (x, y, zone)): the members move, no other note does."""
        moving = {m.note.id for m in members}
        column = self.column_of(anchor)
        bottom = max((paper(i).bottom() for i in self.notes.values()), default=0.0)
        ordered = [anchor] + sorted(
            (m for m in members if m is not anchor), key=lambda m: (m.pos().y(), m.pos().x())
        )
        places = gather(
            [paper(m) for m in ordered],
            paper(anchor),
            column,
            lambda rect: not self._free(rect, moving=moving),
            bottom,
        )
        return {
            m.note.id: (*geometry.to_place(p.x(), p.y()), column.zone_id)
            for m, p in zip(ordered, places, strict=True)
        }

    def group_dragged(self, group: GroupItem, before: dict) -> None:
        """A drag of ``group`` ended: store where its notes and its frame now are, as one
        operation (``before``: note id -> place when the drag began)."""
        moves = {}
        for note_id, place in before.items():
            item = self.notes.get(note_id)
            if item is not None and moved(place, self.place_of(item)):
                moves[note_id] = self.place_of(item)
        if not moves or self.model is None:
            return
        frame = group.frame
        groups = {group.group.id: geometry.to_place(frame.left(), frame.top())}
        board = self.model.board
        perform(
            self,
            "Move group",
            lambda: board.move_notes(moves, groups),
            undone=lambda: self.put_back(before),
        )

    def put_back(self, places: dict) -> None:
        """Show notes at these places again (note id -> (x, y, zone)), as before a drag the
        model did not take."""
        for note_id, (x, y, _zone) in places.items():
            item = self.notes.get(note_id)
            if item is not None:
                item.setPos(*geometry.to_points(x, y))

    def _grow(self, rect: QRectF) -> None:
        if rect.bottom() + GAP > self.sceneRect().bottom():
            self._fit_rect(rect.bottom() + GAP)

    def _fit_rect(self, bottom: float = BOARD_H) -> None:
        height = max(BOARD_H, bottom, self.sceneRect().bottom() if self.notes else 0)
        self.setSceneRect(QRectF(0, 0, BOARD_W, height))
        for item in self.zone_items:
            if item.rect.height() < height:
                item.prepareGeometryChange()
                item.rect.setHeight(height)

    def note_moved(self, item: NoteItem) -> None:
        self._mark_groups(item.note.group_id)
        self._grow(item.sceneBoundingRect())

    def _dragging(self, item: NoteItem) -> bool:
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, GroupItem):
            return grabber.group.id == item.note.group_id
        return grabber is not None and (grabber is item or item.isSelected())

    def place_of(self, item: NoteItem) -> tuple[float, float, int | None]:
        """Where a note now is, as the model stores it: its place in board units and the zone
        of the band under its centre."""
        pos = item.pos()
        centre = item.sceneBoundingRect().center()
        return (*geometry.to_place(pos.x(), pos.y()), self.column_at(centre).zone_id)

    # -- groups ----------------------------------------------------------------------------------
    def members(self, group_id: int) -> list[NoteItem]:
        """The notes of a group."""
        return [i for i in self.notes.values() if i.note.group_id == group_id]

    def _mark_groups(self, *group_ids) -> None:
        ids = {g for g in group_ids if g is not None}
        if not ids:
            return
        if self._dirty is not None:
            self._dirty |= ids
        else:
            self._refresh_groups(ids)

    def _frame_dirty(self) -> None:
        dirty, self._dirty = self._dirty, None
        if dirty:
            self._refresh_groups(dirty)

    def _refresh_groups(self, ids: set[int]) -> None:
        """Frame each group around its notes, hidden ones included (they keep their places);
        a group whose notes are all hidden is marked unseen (the projector leaves it out)."""
        frames: dict[int, QRectF] = {g: QRectF() for g in ids}
        seen: set[int] = set()
        for item in self.notes.values():
            gid = item.note.group_id
            if gid in frames:
                frames[gid] = frames[gid].united(paper(item))
                if not item.note.hidden:
                    seen.add(gid)
        for gid in ids:
            if gid in self.groups:
                self.groups[gid].set_frame(frames[gid], gid in seen)

    # -- search and top ---------------------------------------------------------------------------
    def set_search(self, text: str) -> int:
        """Highlight the notes whose text contains ``text`` (case and accents aside) on the
        console; returns how many match ("" clears the search)."""
        self.search = fold(text.strip())
        self.matches = set()
        for item in self.notes.values():
            self._match(item, quiet=True)
        self.update()
        self.search_changed.emit(len(self.matches))
        return len(self.matches)

    def _match(self, item: NoteItem, quiet: bool = False) -> None:
        if not self.search:
            return
        before = item.note.id in self.matches
        if self.search in fold(item.note.text):
            self.matches.add(item.note.id)
        else:
            self.matches.discard(item.note.id)
        if not quiet and before != (item.note.id in self.matches):
            self.search_changed.emit(len(self.matches))

    def set_top(self, n: int | None) -> None:
        """Fade every note but the top ``n`` by votes, every note tied at the cut kept (None
        shows all)."""
        if n is None:
            self.top_ids = None
        else:
            top = top_notes([i.note for i in self.notes.values()], n)
            self.top_ids = {note.id for note in top.notes}
        self.update()

    # -- for views and controls ------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for item in self.notes.values():
            item.setFlag(MOVABLE, editable)
            item.setFlag(SELECTABLE, editable)
        for group in self.groups.values():
            group.set_editable(editable)

    def selected_notes(self) -> list[NoteInfo]:
        return [i.note for i in self.selectedItems() if isinstance(i, NoteItem)]

    def counts(self) -> tuple[int, int]:
        """(notes, hidden notes) on this board."""
        hidden = sum(1 for i in self.notes.values() if i.note.hidden)
        return len(self.notes), hidden


class BoardStore:
    """The boards of one run, one scene per whiteboard step, built when first shown and shared
    by the console and the projector (so both always show the same notes)."""

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
