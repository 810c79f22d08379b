"""Sibling order as a sequence, not as numbers (no Qt).

The `order` field of a node is a position among its siblings; inserting one sibling
renumbers all later ones, so comparing `order` values field by field would report every
sibling as changed. Instead we compare the sequences: the longest run of siblings that
kept their relative order stays put, and only the others count as re-ordered.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def kept_in_order(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """The ids common to both sequences that keep their relative order (a longest such set).

    Longest increasing subsequence of `before`-positions in `after` order: O(n log n), and
    deterministic (the result depends only on the two sequences).
    """
    position = {node_id: i for i, node_id in enumerate(before)}
    common = [node_id for node_id in after if node_id in position]
    tails: list[int] = []  # tails[k]: smallest before-position ending a run of length k+1
    tail_at: list[int] = []  # index into `common` of that tail
    back: list[int] = [-1] * len(common)
    for i, node_id in enumerate(common):
        pos = position[node_id]
        k = bisect_left(tails, pos)
        if k == len(tails):
            tails.append(pos)
            tail_at.append(i)
        else:
            tails[k] = pos
            tail_at[k] = i
        back[i] = tail_at[k - 1] if k else -1
    kept: set[str] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        kept.add(common[i])
        i = back[i]
    return kept


def reordered(before: Sequence[str], after: Sequence[str]) -> list[str]:
    """Ids in both sequences that changed their place relative to the others, in `after` order."""
    if before == after:
        return []
    kept = kept_in_order(before, after)
    common = set(before)
    return [node_id for node_id in after if node_id in common and node_id not in kept]


def merge_siblings(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Three-way merge of one parent's children: (merged order, ids whose place conflicts).

    Each side "places" the ids it inserted, moved here or re-ordered; the rest (the
    skeleton) keep their base order. A placed id goes right after the nearest skeleton id
    that precedes it on its side. When both sides insert after the same skeleton id, the
    two runs are ordered by their ids, so the result does not depend on which side is
    "ours". An id both sides placed after different skeleton ids is a conflict: ours wins.
    All three sequences must hold only ids that end up under this parent.
    """
    if ours == theirs and set(base) <= set(ours):  # the common case, and O(n)
        return list(ours), []
    placed_o = _placed(base, ours)
    placed_t = _placed(base, theirs)
    skeleton = [n for n in base if n not in placed_o and n not in placed_t]
    in_skeleton = set(skeleton)
    anchors_o = _anchors(ours, placed_o, in_skeleton)
    anchors_t = _anchors(theirs, placed_t, in_skeleton)
    conflicts = sorted(
        n for n in anchors_o if n in anchors_t and anchors_o[n] != anchors_t[n]
    )
    runs_o = _runs(ours, anchors_o, ())
    runs_t = _runs(theirs, anchors_t, set(conflicts))
    merged: list[str] = []
    seen: set[str] = set()
    for anchor in [None, *skeleton]:
        if anchor is not None:
            merged.append(anchor)
            seen.add(anchor)
        run_o, run_t = runs_o.get(anchor, []), runs_t.get(anchor, [])
        for node_id in [*min(run_o, run_t), *max(run_o, run_t)]:
            if node_id not in seen:
                merged.append(node_id)
                seen.add(node_id)
    return merged, conflicts


def _placed(base: Sequence[str], side: Sequence[str]) -> set[str]:
    kept = kept_in_order(base, side)
    return {n for n in side if n not in kept}


def _anchors(side: Sequence[str], placed: set[str], skeleton: set[str]) -> dict[str, str | None]:
    anchors: dict[str, str | None] = {}
    last: str | None = None
    for node_id in side:
        if node_id in skeleton:
            last = node_id
        elif node_id in placed:
            anchors[node_id] = last
    return anchors


def _runs(
    side: Sequence[str], anchors: dict[str, str | None], skip: set[str] | tuple[()]
) -> dict[str | None, list[str]]:
    runs: dict[str | None, list[str]] = {}
    for node_id in side:
        if node_id in anchors and node_id not in skip:
            runs.setdefault(anchors[node_id], []).append(node_id)
    return runs
