"""Scene items: one custom-painted item per node, one per edge, and in the compact layout one
per parent for its shared trunks. Paint only.

Both paint through argmap.paint from the node's look.Box, like the PNG/PDF export. A
node's text is laid out once (plain text only) and cached until the text changes. Below
a zoom threshold only the box is drawn, so a fit-all view of 10,000+ nodes stays fast.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextLayout
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.core.connectors import Edge, Route
from argmap.core.model import Kind, Node
from argmap.look import DETAIL_ZOOM, NODE_WIDTH, OUTLINE, QUOTE_TEXT, STYLES, Box, Fonts, measure
from argmap.look_argument import stretched
from argmap.paint import (
    CURVE_ZOOM,
    TINY_ZOOM,
    NodeText,
    edge_bounds,
    edge_paths,
    edge_pen,
    paint_block,
    paint_edge,
    paint_frame,
    paint_text,
    paint_trunk,
    route_bounds,
)
from argmap.paint_eval import paint_mark

__all__ = ["CURVE_ZOOM", "DETAIL_ZOOM", "NODE_WIDTH", "OUTLINE", "STYLES", "TINY_ZOOM",
           "EdgeItem", "NodeItem", "TrunkItem"]

SELECTED = QColor("#2563eb")
MATCH = QColor("#facc15")
DROP_OK = QColor("#16a34a")
DROP_BAD = QColor("#dc2626")
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable


#: How the collapse badge names a count of each kind ("2 evidence", "1 rebuttal").
_KIND_NOUNS = {Kind.CLAIM: ("claim", "claims"), Kind.EVIDENCE: ("evidence", "evidence"),
               Kind.OBJECTION: ("objection", "objections"), Kind.REBUTTAL: ("rebuttal", "rebuttals"),
               Kind.ARGUMENT: ("argument", "arguments")}


_KIND_SHORT = {Kind.CLAIM: "cl.", Kind.EVIDENCE: "ev.", Kind.OBJECTION: "obj.", Kind.REBUTTAL: "reb.",
               Kind.ARGUMENT: "arg."}


def hidden_badge(counts: tuple[int, ...], width: float | None = None) -> str:
    """"3 hidden: 2 evidence, 1 rebuttal": what a collapsed node hides, by kind (a
    rebuttal answers an objection, so it is named, not counted as an attack). Given a
    `width`, a badge too wide for it names the kinds in short ("19 hidden: 9 ev., 4 obj.")."""
    kinds = [(kind, n) for kind, n in zip(Kind, counts, strict=True) if n]
    full = f"{sum(counts)} hidden: " + ", ".join(f"{n} {_KIND_NOUNS[k][n != 1]}" for k, n in kinds)
    if width is None or Fonts.get().label_metrics.horizontalAdvance(full) <= width:
        return full
    return f"{sum(counts)} hidden: " + ", ".join(f"{n} {_KIND_SHORT[k]}" for k, n in kinds)


class NodeItem(QGraphicsItem):
    """A node's box: kind label, wrapped text, source quote on evidence, badges.

    A map opens with one of these per node, so construction is kept to a few attribute
    writes: the measured Box is kept whole, and the view states start as class defaults.
    """

    matched = False
    current_match = False
    drop_state: bool | None = None  # True: valid drop target, False: refused
    hidden_counts: tuple[int, ...] | None = None  # hidden nodes by Kind (in Kind order) when collapsed
    row_height: float | None = None  # a premise drawn as tall as its argument's row
    natural: Box  # the box as measured; `box` is as drawn (a premise: stretched to its row)
    _layouts: NodeText | None = None  # made on first legible paint
    _bounds: QRectF | None = None  # boundingRect(), once asked for
    _node: Node | None = None  # the node it last showed

    def __init__(self, node: Node, box: Box | None = None):
        super().__init__()
        self.node_id = node.id
        self.setFlags(_FLAGS)
        self.set_node(node, fresh=True, box=box)

    def set_node(self, node: Node, fresh: bool = False, box: Box | None = None) -> None:
        """`box`: measure(node), when the caller has it already."""
        old = self._node
        if not fresh and old is not None and node.assessment != old.assessment \
                and node == old.model_copy(update={"assessment": node.assessment}):
            # Only the assessment changed, which the box does not draw: no update, which
            # would make the scene visit every item of the map (the mark, which does show
            # it, is repainted by gui/evaluation_display.py).
            self._node = node
            return
        self._node = node
        if not fresh:  # a new item is in no scene yet: nothing to invalidate
            self.prepareGeometryChange()
            self._layouts = None
            self._bounds = None
        self.kind = node.kind
        self.text = node.text
        box = measure(node) if box is None else box
        self.natural = self.box = box  # box: as drawn (a premise: stretched)
        if self.row_height is not None:
            self.box = box = stretched(box, self.row_height)
        self._rect = QRectF(0, 0, box.width, box.height)
        if not fresh:
            self.update()

    def set_row_height(self, height: float | None) -> None:
        """Draw the box at least this tall (an argument's row of premises); None: its own."""
        if height == self.row_height:
            return
        self.prepareGeometryChange()
        self.row_height = height
        self._bounds = None
        self.box = box = self.natural if height is None else stretched(self.natural, height)
        self._rect = QRectF(0, 0, box.width, box.height)
        self.update()

    def _text(self) -> NodeText:
        layouts = self._layouts
        if layouts is None:
            layouts = self._layouts = NodeText(self.text, self.box)
        return layouts

    def text_layout(self) -> QTextLayout:
        """The laid-out node text (plain text), made on demand."""
        return self._text().body

    def set_hidden_counts(self, counts: tuple[int, ...] | None) -> None:
        if counts != self.hidden_counts:
            self.prepareGeometryChange()
            self.hidden_counts = counts
            self._bounds = None
            self.update()

    @property
    def height(self) -> float:
        return self.box.height

    def size(self) -> tuple[float, float]:
        return self.box.width, self.box.height

    def boundingRect(self) -> QRectF:
        bounds = self._bounds  # asked for on every paint and index update: made once
        if bounds is None:
            extra = self.box.badge_h if self.hidden_counts else 0.0
            bounds = self._bounds = self._rect.adjusted(-OUTLINE, -OUTLINE, OUTLINE, OUTLINE + extra)
        return bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        style = STYLES[self.kind]
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < TINY_ZOOM:  # a few pixels wide (a whole big map in view): a plain block
            paint_block(painter, self._rect, MATCH if self.matched or self.current_match
                        else SELECTED if self.isSelected() else style.border)
            return
        paint_frame(painter, self.kind, self._rect, MATCH if self.current_match else None)
        if self.matched and not self.current_match:
            painter.setPen(QPen(MATCH.darker(120), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect.adjusted(-2, -2, 2, 2), 7, 7)
        if self.isSelected() or self.drop_state is not None:
            colour = SELECTED if self.drop_state is None else (
                DROP_OK if self.drop_state else DROP_BAD)
            painter.setPen(QPen(colour, 3.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect.adjusted(-3, -3, 3, 3), 8, 8)
        if lod < getattr(self.scene(), "detail_zoom", DETAIL_ZOOM):
            return
        paint_text(painter, self.kind, self.box, self._text())
        marks = getattr(self.scene(), "marks", None)  # View ▸ Show Evaluation
        mark = marks(self.node_id) if marks is not None else None
        if mark is not None:
            paint_mark(painter, *mark)
        if self.hidden_counts:
            badge = hidden_badge(self.hidden_counts, self.box.badge_rect[2])
            painter.setFont(Fonts.get().label)
            painter.setPen(QUOTE_TEXT)
            painter.drawText(QRectF(*self.box.badge_rect),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, badge)


class EdgeItem(QGraphicsItem):
    """Arrow from a child to its parent: solid for support, dashed with a bar for attack.

    The layout gives it the child's own connector (core/connectors.py: a tidy layout's curve,
    or the compact layout's branch to its parent's trunk) and it draws that. Only the
    geometry is stored when the layout moves it; the path is built when the edge is first
    painted, so re-laying out 10,000 edges costs a few microseconds each.
    """

    attack = False
    parent_id: str | None = None  # the parent it was last routed to; set by the scene
    _pen: QPen | None = None
    _edge: Edge | None = None
    _bounds = QRectF()  # replaced, never changed in place
    _paths: tuple[QPainterPath, QPainterPath] | None = None  # line and arrow head

    def __init__(self, child_id: str):
        super().__init__()
        self.child_id = child_id
        self.setZValue(-1)

    def set_attack(self, attack: bool) -> None:
        """Node.attacks of the child: an objection, a rebuttal or an attacking argument."""
        if self._pen is not None and attack == self.attack:
            return
        self.attack = attack
        self._pen = edge_pen(attack)
        self._paths = None
        self.update()

    def pen(self) -> QPen:
        assert self._pen is not None
        return self._pen

    def route(self, edge: Edge) -> None:
        """The connector the layout gave the child: from its box to where the head goes."""
        if edge == self._edge:
            return
        self.prepareGeometryChange()
        self._edge = edge
        self._paths = None
        self._bounds = edge_bounds(edge)

    def geometry(self) -> Edge | None:
        """What the layout last gave it."""
        return self._edge

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _shape(self) -> tuple[QPainterPath, QPainterPath]:
        paths = self._paths
        if paths is None:
            if self._edge is None:
                return QPainterPath(), QPainterPath()
            paths = self._paths = edge_paths(self._edge, self.attack)
        return paths

    def path(self) -> QPainterPath:
        return self._shape()[0]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._pen is None or self._edge is None:
            return
        detail = getattr(self.scene(), "detail_zoom", DETAIL_ZOOM) <= 0  # 0: vector export
        paint_edge(painter, self._pen, self._edge, self._shape, detail)


class TrunkItem(QGraphicsItem):
    """A parent's shared connector in the compact layout: the stem down from its box, the bus
    under it and each column's trunk, in one neutral pen (the branches carry the kinds).

    Below the edges (z -2), whatever order items were added in: each branch's arrow head
    lies on a trunk, and the canvas and the exports stack them the same way.
    """

    def __init__(self, parent_id: str, lines: tuple[Route, ...]):
        super().__init__()
        self.parent_id = parent_id
        self.lines: tuple[Route, ...] = ()
        self._bounds = QRectF()
        self.setZValue(-2)
        self.set_lines(lines)

    def set_lines(self, lines: tuple[Route, ...]) -> None:
        if lines == self.lines:
            return
        self.prepareGeometryChange()
        self.lines = lines
        self._bounds = route_bounds(lines)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        detail = getattr(self.scene(), "detail_zoom", DETAIL_ZOOM) <= 0
        paint_trunk(painter, self.lines, detail)
