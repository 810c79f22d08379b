"""The compact layout: no box overlaps a box or a connector, connectors of different parents
never meet, siblings' branches never overlap, a parent comes before its children in reading
order, and an incremental run equals a full one after any edits."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.core.layout import LayoutStyle, make_layout
from argmap.core.layout_compact import PAGE, SLIDE, CompactLayout
from tests.generate import generate

Box = tuple[float, float, float, float]  # left, top, right, bottom
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2, axis-aligned
CELL = 512.0
EPS = 1e-6  # sums of the same sizes in another order


def _cells(left: float, top: float, right: float, bottom: float) -> Iterator[tuple[int, int]]:
    for i in range(int(left // CELL), int(right // CELL) + 1):
        for j in range(int(top // CELL), int(bottom // CELL) + 1):
            yield i, j


def _segments(points: Sequence[tuple[float, float]]) -> list[Segment]:
    return [(*a, *b) for a, b in itertools.pairwise(points)]


def _cuts_box(seg: Segment, box: Box) -> bool:
    """An axis-aligned segment passes through the inside of a box (touching an edge is not)."""
    x1, y1, x2, y2 = seg
    left, top, right, bottom = box
    return (min(x1, x2) < right - EPS and max(x1, x2) > left + EPS
            and min(y1, y2) < bottom - EPS and max(y1, y2) > top + EPS)


def _on_edge(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    left, top, right, bottom = box
    return ((x in (left, right) and top <= y <= bottom)
            or (y in (top, bottom) and left <= x <= right))


def _meet(a: Segment, b: Segment) -> bool:
    """Two axis-aligned segments share a point."""
    return (min(a[0], a[2]) <= max(b[0], b[2]) and min(b[0], b[2]) <= max(a[0], a[2])
            and min(a[1], a[3]) <= max(b[1], b[3]) and min(b[1], b[3]) <= max(a[1], a[3]))


def check(tree: CompactLayout, roots: Sequence[str], children: Mapping[str, Sequence[str]],
          sizes: Mapping[str, tuple[float, float]], collapsed: frozenset[str] = frozenset()) -> None:
    pos = tree.out
    # what is visible: everything not under a collapsed node
    visible: list[str] = []
    parent: dict[str, str] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        visible.append(node)
        if node not in collapsed:
            for k in children.get(node, ()):
                parent[k] = node
                stack.append(k)
    assert set(pos) == set(visible)
    assert set(tree.routes) == set(parent)
    boxes = {n: (x, y, x + sizes[n][0], y + sizes[n][1]) for n, (x, y) in pos.items()}
    left, top, right, bottom = tree.bounds()
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for node, box in boxes.items():
        assert left - EPS <= box[0] and top - EPS <= box[1]
        assert box[2] <= right + EPS and box[3] <= bottom + EPS
        for cell in _cells(*box):
            for other in grid[cell]:
                assert not _cuts_box(box, boxes[other]), (node, other)  # boxes never overlap
            grid[cell].append(node)
    # every segment: inside the bounds, through no box; different parents' never meet
    owner: dict[tuple[int, int], list[tuple[Segment, str]]] = defaultdict(list)
    lines: list[tuple[Segment, str]] = []
    for child, route in tree.routes.items():
        assert _on_edge(route[0], boxes[child]) and _on_edge(route[-1], boxes[parent[child]])
        lines += [(seg, parent[child]) for seg in _segments(route)]
    for up, trunk in tree.trunks.items():
        for line in trunk:
            lines += [(seg, up) for seg in _segments(line)]
    for seg, up in lines:
        x1, y1, x2, y2 = seg
        assert x1 == x2 or y1 == y2, seg  # orthogonal
        assert left - EPS <= min(x1, x2) and max(x1, x2) <= right + EPS
        assert top - EPS <= min(y1, y2) and max(y1, y2) <= bottom + EPS
        for cell in _cells(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)):
            for node in grid[cell]:
                assert not _cuts_box(seg, boxes[node]), (seg, node)
            for seg2, up2 in owner[cell]:
                assert up2 == up or not _meet(seg, seg2), (seg, up, seg2, up2)
            owner[cell].append((seg, up))
    # a fan's branches (each route's first segment) never overlap one another
    for up in {parent[c] for c in tree.routes}:
        kids = [k for k in children[up]]
        firsts = [_segments(tree.routes[k])[0] for k in kids]
        for i, a in enumerate(firsts):
            for b in firsts[i + 1:]:
                assert not _meet(a, b), (up, a, b)
    # reading order: a parent's box comes before its children's (top to bottom, left to right)
    for child, up in parent.items():
        (cx, cy), (_, py) = pos[child], pos[up]
        assert cy > py or (cy == py and cx >= boxes[up][2]), (up, child)


def _tree(parents: list[int], heights: list[float], widths: list[float]):
    """Node i+1's parent is node parents[i] (< i+1); node 0 and every 7th-multiple are roots."""
    ids = [f"n{i}" for i in range(len(parents) + 1)]
    children: dict[str, list[str]] = {}
    roots = ["n0"]
    for i, p in enumerate(parents, start=1):
        if i % 97 == 0:
            roots.append(ids[i])
        else:
            children.setdefault(ids[p % i], []).append(ids[i])
    sizes = {n: (widths[i % len(widths)], heights[i % len(heights)]) for i, n in enumerate(ids)}
    return roots, children, sizes


