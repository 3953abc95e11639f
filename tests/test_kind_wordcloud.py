"""The word cloud end to end: words merged however people wrote them, a real cloud layout that
the projector and the PDF share, phones answering through the route on the real server (and
one from the page in Chromium), a word the facilitator hides leaving every view, closing
(409), hidden results (403), hostile text kept as text, the summary, CSV and JSON."""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess

import pytest
from test_web_support import phone, start_server

from facilitator.export.raw import write_csv, write_json
from facilitator.export.summary import write_summary
from facilitator.model import cloud
from facilitator.model.errors import InvalidInput
from facilitator.model.kinds import wordcloud
from facilitator.model.kinds.wordcloud import word_key

HOSTILE = ["<b>x</b>", "=1+1", "&amp;", "🚀 rocket"]
# what a room of primary-care change agents answers to "one word for spreading change", with
# the case, accents and plurals people really type
ROOM_WORDS = {
    "Leadership": ["leadership", "LEADERSHIP", "Leadership!"],
    "Networks": ["networks", "network", "Network"],
    "Trust": ["trust", "Trust."],
    "Values": ["values", "value", "Shared values"],
    "Stories": ["stories", "Story", "storytelling"],
    "Champions": ["champion", "champions"],
    "Relationships": ["relationship", "relationships"],
    "Time": ["time", "TIME"],
    "Patients": ["patient voice", "patients", "Patient"],
    "Communities": ["community", "communities"],
    "Momentum": ["momentum"],
    "Courage": ["courage"],
    "Quick wins": ["quick win", "Quick wins"],
    "Data": ["data", "DATA"],
    "Café": ["cafe", "Cafés", "café"],
    "NHS": ["nhs", "NHS"],
    "Energy": ["energy"],
    "Small steps": ["small steps", "small step"],
    "Co-production": ["co-production", "coproduction"],
    "Listening": ["listening"],
    "Teams": ["team", "teams"],
    "Purpose": ["purpose"],
    "Buy-in": ["buy-in", "buy in"],
    "Early adopters": ["early adopter", "early adopters"],
}
RARE = (
    "Curiosity Patience Persistence Humour Hope Kindness Openness Honesty Ownership Autonomy "
    "Coaching Feedback Evidence Permission Celebrate Pilots Funding Capacity Pace Passion "
    "Inclusion Diversity Empowerment Sustainability Measurement Learning Clinicians Frontline "
    "Resistance Burnout Workload Culture Vision Clarity Priorities Meetings Emails Silos "
    "Incentives Governance Spread Scale Adoption Resilience Compassion Respect Belonging "
    "Gratitude Generosity Tenacity Reflection Mentors Huddles Whiteboards Dashboards Audits"
).split()


def room_answers(people: int = 150, seed: int = 3) -> list[list[str]]:
    """What ``people`` phones send: mostly three answers each, popular words far more often
    than rare ones, each written the way one person would."""
    rng = random.Random(seed)
    popular = list(ROOM_WORDS)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(popular))]
    out = []
    for _ in range(people):
        given: list[str] = []
        for _ in range(rng.choice((1, 2, 3, 3, 3))):
            if rng.random() < 0.22:
                given.append(rng.choice(RARE))
            else:
                word = rng.choices(popular, weights)[0]
                given.append(rng.choice([word, *ROOM_WORDS[word]]))
        out.append(given)
    return out


def make_run(model, words: int = 3, prompt: str = "One word: what helps change spread?"):
    ws = model.library.create_workshop("Spreading change")
    model.library.add_step(ws.id, "wordcloud", title="In a word", prompt=prompt,
                           settings={"words": words})  # fmt: skip
    run = model.runs.start(ws.id)
    return run, model.runs.steps(run.id)[0]


def fill(model, run, step, answers: list[list[str]]) -> None:
    for words in answers:
        person = model.runs.join(run.id)[0]
        model.responses.answer(run.id, step.id, person.id, {"words": words})


# -- merging words ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b",
    [("teams", "team"), ("Leadership", "leadership"), ("café", "cafe"), ("NHS", "nhs"),
     ("Stories", "story"), ("processes", "process"), ("Trust!", "trust"), ("boxes", "box"),
     ("Quick wins", "quick win"), ("ＴＥＡＭ", "team"), ("buy-in", "Buy ins"),
     ("co-production", "coproduction"), ("team work", "teamwork")],
)  # fmt: skip
def test_ways_of_writing_one_word_merge(a, b):
    assert word_key(a) == word_key(b)


