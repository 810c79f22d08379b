"""Argument nodes in every layout: an argument's premises are drawn as one row in one frame
(core/premise_rows.py). No frame holds a box but its own premises, frames never overlap, no
connector crosses a frame except the ones that belong there (the frame's own connector and
the lines into and out of its premises), and an incremental run still equals a full one
while premises come and go."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.core.connectors import Curve, Edge, curve_shape
from argmap.core.layout import Layout, LayoutStyle, make_layout
from argmap.core.premise_rows import Rows, frame_connector, frame_of, rows_of
from tests.core.test_layout import _random_tree_edit

EPS = 1e-6
Box = tuple[float, float, float, float]
Point = tuple[float, float]


def _tree(parents: list[int], heights: list[float], argued: set[int], premised: set[int]):
    """Node i+1 hangs under node parents[i] % (i+1); nodes in `argued` are arguments, and a
    child of an argument is a premise when its number is in `premised` or it is the first."""
    ids = [f"n{i}" for i in range(len(parents) + 1)]
    children: dict[str, list[str]] = {}
    for i, p in enumerate(parents, start=1):
        children.setdefault(ids[p % i], []).append(ids[i])
    sizes = {n: (240.0, heights[i % len(heights)]) for i, n in enumerate(ids)}
    arguments = {ids[i] for i in argued if i < len(ids) and ids[i] in children}
    premises = {k for a in arguments for j, k in enumerate(children[a])
                if j == 0 or int(k[1:]) in premised}
    return ["n0"], children, sizes, arguments, premises


def lay_out(tree: Layout, roots: list[str], children: Mapping[str, list[str]],
            sizes: Mapping[str, tuple[float, float]], arguments: set[str], premises: set[str],
            collapsed: frozenset[str] = frozenset(), update: bool = False,
            changed: set[str] | None = None,
            before: Mapping[str, tuple[float, float]] | None = None):
    """As the scene and the exports do it: the rows, the stretched premises, the layout.
    changed: the hint of an update, to which the stretched sizes that differ from `before`
    (the last run's) are added, as the scene's Sizes records them."""
    rows = rows_of(sorted(arguments), lambda a: children.get(a, []), premises.__contains__,
                   lambda n: sizes[n][1], collapsed, tree.row_axis)
    shown = {n: (s[0], rows.height.get(n, s[1])) for n, s in sizes.items()}
    tree.groups = rows.groups
    if update:
        if changed is not None:
            last = before or {}
            changed = changed | {n for n, s in shown.items() if last.get(n) != s}
        tree.update(roots, rows.children(children), shown, collapsed, changed)
    else:
        tree.full(roots, rows.children(children), shown, collapsed)
    return rows, shown


def _samples(edge: Edge) -> list[Point]:
    if isinstance(edge, Curve):
        s = curve_shape(edge, False)
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = s.start, s.c1, s.c2, s.end
        out = []
        for step in range(41):
            t = step / 40
            u = 1 - t
            out.append((u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                        u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3))
        return out
    out = []
    for (ax, ay), (bx, by) in itertools.pairwise(edge):
        for step in range(21):
            t = step / 20
            out.append((ax + (bx - ax) * t, ay + (by - ay) * t))
    return out


def _inside(point: Point, box: Box) -> bool:
    x, y = point
    return box[0] + EPS < x < box[2] - EPS and box[1] + EPS < y < box[3] - EPS


def _near(points: list[Point], frames: Mapping[str, Box]) -> list[str]:
    """The frames that the points' bounding box meets (the others cannot hold one)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
    return [a for a, frame in frames.items() if _cuts(box, frame)]


def _cuts(a: Box, b: Box) -> bool:
    return a[0] < b[2] - EPS and b[0] < a[2] - EPS and a[1] < b[3] - EPS and b[1] < a[3] - EPS


def check(tree: Layout, rows: Rows, children: Mapping[str, Sequence[str]],
          sizes: Mapping[str, tuple[float, float]]) -> int:
    """The frames are clean; returns how many were drawn."""
    out = tree.out
    boxes = {n: (x, y, x + sizes[n][0], y + sizes[n][1]) for n, (x, y) in out.items()}
    parent = {k: p for p, ks in children.items() for k in ks}
    links = tree.connectors()
    frames: dict[str, Box] = {}
    for argument, row in rows.members.items():
        frame = frame_of(row, out, sizes)
        if frame is None:
            assert argument not in out or not any(k in out for k in row)
            continue
        frames[argument] = frame
        ys = {out[p][1] for p in row}
        xs = {out[p][0] for p in row}
        assert len(ys) == 1 or len(xs) == 1, (argument, row)  # one row (or one column)
        for node, box in boxes.items():  # no box in the frame but its premises
            if node not in row:
                assert not _cuts(box, frame), (argument, node)
        first = links.edge(row[0])
        assert first is not None
        start = frame_connector(first, frame)[0] if not isinstance(first, Curve) else (
            frame_connector(first, frame).x1, frame_connector(first, frame).y1)
        x, y = start
        on_border = (abs(x - frame[0]) < EPS or abs(x - frame[2]) < EPS
                     or abs(y - frame[1]) < EPS or abs(y - frame[3]) < EPS)
        assert on_border, (argument, start, frame)
    for a, fa in frames.items():
        for b, fb in frames.items():
            if a < b:
                assert not _cuts(fa, fb), (a, b)
    # connectors: only a premise's own lines (to its children) and the frame's one connector
    # may cross into its frame; the other premises' edges are not drawn
    framed = {p: a for a, row in rows.members.items() if a in frames for p in row}
    for child in out:
        edge = links.edge(child)
        if edge is None or child in rows.hidden:
            continue
        up = parent[child]
        if child in framed:
            edge = frame_connector(edge, frames[framed[child]])
        points = _samples(edge)
        for argument in _near(points, frames):
            if up in rows.members[argument] or child in rows.members[argument]:
                continue
            assert not any(_inside(p, frames[argument]) for p in points), (child, argument)
    for up in links.trunked():
        for line in links.trunk(up):
            points = _samples(line)
            for argument in _near(points, frames):
                if up in rows.members[argument]:
                    continue
                assert not any(_inside(p, frames[argument]) for p in points), (up, argument)
    return len(frames)


trees = st.builds(
    _tree,
    st.lists(st.integers(0, 10_000), max_size=160),
    st.lists(st.floats(30, 300), min_size=1, max_size=12),
    st.sets(st.integers(0, 160), max_size=40),
    st.sets(st.integers(0, 160), max_size=120),
)


@settings(max_examples=40, deadline=None)
@given(trees, st.sampled_from(list(LayoutStyle)), st.sets(st.integers(0, 160), max_size=4))
def test_random_maps_with_arguments_draw_clean_frames(tree_input, style, collapse):
    roots, children, sizes, arguments, premises = tree_input
    collapsed = frozenset(f"n{i}" for i in collapse) & set(sizes)
    tree = make_layout(style)
    rows, shown = lay_out(tree, roots, children, sizes, arguments, premises, collapsed)
    check(tree, rows, rows.children(children), shown)


@pytest.mark.parametrize("style", list(LayoutStyle))
def test_a_wide_argument_draws_its_premises_side_by_side(style):
    """Four premises, each with supporters of its own, and two undercuts."""
    children = {"c": ["o", "a"], "a": ["u1", "p1", "p2", "p3", "p4", "u2"],
                "p1": ["s1", "s2"], "p3": ["s3"], "o": ["r"]}
    heights = {"p1": 60.0, "p2": 140.0, "p3": 90.0, "p4": 70.0}
    sizes = {n: (240.0, heights.get(n, 80.0)) for n in
             ["c", "o", "a", "u1", "p1", "p2", "p3", "p4", "u2", "s1", "s2", "s3", "r"]}
    tree = make_layout(style)
    rows, shown = lay_out(tree, ["c"], children, sizes, {"a"}, {"p1", "p2", "p3", "p4"})
    assert rows.members["a"] == ["p1", "p2", "p3", "p4"]
    assert rows.order["a"] == ["p1", "p2", "p3", "p4", "u1", "u2"]
    level = {shown[p][1] for p in rows.members["a"]}
    assert level == ({140.0} if tree.row_axis == 0 else {60.0, 140.0, 90.0, 70.0})
    assert check(tree, rows, rows.children(children), shown) == 1
    along = 0 if style is not LayoutStyle.RIGHT else 1
    starts = [tree.out[p][along] for p in rows.members["a"]]
    assert starts == sorted(starts) and len(set(starts)) == 4  # side by side, in order


@pytest.mark.parametrize("style", list(LayoutStyle))
@pytest.mark.parametrize("hinted", [False, True])
def test_incremental_runs_equal_full_ones_as_premises_come_and_go(style, hinted):
    rng = random.Random(11)
    parents = [rng.randint(0, 10_000) for _ in range(250)]
    roots, children, sizes, arguments, premises = _tree(
        parents, [60.0, 80.0, 120.0], set(range(0, 250, 5)), set(range(0, 250, 2)))
    tree = make_layout(style)
    _, shown = lay_out(tree, roots, children, sizes, arguments, premises)
    counter = [0]
    framed = 0
    for step in range(120):
        touched = _random_tree_edit(children, sizes, rng, counter)
        node = rng.choice(sorted(sizes))
        # a node's kind changes: the scene's hint names it and its parent (doc.applied)
        touched |= {node, *(p for p, ks in children.items() if node in ks)}
        roll = rng.random()
        if roll < 0.2:  # a premise becomes an undercut, or back
            premises ^= {node}
        elif roll < 0.3:  # linked, or unlinked
            arguments ^= {node}
        arguments &= {a for a in sizes if children.get(a)}
        premises &= set(sizes)
        premises |= {children[a][0] for a in arguments}
        collapsed = frozenset({"n3"} & set(sizes)) if step % 30 == 29 else frozenset()
        rows, shown = lay_out(tree, roots, children, sizes, arguments, premises, collapsed,
                              update=True, changed=touched if hinted else None, before=shown)
        fresh = make_layout(style)
        lay_out(fresh, roots, children, sizes, arguments, premises, collapsed)
        ids = sorted(sizes)
        assert tree.out == fresh.out, step
        now, then = tree.connectors(), fresh.connectors()
        assert [now.edge(i) for i in ids] == [then.edge(i) for i in ids], step
        assert [now.trunk(i) for i in ids] == [then.trunk(i) for i in ids], step
        framed += check(tree, rows, rows.children(children), shown)
    assert framed > 100


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.COMPACT_PAGE])
def test_linking_alone_changes_the_compact_layout(style):
    """Premises already first and as tall as each other: only the group tells the layout."""
    children = {"c": ["a", "x"], "a": ["p", "q", "u"], "p": ["s"]}
    sizes = {n: (240.0, 80.0) for n in ["c", "a", "x", "p", "q", "u", "s"]}
    tree = make_layout(style)
    lay_out(tree, ["c"], children, sizes, set(), set())
    for arguments in ({"a"}, set(), {"a"}):
        lay_out(tree, ["c"], children, sizes, arguments, {"p", "q"}, update=True)
        fresh = make_layout(style)
        lay_out(fresh, ["c"], children, sizes, arguments, {"p", "q"})
        assert tree.out == fresh.out
        if arguments:  # side by side
            assert tree.out["p"][1] == tree.out["q"][1] and tree.out["p"][0] < tree.out["q"][0]
