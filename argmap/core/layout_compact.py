"""Compact layout: subtrees packed towards a chosen aspect ratio, with bus connectors (no Qt).

The tidy layout (layout.py) gives every depth its own row, so a map with many children per
node becomes a strip hundreds of times wider than tall. Here every subtree is a rectangular
block: its root's box at the block's top-left and its children's blocks below it, in one or
more columns, each column a stack of blocks in sibling order (an indented outline when there
is one column). Every child lies wholly below its parent, so a reader meets a parent before
its children.

Shapes: a block can be tall and narrow (one column) or short and wide (several). Bottom-up,
each node tabulates its narrowest block for every height on a ladder of rungs (a factor
2^(1/4) apart), from the lowest it can reach to its one-column height, by filling its
children's own best shapes into columns greedily. Top-down, the map picks the rung whose
block fits the smallest frame of the target aspect (a 16:9 slide, a portrait page), and
every node passes each child the rung it packed it at.

Connectors are orthogonal and never cross a box or another parent's connectors: each column
has a channel on its left, free of boxes, holding a vertical trunk; a stem drops from the
parent's box to a bus running under it, the bus feeds every column's trunk, and a short
horizontal branch runs from the trunk to each child's left edge. A lone child hangs straight
below its parent (a 5,000-deep chain stays one box wide). Routes are data: painters draw them.

Everything is iterative (no recursion) and incremental: update() re-tabulates only nodes whose
children, size or children's tables changed, re-packs only nodes whose table or rung changed,
and moves the blocks around them whole; a full run is the same code with nothing remembered,
so both give the same result.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

Point = tuple[float, float]
Route = tuple[Point, ...]

SLIDE = 16 / 9  # width / height of a presentation slide
PAGE = 210 / 297  # an A4 (or roughly Letter) page, portrait
STEPS = 8  # ladder rungs per doubling of height
LADDER = tuple(16.0 * 2.0 ** (j / STEPS) for j in range(STEPS * 48))  # block heights tried


@dataclass(frozen=True)
class CompactSpacing:
    trunk: float = 12.0  # from a column's left edge to its trunk (and from a box's left to its stem)
    indent: float = 36.0  # from a column's left edge to its boxes: the branch is indent - trunk long
    column: float = 12.0  # between a column's widest block and the next column's channel
    sibling: float = 12.0  # between blocks stacked in a column
    level: float = 28.0  # from a parent's box to its children's blocks; the bus runs halfway
    attach: float = 20.0  # a branch meets its child this far below the child's top (at most half)
    root: float = 64.0  # between separate trees


class _Arrangement(NamedTuple):
    """A node's block at one rung: its size, its children's offsets, rungs and trunks."""

    width: float
    height: float
    offsets: tuple[Point, ...]  # each child's block origin relative to the parent's
    rungs: tuple[int, ...]  # the rung each child's block is packed at
    column_of: tuple[int, ...]  # each child's column
    trunks: tuple[float, ...]  # each column's trunk x, relative to the parent's block


class _Shapes(NamedTuple):
    """A node's narrowest block for each rung from `low` up: its width and height."""

    low: int
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    tall: int  # fit() for unlimited room

    def fit(self, room: float) -> int:
        """Index of the narrowest, then lowest, shape at most `room` high; -1 if none is."""
        heights = self.heights
        i = len(heights) - 1
        if room >= heights[i]:
            return self.tall
        if room < heights[0]:
            return -1
        i = min(i, _rung_at_least(room) - self.low)
        while heights[i] > room:
            i -= 1
        widths = self.widths
        while i > 0 and widths[i - 1] <= widths[i]:  # as narrow, and lower
            i -= 1
        return i


def _table(low: int, widths: list[float], heights: list[float]) -> _Shapes:
    tall = len(widths) - 1
    while tall > 0 and widths[tall - 1] <= widths[tall]:
        tall -= 1
    return _Shapes(low, tuple(widths), tuple(heights), tall)


_Boxes = tuple[int, float, float, float]  # a chain's box count, widest, highest, total height
_ROOT = ""  # key of the virtual node whose children are the map's roots (never an id: see below)