@pytest.mark.parametrize("word", ["bus", "gas", "status", "analysis", "news", "less", "its"])
def test_short_and_not_plural_words_keep_their_s(word):
    assert word_key(word) == word


def test_different_words_stay_apart():
    keys = {word_key(w) for w in ("new", "news", "bus", "business", "care", "career", "meet")}
    assert len(keys) == 7


def check(raw, words=3):
    spec = wordcloud.SPEC
    return spec.clean_answer({"words": words}, {"words": raw})


def test_an_answer_is_cleaned_trimmed_and_each_word_counted_once():
    assert check(["  Team\x00 work ", "", "   ", "teams", "TEAM work"]) == {
        "words": ["Team work", "teams"]
    }


@pytest.mark.parametrize(
    "raw, sentence",
    [
        (["one two three four"], "1 to 3 words"),
        (["x" * 41], "at most 40 characters"),
        (["a", "b", "c", "d"], "at most 3 answers"),
        (["", " "], "at least one word"),
        (["!!!"], "no word in it"),
        ([3], "words"),
    ],
)
def test_answers_that_do_not_fit_get_a_sentence(raw, sentence):
    with pytest.raises(InvalidInput) as refused:
        check(raw)
    assert sentence in refused.value.message and refused.value.message.endswith(".")


def test_the_tally_counts_people_shows_the_commonest_form_and_leaves_hidden_words_out(model):
    run, step = make_run(model)
    fill(model, run, step, [["Teams", "Trust"], ["team", "trust"], ["teams", "Rita"], ["Teams"]])
    results = model.responses.tally(step, run.id)
    assert results["answered"] == 4 and results["hidden"] == 0
    counted = [(w["text"], w["count"]) for w in results["words"]]
    assert counted == [("Teams", 4), ("Trust", 2), ("Rita", 1)]  # a tie: the form typed first
    model.runs.update_step_data(run.id, step.id, wordcloud.toggle_hidden(word_key("Rita")))
    hidden = model.responses.tally(step, run.id)
    assert [w["text"] for w in hidden["words"]] == ["Teams", "Trust"] and hidden["hidden"] == 1
    model.runs.update_step_data(run.id, step.id, wordcloud.toggle_hidden(word_key("Rita")))
    assert model.responses.tally(step, run.id)["hidden"] == 0


# -- the layout --------------------------------------------------------------------------------
def rough_measure(text: str, size: int) -> tuple[float, float]:
    return 0.55 * size * len(text), 1.2 * size


