"""Arguments on the canvas: each argument's premises side by side in one frame, joined to the
argument by one connector (core/premise_rows.py works out where; look_argument.py how it
looks). The scene asks ArgumentFrames for what its layout is to be given before each run
(the premises first, their group, their row's height) and for the frames after it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.core.connectors import Edge
from argmap.core.layout import Connectors, Layout
from argmap.core.model import PREMISES, Kind, Node
from argmap.core.premise_rows import Bounds, Rows, frame_connector, frame_of, rows_of
from argmap.editing.document import MapDocument
from argmap.gui.canvas.items import EdgeItem, NodeItem
from argmap.look_argument import paint_premise_frame
from argmap.paint import TINY_ZOOM


class Scene(Protocol):
    """What the frames need of the scene (gui/canvas/scene.py's MapScene)."""

    doc: MapDocument
    _nodes: dict[str, NodeItem]  # the items built so far (all but while building: progressive.py)
    _edges: dict[str, EdgeItem]
    collapsed: set[str]

    def addItem(self, item: QGraphicsItem) -> None: ...
    def removeItem(self, item: QGraphicsItem) -> None: ...
    def items(self, pos: QPointF) -> list[QGraphicsItem]: ...


class PremiseFrameItem(QGraphicsItem):
    """The frame around one argument's premises, under the connectors and boxes (z -3)."""

    def __init__(self, argument_id: str):
        super().__init__()
        self.argument_id = argument_id
        self._rect = QRectF()
        self.setZValue(-3)

    def set_frame(self, frame: Bounds) -> None:
        left, top, right, bottom = frame
        rect = QRectF(left, top, right - left, bottom - top)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def rect(self) -> QRectF:
        return self._rect

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= TINY_ZOOM:
            paint_premise_frame(painter, self._rect)


class ArgumentFrames:
    """A scene's argument nodes, their rows and frames, kept between runs."""

    def __init__(self, scene: Scene):
        self.scene = scene
        self.arguments: dict[str, None] = {}  # argument ids, in the order they were added
        self.rows = Rows()
        self.items: dict[str, PremiseFrameItem] = {}  # argument id -> its frame
        self._stretched: set[str] = set()  # premises drawn at their row's height
        self._framed: set[str] = set()  # premises whose edges the last run changed
        self.frames: dict[str, Bounds] = {}  # argument id -> its frame, as the last run drew it

    def track(self, node: Node) -> None:
        if node.kind is Kind.ARGUMENT:
            self.arguments[node.id] = None
        else:
            self.forget(node.id)

    def forget(self, node_id: str) -> None:
        self.arguments.pop(node_id, None)
        self._stretched.discard(node_id)
        self._framed.discard(node_id)
        item = self.items.pop(node_id, None)
        if item is not None and item.scene() is self.scene:
            self.scene.removeItem(item)

    def prepare(self, layout: Layout, index: Mapping[str, Sequence[str]],
                sizes: dict[str, tuple[float, float]],
                natural: Callable[[str], float] | None = None) -> Mapping[str, Sequence[str]]:
        """Before a layout run: the rows, the premises' boxes at their rows' heights (in the
        items and in `sizes`), the layout's groups; returns the children to lay out.
        `natural`: a node's measured height where its item is not built yet (progressive.py;
        it stretches such items as it builds them, after Rows.height)."""
        scene = self.scene
        doc, nodes = scene.doc, scene._nodes
        if natural is None:
            def height(n: str) -> float:
                return nodes[n].natural.height
        else:
            def height(n: str) -> float:
                item = nodes.get(n)
                return item.natural.height if item is not None else natural(n)
        self.rows = rows = rows_of(self.arguments, doc.children,
                                   lambda n: doc.node(n).kind in PREMISES,
                                   height, scene.collapsed, layout.row_axis)
        for node_id in self._stretched - rows.height.keys():
            if node_id in nodes:
                nodes[node_id].set_row_height(None)
                sizes[node_id] = nodes[node_id].size()
        for node_id, row_height in rows.height.items():
            item = nodes.get(node_id)
            if item is None:  # built later, then stretched (progressive.py)
                width, own = sizes[node_id]
                sizes[node_id] = (width, max(own, row_height))  # look_argument.stretched
            elif item.row_height != row_height:
                item.set_row_height(row_height)
                sizes[node_id] = item.size()
        self._stretched = set(rows.height)
        layout.groups = rows.groups
        return rows.children(index)

    def draw(self, links: Connectors, places: Mapping[str, tuple[float, float]],
             sizes: Mapping[str, tuple[float, float]]) -> None:
        """After a layout run: every frame, its connector, and no edge for the other
        premises; premises no longer framed get their own edges back."""
        scene, rows, edges = self.scene, self.rows, self.scene._edges
        framed: set[str] = set()
        self.frames = frames = {}
        for argument, row in rows.members.items():
            frame = frame_of(row, places, sizes)
            item = self.items.get(argument)
            if frame is None:
                if item is not None:
                    item.setVisible(False)
                continue
            frames[argument] = frame
            if item is None:
                item = self.items[argument] = PremiseFrameItem(argument)
                scene.addItem(item)
            item.set_frame(frame)
            item.setVisible(True)
            first = edges.get(row[0])
            edge = links.edge(row[0])
            if first is not None and edge is not None:
                first.route(frame_connector(edge, frame))
                first.setVisible(True)
            framed.update(row)
            for premise in row[1:]:
                hidden = edges.get(premise)
                if hidden is not None:
                    hidden.setVisible(False)
        for argument, item in self.items.items():
            if argument not in rows.members:
                item.setVisible(False)
        for node_id in self._framed - framed:  # back to an edge of its own
            edge_item, edge = edges.get(node_id), links.edge(node_id)
            if edge_item is not None and edge is not None:
                edge_item.route(edge)
                edge_item.setVisible(True)
        self._framed = framed

    def route(self, node_id: str, parent: str | None, links: Connectors) -> Edge | None:
        """The edge to draw into the node, as draw() sets it (an item built after the run):
        a framed row's connector for its first premise, None for its other premises or a
        node the layout did not route."""
        edge = links.edge(node_id)
        if edge is None or parent is None or parent not in self.frames:
            return edge
        frame, row = self.frames[parent], self.rows.members[parent]
        if node_id not in row:
            return edge  # an undercut: its own edge
        return frame_connector(edge, frame) if node_id == row[0] else None

    def argument_at(self, pos: QPointF) -> str | None:
        """The argument whose frame holds the point, innermost first; None if none does."""
        for item in self.scene.items(pos):
            if isinstance(item, PremiseFrameItem) and item.isVisible() \
                    and item.rect().contains(pos):
                return item.argument_id
        return None
