"""The most-voted notes of a board: "top 5" keeps every note tied at the cut, so a note with as
many votes as the fifth is never left out by the order it arrived in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .records import NoteInfo


@dataclass(frozen=True)
class Top:
    """The top ``n`` of a board: ``notes`` most votes first (ties by arrival), ``tied`` True
    when more than ``n`` notes made it because of a tie at the cut."""

    n: int
    notes: tuple[NoteInfo, ...]

    @property
    def tied(self) -> bool:
        return len(self.notes) > self.n

    def describe(self) -> str:
        """ "top 5: 7 notes, tied", "top 5", or "no votes yet"."""
        if not self.notes:
            return "no votes yet"
        if self.tied:
            return f"top {self.n}: {len(self.notes)} notes, tied"
        if len(self.notes) < self.n:
            count = len(self.notes)
            return f"top {self.n}: only {count} note{'s' if count != 1 else ''} with votes"
        return f"top {self.n}"


def ranked(notes: Iterable[NoteInfo]) -> list[NoteInfo]:
    """Shown notes, most votes first, then in order of arrival."""
    return sorted((n for n in notes if not n.hidden), key=lambda n: (-n.votes, n.id))


def top_notes(notes: Sequence[NoteInfo] | Iterable[NoteInfo], n: int) -> Top:
    """The ``n`` shown notes with the most votes, and every note tied with the last of them;
    notes without a vote never count as top."""
    order = [note for note in ranked(notes) if note.votes > 0]
    if n <= 0 or not order:
        return Top(max(0, n), ())
    cut = order[min(n, len(order)) - 1].votes
    return Top(n, tuple(note for note in order if note.votes >= cut))
