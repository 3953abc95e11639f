"""The ranking kind end to end: phones put the items in order through the one route on a real
server, the tally is exact, closing gives 409 and hidden results 403; the projector (read back
by OCR), the summary and handout PDFs (pdftotext), the CSV and JSON, the editor and the console
show it; hostile item text stays text everywhere; a phone in Chromium ranks from the page."""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess

import httpx
import pytest
from test_web_support import phone, start_server

from facilitator.export import write_csv, write_handout, write_json, write_summary
from facilitator.model import kinds
from facilitator.model.errors import InvalidInput
from facilitator.model.records import ResponseInfo
from facilitator.model.responses import AnswerRequest, results_shown

ITEMS = ["Leadership", "<b>Value</b>", "=1+1", "&amp; networks 🙂"]
# four people's orders (item indexes, first = most important); the last one changes its mind
ORDERS = [[0, 1, 2, 3], [1, 0, 2, 3], [0, 2, 1, 3], [3, 0, 1, 2]]
CHANGED = [1, 0, 3, 2]
FINAL = [*ORDERS[:3], CHANGED]  # averages 1.5, 1.75, 3.0, 3.75
PHRASE = "spread and adoption through networks that cross borders "
LONG = [(f"Item {i}: " + PHRASE * 3)[:120].strip() for i in range(10)]  # as long as allowed

BAD_ITEMS = [
    (["Only one"], "2 to 10 items"),
    ([f"item {i}" for i in range(11)], "2 to 10 items"),
    (["Value", "value "], "twice"),
    (["Value", "   "], "needs some text"),
    (["Value", "x" * 121], "at most 120"),
    (["Value", 3], "must be text"),
]

BAD_ORDERS = [
    {"order": [0, 1, 2]},
    {"order": [0, 1, 2, 2]},
    {"order": [0, 1, 2, 4]},
    {"order": [0, 1, 2, 3, 3]},
    {"order": [-1, 0, 1, 2]},
    {"order": ["0", 1, 2, 3]},
    {"order": [True, 0, 1, 2]},
    {"order": [0.0, 1, 2, 3]},
    {"order": "0123"},
    {"order": [[0], 1, 2, 3]},
    {"order": list(range(500))},
    {"order": [0, 1, 2, 3], "choices": [1]},
    {},
]


def ranking_run(model, items=ITEMS, **settings):
    """A run of a new workshop whose second step ranks ``items``, on that step."""
    ws = model.library.create_workshop("Spreading change")
    model.library.add_step(ws.id, "info", title="Welcome")
    model.library.add_step(
        ws.id,
        "ranking",
        title="What matters most?",
        prompt="The most important first.",
        settings={"items": items, **settings},
    )
    run = model.runs.start(ws.id)
    model.runs.go_to(run.id, 1)
    return run, model.runs.steps(run.id)[1]


def room_answers(model, run, step, people=150, seed=5):
    """``people`` join and rank, roughly agreeing (their answers stored in one transaction)."""
    rng = random.Random(seed)
    n = len(step.settings["items"])
    requests = []
    for _ in range(people):
        p, _token = model.runs.join(run.id)
        order = sorted(range(n), key=lambda i: i + rng.gauss(0, 2))
        requests.append(AnswerRequest(run.id, step.id, p.id, {"order": order}))
    assert not [r for r in model.responses.answer_many(requests) if isinstance(r, Exception)]


@pytest.fixture
def ranked(model):
    run, step = ranking_run(model)
    server = start_server(model, run.id)
    yield model, run, step, server
    server.stop()


def answer(client, step, order):
    return client.put(f"/api/steps/{step.id}/response", json={"answer": {"order": order}})


def test_items_that_make_no_ranking_are_refused_with_a_sentence(model):
    ws = model.library.create_workshop("W")
    for items, words in BAD_ITEMS:
        with pytest.raises(InvalidInput) as problem:
            model.library.add_step(ws.id, "ranking", title="R", settings={"items": items})
        assert problem.value.message.startswith("items: ") and words in problem.value.message


