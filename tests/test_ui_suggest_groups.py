"""Suggest groups on the real console, with the real engine, on a board at room scale: the
overlay shows the proposal off the GUI thread; accepting all, one group, or a renamed group is
one board operation and one undo step, and undoing leaves the board exactly as it was; dismiss
changes nothing; the projector shows nothing of a proposal until it is accepted; the run's keys
still work while it is open; hostile text stays text; without the engine the console says why."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from ui_run_helpers import go_to_kind, start_demo

from facilitator.export.sample import fill_room_board
from facilitator.model.board import NoteRequest

K = Qt.Key
HOSTILE = [
    "<b>bold</b> staff burnout",
    "<script>alert(1)</script> staff burnout",
    "&amp; staff burnout &lt;",
    "Staff burnout 🔥🔥",
    "<img src=x onerror=alert(1)> burnout",
    "staff burnout, sickness and <i>leaving</i>",
    "ضغط العمل staff burnout",
]


def open_board(qtbot, model, tmp_path, notes=150, texts=()):
    """The console on the demo's first board, filled as a room of ``notes`` fills it (and with
    ``texts`` too), the window at a small laptop's size."""
    window, console = start_demo(qtbot, model, tmp_path)
    window.resize(1366, 698)
    step = next(s for s in console.steps if s.kind == "whiteboard")
    if notes:
        fill_room_board(model, console.run.id, step, notes=notes)
    for text in texts:
        model.board.add_note(NoteRequest(console.run.id, step.id, text))
    go_to_kind(qtbot, console, "whiteboard")
    scene = console.live.boards.get(console.run, step)
    qtbot.waitUntil(lambda: len(scene.notes) == notes + len(texts), timeout=5000)
    window.activateWindow()
    return window, console, step, scene


def press(window, key) -> None:
    QTest.keyClick(QApplication.focusWidget() or window, key)


def proposed(qtbot, console):
    """Q pressed on the console, and the overlay once its proposal is in."""
    suggest = console.controls.suggest
    press(console.window(), K.Key_Q)
    assert suggest.overlay is not None and suggest.overlay.message.text() == "Working on it…"
    qtbot.waitUntil(lambda: bool(suggest.overlay.cards), timeout=30000)
    return suggest.overlay


def settled(qtbot, scene) -> None:
    qtbot.waitUntil(lambda: scene.operations.idle, timeout=10000)


def board_state(model, console, step):
    """The notes' groups and places and the groups list, as stored."""
    notes = [
        (n.id, n.group_id, n.x, n.y, n.zone_id) for n in model.board.notes(console.run.id, step.id)
    ]
    groups = [(g.id, g.name) for g in model.board.groups(console.run.id, step.id)]
    return notes, groups


def test_accept_all_then_undo_leaves_the_board_exactly_as_it_was(qtbot, model, tmp_path):
    # GIVEN a 150-note board, with a proposal open over the console's board
    window, console, step, scene = open_board(qtbot, model, tmp_path)
    before = board_state(model, console, step)
    overlay = proposed(qtbot, console)
    cards = [(c.name_field.text(), set(c.proposed.note_ids)) for c in overlay.cards]
    assert len(cards) >= 3
    qtbot.waitUntil(lambda: all(q.isVisible() for c in overlay.cards for q in c.quotes))
    print(f"{len(cards)} groups proposed; {overlay.summary.text()}")
    # WHEN the facilitator accepts all
    overlay.accept_all.click()
    settled(qtbot, scene)
    qtbot.waitUntil(lambda: console.controls.suggest.overlay is None, timeout=5000)
    # THEN every proposed group is on the board, named as proposed, as one undo step
    groups = model.board.groups(console.run.id, step.id)
    stored = {n.id: n for n in model.board.notes(console.run.id, step.id)}
    assert sorted(g.name for g in groups) == sorted(name for name, _ in cards)
    by_name = {g.name: g.id for g in groups}
    for name, ids in cards:
        assert {stored[i].group_id for i in ids} == {by_name[name]}
    assert scene.undo.count() == 1 and set(scene.groups) == set(by_name.values())
    # AND no two notes overlap on the board laid out afresh
    papers = [(round(i.pos().x()), round(i.pos().y())) for i in scene.notes.values()]
    assert len(set(papers)) == len(papers)
    # WHEN it is undone, THEN the board is exactly as it was: groups, places, zones
    scene.undo.undo()
    settled(qtbot, scene)
    assert board_state(model, console, step) == before
    qtbot.waitUntil(lambda: not scene.groups, timeout=3000)
    assert all(item.note.group_id is None for item in scene.notes.values())


