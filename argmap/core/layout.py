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

from argmap.core.connectors import Curve, Route, curve_between
from argmap.core.layout_compact import PAGE, SLIDE, CompactLayout
from argmap.core.layout_protocol import Connectors, Layout

__all__ = ["DEFAULT_LAYOUT", "Connectors", "Direction", "Layout", "LayoutStyle", "Spacing",
           "TreeLayout", "layout", "make_layout"]


class Direction(StrEnum):
    DOWN = "down"  # root at the top, children below
    RIGHT = "right"  # root at the left, children to the right


class LayoutStyle(StrEnum):
    """The layouts a user can pick: the tidy tree either way, or compact for a slide or page."""

    DOWN = "down"  # tidy, one row per depth (this module)
    RIGHT = "right"  # tidy, one column per depth (this module)
    COMPACT_SLIDE = "compact-slide"  # packed towards 16:9, bus connectors (layout_compact)
    COMPACT_PAGE = "compact-page"  # packed towards a portrait page


#: What a new user sees and what an export draws when no layout is asked for: a picture that
#: fits a screen or slide. (A PDF page export defaults to COMPACT_PAGE: formats/picture.py.)
DEFAULT_LAYOUT = LayoutStyle.COMPACT_SLIDE


def make_layout(style: LayoutStyle | str, screen_aspect: float | None = None) -> Layout:
    """A fresh, empty layout of the given style (a LayoutStyle or its name: compact-slide,
    compact-page, down, right); call update() (or full()) on it. `screen_aspect` (width /
    height of the canvas showing it) packs the compact slide layout towards the screen it is
    seen on instead of a 16:9 slide; exports leave it out."""
    style = LayoutStyle(style)
    if style is LayoutStyle.COMPACT_SLIDE:
        return CompactLayout(screen_aspect if screen_aspect and screen_aspect > 0 else SLIDE)
    if style is LayoutStyle.COMPACT_PAGE:
        return CompactLayout(PAGE)
    return TreeLayout(Direction(style.value))


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
    return TreeLayout(direction, spacing).full(roots, children, sizes, collapsed)