def overlaps(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_the_cloud_has_no_overlaps_stays_inside_sizes_by_count_and_counts_what_is_left_out():
    words = wordcloud.merged(_responses(room_answers()))
    laid = cloud.layout(words, 1800, 760, rough_measure, min_size=30, max_size=150)
    placed = laid.words
    assert len(placed) + laid.left_out == len(words) and len(placed) > 30
    assert all(not overlaps(a, b) for i, a in enumerate(placed) for b in placed[:i])
    assert all(0 <= w.x and w.x + w.w <= 1800 and 0 <= w.y and w.y + w.h <= 760 for w in placed)
    assert placed[0].text == "Leadership" and placed[0].size == 150
    assert min(w.size for w in placed) >= 30
    sizes = [w.size for w in placed]
    assert sizes == sorted(sizes, reverse=True)  # most given is largest
    centre = placed[0].x + placed[0].w / 2, placed[0].y + placed[0].h / 2
    assert abs(centre[0] - 900) < 60 and abs(centre[1] - 380) < 60  # the spiral starts there
    again = cloud.layout(words, 1800, 760, rough_measure, min_size=30, max_size=150)
    assert again == laid  # deterministic
    tiny = cloud.layout(words, 400, 120, rough_measure, min_size=30, max_size=150)
    assert tiny.left_out > 0 and len(tiny.words) + tiny.left_out == len(words)


def _responses(answers):
    class Response:
        def __init__(self, words):
            self.answer = {"words": words}

    return [Response(check(words)["words"]) for words in answers]


# -- through the server --------------------------------------------------------------------------
@pytest.fixture
def served(model):
    run, step = make_run(model)
    server = start_server(model, run.id)
    yield server, run, step
    server.stop()


def test_phones_answer_the_room_sees_the_words_and_closing_refuses(served, model):
    server, run, step = served
    url = f"/api/steps/{step.id}/response"
    phones = [phone(server, run) for _ in range(4)]
    sent = [["Teams", "<b>x</b>"], ["team", "=1+1", "&amp;"], ["TEAMS", "🚀 rocket"], ["Rita"]]
    for client, words in zip(phones, sent, strict=True):
        answer = client.put(url, json={"answer": {"words": words}})
        assert answer.status_code == 200 and answer.json()["answer"]["words"] == words
    bad = phones[0].put(url, json={"answer": {"words": ["one two three four"]}})
    assert bad.status_code == 422 and "1 to 3 words" in bad.json()["error"]
    # the cloud is live by default: phones see the top words, hostile text as it was typed
    results = phones[1].get(f"/api/steps/{step.id}/results").json()["results"]
    assert results["answered"] == 4 and results["words"][0] == {"text": "Teams", "count": 3}
    assert {w["text"] for w in results["words"]} >= set(HOSTILE)
    # the facilitator hides a name: it leaves the phones' results
    model.runs.update_step_data(run.id, step.id, wordcloud.toggle_hidden(word_key("Rita")))
    results = phones[1].get(f"/api/steps/{step.id}/results").json()["results"]
    assert "Rita" not in {w["text"] for w in results["words"]} and "hidden" not in results
    # results kept back: 403; closed: 409, and the words stay as they were
    model.runs.toggle_step_state(run.id, step.id, "results_shown")
    assert phones[1].get(f"/api/steps/{step.id}/results").status_code == 403
    model.runs.toggle_step_state(run.id, step.id, "locked")
    late = phones[3].put(url, json={"answer": {"words": ["changed"]}})
    assert late.status_code == 409 and "closed" in late.json()["error"]
    assert model.responses.answer_of(run.id, step.id, model.runs.participants(run.id)[3].id) == {
        "words": ["Rita"]
    }


def _placed(laid, *texts):
    return [w for w in laid.words if w.text in texts]


def read_word(picture, canvas, word, folder) -> str:
    """What OCR reads in ``word``'s box of the projector picture (one line of text)."""
    from PySide6.QtCore import QPoint, QRect

    origin, unit = canvas.mapTo(canvas.window(), QPoint(0, 0)), canvas.unit
    pad = 0.15 * word.h
    left, top = origin.x() + (word.x - pad) * unit, origin.y() + (word.y - pad) * unit
    width, height = (word.w + 2 * pad) * unit, (word.h + 2 * pad) * unit
    box = QRect(round(left), round(top), round(width), round(height))
    path = folder / "word.png"
    assert picture.copy(box).save(str(path), "PNG")
    done = subprocess.run(["tesseract", str(path), "-", "--psm", "7"], capture_output=True,
                          text=True)  # fmt: skip
    return " ".join(done.stdout.split())


# -- projector, console, editor --------------------------------------------------------------
def test_the_projector_shows_a_legible_cloud_and_the_console_hides_a_word(model, qtbot, tmp_path):
    from facilitator.ui.bridge import EventBridge
    from facilitator.ui.kinds.base import StageLive
    from facilitator.ui.kinds.wordcloud import WordCloudControls
    from facilitator.ui.snapshot import Snapshot

    run, step = make_run(model)
    fill(model, run, step, [*room_answers(146), *([w] for w in HOSTILE)])
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract (tesseract-ocr) is needed to read the projector picture back")
    for size in ((1920, 1080), (1366, 768)):
        shot = Snapshot(model, run, step, size)
        try:
            canvas = shot.stage.view.canvas
            laid = canvas.cloud()  # sizes in pixels at 1080 lines, painted at the stage's scale
            assert min(w.size for w in laid.words) >= 28 and laid.left_out == 0
            assert laid.words[0].text == "Leadership" and laid.words[0].size >= 120
            assert abs(canvas.unit - size[1] / 1080) < 0.01
            assert shot.stage.view.footer.text() == "150 people have answered"
            picture = shot.picture()
            smallest = min(laid.words, key=lambda w: (w.size, w.text))
            for word in (
                laid.words[0],
                laid.words[5],
                smallest,
                *_placed(laid, "=1+1", "<b>x</b>"),
            ):
                assert read_word(picture, canvas, word, tmp_path) == word.text
        finally:
            shot.close()
    # the console: every word with its count; Hide word (X) on the selected one
    bridge = EventBridge(model.bus)
    controls = WordCloudControls(step, run, StageLive(model, bridge))
    qtbot.addWidget(controls)
    rows = [controls.list.item(i).text() for i in range(controls.list.count())]
    assert any(r.endswith("×  <b>x</b>") for r in rows) and rows[0].endswith("Leadership")
    controls.list.setCurrentRow(next(i for i, r in enumerate(rows) if "<b>x</b>" in r))
    assert controls.hide_button.text() == "Hide word (X)"
    controls.key_action(__import__("PySide6.QtCore").QtCore.Qt.Key.Key_X)
    qtbot.waitUntil(lambda: "(hidden)" in controls.list.currentItem().text(), timeout=3000)
    assert controls.hide_button.text() == "Show word (X)"
    tally = model.responses.tally(step, run.id)
    assert tally["hidden"] == 1 and "<b>x</b>" not in {w["text"] for w in tally["words"]}
    controls.detach()
    bridge.close()


def test_the_editor_sets_answers_per_person(model, qtbot):
    from facilitator.ui.editor_kinds.wordcloud import WordCloudEditor

    _, step = make_run(model, words=2)
    editor = WordCloudEditor(model.library)
    qtbot.addWidget(editor)
    editor.load(step)
    assert editor.words.value() == 2
    with qtbot.waitSignal(editor.edited) as edited:
        editor.words.setValue(5)
    assert edited.args == [{"settings": {"words": 5}}, True]
    assert "up to 2 short answers" in WordCloudEditor.phone_summary(step)


# -- exports -------------------------------------------------------------------------------------
def test_the_summary_prints_the_cloud_and_the_counts_and_csv_json_hold_them(model, tmp_path):
    run, step = make_run(model)
    fill(model, run, step, [*room_answers(60), *([w] for w in HOSTILE), ["Rita"]])
    model.runs.update_step_data(run.id, step.id, wordcloud.toggle_hidden(word_key("Rita")))
    pdf = tmp_path / "summary.pdf"
    write_summary(model, run.id, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "65 people gave" in text and "1 word hidden by the facilitator" in text
    for word in (*HOSTILE, "Leadership"):
        assert word in text
    assert "Rita" not in text
    write_csv(model, run.id, tmp_path / "run.csv")
    with open(tmp_path / "run.csv", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r.get("kind") == "wordcloud"]
    assert rows[0]["text"] == "Leadership" and "Rita" not in {r["text"] for r in rows}
    assert {"<b>x</b>", "=1+1"} <= {r["text"].lstrip("'") for r in rows}
    write_json(model, run.id, tmp_path / "run.json")
    data = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert "Leadership" in json.dumps(data, ensure_ascii=False)


# -- a phone in Chromium -------------------------------------------------------------------------
def test_a_phone_gives_its_words_from_the_page(served, model, browser):
    server, run, step = served
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(server.join_url)
        page.get_by_label("Answer 1 of 3").fill("Leadership")
        page.get_by_label("Answer 2 of 3").fill("<b>x</b>")
        page.get_by_role("button", name="Send").click()
        page.locator(".wc-mine li", has_text="<b>x</b>").wait_for()
        pid = model.runs.participants(run.id)[0].id
        stored = model.responses.answer_of(run.id, step.id, pid)
        assert stored == {"words": ["Leadership", "<b>x</b>"]}
        page.locator(".wc-top li", has_text="Leadership").wait_for()  # results are live
        assert page.locator(".wc-top b").first.inner_text() == "1"
        model.runs.toggle_step_state(run.id, step.id, "locked")
        page.get_by_text("This step is closed").wait_for()
        assert page.get_by_label("Answer 1 of 3").is_disabled()
        assert page.get_by_role("button", name="Send").count() == 0
        assert errors == []
    finally:
        context.close()


def test_a_word_many_gave_is_never_left_out_while_fewer_fit():
    # GIVEN 16 words where a long, often given word would not fit at the sizes first tried
    from facilitator.model.cloud import layout

    def measure(text: str, size: int) -> tuple[float, float]:
        return len(text) * size * 0.62, size * 1.17

    counts = [45, 45, 44, 44, 30, 26, 24, 23, 23, 22, 21, 20, 19, 19, 18, 14]
    texts = ["champions", "leadership", "Buy in", "Networks", "listening", "energy", "stories"]
    texts += ["relationships", "Value", "purpose", "café", "trust", "data", "patience"]
    texts += ["co-production", "time"]
    words = [{"key": t.lower(), "text": t, "count": c} for t, c in zip(texts, counts, strict=True)]
    # WHEN it is laid out in the projector's area
    cloud = layout(words, 1800, 835, measure, min_size=30, max_size=150)
    # THEN whatever is left out is less given than everything shown
    shown = {p.key for p in cloud.words}
    left = [w for w in words if w["key"] not in shown]
    assert all(w["count"] <= min(p.count for p in cloud.words) for w in left)
    assert "networks" in shown