def test_rename_then_accept_one_group(qtbot, model, tmp_path):
    window, console, step, scene = open_board(qtbot, model, tmp_path)
    before = board_state(model, console, step)
    overlay = proposed(qtbot, console)
    first, second = overlay.cards[:2]
    # WHEN the first group is renamed in its field, then accepted alone
    first.name_field.setText("Courage & <b>candour</b> 🙂")
    first.button.click()
    settled(qtbot, scene)
    qtbot.waitUntil(lambda: first.accepted, timeout=5000)
    # THEN one group, of its notes, under the new name, is one undo step
    (group,) = model.board.groups(console.run.id, step.id)
    assert group.name == "Courage & <b>candour</b> 🙂"
    stored = {n.id: n for n in model.board.notes(console.run.id, step.id)}
    grouped = {i for i, n in stored.items() if n.group_id == group.id}
    assert grouped == set(first.proposed.note_ids)
    assert scene.undo.count() == 1
    # AND no other note moved; the overlay stays open with the others to accept
    moved = {
        n[0] for n, b in zip(board_state(model, console, step)[0], before[0], strict=True) if n != b
    }
    assert moved == grouped
    assert console.controls.suggest.overlay is overlay and not second.accepted
    assert second.button.isEnabled() and not first.button.isEnabled()
    # WHEN undone, THEN the board is as it was
    scene.undo.undo()
    settled(qtbot, scene)
    assert board_state(model, console, step) == before


def test_dismiss_changes_nothing_and_escape_closes_it(qtbot, model, tmp_path):
    window, console, step, scene = open_board(qtbot, model, tmp_path)
    before = board_state(model, console, step)
    overlay = proposed(qtbot, console)
    overlay.cards[0].name_field.setText("Renamed, never accepted")
    # WHEN it is dismissed by Escape (typing in a name field or not)
    overlay.cards[0].name_field.setFocus()
    QTest.keyClick(overlay.cards[0].name_field, K.Key_Escape)
    # THEN it is gone and nothing changed: no operation, nothing to undo
    assert console.controls.suggest.overlay is None
    settled(qtbot, scene)
    assert board_state(model, console, step) == before and scene.undo.count() == 0
    # AND the Dismiss button does the same
    overlay = proposed(qtbot, console)
    next(b for b in overlay.findChildren(type(overlay.accept_all)) if "Dismiss" in b.text()).click()
    assert console.controls.suggest.overlay is None
    assert board_state(model, console, step) == before


def snapshot_of(board):
    """What the projector's board shows: each page's headings and cards, and the picture."""
    pages = [
        ([(h.text, h.detail) for h in p.headings], [(c.note.id, c.rect) for c in p.cards])
        for p in board.pages
    ]
    return pages, board.grab().toImage()


def test_the_projector_shows_nothing_of_a_proposal_until_it_is_accepted(qtbot, model, tmp_path):
    window, console, step, scene = open_board(qtbot, model, tmp_path)
    console.presenter.resize(1280, 720)
    board = console.presenter.stage.view.board
    console.live.options.set(board_mode="overview")
    qtbot.waitUntil(lambda: board.mode == "overview", timeout=3000)
    qtbot.wait(200)
    pages, picture = snapshot_of(board)
    # WHEN a proposal is open on the console, renamed, fewer groups asked for
    overlay = proposed(qtbot, console)
    overlay.cards[0].name_field.setText("Only on the console")
    at_first = len(overlay.cards)
    overlay.fewer.click()
    qtbot.waitUntil(lambda: bool(overlay.cards) and overlay.level == -1, timeout=30000)
    assert len(overlay.cards) < at_first
    qtbot.wait(200)
    # THEN the projector's pages and picture are exactly as before
    now_pages, now_picture = snapshot_of(board)
    assert now_pages == pages and now_picture == picture
    assert board.page().headings[0].text == "Not grouped"
    # WHEN the facilitator accepts all, THEN the room sees the groups
    names = {c.name_field.text() for c in overlay.cards}
    overlay.accept_all.click()
    settled(qtbot, scene)
    shown = lambda: {h.text for p in board.pages for h in p.headings}  # noqa: E731
    qtbot.waitUntil(lambda: names <= shown(), timeout=5000)


