"""The board as the room sees it at room size: 150 and 300 notes, every one on some page, text
never under 28 px on a 1080-line projector; the newest notes arrive calmly; the overview, the top
list with its ties, anonymous boards; the clicker turns pages before it moves on."""

from __future__ import annotations

import dataclasses

import pytest
from ui_run_helpers import go_to_kind, start_demo

from facilitator.export.sample import fill_room_board
from facilitator.model.board import NoteRequest
from facilitator.model.demos import demo_workshop
from facilitator.ui.board_pages import LEGIBLE_PX, ArrivalSlots
from facilitator.ui.snapshot import Snapshot


def _room_run(model, notes: int):
    workshop = demo_workshop(model.library)
    run = model.runs.start(workshop.id)
    board = next(s for s in model.runs.steps(run.id) if s.title == "What did Rita O'Grady do?")
    fill_room_board(model, run.id, board, notes=notes)
    return run, board


@pytest.mark.parametrize("notes", [150, 300])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_every_note_is_on_a_page_and_legible(qapp, model, notes, size):
    # GIVEN a board filled as a room of 150 (or 300) fills it
    run, board = _room_run(model, notes)
    # WHEN the projector shows all its notes
    shot = Snapshot(model, run, board, size, mode="notes")
    try:
        pages = shot.board.note_ids_on_pages()
        # THEN every note is on exactly one page, and there is more than one page
        seen = [i for page in pages for i in page]
        assert sorted(seen) == sorted(n.id for n in model.board.notes(run.id, board.id))
        assert len(pages) > 1
        # AND no note's text is drawn smaller than 28 px at 1080 lines (same share of the height)
        least = min(shot.board.text_sizes())
        assert least >= LEGIBLE_PX * size[1] / 1080 - 1e-6
        # AND every card fits inside the stage
        for page in shot.board.pages:
            for card in page.cards:
                assert card.rect.right() <= shot.board.width() / shot.board.unit + 0.5
                assert card.rect.bottom() <= shot.board.height() / shot.board.unit + 0.5
    finally:
        shot.close()


def test_a_few_notes_are_shown_larger_on_one_page(qapp, model):
    run, board = _room_run(model, 6)
    shot = Snapshot(model, run, board, (1920, 1080), mode="notes")
    try:
        assert shot.page_count == 1
        assert min(shot.board.text_sizes()) >= 40
    finally:
        shot.close()


def test_arrival_slots_change_one_card_at_a_time():
    # GIVEN twelve slots holding notes 1..12
    slots = ArrivalSlots()
    notes = [_Note(i) for i in range(1, 13)]
    slots.update(notes, 12)
    before = list(slots.slots)
    # WHEN note 13 arrives
    slots.update([*notes, _Note(13)], 12)
    # THEN it takes the oldest note's slot and no other card moves
    changed = [k for k, (a, b) in enumerate(zip(before, slots.slots, strict=True)) if a != b]
    assert changed == [before.index(1)] and slots.slots[changed[0]] == 13
    assert slots.newest == 13
    # WHEN a note is hidden its slot takes the next note to arrive, the rest stay
    shown = [n for n in [*notes, _Note(13)] if n.id != 5]
    slots.update(shown, 12)
    assert None in slots.slots
    slots.update([*shown, _Note(14)], 12)
    assert slots.slots[before.index(5)] == 14


class _Note:
    def __init__(self, note_id: int):
        self.id = note_id


