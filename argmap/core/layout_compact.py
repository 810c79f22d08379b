"""Compact layout: subtrees packed towards a chosen aspect ratio, with bus connectors (no Qt).

The tidy layout (layout.py) gives every depth its own row, so a map with many children per
node becomes a strip hundreds of times wider than tall. Here every subtree is a rectangular
block: its root's box at the block's top-left and its children's blocks below it, in one or
more columns, each column a stack of blocks in sibling order. How many columns a node gets is
chosen bottom-up so the block fits the smallest frame of the target aspect (a 16:9 slide, a
portrait page); the map's roots are packed the same way. Every child lies wholly below its
parent, so a reader meets a parent before its children.

Connectors are orthogonal and never cross a box or another parent's connectors: each column
has a channel on its left, free of boxes, holding a vertical trunk; a stem drops from the
parent's box to a bus running under it, the bus feeds every column's trunk, and a short
horizontal branch runs from the trunk to each child's left edge. A lone child hangs straight
below its parent (a 5,000-deep chain stays one box wide). Routes are data: painters draw them.

Everything is iterative (no recursion) and incremental: update() re-arranges only nodes whose
children, size or children's blocks changed, and moves the blocks around them whole; a full
run is the same code with nothing remembered, so both give the same result.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Route = tuple[Point, ...]

SLIDE = 16 / 9  # width / height of a presentation slide
PAGE = 210 / 297  # an A4 (or roughly Letter) page, portrait
FILL = 0.6  # how much of a block its boxes (with channels and gaps) are expected to fill


@dataclass(frozen=True)
class CompactSpacing:
    trunk: float = 16.0  # from a column's left edge to its trunk (and from a box's left to its stem)
    indent: float = 44.0  # from a column's left edge to its boxes: the branch is indent - trunk long
    column: float = 16.0  # between a column's widest block and the next column's channel
    sibling: float = 16.0  # between blocks stacked in a column
    level: float = 32.0  # from a parent's box to its children's blocks; the bus runs halfway
    attach: float = 20.0  # a branch meets its child this far below the child's top (at most half)
    root: float = 64.0  # between separate trees


@dataclass(frozen=True)
class _Arrangement:
    """A node's block: its size, its children's block offsets and the trunks joining them."""

    width: float
    height: float
    offsets: tuple[Point, ...]  # each child's block origin relative to the parent's
    column_of: tuple[int, ...]  # each child's column
    trunks: tuple[float, ...]  # each column's trunk x, relative to the parent's block


_ROOT = ""  # key of the virtual node whose children are the map's roots (never an id: see below)


class CompactLayout:
    """Same interface as TreeLayout (full, update, bounds, out, moved), plus connector routes.

    out[id]     top-left corner of each visible box.
    routes[id]  the edge from a child to its parent as a polyline: points[0] on the child's
                box, points[-1] on the parent's. Its first segment (points[0] -> points[1]) is
                the child's own branch; the rest is shared with siblings (the trunk and bus) and
                coincides exactly with theirs. A lone child's route is one straight segment.
    trunks[id]  a parent's shared connector as polylines (stem+bus, then each column's trunk);
                empty for a parent with one visible child.
    moved       ids whose box moved in the last update (None after a full run: maybe all);
    rerouted    child ids whose route changed; retrunked: parents whose trunks changed.
    """

    def __init__(self, aspect: float = SLIDE, spacing: CompactSpacing = CompactSpacing()):
        if not aspect > 0:
            raise ValueError("aspect must be positive")
        self.aspect = aspect
        self.spacing = spacing
        self._reset()

    def _reset(self) -> None:
        self.roots: list[str] = []
        self.budget = 0.0  # the height a block should keep within (see _budget)
        self.collapsed: frozenset[str] = frozenset()
        self.parent: dict[str, str] = {}  # roots' parent is _ROOT
        self.kids: dict[str, list[str]] = {}  # visible children (a copy); _ROOT: the roots
        self.size: dict[str, tuple[float, float]] = {}
        self.arrangement: dict[str, _Arrangement] = {}
        self.out: dict[str, tuple[float, float]] = {}
        self.routes: dict[str, Route] = {}
        self.trunks: dict[str, tuple[Route, ...]] = {}
        self.moved: set[str] | None = None
        self.rerouted: set[str] | None = None
        self.retrunked: set[str] | None = None

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of all boxes and connectors."""
        whole = self.arrangement.get(_ROOT)
        if whole is None or not self.roots:
            return (0.0, 0.0, 0.0, 0.0)
        return (0.0, 0.0, whole.width, whole.height)

    # -- runs -----------------------------------------------------------------------------
    def full(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str] = (),
    ) -> dict[str, tuple[float, float]]:
        self._reset()
        self._run(roots, children, sizes, collapsed)
        self.moved = self.rerouted = self.retrunked = None
        return self.out

    def update(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str] = (),
    ) -> dict[str, tuple[float, float]]:
        """The same result as full(), re-arranging only what the edit changed."""
        if not self.arrangement:
            return self.full(roots, children, sizes, collapsed)
        self._run(roots, children, sizes, collapsed)
        return self.out

    def _run(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
    ) -> None:
        if _ROOT in sizes:
            raise ValueError("the empty string is not a valid node id for the compact layout")
        self.moved, self.rerouted, self.retrunked = set(), set(), set()
        order, dirty = self._walk(roots, children, sizes, collapsed)
        rearranged = self._arrange_dirty(order, dirty)
        self._place(rearranged)

    def _walk(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
    ) -> tuple[list[str], set[str]]:
        """Visible nodes in pre-order (_ROOT first), and those whose own layout input changed:
        new, resized, or with other visible children. Forgets nodes no longer visible."""
        empty: list[str] = []
        get_children = children.get
        old_kids, old_size = self.kids, self.size
        kids: dict[str, list[str]] = {_ROOT: list(roots)}
        parent: dict[str, str] = {}
        size: dict[str, tuple[float, float]] = {_ROOT: (0.0, 0.0)}
        dirty: set[str] = set()
        if old_kids.get(_ROOT) != kids[_ROOT]:
            dirty.add(_ROOT)
        order = [_ROOT]
        sp = self.spacing
        area = 0.0  # what the boxes need with their channels and gaps
        stack = [(r, _ROOT) for r in reversed(roots)]
        while stack:
            node, up = stack.pop()
            if node in parent:
                raise ValueError(f"node {node!r} appears twice in the tree")
            order.append(node)
            parent[node] = up
            s = size[node] = sizes[node]
            area += (s[0] + sp.indent) * (s[1] + sp.sibling)
            ks = empty if node in collapsed else list(get_children(node, empty))
            kids[node] = ks
            if old_size.get(node) != s or old_kids.get(node) != ks:
                dirty.add(node)
            if ks:
                stack.extend((k, node) for k in reversed(ks))
        for node in old_kids:
            if node not in kids:  # gone or hidden: its parent's children changed (dirty)
                self.arrangement.pop(node, None)
                self.out.pop(node, None)
                self.routes.pop(node, None)
                self.trunks.pop(node, None)
        self.roots, self.collapsed = list(roots), frozenset(collapsed)
        self.kids, self.size, self.parent = kids, size, parent
        budget = _budget(area, self.aspect)
        if budget != self.budget:  # every block's best shape changes
            self.budget = budget
            dirty.update(order)
        return order, dirty

    def _arrange_dirty(self, order: list[str], dirty: set[str]) -> set[str]:
        """Bottom-up: arrange dirty nodes; a node whose block changed size dirties its parent."""
        arrangement, parent = self.arrangement, self.parent
        done: set[str] = set()
        for node in reversed(order):
            if node not in dirty:
                continue
            old = arrangement.get(node)
            new = arrangement[node] = self._arrange(node)
            done.add(node)
            if node != _ROOT and (old is None or (old.width, old.height) != (new.width, new.height)):
                dirty.add(parent[node])
        return done

    def _place(self, rearranged: set[str]) -> None:
        """Top-down: children follow their parent's block. The walk enters only subtrees that
        moved or hold a re-arranged node; the rest keep their boxes and routes."""
        out, arrangement, kids, parent = self.out, self.arrangement, self.kids, self.parent
        moved, rerouted, retrunked = self.moved, self.rerouted, self.retrunked
        assert moved is not None and rerouted is not None and retrunked is not None
        on_path: set[str] = set()  # re-arranged nodes and their ancestors
        for node in rearranged:
            while node not in on_path:
                on_path.add(node)
                if node == _ROOT:
                    break
                node = parent[node]
        stack: list[tuple[str, bool]] = [(_ROOT, False)]  # (node, its box moved)
        while stack:
            node, shifted = stack.pop()
            ox, oy = out[node] if node != _ROOT else (0.0, 0.0)
            plan = arrangement[node]
            again = shifted or node in rearranged  # every child's route and position
            for index, (k, (dx, dy)) in enumerate(zip(kids[node], plan.offsets, strict=True)):
                pos = (ox + dx, oy + dy)
                child_moved = out.get(k) != pos
                if child_moved:
                    out[k] = pos
                    moved.add(k)
                if node != _ROOT and (again or child_moved or k in rearranged):
                    route = self._route(node, index, k, plan)
                    if self.routes.get(k) != route:
                        self.routes[k] = route
                        rerouted.add(k)
                if child_moved or k in on_path:
                    stack.append((k, child_moved))
            if node != _ROOT and again:
                trunk = self._trunk(node, plan)
                if self.trunks.get(node) != trunk:
                    self.trunks[node] = trunk
                    retrunked.add(node)

    # -- one node -------------------------------------------------------------------------
    def _arrange(self, node: str) -> _Arrangement:
        """Choose the columns of node's children whose block fits the smallest target frame."""
        sp = self.spacing
        ks = self.kids[node]
        width, height = self.size[node]
        if not ks:
            return _Arrangement(width, height, (), (), ())
        arrangement = self.arrangement
        ws = [arrangement[k].width for k in ks]
        hs = [arrangement[k].height for k in ks]
        is_root = node == _ROOT
        if len(ks) == 1 and not is_root:  # a lone child hangs straight below
            top = height + sp.level
            return _Arrangement(max(width, ws[0]), top + hs[0], ((0.0, top),), (0,), ())
        indent, gap, vgap = (0.0, sp.root, sp.root) if is_root else (sp.indent, sp.column, sp.sibling)
        top = 0.0 if is_root else height + sp.level
        count = len(ks)
        total = sum(hs) + vgap * (count - 1)
        tallest = max(hs)
        # A map's root (and the row of roots) is shaped to the frame; a block inside keeps
        # within the height budget at the least area: one column (an indented list) unless
        # it is too tall, then as few columns as fit the budget.
        framed = is_root or self.parent[node] == _ROOT
        aspect, budget = self.aspect, self.budget
        limits = {max(tallest, (total - vgap * (m - 1)) / m) for m in _column_counts(count)}
        if budget - top > tallest:
            limits.add(budget - top)
        best: tuple[float, float, float, float] | None = None
        for limit in sorted(limits, reverse=True):  # fewer columns first: they win ties
            w, h = _greedy_extent(ws, hs, limit, indent, gap, vgap)
            w = max(w, width)
            h += top
            if framed:
                key = (max(w, aspect * h), w * h, 0.0, limit)
            elif h <= budget:
                key = (0.0, w, h, limit)
            else:
                key = (1.0, h, w * h, limit)
            if best is None or key[:3] < best[:3]:
                best = key
        assert best is not None
        return _columns(ws, hs, best[3], indent, gap, vgap, top, width, sp.trunk)

    def _route(self, node: str, index: int, child: str, plan: _Arrangement) -> Route:
        px, py = self.out[node]
        pw, ph = self.size[node]
        cx, cy = self.out[child]
        cw, ch = self.size[child]
        if not plan.trunks:  # a lone child, straight below
            x = px + min(pw, cw) / 2
            return ((x, cy), (x, py + ph))
        sp = self.spacing
        tx = px + plan.trunks[plan.column_of[index]]
        stem = px + sp.trunk
        bus = py + ph + sp.level / 2
        ay = cy + min(sp.attach, ch / 2)
        points: list[Point] = [(cx, ay), (tx, ay), (tx, bus)]
        if tx != stem:
            points.append((stem, bus))
        points.append((stem, py + ph))
        return tuple(points)

    def _trunk(self, node: str, plan: _Arrangement) -> tuple[Route, ...]:
        if not plan.trunks:
            return ()
        px, py = self.out[node]
        ph = self.size[node][1]
        sp = self.spacing
        bus = py + ph + sp.level / 2
        stem = px + sp.trunk
        last_attach: dict[int, float] = {}
        for k, column in zip(self.kids[node], plan.column_of, strict=True):
            last_attach[column] = self.out[k][1] + min(sp.attach, self.size[k][1] / 2)
        lines: list[Route] = [((stem, py + ph), (stem, bus), (px + plan.trunks[-1], bus))
                              if len(plan.trunks) > 1 else ((stem, py + ph), (stem, bus))]
        for column, tx in enumerate(plan.trunks):
            lines.append(((px + tx, bus), (px + tx, last_attach[column])))
        return tuple(lines)


