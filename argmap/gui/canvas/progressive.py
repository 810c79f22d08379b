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
from typing import Protocol, cast

from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem

from argmap.core.bulk import bulk, settle
from argmap.core.layout import Layout
from argmap.core.layout_protocol import Sizes
from argmap.core.model import Kind
from argmap.editing.document import MapDocument
from argmap.gui.canvas.frames import ArgumentFrames
from argmap.gui.canvas.items import EdgeItem, NodeItem, TrunkItem
from argmap.look import measure

#: Maps with fewer nodes are built whole at once, as before (a few milliseconds).
PROGRESSIVE_NODES = 2_000
#: Nodes built per idle slice: ~20-30 ms on this machine, short enough to keep input flowing.
SLICE_NODES = 1_000
CELL = 2_000.0  # scene pixels per side of a grid square
_NOWHERE = QRectF(-1e9, -1e9, 1, 1)  # a query that finds nothing (it brings the index up to date)
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


class Scene(Protocol):
    """What the builder fills in: MapScene's tables and its layout."""

    doc: MapDocument
    collapsed: set[str]
    arguments: ArgumentFrames
    _layout: Layout
    _sizes: Sizes
    _edited: set[str] | None
    _nodes: dict[str, NodeItem]
    _edges: dict[str, EdgeItem]
    _trunks: dict[str, TrunkItem]
    _placed: dict[str, tuple[float, float]]

    def addItem(self, item: QGraphicsItem) -> None: ...
    def items(self, rect: QRectF) -> list[QGraphicsItem]: ...
    def _update_bounds(self, any_shown: bool) -> None: ...
    def built(self) -> None: ...


class ProgressiveBuild:
    """Builds a MapScene's items a part at a time. Made by the scene (from PROGRESSIVE_NODES
    nodes): every box is measured and the layout runs whole at once; the items follow
    when the view asks for a region (build_region), when one node is asked for
    (build_now, with its ancestors, whose trunks pass by it), and in idle slices of
    SLICE_NODES; finish() builds the rest. The scene is then exactly as if built whole;
    the builder tells it (MapScene.built) and is dropped."""

    def __init__(self, scene: Scene):
        self.scene = scene
        doc = scene.doc
        self.boxes = boxes = {n.id: measure(n) for n in doc.nodes()}
        scene._sizes = sizes = Sizes({i: (b.width, b.height) for i, b in boxes.items()})
        arguments = scene.arguments
        for node in doc.nodes():
            if node.kind is Kind.ARGUMENT:
                arguments.track(node)
        children = arguments.prepare(scene._layout, cast(Mapping[str, list[str]],
                                                         doc.children_index()),
                                     sizes, lambda n: boxes[n].height)
        positions = scene._layout.update(doc.roots(), children, sizes, scene.collapsed)
        scene._edited, sizes.written = set(), set()  # the layout's hint starts here
        self.links = scene._layout.connectors()  # valid until the layout runs again
        arguments.draw(self.links, positions, sizes)
        self.pending = Pending((n.id for n in doc.nodes()), positions, scene._sizes)
        scene._update_bounds(bool(positions))
        self.slicer = QTimer(cast(QObject, scene))  # goes with the scene
        self.slicer.setSingleShot(True)
        self.slicer.setInterval(0)
        self.slicer.timeout.connect(self._slice)
        self.slicer.start()

    def build_region(self, rect: QRectF) -> None:
        ids = self.pending.region(rect)
        if ids:
            self.build_now(ids)

    def build_now(self, ids: list[str]) -> None:
        """These nodes' items and their ancestors', if still to build."""
        pending, get = self.pending, self.scene.doc.node
        wanted = dict.fromkeys(i for i in ids if i in pending)
        for node_id in list(wanted):
            parent = get(node_id).parent
            while parent is not None and parent in pending and parent not in wanted:
                wanted[parent] = None
                parent = get(parent).parent
        if wanted:
            self._build(list(wanted))
            self._end_if_done()

    def finish(self) -> None:
        self._build(self.pending.take(len(self.pending.order)))
        settle()
        self._end_if_done()

    def _slice(self) -> None:
        self._build(self.pending.take(SLICE_NODES))
        # Qt indexes added items at the next query or paint: here, a slice's worth at a
        # time (~7 ms), not all at once at the first paint after the build (0.4 s at 50,000).
        self.scene.items(_NOWHERE)
        # The new items join the map's objects out of later collections, as the items of a
        # map built whole do (core/bulk.settle after opening): else full collections between
        # slices walked them all (0.5 s gaps at 200,000 nodes).
        settle()
        if not self._end_if_done():
            self.slicer.start()

    def _end_if_done(self) -> bool:
        if self.pending:
            return False
        self.slicer.stop()
        self.scene.built()
        return True

    @bulk
    def _build(self, ids: list[str]) -> None:
        """Items for nodes still to build, placed and routed as MapScene.relayout would."""
        scene, pending, links = self.scene, self.pending, self.links
        get, out, add, boxes = scene.doc.node, scene._layout.out, scene.addItem, self.boxes
        nodes, edges, trunks, placed = scene._nodes, scene._edges, scene._trunks, scene._placed
        arguments = scene.arguments
        row_height = arguments.rows.height
        for node_id in ids:
            if node_id not in pending:
                continue
            node = get(node_id)
            item = NodeItem(node, boxes.pop(node_id))
            height = row_height.get(node_id)
            if height is not None:  # a premise, as tall as its row (frames.prepare)
                item.set_row_height(height)
            nodes[node_id] = item
            pos = out.get(node_id)
            if pos is None:
                item.setVisible(False)
            else:
                item.setPos(pos[0], pos[1])
                placed[node_id] = pos
            add(item)
            if node.parent is not None:
                edge = EdgeItem(node_id)
                edge.parent_id = node.parent
                edge.set_attack(node.attacks)
                route = arguments.route(node_id, node.parent, links)
                if route is not None:
                    edge.route(route)
                else:
                    edge.setVisible(False)
                edges[node_id] = edge
                add(edge)
            lines = links.trunk(node_id)
            if lines:
                trunk = trunks[node_id] = TrunkItem(node_id, lines)
                add(trunk)
        pending.done(ids)
