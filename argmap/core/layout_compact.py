"""Compact layout: subtrees packed towards a chosen aspect ratio, with bus connectors (no Qt).

The tidy layout (layout.py) gives every depth its own row, so a map with many children per
node becomes a strip hundreds of times wider than tall. Here every subtree is a rectangular
block: its root's box at the block's top-left and its children's blocks below it, in one or
more columns, each column a stack of blocks in sibling order; chains of lone children wrap
into rows like text. A parent always comes before its children in reading order (above them,
or left of its lone child in a row). How a block is packed: layout_packing.py. Top-down, the
map is packed at the rung (height) whose block fits the smallest frame of the target aspect (a
16:9 slide, a portrait page), and every node packs its children at the rungs it chose for them.

Connectors are orthogonal and never cross a box or another parent's connectors: each column
has a channel on its left, free of boxes, holding a vertical trunk; a stem drops from the
parent's box to a bus running under it, the bus feeds every column's trunk, and a short
horizontal branch runs from the trunk to each child's left edge. A lone child hangs straight
below its parent, or sits right of it in a row, or (wrapping to the next row) is reached
through the gap above its row. Routes are data: painters draw them (see CompactLayout).

Everything is iterative (no recursion) and incremental: update() re-tabulates only nodes whose
children, size or children's tables changed, re-packs only nodes whose table or rung changed,
and moves the blocks around them whole; a full run is the same code with nothing remembered,
so both give the same result.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import repeat

from argmap.core.connectors import Point, Route
from argmap.core.layout_packing import (
    LADDER,
    ROOT,
    Arrangement,
    CompactSpacing,
    Packer,
    Shapes,
    rung_at_least,
)
from argmap.core.layout_protocol import Connectors

__all__ = ["PAGE", "SLIDE", "CompactConnectors", "CompactLayout", "CompactSpacing"]

SLIDE = 16 / 9  # width / height of a presentation slide
PAGE = 210 / 297  # an A4 (or roughly Letter) page, portrait


class CompactLayout(Packer):
    """A Layout (layout_protocol.py) as TreeLayout is, whose connectors are branches and trunks.

    out[id]     top-left corner of each visible box.
    routes[id]  the edge from a child to its parent as a polyline: points[0] on the child's
                box, points[-1] on the parent's. Its first segment (points[0] -> points[1]) is
                the child's own branch; the rest is shared with siblings (the trunk and bus) and
                coincides exactly with theirs. A lone child's route is one straight segment.
    trunks[id]  a parent's shared connector as polylines (stem and bus, then each column's
                trunk); empty for a parent with one visible child.
    moved       ids whose box moved or appeared in the last update (not those deleted); None
                after full() or a change of roots or collapsed nodes: maybe all. Unlike
                TreeLayout, an incremental run also follows moves to another parent.
    rerouted    child ids whose route changed or appeared; retrunked: parents whose trunks
                changed, appeared or went away (trunks has no entry for a leaf).
    reparented  kept ids now under another parent (None when moved is None): their edges
                now end elsewhere.
    groups      set by the caller before a run (layout_protocol.Layout.groups): a node's
                first g >= 2 children each get a column of their own, level with each other,
                and so does the child after them; the columns of all but the first have no
                trunk (premise_rows.py frames them and draws one connector).
    """

    def __init__(self, aspect: float = SLIDE, spacing: CompactSpacing | None = None):
        if not aspect > 0:
            raise ValueError("aspect must be positive")
        self.aspect = aspect
        self.spacing = spacing or CompactSpacing()
        self.groups: Mapping[str, int] = {}
        self.row_axis = 0  # a group's members: a column each, side by side along x
        self._reset()

    def _reset(self) -> None:
        self.roots: list[str] = []
        self.collapsed: frozenset[str] = frozenset()
        self.parent: dict[str, str] = {}  # roots' parent is ROOT
        self.kids: dict[str, list[str]] = {}  # visible children (a copy); ROOT: the roots
        self.size: dict[str, tuple[float, float]] = {}
        self.shapes: dict[str, Shapes] = {}
        self.rung: dict[str, int] = {}  # the rung each block is packed at
        self.arrangement: dict[str, Arrangement] = {}
        self.out: dict[str, tuple[float, float]] = {}
        self.routes: dict[str, Route] = {}
        self.trunks: dict[str, tuple[Route, ...]] = {}
        self.moved: set[str] | None = None
        self.rerouted: set[str] | None = None
        self.retrunked: set[str] | None = None
        self.reparented: set[str] | None = None
        self._members: list[str] = []  # the chain members the last packing planned
        self._grouped: dict[str, int] = {}  # the groups the last run packed

    def branch(self, child: str) -> Route:
        """The part of child's route that is its own, to draw in its kind's colour with the
        arrow head at its end: the whole route for a lone child, else the first segment (from
        the child's box to its parent's trunk); the rest is in trunks[parent]."""
        route = self.routes[child]
        return route if not self.trunks.get(self.parent[child]) else route[:2]

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of all boxes and connectors."""
        whole = self.arrangement.get(ROOT)
        if whole is None or not self.roots:
            return (0.0, 0.0, 0.0, 0.0)
        return (0.0, 0.0, whole.width, whole.height)

    def connectors(self) -> Connectors:
        return CompactConnectors(self)

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
        self.moved = self.rerouted = self.retrunked = self.reparented = None
        return self.out

    def update(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str] = (),
        changed: Collection[str] | None = None,
    ) -> dict[str, tuple[float, float]]:
        """The same result as full(), re-packing only what the edit changed. `changed`: a
        hint (layout_protocol.Layout.update), or None to compare every node with the last run."""
        if not self.arrangement:
            return self.full(roots, children, sizes, collapsed)
        self._run(roots, children, sizes, collapsed, changed)
        return self.out

    def _run(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
        changed: Collection[str] | None = None,
    ) -> None:
        if ROOT in sizes:
            raise ValueError("the empty string is not a valid node id for the compact layout")
        self.moved, self.rerouted, self.retrunked = set(), set(), set()
        self.reparented = set()
        groups, old = self.groups, self._grouped
        regrouped = {n for n in {*groups, *old} if groups.get(n, 0) != old.get(n, 0)}
        self._grouped = dict(groups)
        if self.kids and list(roots) == self.roots and frozenset(collapsed) == self.collapsed:
            dirty = self._changes(children, sizes, collapsed, changed)
            self._regroup(regrouped, dirty)
            reshaped = self._tabulate(self._bottom_up(dirty), dirty)
            self._place(reshaped)
        else:  # boxes shown or hidden: reported as after full()
            order, dirty = self._walk(roots, children, sizes, collapsed)
            self._regroup(regrouped, dirty)
            self._place(self._tabulate(reversed(order), dirty))
            self.moved = self.rerouted = self.retrunked = self.reparented = None

    def _walk(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
    ) -> tuple[list[str], set[str]]:
        """Visible nodes in pre-order (ROOT first), and those whose own layout input changed:
        new, resized, or with other visible children. Forgets nodes no longer visible."""
        empty: list[str] = []
        get_children = children.get
        old_kids, old_size = self.kids, self.size
        kids: dict[str, list[str]] = {ROOT: list(roots)}
        parent: dict[str, str] = {}
        size: dict[str, tuple[float, float]] = {ROOT: (0.0, 0.0)}
        dirty: set[str] = set()
        fresh = not old_kids  # nothing remembered: every node is new (dirty)
        if old_kids.get(ROOT) != kids[ROOT]:
            dirty.add(ROOT)
            dirty.update(roots)
        order = [ROOT]
        stack = [(r, ROOT) for r in reversed(roots)]
        while stack:
            node, up = stack.pop()
            if node in parent:
                raise ValueError(f"node {node!r} appears twice in the tree")
            order.append(node)
            parent[node] = up
            s = size[node] = sizes[node]
            ks = empty if node in collapsed else list(get_children(node, empty))
            kids[node] = ks
            if not fresh:
                if old_size.get(node) != s:
                    dirty.add(node)
                if old_kids.get(node) != ks:
                    dirty.add(node)
                    dirty.update(ks)  # a child may start or stop being a chain member
                    if not ks:
                        self._drop_trunk(node)  # leaves are not visited to clear it
            if ks:
                stack.extend(zip(reversed(ks), repeat(node)))
        if fresh:
            dirty.update(order)
        for node in old_kids:
            if node not in kids:  # gone or hidden: its parent's children changed (dirty)
                self._forget(node)
        self.roots, self.collapsed = list(roots), frozenset(collapsed)
        self.kids, self.size, self.parent = kids, size, parent
        return order, dirty

    def _changes(
        self,
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
        hint: Collection[str] | None = None,
    ) -> set[str]:
        """What _walk finds, from the last run's tree: one cheap pass over the kept nodes (or
        only over those near the hint), then walks only through new, moved and removed
        subtrees."""
        empty: list[str] = []
        get_children = children.get
        kids, size, parent = self.kids, self.size, self.parent
        reparented = self.reparented
        assert reparented is not None
        dirty: set[str] = set()
        changed: list[str] = []
        for node, old in kids.items() if hint is None else self._near(hint):
            new_size = sizes.get(node)
            if new_size is None:
                continue  # removed (then its parent's children changed), or ROOT
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
            if not new:
                self._drop_trunk(node)  # leaves are not visited to clear it
            now = set(new)
            dropped.extend(k for k in old if k not in now)
            for k in new:
                attached.add(k)
                if k not in kids:
                    fresh.append(k)
                elif parent[k] != node:
                    reparented.add(k)
                parent[k] = node
        while fresh:  # new subtrees; an old node met under a new one was moved there
            node = fresh.pop()
            size[node] = sizes[node]
            new = kids[node] = [] if node in collapsed else list(get_children(node, empty))
            dirty.add(node)
            for k in new:
                attached.add(k)
                if k not in kids:
                    fresh.append(k)
                else:
                    reparented.add(k)  # an old node under a new one
                parent[k] = node
        while dropped:  # removed, unless attached elsewhere
            node = dropped.pop()
            if node in attached or node not in kids:
                continue
            dropped.extend(kids[node])
            dirty.discard(node)
            self._forget(node)
            for table in (kids, size, parent):
                table.pop(node, None)
        return dirty

    def _near(self, hint: Collection[str]) -> list[tuple[str, list[str]]]:
        """The kept nodes a hint names and their parents in the last run (a removed or moved
        node's old parent), each with its children in the last run."""
        kids, parent = self.kids, self.parent
        near: set[str] = set()
        for node in hint:
            near.add(node)
            up = parent.get(node)
            if up is not None:
                near.add(up)
        return [(node, kids[node]) for node in near if node in kids]

    def _regroup(self, regrouped: set[str], dirty: set[str]) -> None:
        """Nodes whose group changed pack again, and so do their children (a member's chain
        never wraps sideways)."""
        for node in regrouped:
            if node in self.kids:
                dirty.add(node)
                dirty.update(self.kids[node])

    def _forget(self, node: str) -> None:
        """A node no longer shown (deleted, or hidden by a collapse, which makes the run a full
        one): not reported, as TreeLayout does not report it either."""
        for table in (self.shapes, self.rung, self.arrangement, self.out, self.routes,
                      self.trunks):
            table.pop(node, None)

    def _drop_trunk(self, node: str) -> None:
        if self.trunks.pop(node, None) is not None and self.retrunked is not None:
            self.retrunked.add(node)

    def _bottom_up(self, dirty: set[str]) -> list[str]:
        """Dirty nodes and their ancestors, every node after its children among them."""
        parent = self.parent
        pending: dict[str, int] = {}  # how many children among them are still to come
        for node in dirty:
            while node not in pending:
                pending[node] = 0
                if node == ROOT:
                    break
                node = parent[node]
        for node in pending:
            if node != ROOT:
                pending[parent[node]] += 1
        ready = [node for node, count in pending.items() if count == 0]
        order: list[str] = []
        while ready:
            node = ready.pop()
            order.append(node)
            if node != ROOT:
                up = parent[node]
                pending[up] -= 1
                if pending[up] == 0:
                    ready.append(up)
        return order

    def _tabulate(self, order: Iterable[str], dirty: set[str]) -> set[str]:
        """Bottom-up: new shape tables for dirty nodes; a changed table dirties the parent."""
        shapes, parent, kids, size = self.shapes, self.parent, self.kids, self.size
        done: set[str] = set()
        for node in order:
            if node not in dirty:
                continue
            done.add(node)
            if not kids[node]:  # a leaf (never a chain member): its one shape, as _shapes
                width, height = size[node]
                low = rung_at_least(height)
                new = Shapes(low, (width,), (height,), 0, (low,))
            elif self._member(node):  # its chain's head tabulates the chain
                shapes.pop(node, None)
                dirty.add(parent[node])
                continue
            else:
                new = self._shapes(node)
            if shapes.get(node) != new:
                shapes[node] = new
                if node != ROOT:
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
                if node == ROOT:
                    break
                node = parent[node]
        top_rung = self._frame_rung()
        routes, route_of = self.routes, self._route
        stack: list[tuple[str, int, bool]] = [(ROOT, top_rung, False)]  # node, rung, moved
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
            ox, oy = out[node] if node != ROOT else (0.0, 0.0)
            again = shifted or repacked or node in reshaped  # every child's route, the trunks
            offsets, rungs, below_root = plan.offsets, plan.rungs, node != ROOT
            for index, k in enumerate(kids[node]):
                dx, dy = offsets[index]
                pos = (ox + dx, oy + dy)
                child_moved = out.get(k) != pos
                if child_moved:
                    out[k] = pos
                    moved.add(k)
                if below_root and (again or child_moved or k in reshaped):
                    route = route_of(node, index, k, plan)
                    if routes.get(k) != route:
                        routes[k] = route
                        rerouted.add(k)
                if not kids[k]:
                    continue  # a leaf: nothing of its own to pack or route
                child_rung = rungs[index]
                if child_moved or k in on_path or k in refreshed or rung.get(k) != child_rung:
                    stack.append((k, child_rung, child_moved))
            if node != ROOT and again:
                trunk = self._trunk(node, plan)
                if self.trunks.get(node) != trunk:
                    self.trunks[node] = trunk
                    retrunked.add(node)

    def _frame_rung(self) -> int:
        """The rung at which the whole map fits the smallest frame of the target aspect."""
        table, aspect = self.shapes[ROOT], self.aspect
        best = min(range(len(table.widths)),
                   key=lambda i: (max(table.widths[i], aspect * table.heights[i]),
                                  table.widths[i] * table.heights[i], i))
        return table.source[best]

    # -- connectors -----------------------------------------------------------------------
    def _route(self, node: str, index: int, child: str, plan: Arrangement) -> Route:
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

    def _trunk(self, node: str, plan: Arrangement) -> tuple[Route, ...]:
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
        framed = set(plan.column_of[1:self._grouped.get(node, 0)])  # columns with no trunk
        trunks = [(c, tx) for c, tx in enumerate(plan.trunks) if c not in framed]
        lines: list[Route] = [((stem, py + ph), (stem, bus), (px + trunks[-1][1], bus))
                              if trunks[-1][1] != plan.trunks[0] else ((stem, py + ph), (stem, bus))]
        for column, tx in trunks:
            lines.append(((px + tx, bus), (px + tx, last_attach[column])))
        return tuple(lines)


class CompactConnectors:
    """CompactLayout's connectors: each child's branch (its edge), each parent's trunks."""

    def __init__(self, tree: CompactLayout):
        self._tree = tree
        self.rerouted: Collection[str] | None = tree.rerouted
        self.retrunked: Collection[str] | None = tree.retrunked
        self.reparented: Collection[str] | None = tree.reparented

    def edge(self, child: str) -> Route | None:
        return self._tree.branch(child) if child in self._tree.routes else None

    def trunk(self, parent: str) -> tuple[Route, ...]:
        return self._tree.trunks.get(parent, ())

    def trunked(self) -> Collection[str]:
        return self._tree.trunks.keys()