class TreeLayout:
    """The layout above, kept between runs so that an edit re-lays out only what it changed;
    a Layout (layout_protocol.py) whose connectors are curves, one per child, and no trunks.

    update() finds what changed by comparing each visible node's children and size with the
    last run (a cheap pass), re-computes band widths up from the changed nodes, re-bands only
    the children of nodes whose bands changed, shifts untouched subtrees whole, and
    re-centres upwards. Anything that changes a depth level (a move to another parent, the
    deepest box of a level changing, collapsing) falls back to full(), which gives the same
    result by construction; tests compare the two after random edits.
    """

    def __init__(self, direction: Direction = Direction.DOWN, spacing: Spacing = Spacing()):
        self.direction = direction
        self.spacing = spacing
        self.down = direction is Direction.DOWN
        self.b_index, self.d_index = (0, 1) if self.down else (1, 0)
        self.roots: list[str] = []
        self.collapsed: frozenset[str] = frozenset()
        self.parent: dict[str, str | None] = {}
        self.kids: dict[str, list[str]] = {}  # visible children, a copy
        self.level: dict[str, int] = {}
        self.size: dict[str, tuple[float, float]] = {}
        self.level_depth: list[float] = []
        self.level_start: list[float] = []
        self.span: dict[str, float] = {}
        self.band: dict[str, float] = {}
        self.centre: dict[str, float] = {}
        self.out: dict[str, tuple[float, float]] = {}
        self.moved: set[str] | None = None  # boxes the last run moved; None: maybe all
        self.resized: list[str] = []  # kept boxes the last (incremental) run resized
        self.groups: Mapping[str, int] = {}  # nothing to do: siblings are always level here
        self.row_axis = self.b_index  # siblings lie along the breadth axis

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of all boxes: some box touches every band's edges."""
        if not self.roots:
            return (0.0, 0.0, 0.0, 0.0)
        first, last = self.roots[0], self.roots[-1]
        low, high = self.band[first], self.band[last] + self.span[last]
        deep = self.level_start[-1] + self.level_depth[-1]
        return (low, 0.0, high, deep) if self.down else (0.0, low, deep, high)

    def connectors(self) -> Connectors:
        return TreeConnectors(self)

    # -- the whole tree ----------------------------------------------------------------
    def full(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str] = (),
    ) -> dict[str, tuple[float, float]]:
        b_index, d_index = self.b_index, self.d_index
        sibling_gap = self.spacing.sibling
        empty: list[str] = []
        get_children = children.get

        # Pass 1 (pre-order walk): visible nodes, their levels and the deepest box per level.
        order: list[str] = []
        parent_of: dict[str, str | None] = {}
        level_of: dict[str, int] = {}
        kids_of: dict[str, list[str]] = {}
        size_of: dict[str, tuple[float, float]] = {}
        level_depth: list[float] = []
        stack: list[tuple[str, int, str | None]] = [(r, 0, None) for r in reversed(roots)]
        while stack:
            node, level, parent = stack.pop()
            order.append(node)
            parent_of[node] = parent
            level_of[node] = level
            if level == len(level_depth):
                level_depth.append(0.0)
            size = size_of[node] = sizes[node]
            if size[d_index] > level_depth[level]:
                level_depth[level] = size[d_index]
            ks = empty if node in collapsed else list(get_children(node, empty))
            kids_of[node] = ks
            if ks:
                stack.extend((k, level + 1, node) for k in reversed(ks))

        # Pass 2 (post-order): band width of each subtree.
        span: dict[str, float] = {}
        for node in reversed(order):  # children always come after their parent in `order`
            ks = kids_of[node]
            own = size_of[node][b_index]
            if ks:
                block = sibling_gap * (len(ks) - 1)
                for k in ks:
                    block += span[k]
                span[node] = own if own > block else block
            else:
                span[node] = own

        self.roots, self.collapsed = list(roots), frozenset(collapsed)
        self.parent, self.kids, self.level, self.size = parent_of, kids_of, level_of, size_of
        self.level_depth, self.span = level_depth, span
        self.level_start = self._level_starts()

        # Pass 3 (pre-order): each child's band inside its parent's band.
        self.band = {}
        self._band_roots(set(self.roots))
        for node in order:
            self._band_children(node)

        # Pass 4 (post-order): centre each node over its children, kept inside its band.
        self.centre, self.out = {}, {}
        for node in reversed(order):
            self._place(node)
        self.moved = None
        return self.out

    def _level_starts(self) -> list[float]:
        starts = [0.0] * len(self.level_depth)
        for i in range(1, len(starts)):
            starts[i] = starts[i - 1] + self.level_depth[i - 1] + self.spacing.level
        return starts

    def _band_roots(self, rebanded: set[str]) -> None:
        """Roots side by side; a root not in `rebanded` that moves takes its subtree along."""
        cursor = 0.0
        band = self.band
        for r in self.roots:
            old = band.get(r)
            if r in rebanded or old is None:
                band[r] = cursor
            elif old != cursor:
                self._shift(r, cursor - old)
            cursor += self.span[r] + self.spacing.root

    def _band_children(self, node: str, rebanded: set[str] | None = None) -> None:
        """Bands of node's children inside its band. With `rebanded`, a child outside it that
        moves takes its laid-out subtree along (an incremental run)."""
        ks = self.kids[node]
        if not ks:
            return
        span, band, gap = self.span, self.band, self.spacing.sibling
        block = gap * (len(ks) - 1)
        for k in ks:
            block += span[k]
        pos = band[node] + (span[node] - block) / 2
        for k in ks:
            if rebanded is None or k in rebanded or k not in band:
                band[k] = pos
            elif band[k] != pos:
                self._shift(k, pos - band[k])
            pos += span[k] + gap

    def _place(self, node: str) -> None:
        """Centre `node` over its children within its band."""
        ks = self.kids[node]
        start = self.band[node]
        size = self.size[node]
        half = size[self.b_index] / 2
        span = self.span[node]
        if ks:
            centre = self.centre
            mid = (centre[ks[0]] + centre[ks[-1]]) / 2
            low, high = start + half, start + span - half
            c = low if mid < low else high if mid > high else mid
        else:
            c = start + span / 2
        self.centre[node] = c
        d = self.level_start[self.level[node]]
        pos = (c - half, d) if self.down else (d, c - half)
        if self.out.get(node) != pos:
            self.out[node] = pos
            if self.moved is not None:
                self.moved.add(node)

    def _shift(self, top: str, delta: float) -> None:
        """Move a laid-out subtree along the breadth axis."""
        band, centre, out, kids = self.band, self.centre, self.out, self.kids
        down = self.down
        stack = [top]
        while stack:
            node = stack.pop()
            band[node] += delta
            if node in centre:
                centre[node] += delta
                x, y = out[node]
                out[node] = (x + delta, y) if down else (x, y + delta)
                if self.moved is not None:
                    self.moved.add(node)
            stack.extend(kids[node])

    # -- what an edit changed ----------------------------------------------------------
    def update(
        self,
        roots: Sequence[str],
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str] = (),
        changed: Collection[str] | None = None,
    ) -> dict[str, tuple[float, float]]:
        """The same result as full(), from the last run's: see the class docstring. The
        `changed` hint (layout_protocol.Layout.update) is not used: this layout's comparison
        with the last run is cheap enough."""
        if list(roots) != self.roots or frozenset(collapsed) != self.collapsed:
            return self.full(roots, children, sizes, collapsed)
        plan = self._changes(children, sizes, collapsed)
        if plan is None:
            return self.full(roots, children, sizes, collapsed)
        changed, resized, added = plan
        self.moved = set(added)
        self.resized = resized
        if not (changed or resized):
            return self.out
        span, parent_of, level_of = self.span, self.parent, self.level
        # Band widths: new subtrees bottom-up, then up from every changed node while they change.
        for node in reversed(added):
            self._span(node)
        rebanded: set[str] = {*changed, *added, *resized}  # nodes whose children get new bands
        pending: dict[int, set[str]] = {}
        for node in (*changed, *resized):
            pending.setdefault(level_of[node], set()).add(node)
        root_spans = False
        while pending:
            level = max(pending)
            for node in pending.pop(level):
                old = span[node]
                if self._span(node) != old:
                    rebanded.add(node)  # its children's offset in its band changes too
                    parent = parent_of[node]
                    if parent is None:
                        root_spans = True
                    else:
                        rebanded.add(parent)
                        pending.setdefault(level - 1, set()).add(parent)
        # Bands, top-down: a subtree whose band only moved is shifted whole.
        if root_spans:
            self._band_roots(rebanded)
        for node in sorted(rebanded, key=level_of.__getitem__):
            self._band_children(node, rebanded)
        # Centres, bottom-up from everything re-banded or resized, while they change.
        todo: dict[int, set[str]] = {}
        for node in (*rebanded, *resized):
            todo.setdefault(level_of[node], set()).add(node)
        for node in rebanded:
            for k in self.kids[node]:  # bands set anew above, or shifted
                todo.setdefault(level_of[k], set()).add(k)
        while todo:
            level = max(todo)
            for node in todo.pop(level):
                centre_before = self.centre.get(node)
                self._place(node)
                parent = parent_of[node]
                if parent is not None and self.centre[node] != centre_before:
                    todo.setdefault(level - 1, set()).add(parent)
        return self.out

    def _span(self, node: str) -> float:
        ks = self.kids[node]
        own = self.size[node][self.b_index]
        if ks:
            block = self.spacing.sibling * (len(ks) - 1)
            for k in ks:
                block += self.span[k]
            value = own if own > block else block
        else:
            value = own
        self.span[node] = value
        return value

    def _changes(
        self,
        children: Mapping[str, Sequence[str]],
        sizes: Mapping[str, tuple[float, float]],
        collapsed: Collection[str],
    ) -> tuple[list[str], list[str], list[str]] | None:
        """(nodes whose children changed, nodes resized, new nodes in pre-order), with the
        kept state brought up to date; None where only a full run will do."""
        empty: list[str] = []
        get_children = children.get
        d_index = self.d_index
        level_depth = self.level_depth
        changed: list[str] = []
        resized: list[str] = []
        for node, old_kids in self.kids.items():
            size = sizes.get(node)
            if size is None:
                continue  # removed: its parent's children changed
            ks = empty if node in collapsed else get_children(node, empty)
            if ks != old_kids:
                changed.append(node)
            old = self.size[node]
            if size != old:
                level = self.level[node]
                depth, deepest = size[d_index], level_depth[level]
                if depth > deepest or (old[d_index] == deepest and depth < deepest):
                    return None  # the level's depth changes: every level below moves
                resized.append(node)
        added: list[str] = []
        removed: list[str] = []
        for node in changed:
            new_kids = list(get_children(node, empty))
            new_set = set(new_kids)
            for k in new_kids:
                if k in self.parent:
                    if self.parent[k] != node:
                        return None  # moved from another parent: its levels may change
                else:
                    stack = [(k, self.level[node] + 1)]
                    while stack:  # a new subtree (added or pasted)
                        n, level = stack.pop()
                        if n in self.level:
                            return None  # an old node under a new one: moved
                        if level >= len(level_depth) or sizes[n][d_index] > level_depth[level]:
                            return None  # a new or deeper level
                        added.append(n)
                        stack.extend((c, level + 1) for c in reversed(get_children(n, empty)))
            for k in self.kids[node]:
                if k not in new_set:
                    if k in sizes:
                        return None  # moved to another parent
                    removed.append(k)
        gone: list[str] = []
        for top in removed:
            under = [top]
            while under:
                n = under.pop()
                if self.size[n][d_index] == level_depth[self.level[n]]:
                    return None  # a level may get shallower
                gone.append(n)
                under.extend(self.kids[n])
        # Nothing falls back from here on: bring the kept state up to date.
        for n in gone:
            for table in (self.parent, self.kids, self.level, self.size, self.span, self.band,
                          self.centre, self.out):
                table.pop(n, None)
        for node in changed:
            self.kids[node] = list(get_children(node, empty))
        for n in added:
            self.kids[n] = list(get_children(n, empty)) if n not in collapsed else []
            self.size[n] = sizes[n]
        for n in added:
            for c in self.kids[n]:
                self.parent[c] = n
        for node in changed:
            for k in self.kids[node]:
                self.parent[k] = node
        for n in added:
            parent = self.parent[n]
            assert parent is not None  # an added node hangs under a kept or added one
            self.level[n] = self.level[parent] + 1
        for node in resized:
            self.size[node] = sizes[node]
        return changed, resized, added


class TreeConnectors:
    """TreeLayout's connectors: a curve from each child's box to its parent's, no trunks. An
    incremental run re-routes the edges at boxes it moved or resized and those of their
    children; it never re-parents (a move to another parent is a full run)."""

    retrunked: Collection[str] | None

    def __init__(self, tree: TreeLayout):
        self._tree = tree
        self.reparented: Collection[str] | None = None if tree.moved is None else ()
        self.retrunked = None if tree.moved is None else ()

    @property
    def rerouted(self) -> Collection[str] | None:
        tree = self._tree
        if tree.moved is None:
            return None
        touched = {*tree.moved, *tree.resized}
        out = set(touched)
        kids = tree.kids
        for node in touched:
            out.update(kids[node])
        return out

    def edge(self, child: str) -> Curve | None:
        tree = self._tree
        parent = tree.parent.get(child)
        if parent is None:
            return None
        out, size = tree.out, tree.size
        return curve_between(out[child], size[child], out[parent], size[parent], tree.down)

    def trunk(self, parent: str) -> tuple[Route, ...]:
        return ()

    def trunked(self) -> Collection[str]:
        return ()