def test_four_phones_rank_and_the_tally_is_exact(ranked):
    model, run, step, server = ranked
    phones = [phone(server, run) for _ in ORDERS]
    for client, order in zip(phones, ORDERS, strict=True):
        assert answer(client, step, order).status_code == 200
    assert answer(phones[-1], step, CHANGED).json()["answer"] == {"order": CHANGED}
    # THEN (orders 0123, 1023, 0213, 1032): item 0 places 1,2,1,2; item 1 places 2,1,3,1 ...
    results = phones[0].get(f"/api/steps/{step.id}/results").json()["results"]
    assert results["answered"] == 4
    assert [it["index"] for it in results["items"]] == [0, 1, 2, 3]
    assert [it["average"] for it in results["items"]] == [1.5, 1.75, 3.0, 3.75]
    # Borda: 3 points for a first place ... 0 for a last, out of 4 people x 3 points
    assert [round(it["score"] * 12) for it in results["items"]] == [10, 9, 4, 1]
    assert [it["text"] for it in results["items"]] == ITEMS  # the phones see the text as typed
    assert "ranks" not in results["items"][0]  # phones get the order and bars only
    full = model.responses.tally(step, run.id)
    assert full["items"][0]["ranks"] == [2, 2, 0, 0] and full["items"][0]["count"] == 4


def test_ties_keep_the_items_own_order_and_nobody_means_no_figures():
    spec = kinds.get("ranking")
    settings = {"items": ["A", "B", "C"]}
    empty = spec.count(settings, [])
    assert empty == {
        "answered": 0,
        "items": [
            {"index": i, "text": t, "count": 0, "average": None, "score": 0.0, "ranks": [0, 0, 0]}
            for i, t in enumerate("ABC")
        ],
    }
    tied = [
        ResponseInfo(1, 1, pid, "x", {"order": o}) for pid, o in ((1, [2, 1, 0]), (2, [1, 2, 0]))
    ]
    assert [it["text"] for it in spec.count(settings, tied)["items"]] == ["B", "C", "A"]


def test_an_order_that_is_not_every_item_once_gets_422_with_a_sentence(ranked):
    model, run, step, server = ranked
    client = phone(server, run)
    for bad in BAD_ORDERS:
        refused = client.put(f"/api/steps/{step.id}/response", json={"answer": bad})
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["error"].endswith(".")
    assert model.responses.answers(run.id, step.id) == []


def test_closing_gives_409_and_hidden_results_403(ranked):
    model, run, step, server = ranked
    sam, ali = phone(server, run), phone(server, run)
    assert answer(sam, step, ORDERS[0]).status_code == 200
    assert sam.get(f"/api/steps/{step.id}/results").status_code == 200  # live by default
    boss = httpx.Client(
        base_url=server.room_url, timeout=10, headers={"Authorization": f"Bearer {run.remote_key}"}
    )
    assert boss.post("/api/remote/results", json={"shown": False}).status_code == 200
    hidden = ali.get(f"/api/steps/{step.id}/results")
    assert hidden.status_code == 403 and hidden.json()["error"].endswith(".")
    assert boss.post("/api/remote/answers", json={"open": False}).status_code == 200
    for client in (sam, ali):
        refused = answer(client, step, CHANGED)
        assert refused.status_code == 409 and "closed" in refused.json()["error"]
    assert model.responses.tally(step, run.id)["items"][0]["average"] == 1


def test_results_can_start_hidden_until_shown(model):
    run, step = ranking_run(model, results="hidden")
    state = model.runs.step_state(run.id, step.id)
    assert results_shown(step, state) is False


