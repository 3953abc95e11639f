"""Average-linkage agglomerative clustering on cosine distance, in numpy.

Clusters start as the board's existing groups (each one cluster, which is never merged with
another existing group) and one cluster per ungrouped note. The two closest clusters merge, the
distance between clusters being the mean distance between their notes, until no two are closer
than the threshold. Each cluster's nearest neighbour is kept, so that a merge recomputes only
the rows that pointed at the merged pair: about n^2 work in all, not n^3 (2,000 notes in a
fraction of a second). Ties go to the lower index, so the same input gives the same clusters.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def cluster(
    vectors: np.ndarray,
    starts: Sequence[Sequence[int]],
    threshold: float,
    locked: Sequence[bool] | None = None,
) -> list[list[int]]:
    """Merge ``starts`` (lists of row indices of ``vectors``, unit rows) into clusters.

    A ``locked`` start is an existing group: it stays whole and never merges with another
    locked one (free notes may join it). Returns the clusters as sorted row lists, in the
    order of their first start."""
    if not starts:
        return []
    locked = [False] * len(starts) if locked is None else list(locked)
    merging = _Merging(vectors, starts, locked)
    while merging.merge_closest(threshold):
        pass
    return merging.clusters()


class _Merging:
    def __init__(self, vectors: np.ndarray, starts: Sequence[Sequence[int]], locked: list[bool]):
        owner = np.concatenate([np.full(len(rows), c) for c, rows in enumerate(starts)])
        rows = np.concatenate([np.asarray(rows, int) for rows in starts])
        sums = np.zeros((len(starts), vectors.shape[1]), np.float64)
        np.add.at(sums, owner, vectors[rows].astype(np.float64))
        self.sizes = np.bincount(owner, minlength=len(starts)).astype(np.float64)
        self.distance = 1.0 - (sums @ sums.T) / np.outer(self.sizes, self.sizes)
        self.locked = np.array(locked, bool)
        self.distance[np.ix_(self.locked, self.locked)] = np.inf
        np.fill_diagonal(self.distance, np.inf)
        self.rows = [sorted(int(r) for r in rows) for rows in starts]
        self.alive = np.ones(len(starts), bool)
        self.nearest = np.argmin(self.distance, axis=1)
        self.gap = self.distance[np.arange(len(starts)), self.nearest]

    def merge_closest(self, threshold: float) -> bool:
        a = int(np.argmin(self.gap))
        if not self.gap[a] < threshold:
            return False
        a, b = sorted((a, int(self.nearest[a])))
        self._merge(a, b)
        return True

    def _merge(self, a: int, b: int) -> None:
        d = self.distance
        total = self.sizes[a] + self.sizes[b]
        with np.errstate(invalid="ignore"):  # inf - inf never happens; inf * size is inf
            row = (self.sizes[a] * d[a] + self.sizes[b] * d[b]) / total
        self.locked[a] |= self.locked[b]
        if self.locked[a]:
            row[self.locked] = np.inf
        row[a] = np.inf
        d[a], d[:, a] = row, row
        d[b], d[:, b] = np.inf, np.inf
        self.sizes[a], self.sizes[b] = total, 0
        self.rows[a] += self.rows[b]
        self.rows[b] = []
        self.alive[b] = False
        self.gap[b] = np.inf
        stale = np.flatnonzero(self.alive & ((self.nearest == a) | (self.nearest == b)))
        for k in {a, *stale.tolist()}:
            self.nearest[k] = int(np.argmin(d[k]))
            self.gap[k] = d[k, self.nearest[k]]

    def clusters(self) -> list[list[int]]:
        return [sorted(rows) for rows, alive in zip(self.rows, self.alive, strict=True) if alive]
