"""The console's board and the summary's drawing of it read one geometry, the model's
board_geometry: a note placed at a place in board units is in the same zone on the console
(the band under it) and in the summary (its column), and both take the board's sizes, bands and
shape from the model, not from copies of their own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from facilitator.export import board as export_board
from facilitator.export.data import load_run
from facilitator.export.kinds import whiteboard as export_whiteboard
from facilitator.model import board_geometry as geometry
from facilitator.model.board import NoteRequest
from facilitator.ui import board_items, board_layout
from facilitator.ui.board import BoardScene


def test_the_console_and_the_summary_take_their_sizes_from_the_model():
    assert (board_layout.BOARD_W, board_layout.BOARD_H) == (geometry.WIDTH, geometry.HEIGHT)
    assert (board_items.NOTE_W, board_items.NOTE_H) == (geometry.NOTE_W, geometry.NOTE_H)
    assert board_layout.UNSORTED is geometry.UNSORTED
    assert export_board.BOARD_RATIO == geometry.ASPECT == 9 / 16


def test_the_bands_are_the_zones_in_order_then_the_notes_in_none(model, demo_run):
    # GIVEN a board with two zones
    step = _board_with_zones(model, demo_run)
    # THEN its bands share the board's width: each zone, then "Not sorted yet"
    bands = geometry.bands(step.zones)
    assert [b.label for b in bands] == [z.label for z in step.zones] + [geometry.UNSORTED]
    assert bands[0].left == 0 and bands[-1].right == pytest.approx(geometry.WIDTH)
    assert geometry.home_zone(step.zones[1].id, step.zones) == step.zones[1].id
    assert geometry.home_zone(None, step.zones) is None
    assert geometry.home_zone(-5, step.zones) is None  # a zone no longer on the board
    assert geometry.bands([]) == [geometry.Band(None, "", 0.0, geometry.WIDTH)]


def test_a_note_placed_in_board_units_is_in_one_zone_on_the_console_and_in_the_summary(
    qtbot, model, demo_run
):
    # GIVEN a board with zones, and a note for each place: the middle of every band, and
    # astride two bands with most of the note on the left one
    run = demo_run
    step = _board_with_zones(model, run)
    bands = geometry.bands(step.zones)
    places = [((b.left + b.width / 2 - geometry.NOTE_W / 2) / geometry.WIDTH, 0.3) for b in bands]
    places.append(((bands[1].left - geometry.NOTE_W * 0.6) / geometry.WIDTH, 0.6))
    texts = [f"note {i}" for i in range(len(places))]
    notes = [
        a.note for a in model.board.add_notes([NoteRequest(run.id, step.id, t) for t in texts])
    ]
    # WHEN the facilitator drags each to its place on the console, which stores it
    scene = BoardScene(step, model.runs.run(run.id), model)
    stored = {}
    for note, (x, y) in zip(notes, places, strict=True):
        scene.notes[note.id].setPos(QPointF(*geometry.to_points(x, y)))
        stored[note.id] = scene.place_of(scene.notes[note.id])
    model.board.move_notes(stored)
    # THEN a console opened afresh shows each note in the band the model's geometry puts it
    # in, and the summary draws it in the column of that zone
    console = BoardScene(step, model.runs.run(run.id), model)
    summary = _summary_columns(model, run.id, step)
    expected = [bands[0].label, bands[1].label, bands[2].label, bands[0].label]
    for note, label in zip(notes, expected, strict=True):
        item = console.notes[note.id]
        assert item.pos() == QPointF(*geometry.to_points(*places[notes.index(note)]))
        assert console.column_at(item.sceneBoundingRect().center()).band.label == label
        assert summary[note.id] == label


def _board_with_zones(model, run):
    """The demo's board with two zones, on the screen (a board takes notes while it is)."""
    step = next(s for s in model.runs.steps(run.id) if s.kind == "whiteboard" and s.zones)
    assert len(step.zones) == 2
    model.runs.go_to(run.id, model.runs.steps(run.id).index(step))
    return step


def _summary_columns(model, run_id: int, step) -> dict[int, str]:
    """Note id -> the label of the summary drawing's column it is drawn in."""
    data = load_run(model, run_id)
    notes = data.visible_notes(step.id)
    columns = export_whiteboard._columns(step, notes, data.groups.get(step.id, []))
    return {
        note.id: column.label
        for column in columns
        for cluster in column.clusters
        for _, note in cluster.notes
    }
