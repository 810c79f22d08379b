"""A big map's items built a part at a time: what the first view shows before the first
paint, the rest in idle slices of the event loop (MapScene builds with it).

Creating, routing and adding two or three Qt items per node, and Qt indexing them all at
the first paint, was a third of opening a 10,000-node map. The layout and every box's
size are still worked out whole before the first paint (they decide where anything
goes); only the items wait. Nodes still to build are kept in a grid of CELL-sized squares
of the scene, so the part a view shows is found without going through them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from PySide6.QtCore import QRectF

#: Maps with fewer nodes are built whole at once, as before (a few milliseconds).
PROGRESSIVE_NODES = 2_000
#: Nodes built per idle slice: ~20-30 ms on this machine, short enough to keep input flowing.
SLICE_NODES = 1_000
CELL = 2_000.0  # scene pixels per side of a grid square
#: What the view asks for is built with this much of its own size around it, so that a
#: short scroll finds its items already there.
AROUND = 0.5


def _cells(left: float, top: float, right: float, bottom: float) -> Iterator[tuple[int, int]]:
    for i in range(int(left // CELL), int(right // CELL) + 1):
        for j in range(int(top // CELL), int(bottom // CELL) + 1):
            yield i, j


class Pending:
    """The nodes whose items are still to be built: in map order (for the idle slices) and
    by grid square (for the part a view shows)."""

    def __init__(self, order: Iterable[str], out: Mapping[str, tuple[float, float]],
                 sizes: Mapping[str, tuple[float, float]]):
        self.order = list(order)
        self.left = set(self.order)
        self._next = 0  # order[:_next] are built
        self.grid: dict[tuple[int, int], list[str]] = {}
        grid = self.grid
        for node_id, (x, y) in out.items():  # shown nodes (hidden ones: only a slice builds them)
            w, h = sizes[node_id]
            i, j = int(x // CELL), int(y // CELL)
            if i == int((x + w) // CELL) and j == int((y + h) // CELL):  # most: one square
                cell = grid.get((i, j))
                if cell is None:
                    grid[i, j] = [node_id]
                else:
                    cell.append(node_id)
                continue
            for square in _cells(x, y, x + w, y + h):
                grid.setdefault(square, []).append(node_id)

    def __bool__(self) -> bool:
        return bool(self.left)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.left

    def __len__(self) -> int:
        return len(self.left)

    def region(self, rect: QRectF) -> list[str]:
        """Nodes still to build whose boxes may meet `rect` (and its AROUND margin)."""
        mx, my = rect.width() * AROUND, rect.height() * AROUND
        found: list[str] = []
        left, grid = self.left, self.grid
        for cell in _cells(rect.left() - mx, rect.top() - my, rect.right() + mx,
                           rect.bottom() + my):
            ids = grid.get(cell)
            if ids is None:
                continue
            kept = [i for i in ids if i in left]
            found += kept
            if kept:
                grid[cell] = kept
            else:
                del grid[cell]
        return list(dict.fromkeys(found))

    def take(self, count: int) -> list[str]:
        """The next `count` nodes still to build, in map order."""
        order, left = self.order, self.left
        out: list[str] = []
        i = self._next
        while i < len(order) and len(out) < count:
            if order[i] in left:
                out.append(order[i])
            i += 1
        self._next = i
        return out

    def done(self, ids: Iterable[str]) -> None:
        self.left.difference_update(ids)
