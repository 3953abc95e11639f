"""Emoji and symbols in a run's words print as glyphs of the bundled fonts: read back from the
PDF with pdffonts, pdftotext and pypdf (which face drew each character)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from facilitator.export import fonts, write_handout, write_summary
from facilitator.model.board import NoteRequest

EMOJI = ["😀", "👍", "❤", "🎉", "🚀", "😟", "🫶", "🥳"]
SYMBOLS = ["→", "←", "⇒", "✓", "✔", "✗", "★"]
FACES = {"DejaVuSans": fonts.REGULAR, "DejaVuSans-Bold": fonts.BOLD,
         "DejaVuSans-Oblique": fonts.OBLIQUE, "NotoEmoji-Medium": fonts.EMOJI}  # fmt: skip


def run_tool(*args: str) -> str:
    assert shutil.which(args[0]), f"{args[0]} (poppler-utils) is needed"
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def faces_used(path) -> dict[str, set[str]]:
    """Each character shown in the PDF -> the faces that drew it."""
    out: dict[str, set[str]] = {}

    def seen(text, cm, tm, font, size):
        face = str(font.get("/BaseFont", "")).split("+")[-1] if font else ""
        for ch in text:
            out.setdefault(ch, set()).add(face)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=seen)
    return out


@pytest.fixture
def emoji_run(model):
    """A run whose workshop title, zone, person's name, group name and notes have emoji."""
    library = model.library
    ws = library.create_workshop("Team day 🎉")
    step = library.add_step(
        ws.id, "whiteboard", title="How did it go? 👍", zones=["Wins ✓", "Worries 😟"]
    )
    run = model.runs.start(ws.id, place="Hall ★", facilitator="Sam")
    step = next(s for s in model.runs.steps(run.id) if s.kind == "whiteboard")
    wins, worries = (z.id for z in step.zones)
    person, _ = model.runs.join(run.id)
    model.runs.rename(person.id, "Priya 🫶")
    texts = [
        ("😀 👍🏽 ❤️ 🎉", wins),
        ("Arrows → ← ⇒ and marks ✓ ✔ ✗ ★", wins),
        ("Launch 🚀 next week 🥳", wins),
        ("Too many forms 😟", worries),
    ]
    notes = [
        model.board.add_note(
            NoteRequest(run.id, step.id, text, participant_id=person.id, zone_id=zone)
        ).note
        for text, zone in texts
    ]
    model.board.create_group(run.id, step.id, "Quick wins 🚀", [notes[0].id, notes[2].id])
    return run


def test_emoji_and_symbols_print_as_glyphs_not_replacement_marks(model, emoji_run, tmp_path):
    # WHEN the summary (with each person's contributions) is written
    path = write_summary(model, emoji_run.id, tmp_path / "s.pdf", per_participant=True)
    # THEN the emoji face is embedded beside DejaVu
    listing = run_tool("pdffonts", str(path))
    embedded = [line.split()[0] for line in listing.splitlines()[2:] if " yes " in line]
    assert any(name.endswith("+NotoEmoji-Medium") for name in embedded), listing
    # and every emoji and symbol reads back as itself, never as U+FFFD
    text = run_tool("pdftotext", str(path), "-")
    assert "\ufffd" not in text
    for ch in EMOJI + SYMBOLS:
        assert ch in text, ch
    for said in ("Team day 🎉", "Priya 🫶", "Quick wins 🚀", "Worries 😟", "Launch 🚀 next week"):
        assert said in text, said  # header, name, group heading, zone heading, note
    # and each was drawn by a face that has its glyph, every pictograph by the emoji face
    used = faces_used(path)
    for ch in EMOJI + SYMBOLS:
        assert used[ch] and all(ord(ch) in fonts.covered(FACES[face]) for face in used[ch])
        if ord(ch) >= 0x1F000:
            assert used[ch] == {"NotoEmoji-Medium"}, (ch, used[ch])
    assert used["❤"] == {"DejaVuSans"}  # DejaVu's own heart: a monochrome glyph too
    assert "\U0001f3fd" not in used  # the skin tone is left out, not shown as a swatch


def test_the_board_drawing_labels_carry_emoji_too(model, emoji_run, tmp_path):
    path = write_summary(model, emoji_run.id, tmp_path / "s.pdf")
    drawn: list[tuple[str, float]] = []

    def seen(text, cm, tm, font, size):
        face = str(font.get("/BaseFont", "")).split("+")[-1] if font else ""
        if face == "NotoEmoji-Medium":
            drawn.append((text, size))

    PdfReader(path).pages[0].extract_text(visitor_text=seen)
    shown = {(text.strip(), size) for text, size in drawn}
    assert ("😟", 8.5) in shown  # the zone's label at the top of its column
    assert ("🚀", 7.5) in shown  # the group's name in its outline


def test_the_handout_prints_emoji_in_titles(model, emoji_run, tmp_path):
    path = write_handout(model, emoji_run.workshop_id, tmp_path / "h.pdf", run_id=emoji_run.id)
    text = run_tool("pdftotext", str(path), "-")
    assert "Team day 🎉" in text and "How did it go? 👍" in text and "\ufffd" not in text
