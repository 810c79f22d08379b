"""The tidy layout never overlaps boxes and keeps children on the far side of their parent."""

from __future__ import annotations

import itertools
import random

import pytest

from argmap.layout import Direction, layout
from benchmarks.generate import generate


def _check(amap, direction: Direction) -> None:
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    rng = random.Random(7)
    sizes = {n.id: (240.0, rng.uniform(60, 200)) for n in amap.nodes}
    pos = layout([n.id for n in index[None]], children, sizes, direction)
    assert len(pos) == len(amap.nodes)
    down = direction is Direction.DOWN
    # children sit beyond their parent on the depth axis
    for node in amap.nodes:
        if node.parent is not None:
            p, c = pos[node.parent], pos[node.id]
            depth_p, depth_c = (p[1], c[1]) if down else (p[0], c[0])
            size_p = sizes[node.parent][1] if down else sizes[node.parent][0]
            assert depth_c >= depth_p + size_p
    # no overlaps: sweep boxes sorted along the breadth axis, per depth row
    rows: dict[float, list[tuple[float, float]]] = {}
    for node_id, (x, y) in pos.items():
        w, h = sizes[node_id]
        key, start, end = (y, x, x + w) if down else (x, y, y + h)
        rows.setdefault(key, []).append((start, end))
    for boxes in rows.values():
        boxes.sort()
        for (_, end), (start, _) in itertools.pairwise(boxes):
            assert start >= end - 1e-6


@pytest.mark.parametrize("direction", list(Direction))
def test_ten_thousand_node_layout_is_tidy(direction):
    _check(generate(10_000, seed=3), direction)


def test_siblings_keep_their_order():
    amap = generate(200, seed=5)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    sizes = {n.id: (240.0, 80.0) for n in amap.nodes}
    pos = layout(["n0"], children, sizes)
    for kids in children.values():
        xs = [pos[k][0] for k in kids]
        assert xs == sorted(xs)


def test_collapsed_subtrees_are_left_out():
    amap = generate(100, seed=2)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    sizes = {n.id: (240.0, 80.0) for n in amap.nodes}
    pos = layout(["n0"], children, sizes, collapsed={"n0"})
    assert list(pos) == ["n0"]
