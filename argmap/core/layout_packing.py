"""How the compact layout packs one node's block: shape tables, columns and chains (no Qt).

A block can be tall and narrow (one column, an indented outline) or short and wide (several
columns). Each node tabulates its narrowest block for every height on a ladder of rungs (a
factor 2^(1/8) apart), from the lowest it can reach to its one-column height, by filling its
children's own tables into columns greedily in sibling order: each child takes its narrowest
shape that fits the room left in the current column, unless widening the column costs more
than a new one. The packing at the rung a node is given (its parent packed it there) is the
node's plan: its children's offsets and rungs, and its columns' trunks.

A chain (a lone child after a lone child, ...) is planned by its head as a whole: its boxes
stacked straight down, or wrapped left to right into rows like text when that keeps the block
within the rung's height, with the block its last box hangs (a node with 2+ children) below.
A member of a chain gets a plan holding only the offset of the next box.

CompactLayout (layout_compact.py) keeps the tables and plans between runs and decides which
nodes to tabulate and pack again.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from argmap.core.connectors import Point

STEPS = 8  # ladder rungs per doubling of height
LADDER = tuple(16.0 * 2.0 ** (j / STEPS) for j in range(STEPS * 48))  # block heights tried


@dataclass(frozen=True)
class CompactSpacing:
    """Gaps of the compact layout in scene pixels; room for an arrow head (9 px) and an
    attack's bar (7 px back from the tip) on every branch and on a chain's links."""

    trunk: float = 12.0  # from a column's left edge to its trunk (and from a box's left to its stem)
    indent: float = 36.0  # from a column's left edge to its boxes: the branch is indent - trunk long
    column: float = 12.0  # between a column's widest block and the next column's channel
    sibling: float = 12.0  # between blocks stacked in a column
    level: float = 28.0  # parent's box to children's blocks (bus halfway); chain boxes apart
    attach: float = 20.0  # a branch meets its child this far below the child's top (at most half)
    root: float = 64.0  # between separate trees

    def __post_init__(self) -> None:
        if min(self.trunk, self.column, self.sibling, self.level, self.attach, self.root) < 0:
            raise ValueError("compact spacing cannot be negative")
        if not self.trunk < self.indent:
            raise ValueError("a column's trunk must lie left of its boxes (trunk < indent)")


class Arrangement(NamedTuple):
    """A node's block at one rung: its size, its children's offsets, rungs and trunks."""

    width: float
    height: float
    offsets: tuple[Point, ...]  # each child's block origin relative to the parent's
    rungs: tuple[int, ...]  # the rung each child's block is packed at
    column_of: tuple[int, ...]  # each child's column
    trunks: tuple[float, ...]  # each column's trunk x, relative to the parent's block


class Shapes(NamedTuple):
    """A node's narrowest block for each rung from `low` up: its width and height, and the
    rung whose packing gave it (where packing at two rungs gives the same block, the rungs
    between are taken to give it too, and are not packed)."""

    low: int
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    tall: int  # fit() for unlimited room
    source: tuple[int, ...]  # the rung to pack at for each shape (it gives exactly that shape)

    def fit(self, room: float) -> int:
        """Index of the narrowest, then lowest, shape at most `room` high; -1 if none is."""
        heights = self.heights
        i = len(heights) - 1
        if room >= heights[i]:
            return self.tall
        if room < heights[0]:
            return -1
        i = min(i, rung_at_least(room) - self.low)
        while heights[i] > room:
            i -= 1
        widths = self.widths
        while i > 0 and widths[i - 1] <= widths[i]:  # as narrow, and lower
            i -= 1
        return i


def make_table(low: int, widths: list[float], heights: list[float],
               source: list[int] | None = None) -> Shapes:
    tall = len(widths) - 1
    while tall > 0 and widths[tall - 1] <= widths[tall]:
        tall -= 1
    rungs = tuple(source) if source is not None else tuple(range(low, low + len(widths)))
    return Shapes(low, tuple(widths), tuple(heights), tall, rungs)


Boxes = tuple[int, float, float, float]  # a chain's box count, widest, highest, total height
ROOT = ""  # key of the virtual node whose children are the map's roots (node ids are never empty)


class Packer:
    """The packing half of CompactLayout: reads the tree and tables, writes chain plans."""

    spacing: CompactSpacing
    parent: dict[str, str]
    kids: dict[str, list[str]]
    size: dict[str, tuple[float, float]]
    shapes: dict[str, Shapes]
    arrangement: dict[str, Arrangement]
    _members: list[str]
    _grouped: dict[str, int]  # node -> its first children laid side by side (CompactLayout.groups)

    def _shapes(self, node: str) -> Shapes:
        """The node's narrowest block at each rung, from its lowest to its one-column height."""
        ks = self.kids[node]
        width, height = self.size[node]
        if not ks:
            low = rung_at_least(height)
            return Shapes(low, (width,), (height,), 0, (low,))
        if len(ks) == 1 and node != ROOT:
            return self._chain_shapes(node)
        shapes, sp = self.shapes, self.spacing
        tables = [shapes[k] for k in ks]
        if node == ROOT:
            top, indent, gap, vgap = 0.0, 0.0, sp.root, sp.root
        else:
            top, indent, gap, vgap = height + sp.level, sp.indent, sp.column, sp.sibling
        lowest = top + max(t.heights[0] for t in tables)
        highest = top + sum(t.heights[-1] for t in tables) + vgap * (len(ks) - 1)
        low, high = rung_at_least(lowest), rung_at_least(highest)
        count = max(low, high) - low + 1
        blocks: list[tuple[float, float] | None] = [None] * count
        source = list(range(low, low + count))
        kids = [(t.heights, t.widths, t.tall, t.low) for t in tables]
        group = 0 if node == ROOT else self._grouped.get(node, 0)
        for end in (0, count - 1):
            blocks[end] = _block(kids, width, top, indent, gap, vgap, LADDER[low + end], group)
        spans = [(0, count - 1)]
        while spans:  # bisect between rungs that pack differently
            a, b = spans.pop()
            if b - a < 2:
                continue
            if blocks[a] == blocks[b]:
                for m in range(a + 1, b):
                    blocks[m], source[m] = blocks[a], source[a]
                continue
            m = (a + b) // 2
            blocks[m] = _block(kids, width, top, indent, gap, vgap, LADDER[low + m], group)
            spans += [(a, m), (m, b)]
        widths = [b[0] for b in blocks if b is not None]
        heights = [b[1] for b in blocks if b is not None]
        return make_table(low, widths, heights, source)

    def _pack(self, node: str, limit: float, record: bool) -> Arrangement:
        """Children's blocks filled into columns, for a block at most `limit` high: each child
        takes its narrowest shape that fits the room left in the current column, unless that
        widens the column more than a new column would cost. Offsets only when `record`."""
        ks = self.kids[node]
        if not ks:
            width, height = self.size[node]
            return Arrangement(width, height, (), (), (), ())
        if len(ks) == 1 and node != ROOT:
            return self._chain_pack(node, limit, record)
        shapes = self.shapes
        return self._fill(node, [shapes[k] for k in ks], limit, record)

    def _fill(self, node: str, tables: list[Shapes], limit: float, record: bool) -> Arrangement:
        """_pack for a node with 2+ children (or the roots), given their tables."""
        width, height = self.size[node]
        sp = self.spacing
        is_root = node == ROOT
        if is_root:
            top, indent, gap, vgap = 0.0, 0.0, sp.root, sp.root
        else:
            top, indent, gap, vgap = height + sp.level, sp.indent, sp.column, sp.sibling
        room = limit - top
        offsets: list[Point] = []
        rungs: list[int] = []
        column_of: list[int] = []
        trunks: list[float] = []
        left = 0.0
        col_w = col_h = -1.0  # no column open yet
        tallest = 0.0
        fresh: int
        group = 0 if is_root else self._grouped.get(node, 0)
        for index, table in enumerate(tables):
            i = -1
            own = group > 1 and 0 < index <= group  # a group's member, or the child after it
            if col_h >= 0 and not own:
                left_over = room - col_h - vgap
                heights = table.heights
                i = (table.tall if left_over >= heights[-1]
                     else -1 if left_over < heights[0] else table.fit(left_over))
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
                rungs.append(table.source[i])
                column_of.append(len(trunks) - 1)
        if col_h > tallest:
            tallest = col_h
        return Arrangement(max(width, left + indent + col_w), top + tallest, tuple(offsets),
                            tuple(rungs), tuple(column_of), () if is_root else tuple(trunks))

    # -- chains ---------------------------------------------------------------------------
    def _member(self, node: str) -> bool:
        """A lone child that has a lone child: placed by the head of its chain."""
        if node == ROOT:
            return False
        up = self.parent[node]
        return up != ROOT and len(self.kids[up]) == 1 and len(self.kids[node]) == 1

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

    def _boxes(self, members: list[str]) -> Boxes:
        size = self.size
        widths = [size[m][0] for m in members]
        heights = [size[m][1] for m in members]
        return len(members), max(widths), max(heights), sum(heights)

    def _chain_grid(self, boxes: Boxes, per_row: int) -> tuple[float, float]:
        """Width and height of the chain's boxes, per_row to a row (1: stacked, each box
        straight below the last; more: a grid of cells as big as the largest box)."""
        level = self.spacing.level
        count, cell_w, cell_h, total_h = boxes
        if per_row == 1:
            return cell_w, total_h + level * (count - 1)
        rows = -(-count // per_row)
        return per_row * cell_w + (per_row - 1) * level, rows * cell_h + (rows - 1) * level

    def _chain_choice(self, boxes: Boxes, tail: Shapes | None, limit: float,
                      stacked: bool = False) -> tuple[float, float, int, int]:
        """(width, height, boxes per row, tail shape) of the narrowest chain block at most
        `limit` high; the lowest one if none is. `stacked`: one box per row only."""
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
        for _ in range(0 if stacked else 4):
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

    def _in_group(self, node: str) -> bool:
        """One of a group's side-by-side children: its chain never wraps into its row."""
        up = self.parent[node]
        group = self._grouped.get(up, 0) if up != ROOT else 0
        return group > 1 and node in self.kids[up][:group]

    def _chain_shapes(self, head: str) -> Shapes:
        stacked = self._in_group(head)
        members, tail = self._chain(head)
        boxes = self._boxes(members)
        table = None if tail is None else self.shapes[tail]
        level = self.spacing.level
        lowest = self._chain_grid(boxes, len(members))[1]
        highest = self._chain_grid(boxes, 1)[1]
        if table is not None:
            lowest += level + table.heights[0]
            highest += level + table.heights[-1]
        low, high = rung_at_least(lowest), rung_at_least(highest)
        widths: list[float] = []
        heights: list[float] = []
        for j in range(low, max(low, high) + 1):
            w, h, _, _ = self._chain_choice(boxes, table, LADDER[j], stacked)
            widths.append(w)
            heights.append(h)
        return make_table(low, widths, heights)

    def _chain_pack(self, head: str, limit: float, record: bool) -> Arrangement:
        """The head's block; with `record`, every member's plan too (listed in _members)."""
        members, tail = self._chain(head)
        size = self.size
        boxes = self._boxes(members)
        table = None if tail is None else self.shapes[tail]
        w, h, per_row, i = self._chain_choice(boxes, table, limit, self._in_group(head))
        if not record:
            return Arrangement(w, h, (), (), (), ())
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
        rungs = [self.shapes[m].source[0] if m in self.shapes and not self.kids[m] else 0
                 for m in members[1:]]
        if table is not None:
            rungs.append(table.source[i])
        plans = [Arrangement(0.0, 0.0, ((spots[n + 1][0] - spots[n][0],
                                          spots[n + 1][1] - spots[n][1]),),
                              (rungs[n],), (0,), ())
                 for n in range(len(spots) - 1)]
        arrangement = self.arrangement
        for member, plan in zip(members[1:], plans[1:], strict=False):
            arrangement[member] = plan
        self._members = members[1:]
        head_plan = plans[0]
        return Arrangement(w, h, head_plan.offsets, head_plan.rungs, (0,), ())


def rung_at_least(height: float) -> int:
    """The lowest rung of LADDER at least `height` high."""
    return bisect_left(LADDER, height)


def _fit(heights: tuple[float, ...], widths: tuple[float, ...], tall: int, low: int,
         room: float) -> int:
    """Shapes.fit on a table's fields: the narrowest, then lowest, shape at most `room`
    high; -1 if none is."""
    i = len(heights) - 1
    if room >= heights[i]:
        return tall
    if room < heights[0]:
        return -1
    i = min(i, bisect_left(LADDER, room) - low)
    while heights[i] > room:
        i -= 1
    while i > 0 and widths[i - 1] <= widths[i]:  # as narrow, and lower
        i -= 1
    return i


def _block(kids: list[tuple[tuple[float, ...], tuple[float, ...], int, int]], width: float,
           top: float, indent: float, gap: float, vgap: float,
           limit: float, group: int) -> tuple[float, float]:
    """(width, height) of Packer._fill's block without its offsets: the same choices in the
    same order (so the same floats), on the children's tables as (heights, widths, tall,
    low), `group` as CompactLayout.groups; the shape tables are built from thousands of these."""
    room = limit - top
    left = 0.0
    col_w = col_h = -1.0  # no column open yet
    tallest = 0.0
    for index, (heights, widths, tall, low) in enumerate(kids):
        # its shape in a column of its own: max(0, fit(room)), most often without the search
        fresh = (tall if room >= heights[-1] else 0 if room < heights[0]
                 else _fit(heights, widths, tall, low, room))
        i = -1
        # a group's member, or the child after it, starts a column of its own (as _fill)
        if col_h >= 0 and not (group > 1 and 0 < index <= group):
            left_over = room - col_h - vgap
            if left_over >= heights[-1]:
                i = tall
            elif left_over >= heights[0]:
                i = _fit(heights, widths, tall, low, left_over)
            if i >= 0:
                if widths[i] <= col_w:  # as low as it can be without widening
                    while i > 0 and widths[i - 1] <= col_w:
                        i -= 1
                elif widths[i] - col_w >= indent + gap + widths[fresh]:
                    i = -1  # cheaper to start a new column
        if i >= 0:
            col_h += vgap + heights[i]
            if widths[i] > col_w:
                col_w = widths[i]
        else:
            i = fresh
            if col_h >= 0:
                left += indent + col_w + gap
                if col_h > tallest:
                    tallest = col_h
            col_w, col_h = widths[i], heights[i]
    if col_h > tallest:
        tallest = col_h
    return (max(width, left + indent + col_w), top + tallest)