def test_the_projector_shows_ten_items_legibly_in_the_rooms_order(model):
    from facilitator.ui.snapshot import Snapshot

    # GIVEN 150 people who ranked ten long items
    run, step = ranking_run(model, items=LONG)
    room_answers(model, run, step)
    for size in ((1920, 1080), (1366, 768)):
        shot = Snapshot(model, run, step, size)
        try:
            stage = shot.stage.view
            chart = stage.chart
            # THEN every row fits the chart, the chart the stage, the text >= 28 px at 1080 lines
            rows = len(chart.rows)
            assert rows == 10 and chart.figures
            assert rows * chart.row_height() + (rows - 1) * chart.gap() <= chart.height() + 0.5
            assert chart.geometry().bottom() <= stage.height()
            font = chart.fitted_font(chart.row_height())
            assert font.pixelSize() >= 28 * stage.unit - 0.5
            averages = [r.average for r in chart.rows]
            assert averages == sorted(averages)  # the room's order, best first
        finally:
            shot.close()


def ocr(image_path) -> str:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract (tesseract-ocr) is needed to read the projector picture back")
    read = subprocess.run(["tesseract", str(image_path), "-"], capture_output=True, text=True)
    return " ".join(read.stdout.split())


def test_the_projector_reads_back_with_hostile_text_shown_and_hidden(model, tmp_path):
    from facilitator.ui.snapshot import Snapshot

    run, step = ranking_run(model)
    for order in FINAL:
        model.responses.answer(run.id, step.id, model.runs.join(run.id)[0].id, {"order": order})
    pictures = []
    for shown in (True, False):
        if not shown:
            model.runs.toggle_step_state(run.id, step.id, "results_shown")
        shot = Snapshot(model, run, step, (1920, 1080))
        try:
            pictures.append(tmp_path / f"shown-{shown}.png")
            assert shot.picture().save(str(pictures[-1]), "PNG")
        finally:
            shot.close()
    live, kept = ocr(pictures[0]), ocr(pictures[1])
    assert "Average rank of 4 people" in live and "<b>Value</b>" in live and "=1+1" in live
    assert "1.5" in live and "3.8" in live  # 3.75 to one decimal
    assert "4 people have ranked" in kept and "<b>Value</b>" in kept
    assert "1.5" not in kept and "3.8" not in kept


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def test_summary_handout_csv_and_json_hold_the_rooms_order(model, tmp_path):
    run, step = ranking_run(model)
    for order in FINAL:
        model.responses.answer(run.id, step.id, model.runs.join(run.id)[0].id, {"order": order})
    summary = pdf_text(write_summary(model, run.id, tmp_path / "summary.pdf"))
    assert "4 people ranked the items" in summary
    lines = [line for line in summary.splitlines() if any(t in line for t in ITEMS)]
    assert [next(t for t in ITEMS if t in line) for line in lines[-4:]] == ITEMS
    assert "1.5" in lines[-4] and "1.8" in lines[-3] and "3.0" in lines[-2]
    assert "&amp; networks" in summary and "<b>Value</b>" in summary
    handout = pdf_text(write_handout(model, run.workshop_id, tmp_path / "handout.pdf"))
    assert "Number the items from 1" in handout and all(t in handout for t in ITEMS[:3])
    # CSV: one line per item in the room's order; share = the average rank to one decimal
    path = write_csv(model, run.id, tmp_path / "run.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "ranking"]
    assert [r["text"] for r in rows] == ["Leadership", "<b>Value</b>", "'=1+1", ITEMS[3]]
    assert [r["share"] for r in rows] == ["1.5", "1.8", "3.0", "3.8"]
    assert {r["count"] for r in rows} == {"4"}
    doc = json.loads(write_json(model, run.id, tmp_path / "run.json").read_text("utf-8"))
    mine = next(s for s in doc["steps"] if s["kind"] == "ranking")
    assert len(mine["responses"]) == 4 and mine["results"]["items"][0]["average"] == 1.5


def test_the_editor_keeps_items_one_per_line_and_says_what_is_wrong(qtbot, model):
    from facilitator.ui.editor_kinds import editor_for

    run, step = ranking_run(model)
    editor = editor_for("ranking")(model.library)
    qtbot.addWidget(editor)
    editor.load(step)
    assert editor.items.toPlainText() == "\n".join(ITEMS)
    assert editor.phone_summary(step).startswith("4 items to put in order")
    got = []
    editor.edited.connect(lambda fields, now: got.append(fields))
    editor.items.setPlainText("Value\n\n  value ")
    assert got == [] and "twice" in editor.note.text()
    editor.items.setPlainText("Value\n  Networks   of  care\nLeadership")
    assert got[-1] == {"settings": {"items": ["Value", "Networks of care", "Leadership"]}}
    editor.hidden.setChecked(True)
    assert got[-1] == {"settings": {"results": "hidden"}}


def test_the_console_names_the_top_item(qtbot, model):
    from facilitator.ui.bridge import EventBridge
    from facilitator.ui.kinds import get
    from facilitator.ui.kinds.base import StageLive

    run, step = ranking_run(model)
    bridge = EventBridge(model.bus)
    controls = get("ranking").controls(step, run, StageLive(model, bridge))
    qtbot.addWidget(controls)
    assert controls.top.text() == "Nobody has ranked yet."
    for order in FINAL:
        model.responses.answer(run.id, step.id, model.runs.join(run.id)[0].id, {"order": order})
    controls.refresh()
    assert controls.top.text() == "Top: Leadership  (average rank 1.5)"
    assert controls.order.text().splitlines()[1] == "2. <b>Value</b>  (1.8)"
    controls.detach()
    bridge.close()


def test_a_phone_ranks_from_the_page(browser, ranked, tmp_path):
    model, run, step, server = ranked
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.join_url)
    # GIVEN the items in their own order, the hostile ones as plain text
    page.get_by_role("button", name="Move =1+1 up").wait_for()
    texts = page.locator(".rank li .text")
    assert texts.all_inner_texts() == ITEMS
    # WHEN the person moves items with Up and Down alone, then sends
    page.get_by_role("button", name="Move &amp; networks 🙂 up").click()
    page.get_by_role("button", name="Move Leadership down").click()
    assert texts.all_inner_texts() == [ITEMS[1], ITEMS[0], ITEMS[3], ITEMS[2]]
    page.get_by_role("button", name="Send my order").click()
    page.get_by_text("Thank you: your order is saved").wait_for()
    assert model.responses.answers(run.id, step.id)[0].answer == {"order": [1, 0, 3, 2]}
    page.screenshot(path=str(tmp_path / "phone-ranking.png"), full_page=True)
    # AND drags the last item to the top by its grip (a mouse here, a finger on a phone)
    page.get_by_role("heading", name="What matters most?").scroll_into_view_if_needed()
    grip = page.locator(".rank li").nth(3).locator(".grip").bounding_box()
    top = page.locator(".rank li").first.bounding_box()
    page.mouse.move(grip["x"] + 10, grip["y"] + 10)
    page.mouse.down()
    page.mouse.move(grip["x"] + 10, top["y"] + 4, steps=6)
    page.mouse.up()
    assert texts.all_inner_texts() == [ITEMS[2], ITEMS[1], ITEMS[0], ITEMS[3]]
    page.get_by_text("Not sent yet. Your saved order:").wait_for()
    page.get_by_role("button", name="Change my order").click()
    page.get_by_text("Thank you: your order is saved").wait_for()
    assert model.responses.answers(run.id, step.id)[0].answer == {"order": [2, 1, 0, 3]}
    # THEN the room's order shows with bars; once closed the order is read-only
    page.locator("#results .rank-results li").first.wait_for()
    model.runs.toggle_step_state(run.id, step.id, "locked")
    page.get_by_text("This step is closed").wait_for()
    assert page.locator(".rank button").count() == 0 and page.locator(".rank .grip").count() == 0
    assert texts.all_inner_texts() == [ITEMS[2], ITEMS[1], ITEMS[0], ITEMS[3]]
    # AND at 320 px nothing sticks out of the screen
    page.set_viewport_size({"width": 320, "height": 640})
    model.runs.toggle_step_state(run.id, step.id, "locked")
    page.get_by_role("button", name="Move Leadership up").wait_for()
    for box in page.locator(".rank li, .rank button").all():
        assert box.bounding_box()["x"] + box.bounding_box()["width"] <= 320.5
    assert errors == []
