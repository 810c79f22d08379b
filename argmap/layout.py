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
    b_index, d_index = (0, 1) if down else (1, 0)
    sibling_gap = spacing.sibling
    empty: Sequence[str] = ()
    get_children = children.get

    # Pass 1 (pre-order walk): visible nodes, their levels and the deepest box per level.
    order: list[str] = []
    level_of: dict[str, int] = {}
    kids_of: dict[str, Sequence[str]] = {}
    level_depth: list[float] = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        node, level = stack.pop()
        order.append(node)
        level_of[node] = level
        if level == len(level_depth):
            level_depth.append(0.0)
        depth = sizes[node][d_index]
        if depth > level_depth[level]:
            level_depth[level] = depth
        ks = empty if node in collapsed else get_children(node, empty)
        kids_of[node] = ks
        if ks:
            stack.extend((k, level + 1) for k in reversed(ks))

    # Pass 2 (post-order): band width of each subtree.
    span: dict[str, float] = {}
    for node in reversed(order):  # children always come after their parent in `order`
        ks = kids_of[node]
        own = sizes[node][b_index]
        if ks:
            block = sibling_gap * (len(ks) - 1)
            for k in ks:
                block += span[k]
            span[node] = own if own > block else block
        else:
            span[node] = own

    level_start = [0.0] * len(level_depth)
    for i in range(1, len(level_depth)):
        level_start[i] = level_start[i - 1] + level_depth[i - 1] + spacing.level

    # Pass 3 (pre-order): each child's band inside its parent's band.
    band_start: dict[str, float] = {}
    cursor = 0.0
    for r in roots:
        band_start[r] = cursor
        cursor += span[r] + spacing.root
    for node in order:
        ks = kids_of[node]
        if ks:
            block = sibling_gap * (len(ks) - 1)
            for k in ks:
                block += span[k]
            pos = band_start[node] + (span[node] - block) / 2
            for k in ks:
                band_start[k] = pos
                pos += span[k] + sibling_gap

    # Pass 4 (post-order): centre each node over its children, kept inside its band.
    centre: dict[str, float] = {}
    out: dict[str, tuple[float, float]] = {}
    for node in reversed(order):
        ks = kids_of[node]
        start = band_start[node]
        half = sizes[node][b_index] / 2
        if ks:
            mid = (centre[ks[0]] + centre[ks[-1]]) / 2
            low, high = start + half, start + span[node] - half
            c = low if mid < low else high if mid > high else mid
        else:
            c = start + span[node] / 2
        centre[node] = c
        d = level_start[level_of[node]]
        out[node] = (c - half, d) if down else (d, c - half)
    return out
