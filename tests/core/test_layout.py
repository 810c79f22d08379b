"""The tidy layout never overlaps boxes and keeps children on the far side of their parent."""

from __future__ import annotations

import itertools
import random

import pytest

from argmap.core.layout import Direction, TreeLayout, layout
from tests.generate import generate


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


@pytest.mark.slow
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


def _random_tree_edit(children: dict[str, list[str]], sizes: dict, rng: random.Random,
                      counter: list[int]) -> set[str]:
    """Add a leaf or a small subtree, delete a subtree, resize a box, reorder or move.
    Returns the layout's hint (layout_protocol.Layout.update): the nodes whose size or
    children changed and the new parents, not a deleted or moved node's old parent."""
    ids = sorted(sizes)
    touched: set[str] = set()
    node = rng.choice(ids)
    roll = rng.random()
    if roll < 0.3:
        for _ in range(rng.randint(1, 3)):
            counter[0] += 1
            new = f"x{counter[0]}"
            sizes[new] = (240.0, rng.choice([60.0, 80.0, 120.0]))
            children.setdefault(node, []).insert(rng.randint(0, len(children.get(node, []))), new)
            touched.add(node)
            node = new
    elif roll < 0.5:
        parent = next((p for p, ks in children.items() if node in ks), None)
        if parent is None:
            return touched
        children[parent].remove(node)
        touched.add(node)
        stack = [node]
        while stack:
            n = stack.pop()
            sizes.pop(n)
            stack.extend(children.pop(n, []))
    elif roll < 0.75:
        sizes[node] = (rng.choice([200.0, 240.0, 300.0]), rng.choice([60.0, 80.0, 120.0, 400.0]))
        touched.add(node)
    elif roll < 0.9:
        parent = next((p for p, ks in children.items() if node in ks), None)
        if parent is not None:
            rng.shuffle(children[parent])
            touched.add(parent)
    else:
        parent = next((p for p, ks in children.items() if node in ks), None)
        target = rng.choice(ids)
        below = set()
        stack = [node]
        while stack:
            n = stack.pop()
            below.add(n)
            stack.extend(children.get(n, []))
        if parent is not None and target not in below:
            children[parent].remove(node)
            children.setdefault(target, []).append(node)
            touched.update((node, target))
    return touched


@pytest.mark.parametrize("direction", list(Direction))
def test_incremental_layout_equals_a_full_one_after_every_edit(direction):
    amap = generate(400, seed=9)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    rng = random.Random(4)
    sizes = {n.id: (240.0, rng.choice([60.0, 80.0, 120.0])) for n in amap.nodes}
    roots = [n.id for n in index[None]]
    tree = TreeLayout(direction)
    tree.full(roots, children, sizes)
    counter = [0]
    for step in range(300):
        _random_tree_edit(children, sizes, rng, counter)
        collapsed = {"n3"} if step % 50 == 49 and "n3" in sizes else set()
        got = dict(tree.update(roots, children, sizes, collapsed))
        assert got == layout(roots, children, sizes, direction, collapsed), step
