"""What a proposal of groups is: plain frozen records, handed to the console and the
command line (no numpy in them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProposedGroup:
    label: str  # the most central note shortened to a few words (an existing group: its name)
    keywords: tuple[str, ...]  # its top keywords
    note_ids: tuple[int, ...]  # the notes this group would take (not those already in it)
    group_id: int | None = None  # an existing group of the board these notes would join


@dataclass(frozen=True)
class Proposal:
    groups: tuple[ProposedGroup, ...]
    unsorted: tuple[int, ...]  # free notes no group would take

    def as_json(self) -> dict:
        """``{"groups": [{"label", "note_ids"}], "unsorted": [...]}`` as DESIGN.md says."""
        return {
            "groups": [{"label": g.label, "note_ids": list(g.note_ids)} for g in self.groups],
            "unsorted": list(self.unsorted),
        }

    @property
    def placed(self) -> int:
        """How many notes the proposal puts into a group."""
        return sum(len(g.note_ids) for g in self.groups)
