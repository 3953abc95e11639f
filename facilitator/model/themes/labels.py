"""Words for a proposed group: its most central note cut to a few words, and its keywords
(the words its notes share that the rest of the board uses less: TF-IDF over the board)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

LABEL_WORDS = 6
LABEL_CHARS = 48
KEYWORDS = 3

# Common English words that say nothing about a theme (after lower-casing; "'s" dropped).
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn doing
    don down during each even ever every few for from further get gets getting got had hadn has
    hasn have haven having he her here hers herself him himself his how however i if in into is
    isn it its itself just let lets like ll made make makes making many may me might more most
    much must mustn my myself need needs no nor not now of off often on once one only or other
    our ours ourselves out over own per quite rather re really same shan she should shouldn so
    some such than that the their theirs them themselves then there these they thing things this
    those through thus to too under until up upon us use used using ve very via want wants was
    wasn way we well were weren what when where whether which while who whom whose why will with
    within without won would wouldn yes yet you your yours yourself yourselves lot lots bit
    dont doesnt didnt cant couldnt isnt wasnt arent werent wont wouldnt shouldnt havent hasnt
    hadnt theres thats whats youre theyre ive im new
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Words a cut label should not end on.
DANGLING = frozenset(
    """
    a an the and or but nor so then than that which who whom whose of to for in on at by with
    from into onto over under after before about as if when while because his her its their our
    my your is was were are be been being it
    """.split()
)
_BULLET = re.compile(r"^\s*(?:\+1\b|[-*•+])\s*")
_ENDING = re.compile(r"'(s|t|re|ve|ll|d|m)$")  # she's, didn't, they're: the word before it


def words(text: str) -> list[str]:
    """The note's content words, lower-cased, without stop words and endings such as 's."""
    out = []
    for word in _WORD.findall(text.lower()):
        word = _ENDING.sub("", word.replace("’", "'"))
        if len(word) >= 3 and word not in STOP_WORDS:
            out.append(word)
    return out


def model_reads(text: str) -> bool:
    """Whether the sentence model can make sense of ``text``: at least half its letters are
    Latin. Its vocabulary (English, lower case, accents stripped) has whole words for Latin
    script only; Urdu, Panjabi or Chinese it reads letter by letter, and emoji not at all, so
    such notes would only cluster with each other whatever they say."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return bool(letters) and latin * 2 >= len(letters)


class Vocabulary:
    """How many of the board's notes use each word (the IDF part)."""

    def __init__(self, texts: Sequence[str]):
        self.notes = len(texts)
        self.used_in = Counter(w for text in texts for w in set(words(text)))

    def keywords(self, texts: Sequence[str], count: int = KEYWORDS) -> tuple[str, ...]:
        """The ``count`` words of ``texts`` with the highest TF-IDF, words used by two or more
        of them first; ties in alphabetical order."""
        used = Counter(w for text in texts for w in set(words(text)))

        def score(word: str) -> tuple:
            idf = math.log((1 + self.notes) / (1 + self.used_in[word])) + 1
            return (-(used[word] >= 2), -used[word] * idf, word)

        return tuple(sorted(used, key=score)[:count])


def short_label(text: str, words_most: int = LABEL_WORDS, chars_most: int = LABEL_CHARS) -> str:
    """The first line of ``text`` cut at a word boundary to a few words, with "…" when cut
    (a leading "+1" or bullet left out)."""
    text = _BULLET.sub("", text) or text
    line = " ".join(text.split("\n", 1)[0].split())
    cut = " ".join(line.split(" ")[:words_most])
    if len(cut) > chars_most:
        cut = cut[:chars_most].rsplit(" ", 1)[0] if " " in cut[:chars_most] else cut[:chars_most]
    if cut == " ".join(text.split()):
        return cut
    kept = cut.split(" ")
    while len(kept) > 2 and kept[-1].strip(",;:-–—.").lower() in DANGLING:
        kept.pop()  # "after the…" says nothing: end on a word that does
    return " ".join(kept).rstrip(" ,;:-–—.") + "…"
