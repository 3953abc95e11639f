"""A proposal of groups for one board, built from its notes' vectors: what the console shows
over the board and what ``facilitator suggest-groups`` prints. Building one changes nothing.

Notes already in a group stay in it; free notes close enough to a group are proposed for it
(``ProposedGroup.group_id``); the rest form new groups of at least ``MIN_GROUP`` notes, and
what is left is "Unsorted".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .clusters import cluster
from .labels import Vocabulary, model_reads, short_label
from .records import Proposal, ProposedGroup
from .vectors import BoardNote

MIN_GROUP = 3


def min_group(level: int) -> int:
    """The fewest notes a new group has: pairs count at "more groups", where tighter groups
    would otherwise fall under three and leave more notes unsorted, not more groups."""
    return MIN_GROUP if level <= 0 else 2


# Cosine distance below which average linkage merges, by level (measured on
# tests/data/themes_change.tsv, on centred vectors: see docs/suggest-groups.md).
THRESHOLDS = {-2: 0.97, -1: 0.94, 0: 0.90, 1: 0.87, 2: 0.84}


def build(
    notes: Sequence[BoardNote],
    vectors: np.ndarray,
    names: Mapping[int, str],
    *,
    level: int = 0,
) -> Proposal:
    """The proposal for ``notes`` (visible, oldest first), ``vectors`` one row per note;
    ``names`` are the board's groups (id -> name). Free notes the model cannot read (see
    ``model_reads``) are left unsorted."""
    kept = [r for r, n in enumerate(notes) if n.group_id is not None or model_reads(n.text)]
    unreadable = [n.id for r, n in enumerate(notes) if r not in set(kept)]
    notes, vectors = [notes[r] for r in kept], centred(vectors[kept])
    starts, locked, owners = _starts(notes)
    clusters = cluster(vectors, starts, THRESHOLDS[level], locked)
    words = Vocabulary([n.text for n in notes])
    joining, new, unsorted = [], [], unreadable
    for rows in clusters:
        owner = next((owners[r] for r in rows if owners[r] is not None), None)
        free = [r for r in rows if owners[r] is None]
        if owner is not None:
            if free:
                joining.append(_group(notes, vectors, rows, free, words, owner, names))
        elif len(free) >= min_group(level):
            new.append(_group(notes, vectors, rows, free, words, None, names))
        else:
            unsorted += [notes[r].id for r in free]
    joining.sort(key=lambda g: g.group_id)
    new.sort(key=lambda g: (-len(g.note_ids), g.note_ids[0]))
    return Proposal(tuple(joining) + _distinct(new), tuple(sorted(unsorted)))


def centred(vectors: np.ndarray) -> np.ndarray:
    """The vectors less the board's mean, back to unit length. Every note on one board
    answers the same question, and that shared direction dominates raw similarities (0.13
    between notes of different themes against 0.23 within one, on the labelled test set);
    without it, the differences between themes carry the clustering (-0.03 against 0.09)."""
    if len(vectors) < 2:
        return vectors
    rest = vectors.astype(np.float64) - vectors.mean(axis=0, dtype=np.float64)
    lengths = np.linalg.norm(rest, axis=1, keepdims=True)
    return rest / np.where(lengths > 1e-9, lengths, 1.0)


def _starts(notes: Sequence[BoardNote]):
    """One start per existing group (locked) and per free note; each row's group or None."""
    by_group: dict[int, list[int]] = {}
    free = []
    for row, note in enumerate(notes):
        if note.group_id is None:
            free.append([row])
        else:
            by_group.setdefault(note.group_id, []).append(row)
    groups = sorted(by_group)
    starts = [by_group[g] for g in groups] + free
    locked = [True] * len(groups) + [False] * len(free)
    owners = [note.group_id for note in notes]
    return starts, locked, owners


def _group(notes, vectors, rows, free, words, owner, names) -> ProposedGroup:
    texts = [notes[r].text for r in rows]
    label = names.get(owner, "") if owner is not None else ""
    if not label:
        label = short_label(notes[_central(vectors, rows)].text)
    ids = tuple(sorted(notes[r].id for r in free))
    return ProposedGroup(label, words.keywords(texts), ids, owner)


def _central(vectors: np.ndarray, rows: Sequence[int]) -> int:
    """The row closest on average to the others (the first such, on a tie)."""
    block = vectors[list(rows)].astype(np.float64)
    mean_similarity = block @ block.sum(axis=0)
    return rows[int(np.argmax(np.round(mean_similarity, 9)))]


def _distinct(groups: list[ProposedGroup]) -> tuple[ProposedGroup, ...]:
    """The same label twice gets its first keyword the other does not share, in brackets."""
    seen: dict[str, ProposedGroup] = {}
    out = []
    for g in groups:
        if g.label.casefold() in seen:
            other = seen[g.label.casefold()].keywords
            extra = next((k for k in g.keywords if k not in other), str(len(out) + 1))
            g = ProposedGroup(f"{g.label} ({extra})", g.keywords, g.note_ids, g.group_id)
        seen[g.label.casefold()] = g
        out.append(g)
    return tuple(out)
