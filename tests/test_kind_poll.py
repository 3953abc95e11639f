"""The poll kind end to end: phones vote through the one answer route on a real server, the
tally is exact, closing refuses votes with 409, hidden results are 403; the projector shows the
bars legibly at 1920x1080 and 1366x768 (read back by tesseract), the console names the leading
option, the summary and CSV/JSON hold the figures, hostile option text stays text everywhere,
and a phone in headless Chromium votes from the page."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess

import httpx
import pytest
from test_web_support import phone, start_server

from facilitator.export.raw import write_csv, write_json
from facilitator.export.summary import write_summary
from facilitator.model.errors import InvalidInput
from facilitator.model.records import ResponseInfo
from facilitator.model.responses import AnswerRequest

HOSTILE = "<b>x</b> =1+1 &amp; 🎉"
OPTIONS = ["Leadership", "Value", "Networks", HOSTILE]
TWELVE = [
    "Leadership for change: distributed, at every level of the system",
    "Value: the change makes sense to the people it touches",
    "Networks: spread travels through relationships and trust",
    "Sense-making: people interpret change in their own context",
    "Adaptive capacity to learn and adjust as we go",
    "Infrastructure that supports scale-up",
    "Evidence and stories, together",
    "Quick wins to build momentum",
    "Patients as partners",
    "Time to think and improve, not just cope",
    "Measurement for improvement",
    "Something else entirely",
]


def poll_run(model, **settings):
    """A started run whose first step is a poll of ``settings`` (OPTIONS, choose 1 by default)."""
    ws = model.library.create_workshop("Spreading change")
    settings = {"options": OPTIONS} | settings
    model.library.add_step(
        ws.id, "poll", title="Which resonated?", prompt="Pick.", settings=settings
    )
    run = model.runs.start(ws.id)
    return run, model.runs.steps(run.id)[0]


def remote(server, run) -> httpx.Client:
    headers = {"Authorization": f"Bearer {run.remote_key}"}
    return httpx.Client(base_url=server.room_url, timeout=10, headers=headers)


def vote(client, step, *choices):
    return client.put(f"/api/steps/{step.id}/response", json={"answer": {"choices": list(choices)}})


@pytest.mark.parametrize(
    "settings, sentence",
    [
        ({"options": ["Only one"]}, "2 to 12 options, not 1"),
        ({"options": [f"o{i}" for i in range(13)]}, "2 to 12 options, not 13"),
        ({"options": ["Yes", " yes "]}, "Option 2 is the same as option 1"),
        ({"options": ["Yes", "x" * 121]}, "at most 120 characters"),
        ({"options": ["Yes", "   "]}, "Option 2 needs some text"),
        ({"options": ["Yes", "No"], "choose": 3}, "1 to 2 options"),
        ({"options": ["Yes", "No"], "results": "later"}, "results"),
    ],
)
def test_settings_that_do_not_fit_are_refused_with_a_sentence(model, settings, sentence):
    ws = model.library.create_workshop("W")
    with pytest.raises(InvalidInput, match=sentence):
        model.library.add_step(ws.id, "poll", title="P", settings=settings)


def test_phones_vote_through_the_route_and_the_tally_is_exact(model):
    # GIVEN a poll where people may pick up to 2, results hidden until shown
    run, step = poll_run(model, choose=2, results="hidden")
    server = start_server(model, run.id)
    try:
        phones = [phone(server, run) for _ in range(5)]
        # WHEN five phones vote (one changes its mind) and one sends nonsense
        picks = [(0,), (0, 3), (1, 0), (2,), (3,)]
        for client, pick in zip(phones, picks, strict=True):
            assert vote(client, step, *pick).status_code == 200
        changed = vote(phones[4], step, 3, 1)
        assert changed.json() == {"answer": {"choices": [1, 3]}}  # stored in the options' order
        for bad in ([], [0, 0], [4], [0, 1, 2], ["0"], [True]):
            refused = vote(phones[0], step, *bad)
            assert refused.status_code == 422 and refused.json()["error"].endswith("."), bad
        # THEN hidden results are 403 to phones; the tally counts people, not votes
        assert phones[0].get(f"/api/steps/{step.id}/results").status_code == 403
        tally = model.responses.tally(step, run.id)
        assert tally["answered"] == 5 and tally["votes"] == 8 and tally["choose"] == 2
        assert [o["count"] for o in tally["options"]] == [3, 2, 1, 2]
        assert [o["share"] for o in tally["options"]] == [60.0, 40.0, 20.0, 40.0]  # 160 % in all
        assert tally["leading"] == [0] and tally["options"][3]["text"] == HOSTILE
        # WHEN the facilitator shows the results and closes the poll from the remote
        boss = remote(server, run)
        assert boss.post("/api/remote/results", json={"shown": True}).status_code == 200
        assert boss.post("/api/remote/answers", json={"open": False}).status_code == 200
        # THEN phones see the figures, and a changed or first vote gets 409 with a sentence
        shown = phones[1].get(f"/api/steps/{step.id}/results").json()["results"]
        assert shown["options"][0]["count"] == 3
        for client in (phones[0], phone(server, run)):
            late = vote(client, step, 2)
            assert late.status_code == 409 and "closed" in late.json()["error"]
        state = phones[0].get("/api/state").json()
        assert state["step"]["options"] == OPTIONS and state["step"]["choose"] == 2
        assert state["answer"] == {"choices": [0]} and state["step"]["closed"] is True
    finally:
        server.stop()


def fill(model, run, step, picks) -> None:
    """One participant per entry of ``picks`` votes it (through the model in one transaction,
    as the route's writer does for a burst)."""
    people = [model.runs.join(run.id)[0] for _ in picks]
    requests = [
        AnswerRequest(run.id, step.id, who.id, {"choices": list(pick)})
        for who, pick in zip(people, picks, strict=True)
    ]
    assert all(isinstance(r, ResponseInfo) for r in model.responses.answer_many(requests))


def test_the_summary_csv_and_json_hold_the_figures_and_the_text_as_typed(model, tmp_path):
    run, step = poll_run(model)
    fill(model, run, step, [(0,)] * 62 + [(1,)] * 49 + [(2,)] * 25 + [(3,)] * 14)
    pdf = write_summary(model, run.id, tmp_path / "s.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    words = re.sub(r"\s+%", "%", " ".join(text.stdout.split()))
    assert "150 people voted." in words and HOSTILE in words
    for figure in ("Leadership 41% 62", "Value 33% 49", "Networks 17% 25", "🎉 9% 14"):
        assert figure in words, figure
    rows = list(
        csv.DictReader(write_csv(model, run.id, tmp_path / "r.csv").open(encoding="utf-8-sig"))
    )
    polled = [(r["text"], r["count"], r["share"]) for r in rows if r["kind"] == "poll"]
    assert polled == [
        ("Leadership", "62", "41%"),
        ("Value", "49", "33%"),
        ("Networks", "25", "17%"),
        (HOSTILE, "14", "9%"),
    ]
    doc = json.loads(write_json(model, run.id, tmp_path / "r.json").read_text(encoding="utf-8"))
    dumped = json.dumps(doc, ensure_ascii=False)
    assert '"count": 62' in dumped and HOSTILE in dumped


def test_a_poll_of_several_says_its_shares_add_up_above_100(model, tmp_path):
    run, step = poll_run(model, choose=3)
    fill(model, run, step, [(0, 1, 2)] * 3 + [(3,)])
    pdf = write_summary(model, run.id, tmp_path / "s.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "add up to more than 100 %" in " ".join(text.split())


# -- the projector and the console ------------------------------------------------------------
@pytest.fixture
def shots(qapp, model):
    from facilitator.ui.snapshot import Snapshot

    made = []

    def take(run, step, size):
        shot = Snapshot(model, model.runs.run(run.id), step, size)
        made.append(shot)
        return shot

    yield take
    for shot in made:
        shot.close()


def ocr(image, path) -> str:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract (tesseract-ocr) is needed to read the projector picture back")
    assert image.save(str(path), "PNG")
    quiet = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread: much faster on a busy machine
    read = subprocess.run(["tesseract", str(path), "-"], capture_output=True, text=True, env=quiet)
    return re.sub(r"\s+%", "%", " ".join(read.stdout.split()))  # "41 %" is read as "41%" too


def test_the_projector_shows_bars_the_back_of_the_room_can_read(model, shots, tmp_path):
    run, step = poll_run(model)
    fill(model, run, step, [(0,)] * 62 + [(1,)] * 49 + [(2,)] * 25 + [(3,)] * 14)
    shot = shots(run, step, (1920, 1080))
    chart = shot.stage.view.chart
    plan = chart.layout_for(chart.width(), chart.height())
    assert plan.fits and plan.px >= 28 and round(plan.px * chart.unit) >= 28
    words = ocr(shot.picture(), tmp_path / "p.png")
    for text in ("Which resonated?", "Leadership", "41%", "62", "150 people voted", "<b>x</b>"):
        assert text in words, (text, words)
    assert [o["text"] for o in chart.options] == OPTIONS  # the options' order, never re-sorted


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_twelve_options_fit_at_the_room_scale_hidden_or_shown(model, shots, tmp_path, size):
    run, step = poll_run(model, options=TWELVE, choose=3, results="hidden")
    fill(model, run, step, [(i % 12, (i + 5) % 12) for i in range(150)])
    for shown in (False, True):
        model.runs.set_step_state(run.id, step.id, results_shown=shown)
        shot = shots(run, step, size)
        stage = shot.stage.view
        chart = stage.chart
        plan = chart.layout_for(chart.width(), chart.height())
        assert plan.fits and chart.unit * plan.px >= 28 * size[1] / 1080 - 0.5
        assert all(len(lines) == 1 for lines in plan.lines)  # nothing cut at these lengths
        assert chart.shown is shown and stage.count.isVisible() is not shown
        assert stage.count.text() == "150 people have voted"
    if size[1] == 768:  # the smallest text there is: the room (and tesseract) still reads it
        words = ocr(shot.picture(), tmp_path / "t.png")
        assert "Something else entirely" in words and "17%" in words
        assert "shares add up to more than 100%" in words


def test_the_console_names_the_leading_option(qapp, model):
    from facilitator.ui.bridge import EventBridge
    from facilitator.ui.kinds.base import StageLive
    from facilitator.ui.kinds.poll import PollControls, leading_text

    run, step = poll_run(model, results="hidden")
    fill(model, run, step, [(1,)] * 42 + [(0,)] * 58)
    bridge = EventBridge(model.bus)
    controls = PollControls(step, run, StageLive(model, bridge))
    try:
        assert controls.leading.text() == "Leading: Leadership, 58 %"
        assert "42 %    42   Value" in controls.figures.text()  # seen here while hidden
        assert controls.bar.value() == 100
    finally:
        controls.detach()
        bridge.close()
    tie = {
        "options": [{"text": "A", "share": 50.0}, {"text": "B", "share": 50.0}],
        "leading": [0, 1],
    }
    assert leading_text(tie) == "Leading: A and B, 50 % each"
    assert leading_text({"options": [], "leading": []}) == "Nobody has voted yet."


def test_the_editor_keeps_options_one_per_line_and_may_pick_within_them(qapp, model):
    from facilitator.ui.editor_kinds.poll import PollEditor

    run, step = poll_run(model, choose=3)
    editor = PollEditor(model.library)
    edits = []
    editor.edited.connect(lambda fields, now: edits.append(fields))
    editor.load(step)
    assert editor.option_texts() == OPTIONS and editor.choose.value() == 3 and not edits
    editor.options.setPlainText("Yes\n\n  No  \nyes")
    assert edits[-1] == {"settings": {"options": ["Yes", "No"], "choose": 2}}
    editor.hidden.setChecked(True)
    assert edits[-1] == {"settings": {"results": "hidden"}}
    assert PollEditor.phone_summary(step) == (
        "Pick up to 3 of 4 options and send. The results show live as people vote."
    )


# -- the phone page ---------------------------------------------------------------------------
def test_a_phone_picks_up_to_two_on_the_page_and_sees_the_bars(browser, model):
    from playwright.sync_api import expect

    run, step = poll_run(model, choose=2)
    server = start_server(model, run.id)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(server.join_url)
        page.get_by_text("Pick up to 2").wait_for()
        # the hostile option is shown as the text it is
        expect(page.locator(".poll-option span").nth(3)).to_have_text(HOSTILE)
        assert page.locator(".poll-option b").count() == 0
        # WHEN the phone ticks two options, the others wait; it sends
        page.get_by_label("Value").check()
        page.get_by_label(HOSTILE).check()
        assert page.get_by_label("Networks").is_disabled()
        box = page.locator(".poll-option").first.bounding_box()
        assert box["height"] >= 44 and box["width"] <= 320
        page.get_by_role("button", name="Send").click()
        page.get_by_text("your vote is in").wait_for()
        assert [a.answer for a in model.responses.answers(run.id, step.id)] == [{"choices": [1, 3]}]
        # THEN after a reload its vote is picked, and the results show as bars
        page.reload()
        expect(page.get_by_label("Value")).to_be_checked()
        expect(page.get_by_role("button", name="Change my vote")).to_be_visible()
        page.locator("#results .poll-result").nth(1).wait_for()
        expect(page.locator("#results .poll-label").nth(1)).to_have_text("✓ Value100% (1)")
        # WHEN the facilitator closes the poll, the page is read-only
        model.runs.set_step_state(run.id, step.id, locked=True)
        page.get_by_text("This step is closed").wait_for()
        expect(page.get_by_label("Value")).to_be_disabled()
        assert page.get_by_role("button", name="Change my vote").count() == 0
    finally:
        context.close()
        server.stop()


def test_twelve_options_of_120_characters_are_cut_never_shrunk_below_28_px(qapp):
    from facilitator.ui.kinds.poll import PollChart

    chart = PollChart()
    chart.unit = 768 / 1080
    long = [f"{i} " + "a long option that keeps going " * 4 for i in range(12)]
    chart.set_results([{"text": t[:120], "count": 1, "share": 8.3} for t in long], True)
    plan = chart.layout_for(1252, 566)  # the chart of a 1366x768 stage under a one-line question
    assert plan.px == 28 and plan.fits
    texts = [t[:120] for t in long]
    # one line each: the whole option where this machine's face is narrow enough, else cut
    assert all(
        len(ls) == 1 and (ls[0] == t.strip() or ls[0].endswith("…"))
        for ls, t in zip(plan.lines, texts, strict=True)
    )
    assert plan.lines[0][0].startswith("0 a long option that keeps going")
