"""Tidy tree layout as a pure function: sizes in, positions out (no Qt).

Each subtree gets its own band along the breadth axis, as wide as the wider of its root
and its children's bands side by side; a parent sits centred over its children. Bands
never overlap, so boxes never overlap and tree edges never cross. Depth levels are
aligned rows (columns for left-to-right), each as deep as its deepest box. Two passes,
both iterative: O(n) time, no recursion, so a 5,000-deep chain is no special case.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    DOWN = "down"  # root at the top, children below
    RIGHT = "right"  # root at the left, children to the right


@dataclass(frozen=True)
class Spacing:
    sibling: float = 24.0  # between neighbouring subtrees
    level: float = 56.0  # between depth levels
    root: float = 64.0  # between separate trees


def layout(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    direction: Direction = Direction.DOWN,
    collapsed: Collection[str] = (),
    spacing: Spacing = Spacing(),
) -> dict[str, tuple[float, float]]:
    """Top-left corner of every visible node's box; nodes under a collapsed node are left out."""
    down = direction is Direction.DOWN

    def breadth(node: str) -> float:
        w, h = sizes[node]
        return w if down else h

    def depth_size(node: str) -> float:
        w, h = sizes[node]
        return h if down else w

    def kids(node: str) -> Sequence[str]:
        return () if node in collapsed else children.get(node, ())

    # Pass 1 (post-order): band width of each subtree, and the deepest box per level.
    span: dict[str, float] = {}
    level_of: dict[str, int] = {}
    level_depth: list[float] = []
    order: list[str] = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        node, level = stack.pop()
        order.append(node)
        level_of[node] = level
        if level == len(level_depth):
            level_depth.append(0.0)
        level_depth[level] = max(level_depth[level], depth_size(node))
        stack.extend((k, level + 1) for k in reversed(kids(node)))
    for node in reversed(order):  # children always come after their parent in `order`
        ks = kids(node)
        block = sum(span[k] for k in ks) + spacing.sibling * max(0, len(ks) - 1)
        span[node] = max(breadth(node), block)

    level_start = [0.0] * len(level_depth)
    for i in range(1, len(level_depth)):
        level_start[i] = level_start[i - 1] + level_depth[i - 1] + spacing.level

    # Pass 2 (pre-order): place each band, then each node centred over its children.
    band_start: dict[str, float] = {}
    cursor = 0.0
    for r in roots:
        band_start[r] = cursor
        cursor += span[r] + spacing.root
    centre: dict[str, float] = {}
    for node in order:
        ks = kids(node)
        start = band_start[node]
        if ks:
            block = sum(span[k] for k in ks) + spacing.sibling * (len(ks) - 1)
            pos = start + (span[node] - block) / 2
            for k in ks:
                band_start[k] = pos
                pos += span[k] + spacing.sibling
    # Centres need the children's centres, so resolve them bottom-up.
    for node in reversed(order):
        ks = kids(node)
        half = breadth(node) / 2
        start = band_start[node]
        if ks:
            first, last = ks[0], ks[-1]
            mid = (centre[first] + centre[last]) / 2
            centre[node] = min(max(mid, start + half), start + span[node] - half)
        else:
            centre[node] = start + span[node] / 2

    out: dict[str, tuple[float, float]] = {}
    for node in order:
        b = centre[node] - breadth(node) / 2
        d = level_start[level_of[node]]
        out[node] = (b, d) if down else (d, b)
    return out
