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
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
)

from argmap.core.layout import Direction
from argmap.core.model import PREMISES, Kind
from argmap.editing.document import MapDocument
from argmap.gui.canvas.items import NodeItem

DROP_EDGE = 0.25  # the outer quarter of a target box inserts beside it instead of under it

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
    """One drag of a node: moves the box with the pointer and marks the drop target."""

    def __init__(self, canvas: Canvas, item: NodeItem, start: QPointF):
        super().__init__(canvas)
        self.item = item
        self.offset = item.pos() - start
        self.target: NodeItem | None = None
        self.request: Placement | None = None
        item.setZValue(10)
        item.setOpacity(0.75)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        self.item.setPos(pos + self.offset)
        target = self.canvas.node_at(pos, exclude=self.item)
        into = target is None and (target := self.canvas.argument_at(pos)) is not None
        if target is self.item:
            target = None
        if self.target is not None and self.target is not target:
            self.target.drop_state = None
            self.target.update()
        self.target = target
        self.request = None
        if target is not None:
            self.request = self._placement(target, pos, into)
            node_id, parent, _ = self.request
            # red: refused (dropped anyway, the editor says why in the status bar)
            target.drop_state = self.canvas.doc.can_reparent(node_id, parent) is None
            target.update()
        event.accept()
        return True

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
        if self.target is not None:
            self.target.drop_state = None
            self.target.update()
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
