"""The handout of a workshop, read back from the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from facilitator.export import write_handout
from facilitator.model.demos import demo_workshop, ensure_demos
from facilitator.model.errors import NotFound


def pdf_text(path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    out = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


def test_demo_handout_has_cover_agenda_steps_and_more_learning(model, tmp_path):
    # GIVEN the default demo workshop
    workshop = demo_workshop(model.library)
    steps = model.library.steps(workshop.id)
    # WHEN its handout is written before any run
    path = write_handout(model, workshop.id, tmp_path / "handout.pdf")
    text = pdf_text(path)
    # THEN it has the title, every step in the agenda, the zones, the resources and their links
    assert text.count("Change Agents - session 1") >= 2  # cover and running header
    assert "Agenda" in text and "More learning" in text
    for step in steps:
        assert step.title in text
    assert "Burning platforms" in text and "Intrinsic motivators" in text
    for resource in model.library.resources(workshop.id):
        assert resource.title in text
    assert "https://www.ted.com/talks/simon_sinek_how_great_leaders_inspire_action" in text
    assert "Mark where you are on the picture." in text
    assert "Scan the code" not in text  # the join slide means nothing on paper


def test_handout_of_a_run_names_its_place_and_facilitator(model, demo_run, tmp_path):
    path = write_handout(
        model, demo_run.workshop_id, tmp_path / "h.pdf", paper="Letter", run_id=demo_run.id
    )
    text = pdf_text(path)
    assert "Room 2" in text and "Sam" in text
    assert [round(float(v)) for v in PdfReader(path).pages[0].mediabox[2:]] == [612, 792]


def test_every_bundled_demo_prints(model, tmp_path):
    for workshop in ensure_demos(model.library):
        seen: list[int] = []
        target = tmp_path / f"{workshop.id}.pdf"
        path = write_handout(model, workshop.id, target, progress=lambda d, t, s=seen: s.append(t))
        assert len(PdfReader(path).pages) >= 2
        assert seen and workshop.title in pdf_text(path)


def test_missing_picture_and_hostile_titles_give_a_sentence_not_a_crash(model, tmp_path):
    ws = model.library.create_workshop("<b>Bold</b> & <para>")
    model.library.add_step(ws.id, "position", title="Where? <font>", settings={"image": "gone.png"})
    model.library.add_step(ws.id, "whiteboard", title="عربي title", zones=["Zone <b>", "ב"])
    model.library.add_resource(ws.id, "Link", url="https://example.org/" + "x" * 300)
    text = pdf_text(write_handout(model, ws.id, tmp_path / "h.pdf"))
    assert "<b>Bold</b> & <para>" in text
    assert "Where? <font>" in text
    assert "The picture could not be read: gone.png" in text
    assert "Zone <b>" in text


def test_unknown_workshop(model, tmp_path):
    with pytest.raises(NotFound):
        write_handout(model, 12345, tmp_path / "h.pdf")
    assert not (tmp_path / "h.pdf").exists()


def test_handout_pages_are_not_blank(model, tmp_path):
    from PIL import Image

    workshop = demo_workshop(model.library)
    path = write_handout(model, workshop.id, tmp_path / "h.pdf")
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm (poppler-utils) is needed"
    subprocess.run([tool, "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(path).pages)
    for page in pages:
        grey = Image.open(page).convert("L")
        body = grey.crop((0, grey.height * 55 // 1000, grey.width, grey.height * 95 // 100))
        assert sum(body.histogram()[:200]) > 100, page.name


def test_a_workshop_with_no_steps_yet_gives_one_cover_page(model, tmp_path):
    ws = model.library.create_workshop("Just an idea")
    path = write_handout(model, ws.id, tmp_path / "h.pdf")
    assert len(PdfReader(path).pages) == 1
    assert "Just an idea" in pdf_text(path)