trees = st.builds(
    _tree,
    st.lists(st.integers(0, 10_000), max_size=300),
    st.lists(st.floats(30, 420), min_size=1, max_size=20),
    st.lists(st.sampled_from([240.0, 240.0, 180.0, 300.0]), min_size=1, max_size=5),
)


@settings(max_examples=60, deadline=None)
@given(trees, st.sampled_from([SLIDE, PAGE, 1.0, 4.0]), st.sets(st.integers(0, 300), max_size=5))
def test_random_trees_are_tidy(tree_input, aspect, collapse):
    roots, children, sizes = tree_input
    collapsed = frozenset(f"n{i}" for i in collapse) & set(sizes)
    tree = CompactLayout(aspect)
    tree.full(roots, children, sizes, collapsed)
    check(tree, roots, children, sizes, collapsed)
    # every block packed at its rung is exactly the shape its parent reserved for it
    for node, at in tree.rung.items():
        table, plan = tree.shapes.get(node), tree.arrangement[node]
        if table is not None and tree.kids[node]:
            i = table.source.index(at)
            assert (plan.width, plan.height) == (table.widths[i], table.heights[i]), node


def _chain(length: int, fan: int = 0):
    children = {f"c{i}": [f"c{i + 1}"] for i in range(length - 1)}
    if fan:
        children[f"c{length - 1}"] = [f"f{i}" for i in range(fan)]
    sizes = {f"c{i}": (240.0, 60.0 + (i * 37) % 150) for i in range(length)}
    sizes.update({f"f{i}": (240.0, 90.0) for i in range(fan)})
    return ["c0"], children, sizes


@pytest.mark.parametrize("length, fan", [(2, 0), (7, 0), (300, 0), (5000, 3)])
def test_chains_fold_into_rows_without_recursion(length, fan):
    roots, children, sizes = _chain(length, fan)
    tree = CompactLayout(SLIDE)
    tree.full(roots, children, sizes)
    check(tree, roots, children, sizes)
    left, top, right, bottom = tree.bounds()
    if length >= 300:  # folded: not a strip 300 boxes high
        assert 1 / 3 <= (right - left) / (bottom - top) <= 3


def test_many_children_wrap_into_columns_of_a_slide():
    children = {"r": [f"k{i}" for i in range(13)]}
    sizes = {"r": (240.0, 150.0), **{f"k{i}": (240.0, 100.0 + 10 * i) for i in range(13)}}
    tree = CompactLayout(SLIDE)
    tree.full(["r"], children, sizes)
    check(tree, ["r"], children, sizes)
    left, top, right, bottom = tree.bounds()
    assert 1.0 <= (right - left) / (bottom - top) <= 3.0
    assert len({tree.out[k][0] for k in children["r"]}) > 1  # more than one column


def _edit(children: dict[str, list[str]], sizes: dict[str, tuple[float, float]],
          rng: random.Random, counter: list[int]) -> set[str]:
    """Add a leaf, a chain or a fan, delete a subtree, resize a box, reorder or move a node.
    Returns the layout's hint (layout_protocol.Layout.update): no more than the contract
    asks, the deleted or moved node alone (not its old parent, not the subtree below it)."""
    ids = sorted(sizes)
    touched: set[str] = set()
    node = rng.choice(ids)
    parent_of = {k: p for p, ks in children.items() for k in ks}
    roll = rng.random()
    if roll < 0.3:
        for _ in range(rng.randint(1, 4)):
            counter[0] += 1
            new = f"x{counter[0]}"
            sizes[new] = (240.0, rng.choice([60.0, 80.0, 120.0, 300.0]))
            kids = children.setdefault(node, [])
            kids.insert(rng.randint(0, len(kids)), new)
            touched.add(node)
            if rng.random() < 0.6:
                node = new
    elif roll < 0.45:
        parent = parent_of.get(node)
        if parent is None:
            return touched
        children[parent].remove(node)
        touched.add(node)
        stack = [node]
        while stack:
            n = stack.pop()
            sizes.pop(n)
            stack.extend(children.pop(n, []))
    elif roll < 0.7:
        sizes[node] = (rng.choice([200.0, 240.0, 300.0]), rng.choice([40.0, 80.0, 120.0, 400.0]))
        touched.add(node)
    elif roll < 0.85:
        parent = parent_of.get(node)
        if parent is not None:
            rng.shuffle(children[parent])
            touched.add(parent)
    else:
        parent = parent_of.get(node)
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


