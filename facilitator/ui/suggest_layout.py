"""Where the notes of accepted suggestions go on the console's board, as the model stores
places (note id -> (x, y, zone)). Two ways:
- ``gathered_places``: one group or a few, each gathered in one block by its top-left note, no
  other note moved (as G does for a selection);
- ``sorted_board``: the whole proposal accepted, so the board is laid out afresh, column by
  column: every group a block (the facilitator's own groups first, where they were in order),
  side by side on shelves with room for each group's name, then the notes left unsorted in
  the order they were in. Undo puts every note back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSizeF

from facilitator.model.board_geometry import to_place

from .board import paper
from .board_items import NOTE_H, NOTE_W, NoteItem
from .board_layout import PITCH_X, PITCH_Y, Column, block_shape, gather

# (note ids, the group they join or None): one accepted group
Batch = tuple[list[int], int | None]


def reading_order(item: NoteItem) -> tuple[float, float]:
    return item.pos().y(), item.pos().x()


def batch_items(scene, batch: Batch) -> list[NoteItem]:
    """The notes a batch puts together (a joined group's own members first), top left first."""
    ids, group_id = batch
    joined = sorted(scene.members(group_id), key=reading_order) if group_id is not None else []
    rest = sorted((scene.notes[i] for i in ids if scene.notes[i] not in joined), key=reading_order)
    return joined + rest


def place_of(spot: QPointF, column: Column) -> tuple[float, float, int | None]:
    return (*to_place(spot.x(), spot.y()), column.zone_id)


def gathered_places(scene, batches: Sequence[Batch]) -> dict:
    """Each batch in one block by its top-left note; blocks never overlap each other or a note
    that is not moving."""
    moving = {i for ids, _ in batches for i in ids}
    for _, group_id in batches:
        if group_id is not None:
            moving |= {m.note.id for m in scene.members(group_id)}
    planned: list[QRectF] = []
    bottom = max((paper(i).bottom() for i in scene.notes.values()), default=0.0)

    def blocked(rect: QRectF) -> bool:
        inner = rect.adjusted(2, 2, -2, -2)
        if any(cell.intersects(inner) for cell in planned):
            return True
        return any(isinstance(o, NoteItem) and o.note.id not in moving for o in scene.items(inner))

    places = {}
    for batch in batches:
        items = batch_items(scene, batch)
        if not items:
            continue
        column = scene.column_of(items[0])
        spots = gather([paper(m) for m in items], paper(items[0]), column, blocked, bottom)
        for item, spot in zip(items, spots, strict=True):
            places[item.note.id] = place_of(spot, column)
            planned.append(QRectF(spot, QSizeF(NOTE_W, NOTE_H)))
        bottom = max(bottom, max(cell.bottom() for cell in planned))
    return places


def sorted_board(scene, batches: Sequence[Batch]) -> dict:
    """Every note of the board placed afresh: groups as blocks on shelves, then the rest."""
    blocks: dict[int, list[list[NoteItem]]] = {}  # per column: its blocks, in order
    taken: set[int] = set()

    def add(items: list[NoteItem]) -> None:
        items = [i for i in items if i.note.id not in taken]
        if items:
            taken.update(i.note.id for i in items)
            blocks.setdefault(id(scene.column_of(items[0])), []).append(items)

    joined = {group_id for _, group_id in batches if group_id is not None}
    mine = sorted(
        scene.groups, key=lambda g: min(map(reading_order, scene.members(g)), default=(0, 0))
    )
    for group_id in mine:
        extra = next((ids for ids, g in batches if g == group_id), [])
        add(
            batch_items(scene, (extra, group_id))
            if group_id in joined
            else sorted(scene.members(group_id), key=reading_order)
        )
    for batch in batches:
        if batch[1] is None:
            add(batch_items(scene, batch))
    places = {}
    for column in scene.columns:
        rest = sorted(
            (
                i
                for i in scene.notes.values()
                if i.note.id not in taken and scene.column_of(i) is column
            ),
            key=reading_order,
        )
        places.update(_shelves(column, blocks.get(id(column), []), rest))
    return places


def _shelves(column: Column, blocks: list[list[NoteItem]], rest: list[NoteItem]) -> dict:
    """One column laid out: ``blocks`` left to right on shelves (an empty slot between two side
    by side, an empty row between shelves, so frames and names never touch), then ``rest``
    row after row."""
    origin = column.slot(0)
    places, across, row, shelf = {}, 0, 0, 0
    for items in blocks:
        cols, rows = block_shape(len(items), column.per_row)
        if across and across + cols > column.per_row:
            across, row, shelf = 0, row + shelf + 1, 0
        for k, item in enumerate(items):
            r, c = divmod(k, cols)
            spot = QPointF(origin.x() + (across + c) * PITCH_X, origin.y() + (row + r) * PITCH_Y)
            places[item.note.id] = place_of(spot, column)
        across, shelf = across + cols + 1, max(shelf, rows)
    row += shelf + (1 if blocks else 0)
    for k, item in enumerate(rest):
        r, c = divmod(k, column.per_row)
        spot = QPointF(origin.x() + c * PITCH_X, origin.y() + (row + r) * PITCH_Y)
        places[item.note.id] = place_of(spot, column)
    return places