class CompactLayout:
    """Same interface as TreeLayout (full, update, bounds, out, moved), plus connector routes.

    out[id]     top-left corner of each visible box.
    routes[id]  the edge from a child to its parent as a polyline: points[0] on the child's
                box, points[-1] on the parent's. Its first segment (points[0] -> points[1]) is
                the child's own branch; the rest is shared with siblings (the trunk and bus) and
                coincides exactly with theirs. A lone child's route is one straight segment.
    trunks[id]  a parent's shared connector as polylines (stem and bus, then each column's
                trunk); empty for a parent with one visible child.
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
        self.collapsed: frozenset[str] = frozenset()
        self.parent: dict[str, str] = {}  # roots' parent is _ROOT
        self.kids: dict[str, list[str]] = {}  # visible children (a copy); _ROOT: the roots
        self.size: dict[str, tuple[float, float]] = {}
        self.shapes: dict[str, _Shapes] = {}
        self.rung: dict[str, int] = {}  # the rung each block is packed at
        self.arrangement: dict[str, _Arrangement] = {}
        self.out: dict[str, tuple[float, float]] = {}
        self.routes: dict[str, Route] = {}
        self.trunks: dict[str, tuple[Route, ...]] = {}
        self.moved: set[str] | None = None
        self.rerouted: set[str] | None = None
        self.retrunked: set[str] | None = None
        self._members: list[str] = []  # the chain members the last packing planned

    def branch(self, child: str) -> Route:
        """The part of child's route that is its own, to draw in its kind's colour with the
        arrow head at its end: the whole route for a lone child, else the first segment (from
        the child's box to its parent's trunk); the rest is in trunks[parent]."""
        route = self.routes[child]
        return route if not self.trunks.get(self.parent[child]) else route[:2]

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
        """The same result as full(), re-packing only what the edit changed."""
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
        if self.kids and list(roots) == self.roots and frozenset(collapsed) == self.collapsed:
            dirty = self._changes(children, sizes, collapsed)
            reshaped = self._tabulate(self._bottom_up(dirty), dirty)
        else:
            order, dirty = self._walk(roots, children, sizes, collapsed)
            reshaped = self._tabulate(reversed(order), dirty)
        self._place(reshaped)

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
            dirty.update(roots)
        order = [_ROOT]
        stack = [(r, _ROOT) for r in reversed(roots)]
        while stack:
            node, up = stack.pop()
            if node in parent:
                raise ValueError(f"node {node!r} appears twice in the tree")
            order.append(node)
            parent[node] = up
            s = size[node] = sizes[node]
            ks = empty if node in collapsed else list(get_children(node, empty))
            kids[node] = ks
            if old_size.get(node) != s:
                dirty.add(node)
            if old_kids.get(node) != ks:
                dirty.add(node)
                dirty.update(ks)  # a child may start or stop being a chain member
            if ks:
                stack.extend((k, node) for k in reversed(ks))
        for node in old_kids:
            if node not in kids:  # gone or hidden: its parent's children changed (dirty)
                for table in (self.shapes, self.rung, self.arrangement, self.out, self.routes,
                              self.trunks):
                    table.pop(node, None)
        self.roots, self.collapsed = list(roots), frozenset(collapsed)
        self.kids, self.size, self.parent = kids, size, parent
        return order, dirty

    def _changes(
        self,
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
    ) -> set[str]:
        """What _walk finds, from the last run's tree: one cheap pass over the kept nodes,
        then walks only through new, moved and removed subtrees."""
        empty: list[str] = []
        get_children = children.get
        kids, size, parent = self.kids, self.size, self.parent
        dirty: set[str] = set()
        changed: list[str] = []
        for node, old in kids.items():
            new_size = sizes.get(node)
            if new_size is None:
                continue  # removed (then its parent's children changed), or _ROOT
            if new_size != size[node]:
                size[node] = new_size
                dirty.add(node)
            if old != get_children(node, empty) and node not in collapsed:
                changed.append(node)
        dropped: list[str] = []
        attached: set[str] = set()
        fresh: list[str] = []
        for node in changed:
            old = kids[node]
            new = kids[node] = list(get_children(node, empty))
            dirty.add(node)
            dirty.update(new)  # a child may start or stop being a chain member
            now = set(new)
            dropped.extend(k for k in old if k not in now)
            for k in new:
                attached.add(k)
                parent[k] = node
                if k not in kids:
                    fresh.append(k)
        while fresh:  # new subtrees; an old node met under a new one was moved there
            node = fresh.pop()
            size[node] = sizes[node]
            new = kids[node] = [] if node in collapsed else list(get_children(node, empty))
            dirty.add(node)
            for k in new:
                attached.add(k)
                parent[k] = node
                if k not in kids:
                    fresh.append(k)
        tables = (self.shapes, self.rung, self.arrangement, self.out, self.routes, self.trunks,
                  kids, size, parent)
        while dropped:  # removed, unless attached elsewhere
            node = dropped.pop()
            if node in attached or node not in kids:
                continue
            dropped.extend(kids[node])
            dirty.discard(node)
            for table in tables:
                table.pop(node, None)
        return dirty

    def _bottom_up(self, dirty: set[str]) -> list[str]:
        """Dirty nodes and their ancestors, every node after its children among them."""
        parent = self.parent
        pending: dict[str, int] = {}  # how many children among them are still to come
        for node in dirty:
            while node not in pending:
                pending[node] = 0
                if node == _ROOT:
                    break
                node = parent[node]
        for node in pending:
            if node != _ROOT:
                pending[parent[node]] += 1
        ready = [node for node, count in pending.items() if count == 0]
        order: list[str] = []
        while ready:
            node = ready.pop()
            order.append(node)
            if node != _ROOT:
                up = parent[node]
                pending[up] -= 1
                if pending[up] == 0:
                    ready.append(up)
        return order

    def _tabulate(self, order: Iterable[str], dirty: set[str]) -> set[str]:
        """Bottom-up: new shape tables for dirty nodes; a changed table dirties the parent."""
        shapes, parent = self.shapes, self.parent
        done: set[str] = set()
        for node in order:
            if node not in dirty:
                continue
            done.add(node)
            if self._member(node):  # its chain's head tabulates the chain
                shapes.pop(node, None)
                dirty.add(parent[node])
                continue
            new = self._shapes(node)
            if shapes.get(node) != new:
                shapes[node] = new
                if node != _ROOT:
                    dirty.add(parent[node])
        return done

    def _place(self, reshaped: set[str]) -> None:
        """Top-down: pack each node at its rung and place its children's blocks. The walk
        enters only subtrees that moved, changed rung or hold a re-tabulated node."""
        out, arrangement, kids, parent, rung = (self.out, self.arrangement, self.kids,
                                                self.parent, self.rung)
        moved, rerouted, retrunked = self.moved, self.rerouted, self.retrunked
        assert moved is not None and rerouted is not None and retrunked is not None
        on_path: set[str] = set()  # re-tabulated nodes and their ancestors
        for node in reshaped:
            while node not in on_path:
                on_path.add(node)
                if node == _ROOT:
                    break
                node = parent[node]
        top_rung = self._frame_rung()
        stack: list[tuple[str, int, bool]] = [(_ROOT, top_rung, False)]  # node, rung, moved
        refreshed: set[str] = set()  # chain members whose head was packed again
        while stack:
            node, at, shifted = stack.pop()
            plan = arrangement.get(node)
            if self._member(node):  # planned when its chain's head was packed
                refreshed.discard(node)
                rung[node] = at
                repacked = False
                assert plan is not None
            elif plan is None or node in reshaped or rung.get(node) != at:
                rung[node] = at
                new = self._pack(node, LADDER[at], record=True)
                refreshed.update(self._members)
                repacked = new != plan
                plan = arrangement[node] = new
            else:
                repacked = False
            ox, oy = out[node] if node != _ROOT else (0.0, 0.0)
            again = shifted or repacked or node in reshaped  # every child's route, the trunks
            for index, k in enumerate(kids[node]):
                dx, dy = plan.offsets[index]
                pos = (ox + dx, oy + dy)
                child_moved = out.get(k) != pos
                if child_moved:
                    out[k] = pos
                    moved.add(k)
                if node != _ROOT and (again or child_moved or k in reshaped):
                    route = self._route(node, index, k, plan)
                    if self.routes.get(k) != route:
                        self.routes[k] = route
                        rerouted.add(k)
                child_rung = plan.rungs[index]
                if child_moved or k in on_path or k in refreshed or rung.get(k) != child_rung:
                    stack.append((k, child_rung, child_moved))
            if node != _ROOT and again:
                trunk = self._trunk(node, plan)
                if self.trunks.get(node) != trunk:
                    self.trunks[node] = trunk
                    retrunked.add(node)

    def _frame_rung(self) -> int:
        """The rung at which the whole map fits the smallest frame of the target aspect."""
        table, aspect = self.shapes[_ROOT], self.aspect
        best = min(range(len(table.widths)),
                   key=lambda i: (max(table.widths[i], aspect * table.heights[i]),
                                  table.widths[i] * table.heights[i], i))
        return table.low + best

    # -- one node -------------------------------------------------------------------------
    def _shapes(self, node: str) -> _Shapes:
        """The node's narrowest block at each rung, from its lowest to its one-column height."""
        ks = self.kids[node]
        width, height = self.size[node]
        if not ks:
            return _Shapes(_rung_at_least(height), (width,), (height,), 0)
        if len(ks) == 1 and node != _ROOT:
            return self._chain_shapes(node)
        shapes, sp = self.shapes, self.spacing
        tables = [shapes[k] for k in ks]
        if node == _ROOT:
            top, vgap = 0.0, sp.root
        else:
            top, vgap = height + sp.level, sp.sibling
        lowest = top + max(t.heights[0] for t in tables)
        highest = top + sum(t.heights[-1] for t in tables) + vgap * (len(ks) - 1)
        low, high = _rung_at_least(lowest), _rung_at_least(highest)
        widths: list[float] = []
        heights: list[float] = []
        for j in range(low, max(low, high) + 1):
            plan = self._pack(node, LADDER[j], record=False)
            widths.append(plan.width)
            heights.append(plan.height)
        return _table(low, widths, heights)

    def _pack(self, node: str, limit: float, record: bool) -> _Arrangement:
        """Children's blocks filled into columns, for a block at most `limit` high: each child
        takes its narrowest shape that fits the room left in the current column, unless that
        widens the column more than a new column would cost. Offsets only when `record`."""
        ks = self.kids[node]
        width, height = self.size[node]
        if not ks:
            return _Arrangement(width, height, (), (), (), ())
        sp, shapes = self.spacing, self.shapes
        is_root = node == _ROOT
        if is_root:
            top, indent, gap, vgap = 0.0, 0.0, sp.root, sp.root
        else:
            top, indent, gap, vgap = height + sp.level, sp.indent, sp.column, sp.sibling
        room = limit - top
        if len(ks) == 1 and not is_root:
            return self._chain_pack(node, limit, record)
        offsets: list[Point] = []
        rungs: list[int] = []
        column_of: list[int] = []
        trunks: list[float] = []
        left = 0.0
        col_w = col_h = -1.0  # no column open yet
        tallest = 0.0
        fresh: int
        for k in ks:
            table = shapes[k]
            i = -1
            if col_h >= 0:
                i = table.fit(room - col_h - vgap)
                if i >= 0:
                    widths = table.widths
                    if widths[i] <= col_w:  # as low as it can be without widening
                        while i > 0 and widths[i - 1] <= col_w:
                            i -= 1
                    else:
                        fresh = max(0, table.fit(room))
                        if widths[i] - col_w >= indent + gap + widths[fresh]:
                            i = -1  # cheaper to start a new column
            if i >= 0:
                if record:
                    offsets.append((left + indent, top + col_h + vgap))
                col_h += vgap + table.heights[i]
                if table.widths[i] > col_w:
                    col_w = table.widths[i]
            else:
                i = max(0, table.fit(room))
                if col_h >= 0:
                    left += indent + col_w + gap
                    if col_h > tallest:
                        tallest = col_h
                if record:
                    offsets.append((left + indent, top))
                    trunks.append(left + sp.trunk)
                col_w, col_h = table.widths[i], table.heights[i]
            if record:
                rungs.append(table.low + i)
                column_of.append(len(trunks) - 1)
        if col_h > tallest:
            tallest = col_h
        return _Arrangement(max(width, left + indent + col_w), top + tallest, tuple(offsets),
                            tuple(rungs), tuple(column_of), () if is_root else tuple(trunks))

    # -- chains ---------------------------------------------------------------------------
    def _member(self, node: str) -> bool:
        """A lone child that has a lone child: placed by the head of its chain."""
        if node == _ROOT:
            return False
        up = self.parent[node]
        return up != _ROOT and len(self.kids[up]) == 1 and len(self.kids[node]) == 1

    def _chain(self, head: str) -> tuple[list[str], str | None]:
        """The boxes of the chain starting at `head` (lone child after lone child, ending with
        a leaf if it ends in one) and the block hanging below it (a node with 2+ children)."""
        kids = self.kids
        members = [head]
        node = head
        while True:
            k = kids[node][0]
            count = len(kids[k])
            if count >= 2:
                return members, k
            members.append(k)
            if count == 0:
                return members, None
            node = k

    def _boxes(self, members: list[str]) -> _Boxes:
        size = self.size
        widths = [size[m][0] for m in members]
        heights = [size[m][1] for m in members]
        return len(members), max(widths), max(heights), sum(heights)

    def _chain_grid(self, boxes: _Boxes, per_row: int) -> tuple[float, float]:
        """Width and height of the chain's boxes, per_row to a row (1: stacked, each box
        straight below the last; more: a grid of cells as big as the largest box)."""
        level = self.spacing.level
        count, cell_w, cell_h, total_h = boxes
        if per_row == 1:
            return cell_w, total_h + level * (count - 1)
        rows = -(-count // per_row)
        return per_row * cell_w + (per_row - 1) * level, rows * cell_h + (rows - 1) * level

    def _chain_choice(self, boxes: _Boxes, tail: _Shapes | None,
                      limit: float) -> tuple[float, float, int, int]:
        """(width, height, boxes per row, tail shape) of the narrowest chain block at most
        `limit` high; the lowest one if none is."""
        count, level = boxes[0], self.spacing.level
        below = 0.0 if tail is None else level + tail.heights[0]
        lo, hi = 2, count  # the fewest boxes per row (2 or more) that leave the tail room
        while lo < hi:
            mid = (lo + hi) // 2
            if self._chain_grid(boxes, mid)[1] + below <= limit:
                hi = mid
            else:
                lo = mid + 1
        candidates = [1]
        per_row = lo
        for _ in range(4):
            if per_row > count or per_row < 2:
                break
            candidates.append(per_row)
            per_row = max(per_row + 1, round(per_row * 1.5))
        best: tuple[float, float, int, int] | None = None
        lowest: tuple[float, float, int, int] | None = None
        for per_row in candidates:
            w, h = self._chain_grid(boxes, per_row)
            i = 0
            if tail is not None:
                i = max(0, tail.fit(limit - h - level))
                w, h = max(w, tail.widths[i]), h + level + tail.heights[i]
            option = (w, h, per_row, i)
            if h <= limit and (best is None or (w, h) < best[:2]):
                best = option
            if lowest is None or (h, w) < (lowest[1], lowest[0]):
                lowest = option
        chosen = best or lowest
        assert chosen is not None
        return chosen

    def _chain_shapes(self, head: str) -> _Shapes:
        members, tail = self._chain(head)
        boxes = self._boxes(members)
        table = None if tail is None else self.shapes[tail]
        level = self.spacing.level
        lowest = self._chain_grid(boxes, len(members))[1]
        highest = self._chain_grid(boxes, 1)[1]
        if table is not None:
            lowest += level + table.heights[0]
            highest += level + table.heights[-1]
        low, high = _rung_at_least(lowest), _rung_at_least(highest)
        widths: list[float] = []
        heights: list[float] = []
        for j in range(low, max(low, high) + 1):
            w, h, _, _ = self._chain_choice(boxes, table, LADDER[j])
            widths.append(w)
            heights.append(h)
        return _table(low, widths, heights)

    def _chain_pack(self, head: str, limit: float, record: bool) -> _Arrangement:
        """The head's block; with `record`, every member's plan too (listed in _members)."""
        members, tail = self._chain(head)
        size = self.size
        boxes = self._boxes(members)
        table = None if tail is None else self.shapes[tail]
        w, h, per_row, i = self._chain_choice(boxes, table, limit)
        if not record:
            return _Arrangement(w, h, (), (), (), ())
        level = self.spacing.level
        spots: list[Point] = []
        if per_row == 1:
            y = 0.0
            for m in members:
                spots.append((0.0, y))
                y += size[m][1] + level
        else:
            cell_w, cell_h = boxes[1] + level, boxes[2] + level
            spots = [((n % per_row) * cell_w, (n // per_row) * cell_h) for n in range(len(members))]
        if tail is not None:
            assert table is not None
            spots.append((0.0, h - table.heights[i]))
        rungs = [self.shapes[m].low if m in self.shapes and not self.kids[m] else 0
                 for m in members[1:]]
        if table is not None:
            rungs.append(table.low + i)
        plans = [_Arrangement(0.0, 0.0, ((spots[n + 1][0] - spots[n][0],
                                          spots[n + 1][1] - spots[n][1]),),
                              (rungs[n],), (0,), ())
                 for n in range(len(spots) - 1)]
        arrangement = self.arrangement
        for member, plan in zip(members[1:], plans[1:], strict=False):
            arrangement[member] = plan
        self._members = members[1:]
        head_plan = plans[0]
        return _Arrangement(w, h, head_plan.offsets, head_plan.rungs, (0,), ())

    # -- connectors -----------------------------------------------------------------------
    def _route(self, node: str, index: int, child: str, plan: _Arrangement) -> Route:
        px, py = self.out[node]
        pw, ph = self.size[node]
        cx, cy = self.out[child]
        cw, ch = self.size[child]
        sp = self.spacing
        if not plan.trunks:  # a lone child: in a chain's row, straight below, or wrapped
            if cy == py:
                y = cy + min(sp.attach, ch / 2, ph / 2)
                return ((cx, y), (px + pw, y))
            half = min(pw, cw) / 2
            xc, xp = cx + half, px + half
            if xc == xp:
                return ((xc, cy), (xp, py + ph))
            gap = cy - sp.level / 2
            return ((xc, cy), (xc, gap), (xp, gap), (xp, py + ph))
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


def _rung_at_least(height: float) -> int:
    """The lowest rung of LADDER at least `height` high."""
    if height <= LADDER[0]:
        return 0
    j = math.ceil(STEPS * math.log2(height / LADDER[0]) - 1e-9)
    while LADDER[j] < height:
        j += 1
    while j > 0 and LADDER[j - 1] >= height:
        j -= 1
    return j


class Arrow(NamedTuple):
    """An arrow head (tip and two back corners) and, for attacks, a bar across the line."""

    head: tuple[Point, Point, Point]
    bar: tuple[Point, Point]


def arrow(branch: Route, length: float = 9.0, half: float = 5.0, bar_at: float = 7.0,
          bar_half: float = 7.0) -> Arrow:
    """The head at the end of a branch, pointing along its last segment (as edge_shape in
    look.py draws the tidy layout's); the bar sits bar_at back from the tip."""
    (x1, y1), (x2, y2) = branch[-2], branch[-1]
    span = math.hypot(x1 - x2, y1 - y2) or 1.0
    bx, by = (x1 - x2) / span, (y1 - y2) / span  # from the tip back along the line
    sx, sy = -by, bx  # sideways
    head = ((x2, y2), (x2 + bx * length + sx * half, y2 + by * length + sy * half),
            (x2 + bx * length - sx * half, y2 + by * length - sy * half))
    cx, cy = x2 + bx * bar_at, y2 + by * bar_at
    return Arrow(head, ((cx + sx * bar_half, cy + sy * bar_half),
                        (cx - sx * bar_half, cy - sy * bar_half)))
