"""User text on its way into the PDF: plain text, never markup; every character printable."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from facilitator.export import fonts
from facilitator.export.document import styles
from facilitator.export.text import (
    MISSING,
    BidiParagraph,
    clean,
    is_rtl,
    markup,
    para,
    visual,
    wrap,
)


def test_markup_characters_are_escaped_not_interpreted():
    # GIVEN text full of reportlab's own paragraph tags and entities
    hostile = "<para>a</para> <font size=40>b</font> <img src='/etc/passwd'/> &amp; <b>"
    # WHEN it becomes markup and a Paragraph is built from it
    safe = markup(hostile)
    paragraph = Paragraph(safe, styles()["body"])
    # THEN the paragraph shows the very characters typed, nothing else
    shown = "".join(frag.text for frag in paragraph.frags)
    assert shown == hostile


def test_control_and_invisible_characters_are_dropped():
    assert clean("a\x00b\x1b[1mc\x7f\u202ed\u200be\ufeff") == "ab[1mcde"
    assert clean("tab\there") == "tab here"
    assert clean("one\r\ntwo") == "one\ntwo"


def test_characters_no_font_has_become_one_visible_mark():
    assert clean("ok 中文字 ok") == f"ok {MISSING} ok"
    assert clean("ok \U0001d11e\U0001d120 ok") == f"ok {MISSING} ok"  # musical symbols
    assert ord(MISSING) in fonts.covered(fonts.REGULAR)


def test_emoji_are_kept_without_joiners_tones_or_variation_selectors():
    # GIVEN emoji as phones send them: a skin tone, a variation selector, a joined family
    # WHEN cleaned THEN each pictograph stays and every character has a bundled face
    assert clean("family 🧑‍🤝‍🧑!") == "family 🧑🤝🧑!"
    assert clean("👍🏽 ❤️ 🎉 😀 ✓ → 🫶") == "👍 ❤ 🎉 😀 ✓ → 🫶"
    assert all(ord(ch) in fonts.printable() for ch in clean("👍🏽 ❤️ 🎉 😀 🫶 🥳"))


def test_scripts_the_font_has_are_kept():
    text = "Zażółć gęślą jaźń; Ελληνικά; Съешь ещё; “curly” — dash…; עברית; عربي"
    assert clean(text) == text


def test_bold_text_falls_back_to_regular_for_glyphs_bold_lacks():
    arabic = "عربي"
    assert not all(ord(c) in fonts.covered(fonts.OBLIQUE) for c in arabic)
    out = markup(f"x {arabic}", font=fonts.OBLIQUE)
    assert f'<font name="{fonts.REGULAR}">' in out
    assert fonts.runs(arabic, fonts.OBLIQUE) == [(fonts.REGULAR, arabic)]
    assert fonts.runs("plain", fonts.BOLD) == [(fonts.BOLD, "plain")]


def test_emoji_are_set_in_the_emoji_face_and_the_rest_in_the_one_asked_for():
    # GIVEN bold text with emoji and symbols DejaVu has (arrows, check marks)
    text = "Yes ✓ → 😀👍 done"
    # WHEN cut into runs THEN only the emoji DejaVu lacks go to the emoji face
    assert fonts.runs(text, fonts.BOLD) == [
        (fonts.BOLD, "Yes ✓ → "),
        (fonts.EMOJI, "😀👍"),
        (fonts.BOLD, " done"),
    ]
    out = markup(text, font=fonts.BOLD)
    assert out == f'Yes ✓ → <font name="{fonts.EMOJI}">😀👍</font> done'
    width = fonts.string_width(text, fonts.BOLD, 10)
    assert width > fonts.string_width("Yes ✓ →  done", fonts.BOLD, 10) + 15  # two emoji


def test_right_to_left_text_is_wrapped_in_reading_order_then_reversed():
    text = "שלום עולם זו הערה ארוכה מספיק כדי להתפרק לכמה שורות בדף"
    lines = wrap(text, fonts.REGULAR, 10, 80)
    assert len(lines) > 2
    assert " ".join(lines) == text  # logical order, nothing lost
    assert visual("שלום") == "םולש"
    flowable = para(text, styles()["body"])
    assert isinstance(flowable, BidiParagraph)
    width, height = flowable.wrap(80, 1000)
    assert height > 3 * styles()["body"].leading


def test_a_word_longer_than_the_line_is_cut_not_lost():
    word = "ا" * 300
    lines = wrap(word, fonts.REGULAR, 10, 100)
    assert len(lines) > 3
    assert "".join(lines) == word


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_becomes_a_paragraph_that_lays_out(text):
    # GIVEN any text at all (controls, surrogates aside, markup, every script, emoji)
    flowable = para(text, styles()["note"], bullet="7")
    # WHEN it is laid out at a narrow and a wide width, THEN it fits without an error
    for width in (60, 480):
        w, h = flowable.wrap(width, 10_000)
        visible = [ch for ch in clean(text) if unicodedata.category(ch) != "Cf"]
        assert h < 10_000 and (h > 0 or not visible)  # a soft hyphen alone draws nothing


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_markup_round_trips_left_to_right_text(text):
    shown = "".join(f.text for f in Paragraph(markup(text), styles()["body"]).frags)
    expected = clean(text)
    if not is_rtl(expected):  # the same characters; reportlab may normalise whitespace
        assert "".join(shown.split()) == "".join(expected.split())