def test_the_runs_keys_work_while_it_is_open(qtbot, model, tmp_path):
    window, console, step, scene = open_board(qtbot, model, tmp_path)
    overlay = proposed(qtbot, console)
    # WHEN a phone adds a note meanwhile, THEN the overlay says the proposal leaves it out
    model.board.add_note(NoteRequest(console.run.id, step.id, "Arrived late"))
    qtbot.waitUntil(lambda: overlay.stale.isVisible(), timeout=3000)
    assert overlay.stale.text().startswith("1 new note arrived since")
    # WHEN O is pressed with the overlay open, THEN the room's view changes, the overlay stays
    press(window, K.Key_O)
    assert console.live.options.board_mode == "overview"
    assert console.controls.suggest.overlay is overlay
    # AND Q asks again (the same level) and Right moves the run on, overlay and all
    press(window, K.Key_Q)
    assert overlay.message.text() == "Working on it…"
    press(window, K.Key_Right)
    qtbot.waitUntil(lambda: console.step.position == step.position + 1, timeout=3000)
    assert not any(isinstance(w, type(overlay)) for w in QApplication.allWidgets() if w.isVisible())
    qtbot.wait(300)  # the late proposal lands nowhere


def test_sort_into_my_groups_adds_new_notes_to_the_facilitators_groups(qtbot, model, tmp_path):
    # GIVEN a board the facilitator grouped by hand, and new notes like one of the groups
    burnout = [
        "Staff burnout",
        "burnout in the team",
        "Exhausted staff, burnout",
        "Staff are burnt out",
    ]
    window, console, step, scene = open_board(qtbot, model, tmp_path, notes=60, texts=burnout)
    ids = {item.note.text: i for i, item in scene.notes.items()}
    mine = model.board.make_group([ids[t] for t in burnout[:3]], "Burnout").groups_added[0]
    qtbot.waitUntil(lambda: mine.id in scene.groups, timeout=3000)
    before = board_state(model, console, step)
    overlay = proposed(qtbot, console)
    # THEN the board's own group is offered its new note, named as it is
    joining = overlay.joining()
    assert overlay.sort.isVisible() and overlay.sort.isEnabled()
    card = next(c for c in joining if c.proposed.group_id == mine.id)
    assert ids[burnout[3]] in card.proposed.note_ids and card.name_field is None
    # WHEN Sort into my groups, THEN only those notes join those groups, as one undo step
    overlay.sort.click()
    settled(qtbot, scene)
    stored = {n.id: n for n in model.board.notes(console.run.id, step.id)}
    assert stored[ids[burnout[3]]].group_id == mine.id
    assert len(model.board.groups(console.run.id, step.id)) == len(
        {c.proposed.group_id for c in joining}
    )
    assert scene.undo.count() == 1 and all(c.accepted for c in joining)
    scene.undo.undo()
    settled(qtbot, scene)
    assert board_state(model, console, step) == before


def test_hostile_text_in_labels_and_notes_stays_text(qtbot, model, tmp_path):
    texts = HOSTILE * 2 + ["Phones ringing all morning", "phone queues at 8am", "Phone lines"]
    window, console, step, scene = open_board(qtbot, model, tmp_path, notes=30, texts=texts)
    overlay = proposed(qtbot, console)
    # THEN every label of the overlay reads plain text, and the fields show the text as it is
    labels = overlay.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    fields = [c.name_field.text() for c in overlay.cards]
    print("labels:", fields)
    assert any("<" in f or "&" in f or "🔥" in f for f in fields), fields
    for card in overlay.cards:
        assert card.name_field.text() == card.proposed.label
        for quote, note_id in zip(card.quotes, card.proposed.note_ids, strict=False):
            assert quote.full == "• " + " ".join(scene.notes[note_id].note.text.split())
    # AND accepting keeps each name exactly as text
    names = [c.name_field.text() for c in overlay.cards]
    overlay.accept_all.click()
    settled(qtbot, scene)
    assert sorted(g.name for g in model.board.groups(console.run.id, step.id)) == sorted(names)


def test_without_the_engine_the_console_says_why_and_the_action_is_off(
    qtbot, model, tmp_path, monkeypatch
):
    # GIVEN an installation whose ONNX runtime cannot be loaded
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    window, console, step, scene = open_board(qtbot, model, tmp_path, notes=10)
    suggest = console.controls.suggest
    # THEN the console says why in one sentence, and the action is off with that tooltip
    qtbot.waitUntil(lambda: not suggest.action.isEnabled(), timeout=5000)
    sentence = suggest.notice.text()
    assert sentence.startswith("Suggesting groups needs onnxruntime") and sentence.endswith(".")
    assert suggest.notice.isVisible() and "Traceback" not in sentence
    assert suggest.action.toolTip() == sentence and suggest.button.toolTip() == sentence
    # AND Q opens nothing
    press(window, K.Key_Q)
    assert suggest.overlay is None
