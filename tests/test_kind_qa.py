"""The Q&A kind end to end: questions are notes and upvotes are votes (one per person per
question, on as many questions as they like) through the board's routes on a real server; the
facilitator marks "now answering" and "answered" from the console (A, D, H, L); anonymous by
default everywhere but the console; the projector shows 60 questions from 150 phones legibly at
1920x1080 and 1366x768 (read back by tesseract); the summary, CSV and JSON hold every question
with its upvotes; hostile text stays text; closing refuses questions and upvotes with 409; and
a phone in headless Chromium asks and upvotes from the page."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess

import pytest
from test_web_support import phone, start_server

from facilitator.export.raw import write_csv, write_json
from facilitator.export.summary import write_summary
from facilitator.model.board import NoteRequest
from facilitator.model.errors import Conflict
from facilitator.model.kinds import qa
from facilitator.model.records import NoteInfo

HOSTILE = "<b>x</b> =1+1 &amp; 🎉"


def qa_workshop(model, **settings) -> int:
    """A workshop of a whiteboard with two dots each, then a Q&A of ``settings``."""
    ws = model.library.create_workshop("Spreading change")
    model.library.add_step(ws.id, "whiteboard", title="Ideas", settings={"votes": 2})
    model.library.add_step(
        ws.id, "qa", title="Your questions", prompt="Ask the panel.", settings=settings
    )
    return ws.id


def qa_run(model, **settings):
    """A started run whose current step is the Q&A of :func:`qa_workshop`."""
    run = model.runs.start(qa_workshop(model, **settings))
    board, step = model.runs.steps(run.id)
    model.runs.go_to(run.id, step.position)
    return run, step, board


def ask(model, run, step, person, text):
    request = NoteRequest(run.id, step.id, text, participant_id=person.id)
    return model.board.add_note(request).note


def post(client, step, text, n=0):
    return client.post(f"/api/steps/{step.id}/notes", json={"client_id": f"c{n}", "text": text})


# -- the model: marks, order, the vote budget --------------------------------------------------
def test_answering_another_makes_the_previous_one_answered():
    data = qa.start_answering(5)({})
    assert data == {"answering": 5, "answered": []}
    data = qa.start_answering(7)(data)
    assert data == {"answering": 7, "answered": [5]}
    assert qa.toggle_answered(7)(data) == {"answering": None, "answered": [5, 7]}
    assert qa.toggle_answered(5)(data) == {"answering": 7, "answered": []}  # open again
    assert qa.start_answering(5)(data) == {"answering": 5, "answered": [7]}  # taken up again
    assert qa.start_answering(7)(data) == {"answering": None, "answered": [5]}  # mark taken back
    assert qa.answering_of({"answering": True}) is None
    assert qa.answered_of({"answered": ["7", 8.0, 9]}) == {9}


def test_the_room_reads_them_answering_first_then_by_upvotes_answered_last():
    def note(i, votes):
        return NoteInfo(i, 1, 1, None, "", None, f"q{i}", "yellow", None, None, None, None,
                        False, votes, 0.0, 0.0)  # fmt: skip

    notes = [note(1, 3), note(2, 9), note(3, 3), note(4, 0), note(5, 12)]
    order = qa.room_order(notes, {"answering": 4, "answered": [5]})
    assert [n.id for n in order] == [4, 2, 1, 3, 5]  # ties: the oldest first
    assert [n.id for n in qa.by_upvotes(notes)] == [5, 2, 1, 3, 4]


def test_the_vote_budget_is_the_kinds_and_a_closed_step_takes_no_votes(model):
    run, step, board = qa_run(model)
    ana, _ = model.runs.join(run.id)
    # a whiteboard keeps its dots: two each
    ideas = [ask(model, run, board, ana, f"idea {i}") for i in range(3)]
    model.board.vote(ideas[0].id, ana.id)
    model.board.vote(ideas[1].id, ana.id)
    with pytest.raises(Conflict, match="all 2 of your votes"):
        model.board.vote(ideas[2].id, ana.id)
    # a Q&A has no limit: one upvote on each question, twice is still one; own ones count
    questions = [ask(model, run, step, ana, f"question {i}") for i in range(12)]
    for q in questions:
        model.board.vote(q.id, ana.id)
        assert model.board.vote(q.id, ana.id).votes == 1
    assert len(model.board.my_votes(step.id, ana.id)) == 12
    # closed: no upvote given or taken back
    model.runs.set_step_state(run.id, step.id, locked=True)
    for change in (model.board.vote, model.board.unvote):
        with pytest.raises(Conflict, match="closed"):
            change(questions[0].id, ana.id)
    assert model.board.note(questions[0].id).votes == 1


# -- phones through the real server ------------------------------------------------------------
def test_phones_ask_and_upvote_through_the_routes_anonymously(model):
    run, step, _ = qa_run(model)
    server = start_server(model, run.id)
    try:
        ana, ben, cat = (phone(server, run, name) for name in ("Ana Lopez", "Ben Hughes", "Cat"))
        # GIVEN three phones, two of them ask
        first = post(ana, step, HOSTILE).json()["note"]
        assert post(ana, step, HOSTILE).status_code == 200  # the same client id: once
        second = post(ben, step, "Who funds the pilot?", 1).json()["note"]
        # WHEN people upvote (Ana her own too; Ben twice)
        for client, note in ((ana, first), (ben, first), (ben, first), (cat, first), (cat, second)):
            assert client.post(f"/api/notes/{note['id']}/votes").status_code == 200
        taken = ben.delete(f"/api/notes/{second['id']}/votes").json()  # never voted: no-op
        assert taken["note"]["votes"] == 1 and taken["my_votes"] == [first["id"]]
        # THEN the counts are exact and phones see no one else's name
        state = cat.get("/api/state").json()
        assert state["step"]["kind"] == "qa" and state["step"]["anonymous"] is True
        assert {n["text"]: n["votes"] for n in state["notes"]} == {
            HOSTILE: 3,
            "Who funds the pilot?": 1,
        }
        assert all(n["author"] == "" and n["participant_id"] is None for n in state["notes"])
        assert sorted(state["my_votes"]) == sorted([first["id"], second["id"]])
        own = ana.get("/api/state").json()["notes"]
        assert [n["author"] for n in own if n["id"] == first["id"]] == ["Ana Lopez"]
        # WHEN the facilitator answers one and hides the other
        model.runs.update_step_data(run.id, step.id, qa.start_answering(first["id"]))
        model.board.set_hidden(second["id"], True)
        state = cat.get("/api/state").json()
        assert state["step"]["answering"] == first["id"] and state["step"]["answered"] == []
        assert [n["id"] for n in state["notes"]] == [first["id"]]
        assert cat.post(f"/api/notes/{second['id']}/votes").status_code == 404
        mine = ben.get("/api/state").json()["notes"]  # its asker still sees it, marked hidden
        assert [(n["id"], n["hidden"]) for n in mine] == [
            (first["id"], False),
            (second["id"], True),
        ]
        results = cat.get(f"/api/steps/{step.id}/results").json()["results"]
        assert results["now_answering"] == first["id"]
        # WHEN the facilitator closes the Q&A: no question, no upvote, no taking one back
        model.runs.set_step_state(run.id, step.id, locked=True)
        for refused in (
            post(cat, step, "Late?", 2),
            cat.post(f"/api/notes/{first['id']}/votes"),
            ana.delete(f"/api/notes/{first['id']}/votes"),
        ):
            assert refused.status_code == 409 and refused.json()["error"].endswith(".")
        assert model.board.note(first["id"]).votes == 3
    finally:
        server.stop()


def test_a_named_qa_shows_names_to_the_phones(model):
    run, step, _ = qa_run(model, anonymous=False)
    server = start_server(model, run.id)
    try:
        ana, ben = phone(server, run, "Ana Lopez"), phone(server, run, "Ben Hughes")
        post(ana, step, "Named?")
        notes = ben.get("/api/state").json()["notes"]
        assert [n["author"] for n in notes] == ["Ana Lopez"]
    finally:
        server.stop()


# -- the summary, CSV and JSON -----------------------------------------------------------------
def fill(model, run, step, *, questions=60, people=150, top=40):
    """``questions`` from ``people``, upvotes falling off from the fourth question's ``top``;
    the fifth being answered, the 11th to 13th answered. Returns the notes and the people."""
    who = [model.runs.join(run.id, f"Person {i:03d}")[0] for i in range(people)]
    texts = [HOSTILE] + [
        f"Question number {i} about spreading change?" for i in range(1, questions)
    ]
    notes = [ask(model, run, step, who[i * 2 % people], t) for i, t in enumerate(texts)]
    for i, note in enumerate(notes):
        for person in who[: max(0, top - 2 * abs(i - 3))] if i < 20 else who[: i % 3]:
            model.board.vote(note.id, person.id)
    for note in notes[10:13]:
        model.runs.update_step_data(run.id, step.id, qa.toggle_answered(note.id))
    model.runs.update_step_data(run.id, step.id, qa.start_answering(notes[4].id))
    return [model.board.note(n.id) for n in notes], who


def test_the_summary_csv_and_json_hold_every_question_and_its_upvotes(model, tmp_path):
    run, step, _ = qa_run(model)
    notes, who = fill(model, run, step, questions=12, people=12, top=10)
    model.board.set_hidden(notes[-1].id, True)
    pdf = write_summary(model, run.id, tmp_path / "s.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "11 questions from 6 people" in flat and "1 hidden question not shown" in flat
    assert f"{HOSTILE} 4 upvotes" in flat  # the literal text, with its count
    assert "Question number 4 about spreading change? 8 upvotes · answered" in flat  # answering
    assert "Question number 10 about spreading change? 0 upvotes · answered" in flat
    assert "48 upvotes; 2 answered" in flat
    assert flat.index("Question number 3 ") < flat.index("Question number 2 ")  # by upvotes
    assert "Person" not in flat.split("2. Your questions")[1]  # anonymous: no names
    with write_csv(model, run.id, tmp_path / "r.csv").open(encoding="utf-8-sig") as handle:
        mine = [r for r in csv.DictReader(handle) if r["kind"] == "qa"]
    assert len(mine) == 12 and all(r["author"] == "" for r in mine)  # hidden one included
    assert {r["text"]: int(r["votes"]) for r in mine}[HOSTILE] == 4
    document = json.loads(write_json(model, run.id, tmp_path / "r.json").read_text("utf-8"))
    (qa_step,) = [s for s in document["steps"] if s["kind"] == "qa"]
    assert qa_step["results"]["now_answering"] == notes[4].id
    assert qa_step["results"]["answered_questions"] == [n.id for n in notes[10:13]]
    assert all(n["author"] == "" and n["participant_id"] is None for n in qa_step["notes"])


# -- the projector, the console and the editor -------------------------------------------------
def ocr(image, path) -> str:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract (tesseract-ocr) is needed to read the projector picture back")
    assert image.convertToFormat(image.Format.Format_Grayscale8).save(str(path), "PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # faster on a busy machine
    read = subprocess.run(["tesseract", str(path), "-"], capture_output=True, text=True, env=env)
    return " ".join(read.stdout.split())


def test_the_projector_shows_sixty_questions_from_150_phones_legibly(qapp, model, tmp_path):
    from facilitator.ui.snapshot import Snapshot

    run, step, _ = qa_run(model)
    notes, _ = fill(model, run, step, top=20)
    for size in ((1920, 1080), (1366, 768)):
        shot = Snapshot(model, model.runs.run(run.id), step, size)
        try:
            view = shot.stage.view
            image = shot.picture()
            listed = view.questions
            assert listed.unit * 28 >= 28 * size[1] / 1080 - 0.5 and 5 <= listed.shown < 59
            words = ocr(image, tmp_path / f"{size[0]}.png")
        finally:
            shot.close()
        assert "Now answering" in words and "Question number 4 about spreading change?" in words
        # hostile text as typed (OCR reads "=1+1" beside the emoji as "=14+1" at 768 lines)
        assert "<b>x</b>" in words and "&amp;" in words
        assert f"and {59 - listed.shown} more questions" in words
        assert "60 questions" in words and "3 answered" in words
        assert "Person" not in words  # anonymous: no names on the projector


def test_the_console_marks_questions_with_its_keys(qapp, model):
    from PySide6.QtCore import Qt

    from facilitator.ui.bridge import EventBridge
    from facilitator.ui.kinds.base import StageLive
    from facilitator.ui.kinds.qa import QaStage
    from facilitator.ui.kinds.qa_controls import QaControls

    run, step, _ = qa_run(model)
    ana, _ = model.runs.join(run.id, "Ana Lopez")
    low, top = ask(model, run, step, ana, "Low?"), ask(model, run, step, ana, HOSTILE)
    model.board.vote(top.id, ana.id)
    bridge = EventBridge(model.bus)
    live = StageLive(model, bridge)
    controls, stage = QaControls(step, run, live), QaStage(step, run, live)

    def data():
        return model.runs.step_state(run.id, step.id).data

    try:
        # the console shows names and upvotes, in the room's order
        assert controls.list.item(0).text() == f"▲ 1   {HOSTILE}\n— Ana Lopez"
        # A with nothing selected takes the top open question; the projector shows it large
        assert controls.key_action(Qt.Key.Key_A)
        assert data() == {"answering": top.id, "answered": []}
        controls.refresh(), stage.refresh()
        assert stage.answering_text.text() == HOSTILE and not stage.answering.isHidden()
        assert stage.answering_votes.text() == "▲ 1 upvote"  # no name: anonymous
        # A on another: the first is answered; D marks the one being answered answered
        controls.list.item(1).setSelected(True)
        controls.key_action(Qt.Key.Key_A)
        assert data() == {"answering": low.id, "answered": [top.id]}
        controls.list.clearSelection()
        controls.key_action(Qt.Key.Key_D)
        assert data() == {"answering": None, "answered": [low.id, top.id]}
        # H hides the selected question; L closes the step
        controls.refresh()
        controls.list.item(0).setSelected(True)
        controls.key_action(Qt.Key.Key_H)
        assert model.board.note(top.id).hidden
        controls.key_action(Qt.Key.Key_L)
        assert model.runs.step_state(run.id, step.id).locked
        controls.refresh()
        assert controls.close_button.text() == "Open again (L)"
        assert "(hidden)" in controls.list.item(0).text() and not controls.key_action(Qt.Key.Key_Q)
    finally:
        controls.detach(), stage.detach()
        bridge.close()


def test_the_editor_sets_anonymous_and_says_what_phones_show(qapp, model):
    from facilitator.ui.editor_kinds.qa import QaEditor

    run, step, _ = qa_run(model)
    assert step.settings == {"anonymous": True}  # the default, stored
    editor = QaEditor(model.library)
    edits = []
    editor.edited.connect(lambda fields, now: edits.append(fields))
    editor.load(step)
    assert editor.anonymous.isChecked() and not edits
    editor.anonymous.setChecked(False)
    assert edits == [{"settings": {"anonymous": False}}]
    assert "No names" in QaEditor.phone_summary(step)


# -- the phone page ----------------------------------------------------------------------------
def test_a_phone_asks_and_upvotes_on_the_page(browser, model):
    from playwright.sync_api import expect

    run, step, _ = qa_run(model)
    other, _ = model.runs.join(run.id, "Ben Hughes")
    theirs = ask(model, run, step, other, HOSTILE)
    server = start_server(model, run.id)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(server.join_url)
        items = page.locator("#qa-list li.qa-q")
        expect(items).to_have_count(1)
        expect(items.first.locator(".qa-text")).to_have_text(HOSTILE)  # text, never markup
        assert page.locator("#qa-list b").count() == 0 and "Ben" not in items.first.inner_text()
        # WHEN the phone asks a question from the box
        page.get_by_label("Ask a question").fill("Slides afterwards?")
        page.get_by_role("button", name="Send question").click()
        mine = items.filter(has_text="Slides afterwards?")
        expect(mine.locator(".qa-yours")).to_have_text("Yours")
        # WHEN it upvotes the other question: pressed, with the count
        button = items.filter(has_text="=1+1").locator(".qa-up")
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_contain_text("1")
        assert model.board.note(theirs.id).votes == 1
        # THEN the facilitator's "now answering" reaches the page live, first in the list
        model.runs.update_step_data(run.id, step.id, qa.start_answering(theirs.id))
        expect(items.first.locator(".qa-now")).to_have_text("Now answering")
        model.runs.update_step_data(run.id, step.id, qa.toggle_answered(theirs.id))
        expect(items.last.locator(".qa-tag").first).to_have_text("Answered")
        expect(items.first).to_contain_text("Slides afterwards?")
    finally:
        context.close()
        server.stop()


def test_the_run_console_runs_a_qa_with_its_keys(qtbot, model, tmp_path):
    from PySide6.QtCore import Qt
    from ui_run_helpers import open_window

    from facilitator.ui.kinds.qa import QaStage
    from facilitator.ui.kinds.qa_controls import QaControls

    window = open_window(qtbot, model, tmp_path)
    window.start_run(qa_workshop(model))
    console = window.console
    target = next(s for s in console.steps if s.kind == "qa")
    console.go_to(target.position)
    qtbot.waitUntil(lambda: isinstance(console.controls, QaControls), timeout=3000)
    ana, _ = model.runs.join(console.run.id, "Ana Lopez")
    ask(model, console.run, target, ana, "From the floor?")
    qtbot.waitUntil(lambda: console.controls.list.count() == 1, timeout=3000)
    assert console.notes.list.count() == 1  # the incoming notes pane lists it too, with hide
    assert console.key_action(Qt.Key.Key_A)
    stage = console.presenter.stage.view
    assert isinstance(stage, QaStage)
    qtbot.waitUntil(lambda: stage.answering_text.text() == "From the floor?", timeout=3000)