def _budget(area: float, aspect: float) -> float:
    """The height of a frame of the given aspect that the boxes would fill to about 60%,
    in steps of 2^(1/4), so that most edits leave it (and so every block's shape) alone."""
    if area <= 0:
        return 0.0
    raw = math.sqrt(area / (aspect * FILL))
    return 2.0 ** (round(4 * math.log2(raw)) / 4)


def _column_counts(count: int) -> list[int]:
    """Column counts worth trying for `count` children: all up to 12, then ~1.25x steps."""
    counts = list(range(1, min(count, 12) + 1))
    m = 12.0
    while m < count:
        m *= 1.25
        counts.append(min(count, round(m)))
    return counts


def _greedy_extent(ws: list[float], hs: list[float], limit: float, indent: float,
                   gap: float, vgap: float) -> tuple[float, float]:
    """Width and height of the blocks filled into columns no taller than `limit` (a block
    taller than the limit gets a column of its own)."""
    width = 0.0
    tallest = 0.0
    col_w = col_h = -1.0  # no column open
    for w, h in zip(ws, hs, strict=True):
        if col_h >= 0 and col_h + vgap + h <= limit:
            col_h += vgap + h
            if w > col_w:
                col_w = w
        else:
            if col_h >= 0:
                width += indent + col_w + gap
                if col_h > tallest:
                    tallest = col_h
            col_w, col_h = w, h
    width += indent + col_w
    return width, max(tallest, col_h)


def _columns(ws: list[float], hs: list[float], limit: float, indent: float, gap: float,
             vgap: float, top: float, own_width: float, trunk: float) -> _Arrangement:
    """The arrangement _greedy_extent measured, with every block's offset."""
    offsets: list[Point] = []
    column_of: list[int] = []
    trunks: list[float] = []
    left = 0.0
    col_w = col_h = -1.0
    tallest = 0.0
    for w, h in zip(ws, hs, strict=True):
        if col_h >= 0 and col_h + vgap + h <= limit:
            offsets.append((left + indent, top + col_h + vgap))
            col_h += vgap + h
            if w > col_w:
                col_w = w
        else:
            if col_h >= 0:
                left += indent + col_w + gap
                if col_h > tallest:
                    tallest = col_h
            trunks.append(left + trunk)
            offsets.append((left + indent, top))
            col_w, col_h = w, h
        column_of.append(len(trunks) - 1)
    width = max(own_width, left + indent + col_w)
    height = top + max(tallest, col_h)
    return _Arrangement(width, height, tuple(offsets), tuple(column_of),
                        tuple(trunks) if indent else ())
