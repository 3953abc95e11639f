"""The discussion summary, read back: real run, real PDF, text extracted with pdftotext and pages
rendered with pdftoppm (poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from facilitator.export import write_summary
from facilitator.export.sample import fill_run
from facilitator.export.text import clean, is_rtl
from facilitator.model.board import NoteRequest
from facilitator.model.errors import InvalidInput, NotFound

HOSTILE = [
    "<para>para</para> <font color='red' size=40>big</font> <img src='/etc/passwd'/> &amp; <b>",
    "Tags <a href='javascript:alert(1)'>link</a> <br/> <onDraw name=x/> <seq/> &#x41; &nbsp;",
    "y" * 500,
    "Zażółć gęślą jaźń; Ελληνικά γράμματα; Съешь же ещё этих мягких булок",
    "مرحبا بالعالم، هذه ملاحظة طويلة بما يكفي لتلتف على عدة أسطر في الملخص المطبوع للمناقشة",
    "שלום עולם, זו הערה בעברית עם מספר 123 ומילה English באמצע",
    "Emoji 👍🏽 🎉 ❤️ 🧑‍🤝‍🧑 and 中文 with “curly quotes” — and an ellipsis…",
    "Tabs\tand\nnew\nlines and a \u202eright-to-left override\u202c and zero\u200bwidth",
]


def pdf_text(path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    return subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def filled_run(model, demo_run):
    """The demo run with sample content, one hidden note and the hostile notes on a board."""
    fill_run(model, demo_run.id, people=16)
    board = [s for s in model.runs.steps(demo_run.id) if s.kind == "whiteboard"][1]
    author, _ = model.runs.join(demo_run.id, "Zoë <b>&amp;")
    for text in HOSTILE:
        model.board.add_note(NoteRequest(demo_run.id, board.id, text, participant_id=author.id))
    secret = model.board.add_note(
        NoteRequest(demo_run.id, board.id, "SECRET-HIDDEN-NOTE", participant_id=author.id)
    ).note
    model.board.set_hidden(secret.id, True)
    return demo_run


def test_every_visible_note_exactly_once_and_no_hidden_one(model, filled_run, tmp_path):
    # GIVEN a run with sample notes, hostile notes and hidden notes
    notes = model.board.notes(filled_run.id)
    hidden = [n for n in notes if n.hidden]
    visible = [n for n in notes if not n.hidden]
    assert len(hidden) == 2 and len(visible) > 40
    # WHEN its summary is written and its text read back
    path = write_summary(model, filled_run.id, tmp_path / "summary.pdf")
    text = squeeze(pdf_text(path))
    # THEN every visible note (left to right ones compared exactly) appears once, hidden never
    for note in visible:
        if is_rtl(note.text):
            continue
        assert text.count(squeeze(clean(note.text))) == 1, note.text
    for note in hidden:
        assert squeeze(note.text) not in text
    assert "2hiddennotesnotshown" in text or "1hiddennotenotshown" in text
    assert "שלום"[::-1] in text or "שלום" in text  # Hebrew printed (in visual order)


def test_markup_in_notes_and_names_prints_literally(model, filled_run, tmp_path):
    path = write_summary(model, filled_run.id, tmp_path / "s.pdf", per_participant=True)
    text = pdf_text(path)
    assert "<img src='/etc/passwd'/>" in text
    assert "Zoë <b>&amp;" in text
    assert "\ufffd" in text  # the Chinese characters and the emoji people: a visible mark


def test_pages_are_not_blank(model, filled_run, tmp_path):
    path = write_summary(model, filled_run.id, tmp_path / "s.pdf")
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm (poppler-utils) is needed"
    subprocess.run([tool, "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(path).pages) >= 3
    for page in pages:
        grey = Image.open(page).convert("L")
        # the body, between the running header and the page number, carries ink
        body = grey.crop((0, grey.height * 55 // 1000, grey.width, grey.height * 95 // 100))
        inked = sum(body.histogram()[:200])
        assert inked > 100, page.name


def test_fonts_are_embedded_and_paper_sizes_apply(model, filled_run, tmp_path):
    a4 = PdfReader(write_summary(model, filled_run.id, tmp_path / "a4.pdf"))
    letter = PdfReader(write_summary(model, filled_run.id, tmp_path / "l.pdf", paper="Letter"))
    assert [round(float(v)) for v in a4.pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(v)) for v in letter.pages[0].mediabox[2:]] == [612, 792]
    for page in a4.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/BaseFont"].split("+")[-1].startswith(("DejaVuSans", "NotoEmoji"))
            assert "/FontFile2" in font["/FontDescriptor"]


def test_header_counts_and_page_numbers(model, filled_run, tmp_path):
    text = pdf_text(write_summary(model, filled_run.id, tmp_path / "s.pdf"))
    pages = len(PdfReader(tmp_path / "s.pdf").pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Room 2" in text and "Sam" in text
    assert "17" in text  # attendees: 16 sample people and the hostile author
    assert "16 people placed a dot." in text
    assert "out of 5 on average" in text


def test_progress_is_reported_to_the_end(model, filled_run, tmp_path):
    seen = []
    write_summary(model, filled_run.id, tmp_path / "s.pdf", progress=lambda d, t: seen.append(d))
    total = len(model.runs.steps(filled_run.id)) + 1
    assert seen == sorted(seen) and seen[-1] == total


def test_a_failed_export_leaves_the_old_file_and_no_part_file(model, filled_run, tmp_path):
    # GIVEN a summary already written
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "summary.pdf"
    target.write_bytes(b"the summary printed yesterday")

    def fail(done, total):
        if done == 3:
            raise RuntimeError("disk pulled out")

    # WHEN a new export fails half way through the layout
    with pytest.raises(RuntimeError):
        write_summary(model, filled_run.id, target, progress=fail)
    # THEN the old file is untouched and nothing half-written is left beside it
    assert target.read_bytes() == b"the summary printed yesterday"
    assert [p.name for p in folder.iterdir()] == ["summary.pdf"]


def test_errors_a_person_can_fix(model, demo_run, tmp_path):
    with pytest.raises(NotFound):
        write_summary(model, 999, tmp_path / "s.pdf")
    with pytest.raises(InvalidInput):
        write_summary(model, demo_run.id, tmp_path / "s.pdf", paper="A3")
    with pytest.raises(OSError):
        write_summary(model, demo_run.id, tmp_path / "missing" / "s.pdf")
    assert not (tmp_path / "missing").exists()


def test_an_empty_run_still_gives_a_summary(model, demo_run, tmp_path):
    text = pdf_text(write_summary(model, demo_run.id, tmp_path / "s.pdf"))
    assert "0 notes from 0 people." in text
    assert "0 people answered." in text


def test_two_exports_at_once_from_background_threads(model, filled_run, tmp_path):
    # GIVEN the app's Export dialog runs exports off the GUI thread, maybe two at once
    from concurrent.futures import ThreadPoolExecutor

    from facilitator.export import write_handout

    with ThreadPoolExecutor(max_workers=2) as pool:
        summary = pool.submit(write_summary, model, filled_run.id, tmp_path / "s.pdf")
        handout = pool.submit(
            write_handout, model, filled_run.workshop_id, tmp_path / "h.pdf", run_id=filled_run.id
        )
        paths = [summary.result(timeout=120), handout.result(timeout=120)]
    # THEN both files are whole PDFs
    for path in paths:
        assert len(PdfReader(path).pages) >= 3
    assert "SECRET-HIDDEN-NOTE" not in pdf_text(paths[0])
