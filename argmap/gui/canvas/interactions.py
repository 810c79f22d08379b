"""The canvas's mouse gestures, as objects the scene hands its events to (as Orange
canvas-core's document/interactions.py does): the scene stays a mirror of the document.

A left press on a node starts a NodePress; once the pointer has moved the platform's drag
distance it becomes a NodeDrag, which carries the box with the pointer and outlines the node
under it green (a valid drop) or red (refused: a rule of the map, or the node's own subtree).
Dropped on the middle of a box the node becomes its last child; on its outer quarter
(DROP_EDGE, along the siblings' axis) it goes beside it; anywhere in an argument's frame, it
becomes one of its premises. The drop is a request (`move_requested`), a refused one too:
the window makes it one undo command or says why not, and the scene snaps the box back and
lays out again from the document either way. A double-click asks to edit a node, a
right click for its context menu; a Shift- or Ctrl-drag on empty space draws the view's
rubber band (drag_mode), any other drag there pans.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, Qt, SignalInstance
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QToolTip,
)

from argmap.core.errors import gist
from argmap.core.layout import Direction
from argmap.core.model import PREMISES, Kind
from argmap.editing.document import MapDocument
from argmap.gui.canvas.items import DROP_BAD, DROP_OK, NodeItem
from argmap.gui.canvas.tooltip import plain_tooltip

DROP_EDGE = 0.25  # the outer quarter of a target box inserts beside it instead of under it
GHOST_SCALE = 0.5  # the dragged box, while dragged: half size, see-through, under the others
GHOST_OPACITY = 0.6
GHOST_Z = -0.5  # above the edges (-1), below every box (0): the target is never covered
GHOST_GAP_PX = 14  # the ghost hangs this far below and right of the pointer (screen pixels)
MARK_Z = 5  # the "drop beside" bar, over the boxes
BAR_WIDTH = 5
BAR_GAP = 4  # the bar lies this far outside the target's edge (scene units)

Placement = tuple[str, str | None, int | None]  # node id, new parent id, index or None (last)


class Canvas(Protocol):
    """What the gestures need of the scene (gui/canvas/scene.py's MapScene)."""

    doc: MapDocument
    direction: Direction  # the way children grow from their parent: siblings lie across it

    @property
    def move_requested(self) -> SignalInstance: ...
    @property
    def edit_requested(self) -> SignalInstance: ...
    @property
    def context_requested(self) -> SignalInstance: ...

    def node_at(self, pos: QPointF, exclude: NodeItem | None = None) -> NodeItem | None: ...
    def argument_at(self, pos: QPointF) -> NodeItem | None: ...
    def select_only(self, node_ids: list[str]) -> None: ...
    def unplace(self, node_id: str) -> None: ...
    def relayout(self) -> None: ...


class Interaction:
    """A gesture under way: it sees the mouse events before the scene's own handling, and
    says whether it took each one (True: the scene does nothing more with it)."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False


class Gestures:
    """The scene's mouse events, read as gestures: at most one Interaction at a time."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.current: Interaction | None = None

    def press(self, event: QGraphicsSceneMouseEvent) -> None:
        """Note a left press on a node (the scene still selects it as usual)."""
        item = self.canvas.node_at(event.scenePos())
        if event.button() == Qt.MouseButton.LeftButton and item is not None:
            self.current = NodePress(self, item, event.scenePos())
        view = event.widget().parentWidget() if event.widget() is not None else None
        if isinstance(view, QGraphicsView) and not view.hasFocus():
            # a click anywhere on the canvas, empty space too, gives it the keys (Ctrl+E,
            # arrows, Tab), even when the field that had them goes away with the selection
            view.setFocus(Qt.FocusReason.MouseFocusReason)

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        return self.current is not None and self.current.move(event)

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        current, self.current = self.current, None
        return current is not None and current.release(event)

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A double-click on a node asks to edit its text."""
        item = self.canvas.node_at(event.scenePos())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.canvas.edit_requested.emit(item.node_id)
            event.accept()
            return True
        return False

    def context_menu(self, event: QGraphicsSceneContextMenuEvent) -> None:
        """A right click asks for the menu of the node under it (selecting it first) or of
        the background ("")."""
        canvas = self.canvas
        item = canvas.node_at(event.scenePos())
        if item is not None and not item.isSelected():
            canvas.select_only([item.node_id])
        canvas.context_requested.emit(item.node_id if item else "", QPointF(event.screenPos()))
        event.accept()


class NodePress(Interaction):
    """The left button went down on a node: a drag once the pointer has moved far enough."""

    def __init__(self, gestures: Gestures, item: NodeItem, start: QPointF):
        super().__init__(gestures.canvas)
        self.gestures = gestures
        self.item = item
        self.start = start

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        if (event.scenePos() - self.start).manhattanLength() < QApplication.startDragDistance():
            return True  # not a drag yet: nothing else happens either
        drag = self.gestures.current = NodeDrag(self.canvas, self.item, self.start)
        return drag.move(event)


class NodeDrag(Interaction):
    """One drag of a node: a small ghost of the box follows the pointer, hanging below and
    right of it and drawn under every other box, so it never hides the box it is aimed at;
    the drop is marked on the target: its whole outline for "drop onto" (it becomes a
    child), a bar along its near edge for "drop beside" (a sibling, before or after it),
    green or red, and a tooltip at the pointer says which, or why the map refuses it."""

    def __init__(self, canvas: Canvas, item: NodeItem, start: QPointF):
        super().__init__(canvas)
        self.item = item
        self.target: NodeItem | None = None
        self.request: Placement | None = None
        self.beside: QGraphicsLineItem | None = None
        self.tip = ""
        item.setZValue(GHOST_Z)
        item.setOpacity(GHOST_OPACITY)
        item.setScale(GHOST_SCALE)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        view = event.widget().parentWidget() if event.widget() is not None else None
        zoom = view.transform().m11() if isinstance(view, QGraphicsView) else 1.0
        gap = GHOST_GAP_PX / max(zoom, 1e-6)
        self.item.setPos(pos + QPointF(gap, gap))
        target = self.canvas.node_at(pos, exclude=self.item)
        into = target is None and (target := self.canvas.argument_at(pos)) is not None
        if target is self.item:
            target = None
        if self.target is not None and self.target is not target:
            self.target.drop_state = None
            self.target.update()
        self.target = target
        self.request = None
        tip = ""
        if target is not None:
            self.request = self._placement(target, pos, into)
            node_id, parent, _ = self.request
            reason = self.canvas.doc.can_reparent(node_id, parent)
            onto = parent == target.node_id
            # onto: the target's outline; beside: a bar at its edge. Red: refused (dropped
            # anyway, the editor says why in the status bar)
            target.drop_state = (reason is None) if onto else None
            target.update()
            self._mark_beside(None if onto else target, reason is None)
            text = gist(self.canvas.doc.node(target.node_id).text)
            tip = (plain_tooltip("Not allowed here:", reason) if reason else
                   plain_tooltip("Drop onto: it becomes a child of", text) if onto else
                   plain_tooltip("Drop beside: it becomes a sibling of", text))
        else:
            self._mark_beside(None, True)
        self._show_tip(tip, event)
        event.accept()
        return True

    def _mark_beside(self, target: NodeItem | None, ok: bool) -> None:
        """The bar along the edge of `target` where the node would go (None: no bar)."""
        if target is None or self.request is None:
            if self.beside is not None:
                self.beside.hide()
            return
        if self.beside is None:
            self.beside = QGraphicsLineItem()
            self.beside.setZValue(MARK_Z)
            scene = self.item.scene()
            if scene is not None:
                scene.addItem(self.beside)
        doc = self.canvas.doc
        _node, parent, index = self.request
        siblings = [i for i in doc.children(parent) if i != self.item.node_id]
        after = index is not None and index > siblings.index(target.node_id)
        w, h = target.size()
        top_left = target.pos()
        if self.canvas.direction is Direction.DOWN:  # siblings side by side: a vertical bar
            x = top_left.x() + (w + BAR_GAP if after else -BAR_GAP)
            line = (x, top_left.y() - BAR_GAP, x, top_left.y() + h + BAR_GAP)
        else:  # siblings stacked: a horizontal bar
            y = top_left.y() + (h + BAR_GAP if after else -BAR_GAP)
            line = (top_left.x() - BAR_GAP, y, top_left.x() + w + BAR_GAP, y)
        self.beside.setLine(*line)
        pen = QPen(QColor(DROP_OK if ok else DROP_BAD), BAR_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.beside.setPen(pen)
        self.beside.show()

    def _show_tip(self, tip: str, event: QGraphicsSceneMouseEvent) -> None:
        if tip == self.tip:
            return
        self.tip = tip
        if tip:
            QToolTip.showText(event.screenPos(), tip, event.widget())
        else:
            QToolTip.hideText()

    def _placement(self, target: NodeItem, pos: QPointF, into: bool = False) -> Placement:
        """Middle of the box (or anywhere in an argument's frame: `into`): become its last
        child, or its last premise. Outer quarter: go beside it."""
        doc = self.canvas.doc
        w, h = target.size()
        local = pos - target.pos()
        down = self.canvas.direction is Direction.DOWN
        frac = local.x() / w if down else local.y() / h
        node_id = self.item.node_id
        if into or DROP_EDGE <= frac <= 1 - DROP_EDGE:
            if doc.node(target.node_id).kind is Kind.ARGUMENT and doc.node(node_id).kind in PREMISES:
                premises = [k for k in doc.children(target.node_id)
                            if k != node_id and doc.node(k).kind in PREMISES]
                return node_id, target.node_id, len(premises)  # the premises come first
            return node_id, target.node_id, None
        parent = doc.node(target.node_id).parent
        siblings = [i for i in doc.children(parent) if i != node_id]
        index = siblings.index(target.node_id) + (0 if frac < DROP_EDGE else 1)
        return node_id, parent, index

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Drop: the box snaps back, and an accepted drop is asked for as a move."""
        canvas = self.canvas
        canvas.unplace(self.item.node_id)
        self.item.setZValue(0)
        self.item.setOpacity(1.0)
        self.item.setScale(1.0)
        if self.target is not None:
            self.target.drop_state = None
            self.target.update()
        if self.beside is not None:
            if (scene := self.beside.scene()) is not None:
                scene.removeItem(self.beside)
            self.beside = None
        if self.tip:
            QToolTip.hideText()
        canvas.relayout()  # snap back; an accepted move lays out again from the document
        if self.request is not None:
            canvas.move_requested.emit(*self.request)
        event.accept()
        return True


def drag_mode(on_node: bool, button: Qt.MouseButton,
              modifiers: Qt.KeyboardModifier) -> QGraphicsView.DragMode | None:
    """What a press in the view starts: a Shift- or Ctrl-press on empty space a rubber band
    (selecting the nodes it touches), any other left press panning (on a node the scene's
    gestures take over); None: leave the view's mode as it is."""
    if button != Qt.MouseButton.LeftButton:
        return None
    if not on_node and modifiers & (Qt.KeyboardModifier.ShiftModifier
                                    | Qt.KeyboardModifier.ControlModifier):
        return QGraphicsView.DragMode.RubberBandDrag
    return QGraphicsView.DragMode.ScrollHandDrag