def test_arrival_on_the_projector_keeps_cards_in_place(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    board = console.presenter.stage.view.board
    console.presenter.resize(1920, 1080)
    qtbot.waitUntil(lambda: board.width() > 1000, timeout=3000)
    texts = [f"idea {i}" for i in range(20)]
    model.board.add_notes([NoteRequest(console.run.id, step.id, t) for t in texts])
    qtbot.waitUntil(lambda: len(board.page().cards) == 12, timeout=3000)
    assert board.mode == "arrival" and board.band == "20 notes so far"
    places = {c.note.id: c.rect for c in board.page().cards}
    note = model.board.add_note(NoteRequest(console.run.id, step.id, "the newest")).note
    qtbot.waitUntil(lambda: note.id in {c.note.id for c in board.page().cards}, timeout=3000)
    after = {c.note.id: c.rect for c in board.page().cards}
    moved = [i for i in places if i in after and after[i] != places[i]]
    assert moved == [] and len(set(places) - set(after)) == 1
    assert next(c for c in board.page().cards if c.note.id == note.id).fresh


def test_overview_shows_each_group_with_its_count(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    board = console.presenter.stage.view.board
    notes = [
        r.note
        for r in model.board.add_notes(
            [NoteRequest(console.run.id, step.id, f"n{i}") for i in range(9)]
        )
    ]
    model.board.create_group(console.run.id, step.id, "Courage", [n.id for n in notes[:4]])
    model.board.create_group(console.run.id, step.id, "<b>Story</b>", [notes[4].id])
    console.live.options.set(board_mode="overview")
    qtbot.waitUntil(lambda: len(board.page().headings) == 3, timeout=3000)
    headings = [(h.text, h.detail) for h in board.page().headings]
    assert headings == [
        ("Courage", "4 notes"),
        ("<b>Story</b>", "1 note"),  # a name is text, never markup
        ("Not grouped", "4 notes"),
    ]
    # WHEN one group is opened large, only its notes are shown
    group = next(iter(console.live.boards.get(console.run, step).groups))
    console.live.options.set(board_mode="group", board_unit=("group", group))
    qtbot.waitUntil(lambda: board.mode == "group", timeout=3000)
    assert {c.note.id for c in board.page().cards} == {n.id for n in notes[:4]}
    assert board.band == "Courage · 4 notes"


def test_top_list_includes_ties_and_says_so(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    board = console.presenter.stage.view.board
    run_id = console.run.id
    notes = [
        r.note
        for r in model.board.add_notes([NoteRequest(run_id, step.id, f"n{i}") for i in range(8)])
    ]
    votes = [4, 3, 2, 1, 1, 1, 1, 0]  # the 4th..7th notes tie at one vote
    for note, count in zip(notes, votes, strict=True):
        for _ in range(count):  # one vote each, from people of their own
            model.board.vote(note.id, model.runs.join(run_id)[0].id)
    console.presenter.resize(1920, 1080)
    console.live.options.set(top_n=4)
    qtbot.waitUntil(lambda: board.mode == "top" and len(board.page().cards) == 7, timeout=3000)
    assert board.band == "Most votes: top 4: 7 notes, tied"
    assert [c.rank for c in board.page().cards] == [1, 2, 3, 4, 4, 4, 4]
    assert all(c.author == "" for c in board.page().cards)


def test_an_anonymous_board_shows_no_names_to_the_room(qapp, model):
    run, board = _room_run(model, 20)
    board = dataclasses.replace(board, settings={**board.settings, "anonymous": True})
    shot = Snapshot(model, run, board, (1920, 1080), mode="notes")
    try:
        cards = [c for page in shot.board.pages for c in page.cards]
        assert cards and all(c.author == "" for c in cards)
    finally:
        shot.close()


def test_the_clicker_turns_the_pages_before_the_next_step(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    fill_room_board(model, console.run.id, step, notes=60)
    board = console.presenter.stage.view.board
    console.presenter.resize(1920, 1080)
    console.live.options.set(board_mode="notes")
    qtbot.waitUntil(lambda: board.page_count > 1, timeout=5000)
    pages = board.page_count
    # WHEN the facilitator presses Next as many times as there are pages
    for page in range(1, pages):
        console.next()
        qtbot.waitUntil(lambda p=page: board.page_index == p, timeout=3000)
        assert console.step.id == step.id
    # THEN the last press moves to the next step; Previous from there goes back a step
    console.next()
    qtbot.waitUntil(lambda: console.step.position == step.position + 1, timeout=3000)
    console.previous()
    qtbot.waitUntil(lambda: console.step.id == step.id, timeout=3000)


def test_the_console_chooses_the_rooms_view_and_says_what_next_does(qtbot, model, tmp_path):
    from PySide6.QtCore import Qt

    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, "whiteboard")
    fill_room_board(model, console.run.id, step, notes=60)
    board = console.presenter.stage.view.board
    console.presenter.resize(1920, 1080)
    room = console.controls.room
    # GIVEN the board taking notes: the room sees the newest ones
    qtbot.waitUntil(lambda: board.page_count == 1 and board.mode == "arrival", timeout=5000)
    assert room.buttons["arrival"].isChecked() and room.where.text() == "newest notes"
    # WHEN the facilitator presses W (all notes)
    assert console.key_action(Qt.Key.Key_W)
    qtbot.waitUntil(lambda: board.mode == "notes" and board.page_count > 1, timeout=3000)
    # THEN the console says which page the room sees and what Next does
    qtbot.waitUntil(lambda: "page 1 of" in room.where.text(), timeout=3000)
    assert "Next (→) shows page 2" in room.where.text()
    for _ in range(board.page_count - 1):
        console.next()
    qtbot.waitUntil(lambda: "last page" in room.where.text(), timeout=3000)
    # AND O shows the overview; the group list opens one group large
    assert console.key_action(Qt.Key.Key_O)
    qtbot.waitUntil(lambda: board.mode == "overview", timeout=3000)
    three = [n.id for n in model.board.notes(console.run.id, step.id)[:3]]
    group = model.board.create_group(console.run.id, step.id, "Brave", three)
    qtbot.waitUntil(lambda: room.index_of(("group", group.id)) > 0, timeout=3000)
    room.units.setCurrentIndex(room.index_of(("group", group.id)))
    room.units.activated.emit(room.units.currentIndex())
    qtbot.waitUntil(lambda: board.mode == "group", timeout=3000)
    assert board.band.startswith("Brave · 3 notes")


def test_a_forty_character_name_stays_on_its_card(qapp, model):
    from PySide6.QtGui import QFontMetricsF

    from facilitator.ui.board_pages import AUTHOR_PX, PAD, font

    run, board = _room_run(model, 3)
    person, _ = model.runs.join(run.id, "W" * 40)
    model.board.add_note(NoteRequest(run.id, board.id, "Mine", participant_id=person.id))
    shot = Snapshot(model, run, board, (1920, 1080), mode="notes")
    try:
        card = next(c for c in shot.board.page().cards if c.note.participant_id == person.id)
        drawn = QFontMetricsF(font(AUTHOR_PX)).horizontalAdvance(card.author)
        # cut where this machine's face draws 40 W wider than the card (DejaVu Sans does)
        assert card.author.endswith("…") or card.author == "W" * 40
        assert drawn <= card.rect.width() - 2 * PAD
    finally:
        shot.close()


def test_a_board_not_yet_revealed_shows_blank_cards_in_every_view(qapp, model):
    workshop = demo_workshop(model.library)
    run = model.runs.start(workshop.id)
    board = next(s for s in model.runs.steps(run.id) if s.settings.get("reveal"))
    fill_room_board(model, run.id, board, notes=40)
    for mode in ("notes", "overview", "arrival", "top"):
        shot = Snapshot(model, run, board, (1920, 1080), mode=mode)
        try:
            assert shot.board.mode == "face_down" and shot.page_count == 1
            cards = shot.board.page().cards
            assert len(cards) == 40 and all(c.lines == () for c in cards)
            assert shot.board.band == "40 notes, face down until they are revealed"
        finally:
            shot.close()
    model.runs.set_step_state(run.id, board.id, revealed=True)
    shot = Snapshot(model, run, board, (1920, 1080), mode="notes")
    try:
        assert shot.board.mode == "notes" and all(c.lines for c in shot.board.page().cards)
    finally:
        shot.close()