@pytest.mark.parametrize("hinted", [False, True])
@pytest.mark.parametrize("seed, aspect", [(1, SLIDE), (2, PAGE), (3, SLIDE)])
def test_incremental_layout_equals_a_full_one_after_every_edit(seed, aspect, hinted):
    amap = generate(300, seed=seed)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    rng = random.Random(seed)
    sizes = {n.id: (240.0, rng.choice([60.0, 80.0, 120.0])) for n in amap.nodes}
    roots = [n.id for n in index[None]]
    tree = CompactLayout(aspect)
    tree.full(roots, children, sizes)
    counter = [0]
    for step in range(250):
        before_out, before_routes = dict(tree.out), dict(tree.routes)
        before_trunks, before_parent = dict(tree.trunks), dict(tree.parent)
        touched = _edit(children, sizes, rng, counter)
        collapsed = {"n3", "n7"} & set(sizes) if step % 40 >= 30 else set()
        tree.update(roots, children, sizes, collapsed, touched if hinted else None)
        fresh = CompactLayout(aspect)
        fresh.full(roots, children, sizes, collapsed)
        assert tree.out == fresh.out, step
        assert tree.routes == fresh.routes, step
        assert tree.trunks == fresh.trunks, step
        assert tree.bounds() == fresh.bounds(), step
        # what changed is reported (all of it may have after a collapse or an expand)
        if tree.moved is None:
            assert tree.rerouted is None and tree.retrunked is None
            continue
        assert tree.rerouted is not None and tree.retrunked is not None
        shown = tree.out
        for now, before, reported in ((tree.out, before_out, tree.moved),
                                      (tree.routes, before_routes, tree.rerouted),
                                      (tree.trunks, before_trunks, tree.retrunked)):
            assert {n for n in {*now, *before} if n in shown and now.get(n) != before.get(n)
                    } <= reported
            assert reported <= shown.keys()  # never an id the caller has deleted
        assert tree.reparented is not None
        assert {n for n, p in tree.parent.items() if before_parent.get(n, p) != p} <= tree.reparented
    check(tree, roots, children, sizes, frozenset(collapsed))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([SLIDE, PAGE, 3.0]), st.booleans())
def test_small_trees_stay_equal_to_a_full_run_through_random_edits(seed, aspect, hinted):
    """Small trees hit the edge cases: chains made and broken, leaves becoming parents."""
    rng = random.Random(seed)
    roots, children, sizes = _tree([rng.randint(0, 99) for _ in range(rng.randint(0, 30))],
                                   [rng.uniform(40, 300) for _ in range(5)], [240.0])
    tree = CompactLayout(aspect)
    tree.full(roots, children, sizes)
    counter = [0]
    for step in range(40):
        touched = _edit(children, sizes, rng, counter)
        collapsed = {rng.choice(sorted(sizes))} if step % 7 == 6 else set()
        tree.update(roots, children, sizes, collapsed, touched if hinted else None)
        fresh = CompactLayout(aspect)
        fresh.full(roots, children, sizes, collapsed)
        assert (tree.out, tree.routes, tree.trunks) == (fresh.out, fresh.routes, fresh.trunks)
    check(tree, roots, children, sizes, frozenset(collapsed))


def test_an_edit_in_one_subtree_leaves_the_others_in_place():
    amap = generate(2000, seed=4)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    sizes = {n.id: (240.0, 100.0) for n in amap.nodes}
    tree = CompactLayout(SLIDE)
    before = dict(tree.full(["n0"], children, sizes))
    leaf = next(n for n in reversed(list(sizes)) if n not in children)
    sizes[leaf] = (240.0, 104.0)  # a few pixels taller: its column grows a little
    tree.update(["n0"], children, sizes)
    assert tree.moved is not None and len(tree.moved) < len(sizes) / 10
    assert {n for n in sizes if tree.out[n] != before[n]} == tree.moved


def test_layout_style_chooses_the_layout():
    assert isinstance(make_layout(LayoutStyle.COMPACT_SLIDE), CompactLayout)
    assert make_layout(LayoutStyle.COMPACT_PAGE).aspect == PAGE
    assert not isinstance(make_layout(LayoutStyle.DOWN), CompactLayout)


@pytest.mark.slow
def test_fifty_thousand_node_layout_is_tidy():
    amap = generate(50_000, seed=3)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    rng = random.Random(7)
    sizes = {n.id: (240.0, rng.uniform(60, 300)) for n in amap.nodes}
    tree = CompactLayout(SLIDE)
    tree.full(["n0"], children, sizes)
    check(tree, ["n0"], children, sizes)
    left, top, right, bottom = tree.bounds()
    assert 1 / 3 <= (right - left) / (bottom - top) <= 3
