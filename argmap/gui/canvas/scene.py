"""MapScene: mirrors a MapDocument as items, placed by a Layout; gestures become intents.

The scene never edits the document. Its mouse events go to the gestures (interactions.py):
a drag that ends on a node emits `move_requested`; the window turns it into one undo
command, the document changes and signals, and the scene lays itself out again from the
document. Boxes and connectors come from the layout (core/layout_protocol.py), whichever
it is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
)

from argmap.core.bulk import bulk
from argmap.core.layout import DEFAULT_LAYOUT, Connectors, Direction, LayoutStyle, make_layout
from argmap.core.layout_protocol import Sizes
from argmap.core.model import Kind
from argmap.editing.document import MapDocument
from argmap.gui.canvas.find_marks import FindMarks
from argmap.gui.canvas.frames import ArgumentFrames
from argmap.gui.canvas.interactions import Gestures
from argmap.gui.canvas.items import DETAIL_ZOOM, OUTLINE, EdgeItem, NodeItem, TrunkItem
from argmap.gui.canvas.progressive import PROGRESSIVE_NODES, ProgressiveBuild

SCENE_MARGIN = 200.0  # room around the map to scroll into
SCENE_SLACK = 2_000.0  # extra room each time the scene rect grows (see relayout)


class MapScene(QGraphicsScene, FindMarks):
    move_requested = Signal(str, object, object)  # node id, new parent id, index or None
    edit_requested = Signal(str)  # node id (double-click)
    context_requested = Signal(str, QPointF)  # node id ("" for background), screen pos
    laid_out = Signal()

    def __init__(self, doc: MapDocument, style: LayoutStyle | str = DEFAULT_LAYOUT, parent=None,
                 screen_aspect: float | None = None):
        super().__init__(parent)
        self.doc = doc
        self.screen_aspect = screen_aspect  # the canvas's width / height (make_layout)
        self.layout_style = LayoutStyle(style)
        self.direction = axis(self.layout_style)
        self._nodes: dict[str, NodeItem] = {}
        self._sizes = Sizes()  # each item's size, for layout
        # Since the last layout run: the nodes edits touched and their parents, the layout's
        # hint (with the sizes written); None: not known, the layout compares every node.
        self._edited: set[str] | None = None
        self._edges: dict[str, EdgeItem] = {}
        self._trunks: dict[str, TrunkItem] = {}  # parent id -> its trunks (compact layout)
        # A big map's items still to build (progressive.py): the first view's are built
        # when the view asks (build_region), the rest in idle slices.
        self._builder: ProgressiveBuild | None = None
        self.collapsed: set[str] = set()
        self._badged: set[str] = set()
        self._placed: dict[str, tuple[float, float]] = {}  # what each visible item was given
        # kept between runs: edits re-lay out what changed
        self._layout = make_layout(self.layout_style, screen_aspect)
        self._unplaced: set[str] = set()  # items moved by hand, to be put back by the layout
        # Below this zoom text is not drawn (level of detail); exports lower it.
        self.detail_zoom = DETAIL_ZOOM
        # View ▸ Show Evaluation: a node id's (strength, stands), read as each box paints
        # (gui/evaluation_display.py sets it); None: no marks.
        self.marks: Callable[[str], tuple[float, bool] | None] | None = None
        # What is wrong with a node's quote against its source's text, read as each box
        # paints (gui/source_actions.py sets it); None, or a None result: no mark.
        self.quote_marks: Callable[[str], str | None] | None = None
        self._matches: list[str] = []  # find matches, highlighted
        self._current_match: str | None = None
        self.gestures = Gestures(self)  # what the mouse events mean (interactions.py)
        self.arguments = ArgumentFrames(self)  # premises side by side in frames (frames.py)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # What the items cover (itemsBoundingRect without walking 20,000 items), from the
        # layout; collapsed nodes' badges may hang below it.
        self.content_rect = QRectF()
        # Qt activates a scene on its view's first window activation and deactivates it on
        # the last deactivation, each time visiting every item in sorted order (75 ms at
        # 50,000 nodes on each alt-tab). One activation of our own, while the scene is still
        # empty, keeps that count above zero: the scene stays active, focus and keyboard
        # navigation work whether or not the window is, and focus changes cost nothing.
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.WindowActivate))
        self._build()
        doc.nodes_added.connect(self._create)
        doc.nodes_removed.connect(self._on_removed)
        doc.nodes_changed.connect(self._on_changed)
        doc.applied.connect(self._on_applied)
        doc.structure_changed.connect(self._after_edit)

    # -- every node's item, edge and trunk (built whole, or a part at a time) ------------------
    @property
    def nodes(self) -> dict[str, NodeItem]:
        """Every node's item (a scene still building finishes first; see item())."""
        if self._builder is not None:
            self.finish_build()
        return self._nodes

    @property
    def edges(self) -> dict[str, EdgeItem]:
        if self._builder is not None:
            self.finish_build()
        return self._edges

    @property
    def trunks(self) -> dict[str, TrunkItem]:
        if self._builder is not None:
            self.finish_build()
        return self._trunks

    def item(self, node_id: str) -> NodeItem | None:
        """The node's item, built now (with its ancestors') if it was still to come."""
        if self._builder is not None:
            self._builder.build_now([node_id])
        return self._nodes.get(node_id)

    def building(self) -> bool:
        """Some items are still to be built (in idle slices)."""
        return self._builder is not None

    def node_boxes(self) -> Iterator[tuple[float, float, float, float, Kind]]:
        """(x, y, width, height, kind) of every shown node, from the layout: built or not."""
        node, sizes = self.doc.node, self._sizes
        for node_id, (x, y) in self._layout.out.items():
            w, h = sizes[node_id]
            yield x, y, w, h, node(node_id).kind

    def build_region(self, rect: QRectF) -> None:
        """Build the items a view showing `rect` (and a margin around it) needs, now."""
        if self._builder is not None:
            self._builder.build_region(rect)

    def finish_build(self) -> None:
        """Build every item still to come: the scene is then as if built whole."""
        if self._builder is not None:
            self._builder.finish()

    def built(self) -> None:
        """The builder is done (ProgressiveBuild calls this). Qt's first draw after an addItem
        sorts all top-level items (~20 ms at 50k nodes, once): paid here, not by the first edit."""
        self._builder = None
        probe = QGraphicsRectItem()
        self.addItem(probe)
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        self.render(painter, QRectF(0, 0, 1, 1), QRectF(-1e9, -1e9, 1, 1))
        painter.end()
        self.removeItem(probe)

    # -- mirroring the document ----------------------------------------------------------
    @bulk
    def _build(self) -> None:
        """Items are placed before they join the scene: moving 20,000 items already in a
        scene costs the scene bookkeeping for each move (~40% of the build). A big map is
        built a part at a time (progressive.py)."""
        if len(self.doc) >= PROGRESSIVE_NODES:
            self._builder = ProgressiveBuild(self)
            return
        self._create([n.id for n in self.doc.nodes()], add=False)
        self.relayout()
        add = self.addItem
        for item in self._nodes.values():
            add(item)
        for edge in self._edges.values():
            add(edge)
        for trunk in self._trunks.values():
            add(trunk)

    def _create(self, ids: list[str], add: bool = True) -> None:
        nodes, edges, sizes, get = self.nodes, self.edges, self._sizes, self.doc.node
        for node_id in ids:
            node = get(node_id)
            item = NodeItem(node)
            nodes[node_id] = item
            sizes[node_id] = item.size()
            self.arguments.track(node)
            if add:  # into a laid-out scene: hidden until the layout places it
                item.setVisible(False)
                self.addItem(item)
            if node.parent is not None:
                edge = EdgeItem(node_id)
                edge.parent_id = node.parent
                edge.set_attack(node.attacks)
                edges[node_id] = edge
                if add:
                    self.addItem(edge)

    def _on_removed(self, ids: list[str]) -> None:
        self.finish_build()
        # Last added, first removed: Qt drops its last top-level item in O(1), others in O(n).
        for node_id in reversed(ids):
            self.collapsed.discard(node_id)
            self._unplaced.discard(node_id)
            self._placed.pop(node_id, None)
            self._sizes.pop(node_id, None)
            self.arguments.forget(node_id)
            trunk = self.trunks.pop(node_id, None)  # the layout forgets it unreported
            if trunk is not None:
                self.removeItem(trunk)
            edge = self.edges.pop(node_id, None)
            if edge is not None:
                self.removeItem(edge)
            item = self.nodes.pop(node_id, None)
            if item is not None:
                self.removeItem(item)

    def _on_changed(self, ids: list[str]) -> None:
        self.finish_build()
        resized = False
        for node_id in ids:
            node = self.doc.node(node_id)
            item = self.nodes[node_id]
            old = item.natural.height, item.kind  # a premise's row follows its own height
            item.set_node(node)
            self._sizes[node_id] = item.size()
            if (item.natural.height, item.kind) != old:
                resized = True  # (a kind change may make or unmake a premise)
            self.arguments.track(node)
            if node_id in self.edges:
                self.edges[node_id].set_attack(node.attacks)
        if resized:
            self._after_edit()
        else:
            self._update_badges()

    def _on_applied(self, ids: list[str]) -> None:
        """An edit's nodes and their parents (a removed node's is known to the layout)."""
        edited = self._edited
        if edited is not None:
            get = self.doc.get
            edited.update(ids)
            for node_id in ids:
                node = get(node_id)
                if node is not None and node.parent is not None:
                    edited.add(node.parent)

    def _after_edit(self) -> None:
        self.relayout(hinted=True)

    @bulk
    def relayout(self, hinted: bool = False) -> None:
        """Place every visible item from the document; hide what collapsed nodes hide.

        Runs after every structural edit, so it costs what the edit changed: the kept
        layout re-lays out the changed subtrees, only the items it moved are placed, and
        only the connectors it says it changed are routed again. The scene rect grows in
        steps (SCENE_SLACK), as each change of it makes Qt rebuild its whole item index on
        the next paint. hinted: after an edit, the layout is told which nodes it touched
        (the edit's, their parents and the sizes written since the last run), so that it
        compares only those with the last run; otherwise it compares every node.
        """
        self.finish_build()
        doc = self.doc
        tree = self._layout
        # Only node ids are looked up: the None key (the roots) is never asked for.
        children = self.arguments.prepare(
            tree, cast(Mapping[str, list[str]], doc.children_index()), self._sizes)
        edited, self._edited = self._edited, set()
        written = self._sizes.take_written()
        changed = edited | written if hinted and edited is not None else None
        positions = tree.update(doc.roots(), children, self._sizes, self.collapsed, changed)
        links = tree.connectors()
        if links.reparented is None:  # a full run: parents may have changed
            self._follow_parents()
        elif links.reparented:
            self._follow_parents(links.reparented)
        placed, nodes = self._placed, self.nodes
        moved = tree.moved
        ids = nodes if moved is None else moved | self._unplaced
        self._unplaced.clear()
        for node_id in ids:
            item = nodes[node_id]
            pos = positions.get(node_id)
            old = placed.get(node_id)
            if pos == old:
                continue
            if pos is None:
                del placed[node_id]
                item.setVisible(False)
                item.setSelected(False)
                continue
            item.setPos(pos[0], pos[1])
            if old is None:
                item.setVisible(True)
            placed[node_id] = pos
        self._route(links)
        self.arguments.draw(links, positions, self._sizes)
        self._update_bounds(bool(positions))
        self._update_badges()
        self.laid_out.emit()

    def _follow_parents(self, ids: Collection[str] | None = None) -> None:
        """Edges for new children, none for roots, each knowing its parent; of the given
        nodes (default: all)."""
        edges, get = self.edges, self.doc.node
        for node in self.doc.nodes() if ids is None else (get(i) for i in ids):
            node_id, parent = node.id, node.parent
            edge = edges.get(node_id)
            if parent is not None:
                if edge is None:
                    edge = edges[node_id] = EdgeItem(node_id)
                    edge.set_attack(node.attacks)
                    self.addItem(edge)
                edge.parent_id = parent
            elif edge is not None:
                self.removeItem(edges.pop(node_id))

    def _route(self, links: Connectors) -> None:
        """Each re-routed child's edge, and each re-trunked parent's trunk item (all of them
        after a full run); a child without an edge (a root, or hidden) hides its item."""
        edges = self.edges
        rerouted = links.rerouted
        for node_id in edges if rerouted is None else rerouted:
            item = edges.get(node_id)
            if item is None:
                continue
            edge = links.edge(node_id)
            if edge is not None:
                item.route(edge)
                if not item.isVisible():
                    item.setVisible(True)
            elif item.isVisible():
                item.setVisible(False)
        items, retrunked = self.trunks, links.retrunked
        if retrunked is None:
            trunked = links.trunked()
            retrunked = [*trunked, *(p for p in items if p not in trunked)]
        for parent_id in retrunked:
            lines = links.trunk(parent_id)
            trunk = items.get(parent_id)
            if not lines:
                if trunk is not None:
                    self.removeItem(items.pop(parent_id))
            elif trunk is None:
                trunk = items[parent_id] = TrunkItem(parent_id, lines)
                if self.nodes[parent_id].scene() is self:  # else _build adds it
                    self.addItem(trunk)
            else:
                trunk.set_lines(lines)

    def _update_bounds(self, any_shown: bool) -> None:
        if not any_shown:
            self.content_rect = QRectF()
            return
        left, top, right, bottom = self._layout.bounds()
        self.content_rect = QRectF(left, top, right - left, bottom - top).adjusted(
            -OUTLINE, -OUTLINE, OUTLINE, OUTLINE)
        needed = self.content_rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        current = self.sceneRect()
        too_big = (current.width() > needed.width() + 4 * SCENE_SLACK
                   or current.height() > needed.height() + 4 * SCENE_SLACK)
        if not current.contains(needed) or too_big:
            self.setSceneRect(needed.adjusted(-SCENE_SLACK, -SCENE_SLACK, SCENE_SLACK, SCENE_SLACK))

    def _update_badges(self) -> None:
        """Hidden-node counts on collapsed nodes; only collapsed or badged items are visited."""
        badged = [i for i in self._badged if i in self.nodes]
        for node_id in {*self.collapsed, *badged}:
            item = self.nodes.get(node_id)
            if item is None:
                continue
            if node_id in self.collapsed:
                hidden = dict.fromkeys(Kind, 0)  # by kind: a rebuttal is no "attack" on the claim
                for d in self.doc.subtree(node_id):
                    if d != node_id:
                        hidden[self.doc.node(d).kind] += 1
                counts = tuple(hidden.values())
                item.set_hidden_counts(counts if any(counts) else None)
            elif item.hidden_counts is not None:
                item.set_hidden_counts(None)
        self._badged = {i for i in self.collapsed if self.nodes.get(i) is not None}

    def unplace(self, node_id: str) -> None:
        """The item was moved by hand (a drag): the next relayout puts it back."""
        self._placed.pop(node_id, None)
        self._unplaced.add(node_id)

    # -- view state -------------------------------------------------------------------------
    def set_layout(self, style: LayoutStyle) -> None:
        """Lay the map out anew in another style: a new layout, every edge routed again."""
        style = LayoutStyle(style)
        if style is self.layout_style:
            return
        self.finish_build()
        self.layout_style, self.direction = style, axis(style)
        self._layout = make_layout(style, self.screen_aspect)
        for item in self.trunks.values():
            self.removeItem(item)
        self.trunks.clear()
        self.relayout()

    def set_collapsed(self, node_id: str, collapsed: bool) -> None:
        if not self.doc.children(node_id):
            collapsed = False
        if collapsed == (node_id in self.collapsed):
            return
        (self.collapsed.add if collapsed else self.collapsed.discard)(node_id)
        self.relayout()

    def reveal(self, node_id: str) -> None:
        """Expand every collapsed ancestor so node_id is on screen."""
        hidden = [a for a in self.doc.ancestors(node_id) if a in self.collapsed]
        if hidden:
            self.collapsed.difference_update(hidden)
            self.relayout()

    def selected_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def select_only(self, node_ids: list[str]) -> None:
        for node_id in node_ids:
            self.reveal(node_id)
        wanted = set(node_ids)
        for item in self.selectedItems():
            if not isinstance(item, NodeItem) or item.node_id not in wanted:
                item.setSelected(False)
        for node_id in node_ids:
            node_item = self.item(node_id)
            if node_item is not None:
                node_item.setSelected(True)
        last = self.item(node_ids[-1]) if node_ids else None
        if last is not None:
            self.setFocusItem(last)

    def node_at(self, pos: QPointF, exclude: NodeItem | None = None) -> NodeItem | None:
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, NodeItem) and item is not exclude and item.isVisible():
                return item
        return None

    def argument_at(self, pos: QPointF) -> NodeItem | None:
        """The argument whose frame of premises holds the point (dropping there links)."""
        argument = self.arguments.argument_at(pos)
        return self.nodes.get(argument) if argument is not None else None

    # -- gestures (interactions.py reads them) ------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.gestures.press(event)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.gestures.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.gestures.release(event):
            super().mouseReleaseEvent(event)
        elif (grabber := self.mouseGrabberItem()) is not None:
            grabber.ungrabMouse()  # as Qt's own release would: else the next drag goes to it

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.gestures.double_click(event):
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        self.gestures.context_menu(event)


def axis(style: LayoutStyle) -> Direction:
    """The way a layout grows from a parent to its children, for the gestures and keys that
    follow it: tidy top-down lays siblings out along x (DOWN); tidy left-to-right and compact
    stack siblings along y, with children further right (RIGHT)."""
    return Direction.DOWN if style is LayoutStyle.DOWN else Direction.RIGHT
