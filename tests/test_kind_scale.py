"""The scale kind end to end: phones rate statements through the one route on the real server,
the tally is exact, closing gives 409 and hidden results 403, hostile statements stay text on
the phone (Chromium), the projector (snapshot read back by OCR) and in the PDF (pdftotext),
the CSV and JSON hold the results, and the settings editor saves what it shows."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pytest
from test_web_support import phone, start_server

from facilitator.export.raw import write_csv, write_json
from facilitator.export.summary import write_summary
from facilitator.model import kinds
from facilitator.model.errors import InvalidInput
from facilitator.model.library import validate_settings

HOSTILE = "Speak up <b>x</b> &amp; \U0001f600"
STATEMENTS = ["We share one picture", "=1+1 is a formula", HOSTILE]
SETTINGS = {"statements": STATEMENTS, "scale": [1, 5], "labels": ["Disagree", "Agree"]}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def scale_run(model, settings=SETTINGS):
    """A run whose only step is a scale with ``settings``, on the screen (the run's own copy
    of the step)."""
    ws = model.library.create_workshop("Scales")
    model.library.add_step(
        ws.id, "scale", title="Where are we?", prompt="Rate each.", settings=settings
    )
    run = model.runs.start(ws.id)
    return run, model.runs.steps(run.id)[0]


@pytest.fixture
def room(model):
    run, step = scale_run(model)
    server = start_server(model, run.id)
    yield server, run, step
    server.stop()


def put(client, step, ratings):
    return client.put(f"/api/steps/{step.id}/response", json={"answer": {"ratings": ratings}})


def remote(client, run, route, body):
    headers = {"Authorization": f"Bearer {run.remote_key}"}
    return client.post(f"/api/remote/{route}", json=body, headers=headers)


def test_settings_are_checked_with_a_sentence_at_their_place():
    assert validate_settings("scale", {}) == {
        "statements": ["Statement 1"],
        "scale": [1, 5],
        "labels": ["Disagree", "Agree"],
    }
    assert validate_settings("scale", {"scale": [0, 10]})["scale"] == [0, 10]
    for bad, words in [
        ({"statements": []}, "statements: a scale step has 1 to 10"),
        ({"statements": ["a"] * 11}, "1 to 10 statements, not 11"),
        ({"statements": ["x" * 201]}, "at most 200 characters"),
        ({"statements": ["  "]}, "needs some text"),
        ({"scale": [5, 1]}, "scale: the scale goes from a low"),
        ({"scale": [0, 11]}, "scale:"),
        ({"scale": [-5, 6]}, "at most 11 values"),
        ({"scale": [True, 5]}, "scale"),
        ({"labels": ["a" * 41, "b"]}, "at most 40 characters"),
    ]:
        with pytest.raises(InvalidInput) as problem:
            validate_settings("scale", bad)
        assert words in str(problem.value)


def test_phones_rate_skip_and_change_and_the_tally_is_exact(room):
    # GIVEN four phones on a 1-5 scale of three statements
    server, run, step = room
    ana, ben, cai, dee = (phone(server, run) for _ in range(4))
    # WHEN they rate (Ben skips the second statement, Cai rates only the third, then changes)
    for client, ratings in [
        (ana, {"0": 5, "1": 4, "2": 1}),
        (ben, {"0": 4, "2": 2}),
        (cai, {"2": 3}),
        (dee, {"0": 1, "1": 2, "2": 5}),
        (cai, {"1": 4, "2": 4}),
    ]:
        answer = put(client, step, ratings)
        assert answer.status_code == 200, answer.text
    # THEN each statement's count, mean and distribution (low..high) are exact
    results = ana.get(f"/api/steps/{step.id}/results").json()["results"]
    assert results["answered"] == 4 and results["scale"] == [1, 5]
    first, second, third = results["statements"]
    assert (first["count"], first["mean"], first["distribution"]) == (3, 10 / 3, [1, 0, 0, 1, 1])
    assert (second["count"], second["mean"], second["distribution"]) == (3, 10 / 3, [0, 1, 0, 2, 0])
    assert (third["count"], third["mean"], third["distribution"]) == (4, 3.0, [1, 1, 0, 1, 1])
    assert third["text"] == HOSTILE
    # and a phone's state carries its own stored ratings and the statements
    state = cai.get("/api/state").json()
    assert state["answer"] == {"ratings": {"1": 4, "2": 4}}
    assert (
        state["step"]["statements"] == STATEMENTS and state["step"]["labels"] == SETTINGS["labels"]
    )


def test_a_statement_nobody_rated_has_no_mean(model):
    run, step = scale_run(model, {"statements": ["A", "B"], "scale": [0, 10]})
    person, _ = model.runs.join(run.id)
    model.responses.answer(run.id, step.id, person.id, {"ratings": {"1": 10}})
    results = model.responses.tally(step, run.id)
    assert results["statements"][0] == {
        "index": 0, "text": "A", "count": 0, "mean": None, "distribution": [0] * 11
    }  # fmt: skip
    assert results["statements"][1]["distribution"][-1] == 1


def test_answers_that_do_not_fit_get_422_with_a_sentence(room, model):
    server, run, step = room
    client = phone(server, run)
    for ratings, words in [
        ({}, "at least one statement"),
        ({"3": 2}, "no statement '3'"),
        ({"-1": 2}, "no statement"),
        ({"01": 2}, "no statement"),
        ({"x": 2}, "no statement"),
        ({"0": True}, "whole number from 1 to 5"),
        ({"0": 4.0}, "whole number from 1 to 5"),
        ({"0": 6}, "whole number from 1 to 5"),
        ({"0": 0}, "whole number from 1 to 5"),
        ({"0": "<b>3</b>"}, "whole number"),
        ({"0": None}, "whole number"),
    ]:
        bad = put(client, step, ratings)
        assert bad.status_code == 422, (ratings, bad.text)
        assert words in bad.json()["error"] and bad.json()["error"].endswith(".")
    for body in ({"answer": {"ratings": [3]}}, {"answer": {"ratings": {"0": 3}, "x": 1}}):
        bad = client.put(f"/api/steps/{step.id}/response", json=body)
        assert bad.status_code == 422 and bad.json()["error"].endswith(".")
    assert model.responses.answers(run.id, step.id) == []


def test_closing_gives_409_and_hiding_the_results_gives_403(room, model):
    server, run, step = room
    sam, ali = phone(server, run), phone(server, run)
    assert put(sam, step, {"0": 3}).status_code == 200
    # WHEN the facilitator hides the results and closes the step from the remote
    assert remote(sam, run, "results", {"shown": False}).status_code == 200
    hidden = sam.get(f"/api/steps/{step.id}/results")
    assert hidden.status_code == 403 and hidden.json()["error"].endswith(".")
    assert "results" not in sam.get("/api/state").json()
    assert remote(sam, run, "answers", {"open": False}).status_code == 200
    # THEN a changed answer and a first one are refused with a sentence, and the tally stays
    for client in (sam, ali):
        refused = put(client, step, {"0": 5})
        assert refused.status_code == 409 and "closed" in refused.json()["error"]
    assert model.responses.tally(step, run.id)["statements"][0]["distribution"] == [0, 0, 1, 0, 0]


def filled(model):
    """The room's run with six phones' ratings; returns the run and step."""
    run, step = scale_run(model)
    for i in range(6):
        person, _ = model.runs.join(run.id)
        ratings = {"0": 1 + i % 5, "2": 5} if i % 2 else {"0": 2, "1": 4}
        model.responses.answer(run.id, step.id, person.id, {"ratings": ratings})
    return run, step


def test_the_summary_csv_and_json_hold_the_results_as_text(model, tmp_path):
    run, step = filled(model)
    # the summary prints each statement literally, with its mean and count
    pdf = write_summary(model, run.id, tmp_path / "summary.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Speak up <b>x</b> &amp;" in flat and "=1+1 is a formula" in flat
    assert "Mean 2.2 from 6 ratings" in flat and "Mean 4.0 from 3 ratings" in flat
    # the CSV: a mean line per statement, then a line per value; formulas stay text
    rows = list(
        csv.DictReader(open(write_csv(model, run.id, tmp_path / "r.csv"), encoding="utf-8-sig"))
    )
    lines = {r["text"]: (r["count"], r["share"]) for r in rows if r["kind"] == "scale"}
    assert lines["We share one picture: mean"] == ("6", "2.2")
    assert lines["We share one picture: 2"] == ("4", "")
    assert lines["'=1+1 is a formula: mean"] == ("3", "4.0")
    assert lines[f"{HOSTILE}: 5"] == ("3", "")
    assert len(lines) == 3 * (1 + 5)
    # the JSON: every answer and the tally
    document = json.loads(write_json(model, run.id, tmp_path / "r.json").read_text("utf-8"))
    (item,) = document["steps"]
    assert len(item["responses"]) == 6
    assert item["results"]["statements"][1]["distribution"] == [0, 0, 0, 3, 0]


def test_the_handout_gives_the_scale_to_circle(model, tmp_path):
    from facilitator.export.handout import write_handout

    run, step = scale_run(model)
    pdf = write_handout(model, run.workshop_id, tmp_path / "handout.pdf")
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Circle one number for each statement." in text
    assert "Disagree 1 2 3 4 5 Agree" in text and HOSTILE.replace("\U0001f600", "") in text


def test_the_projector_shows_the_means_and_the_room_can_read_them(qtbot, model, tmp_path):
    from facilitator.ui.snapshot import Snapshot

    run, step = filled(model)
    out = tmp_path / "scale.png"
    shot = Snapshot(model, run, step, (1920, 1080))
    try:
        assert shot.picture().save(str(out), "PNG")
    finally:
        shot.close()
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract (tesseract-ocr) is needed to read the projector picture back")
    read = subprocess.run(["tesseract", str(out), "-"], capture_output=True, text=True).stdout
    words = " ".join(read.split())
    for expected in ("We share one picture", "is a formula", "<b>x</b> &amp;", "2.2", "4.0",
                     "6 people have answered", "Disagree", "Agree", "mean"):  # fmt: skip
        assert expected in words, (expected, words)


def test_hidden_results_show_the_count_and_the_statements_only(qtbot, model):
    from facilitator.ui.bridge import EventBridge
    from facilitator.ui.kinds.base import StageLive
    from facilitator.ui.kinds.scale import ScaleControls, ScaleStage

    run, step = scale_run(model)
    person, _ = model.runs.join(run.id)
    model.responses.answer(run.id, step.id, person.id, {"ratings": {"0": 4}})
    live = StageLive(model, EventBridge(model.bus))
    model.runs.toggle_step_state(run.id, step.id, "results_shown")
    stage, controls = ScaleStage(step, run, live), ScaleControls(step, run, live)
    qtbot.addWidget(stage)
    qtbot.addWidget(controls)
    assert stage.count.text() == "1 person has answered" and stage.chart.shown is False
    assert stage.count.px >= 28 and stage.chart.texts == STATEMENTS
    # the console keeps the means for the facilitator
    assert " 4.0  (1)  We share one picture" in controls.means.text()
    assert "   -  (0)  =1+1 is a formula" in controls.means.text()
    live.bridge.close()


def test_the_editor_saves_statements_ends_and_labels(qtbot, model):
    from facilitator.ui.editor_kinds.scale import ScaleEditor

    _, step = scale_run(model)
    editor = ScaleEditor(model.library)
    qtbot.addWidget(editor)
    editor.load(step)
    assert editor.statements.toPlainText() == "\n".join(STATEMENTS)
    assert (editor.low.value(), editor.high.value()) == (1, 5)
    got = []
    editor.edited.connect(lambda fields, now: got.append(fields["settings"]))
    editor.statements.setPlainText("One\n\n  Two  \n")
    editor.high.setValue(10)
    editor.low.setValue(0)
    editor.high.setValue(11)  # beyond a scale of 11 values: held at 10
    assert got[0] == {"statements": ["One", "Two"]} and got[-1] == {"scale": [0, 10]}
    editor.statements.setPlainText("")
    assert got[-1] == {"scale": [0, 10]} and "at least one" in editor.problem.text()
    for settings in got:
        validate_settings("scale", {**SETTINGS, **settings})
    summary = ScaleEditor.phone_summary(step)
    assert summary.startswith("3 statements, each rated 1 (Disagree) to 5 (Agree)")


def test_the_kind_has_every_part():
    from facilitator.cli.kinds_check import kind_problems

    assert kinds.get("scale").takes_answers  # through the responses table
    assert not [p for p in kind_problems(with_ui=True) if "'scale'" in p]


@pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium")
def test_a_phone_rates_from_the_page_and_a_0_to_10_scale_fits_320_px(browser, model):
    expect = pytest.importorskip("playwright.sync_api").expect
    settings = {"statements": [HOSTILE, "Second"], "scale": [0, 10], "labels": ["None", "All"]}
    run, step = scale_run(model, settings)
    server = start_server(model, run.id)
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(server.join_url)
        first = page.get_by_role("group", name=HOSTILE)
        first.wait_for()
        assert page.locator("legend").first.inner_text() == HOSTILE  # text, never markup
        # eleven buttons, each a big target, none past the 320 px edge
        boxes = [b.bounding_box() for b in first.locator(".scale-value").all()]
        assert len(boxes) == 11
        assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes)
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= 320 for b in boxes)
        assert len({round(b["y"]) for b in boxes}) == 2  # wrapped on two lines
        # WHEN the person sends with nothing chosen, then rates the first statement only
        page.get_by_role("button", name="Send").click()
        page.get_by_text("Choose a number for at least one statement.").wait_for()
        first.get_by_label("10 (All)").check(force=True)
        page.get_by_role("button", name="Send").click()
        page.get_by_text("Thank you: your ratings are in.").wait_for()
        (answer,) = model.responses.answers(run.id, step.id)
        assert answer.answer == {"ratings": {"0": 10}}
        # THEN the shown results put the mean on a bar; closed, the choice is read-only
        expect(page.locator("#results .scale-result").first).to_contain_text("Mean 10.0 on 0 to 10")
        # a choice not sent is not an answer: once closed, only what was sent shows
        page.get_by_role("group", name="Second").get_by_label("3", exact=True).check(force=True)
        model.runs.toggle_step_state(run.id, step.id, "locked")
        page.get_by_text("This step is closed").wait_for()
        assert first.get_by_label("10 (All)").is_checked()
        assert first.get_by_label("10 (All)").is_disabled()
        assert page.get_by_role("button", name="Change", exact=True).count() == 0
        assert page.locator("input[name=s1]:checked").count() == 0
    finally:
        context.close()
        server.stop()
