"""Scene items: one custom-painted item per node, one path item per edge. Paint only.

A node's text is laid out once (QTextLayout, plain text only — never rich text, so map
text cannot load files or stall layout) and cached until the text changes. Below a
zoom threshold only the box is drawn, so a fit-all view of 10,000+ nodes stays fast.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.core.model import ATTACKS, Kind, Node
from argmap.look import (
    ATTACK_EDGE,
    DETAIL_ZOOM,
    EDGE_WIDTH,
    INNER,
    NODE_WIDTH,
    PAD,
    QUOTE_INDENT,
    QUOTE_TEXT,
    STYLES,
    SUPPORT_EDGE,
    TEXT,
    Fonts,
    edge_shape,
    locator_text,
    measure,
)

__all__ = ["DETAIL_ZOOM", "NODE_WIDTH", "OUTLINE", "STYLES", "EdgeItem", "NodeItem"]

SELECTED = QColor("#2563eb")
MATCH = QColor("#facc15")
DROP_OK = QColor("#16a34a")
DROP_BAD = QColor("#dc2626")
_FLAGS = QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsFocusable
OUTLINE = 4.0  # selection and match outlines reach this far outside the box
CURVE_ZOOM = 0.06  # below this scale an edge is drawn as a straight line, without its head
TINY_ZOOM = 0.02  # below this scale a node is a plain block in its kind's colour, no edges
_TINY_PENS: dict[int, QPen] = {}


def _lay_out(text: str, font: QFont, width: float, lines: int, line_height: float) -> QTextLayout:
    """A plain-text layout of at most `lines` lines, each line_height apart.

    QTextLayout does not break at a newline; U+2028 does (same length, so offsets hold).
    """
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    for i in range(lines):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, i * line_height))
    layout.endLayout()
    return layout


def _is_truncated(layout: QTextLayout, text: str) -> bool:
    count = layout.lineCount()
    if count == 0:
        return bool(text)
    last = layout.lineAt(count - 1)
    return last.textStart() + last.textLength() < len(text)


class NodeItem(QGraphicsItem):
    """A node's box: kind label, wrapped text, source quote on evidence, badges.

    A map opens with one of these per node, so construction is kept to a few attribute
    writes: the measured Box is kept whole, and the view states start as class defaults.
    """

    matched = False
    current_match = False
    drop_state: bool | None = None  # True: valid drop target, False: refused
    hidden_counts: tuple[int, int] | None = None  # (supporting, attacking) when collapsed
    _text_layout: QTextLayout | None = None  # made on first legible paint
    _quote_layout: QTextLayout | None = None
    _locator_layout: QTextLayout | None = None
    _bounds: QRectF | None = None  # boundingRect(), once asked for

    def __init__(self, node: Node):
        super().__init__()
        self.node_id = node.id
        self.setFlags(_FLAGS)
        self.set_node(node, fresh=True)

    def set_node(self, node: Node, fresh: bool = False) -> None:
        if not fresh:  # a new item is in no scene yet: nothing to invalidate
            self.prepareGeometryChange()
            self._text_layout = self._quote_layout = self._locator_layout = None
            self._bounds = None
        self.kind = node.kind
        self.text = node.text
        self.box = box = measure(node)
        self._rect = QRectF(0, 0, NODE_WIDTH, box.height)
        if not fresh:
            self.update()

    def _ensure_layouts(self) -> None:
        if self._text_layout is not None:
            return
        fonts = Fonts.get()
        box = self.box
        self._text_layout = _lay_out(self.text, fonts.body, INNER, box.text_lines,
                                     fonts.wrap_body.line_height)
        self._text_cut = _is_truncated(self._text_layout, self.text)
        if box.quote:
            self._quote_layout = _lay_out(box.quote, fonts.quote, INNER - QUOTE_INDENT,
                                          box.quote_lines, fonts.wrap_quote.line_height)
            self._quote_cut = _is_truncated(self._quote_layout, box.quote)
        if box.locator:
            marker = locator_text(box.quote, box.locator)
            self._locator_layout = _lay_out(marker, fonts.label, INNER - QUOTE_INDENT, 1,
                                            fonts.label_metrics.height())

    def text_layout(self) -> QTextLayout:
        """The laid-out node text (plain text), made on demand."""
        self._ensure_layouts()
        assert self._text_layout is not None
        return self._text_layout

    def set_hidden_counts(self, counts: tuple[int, int] | None) -> None:
        if counts != self.hidden_counts:
            self.prepareGeometryChange()
            self.hidden_counts = counts
            self._bounds = None
            self.update()

    @property
    def height(self) -> float:
        return self.box.height

    def size(self) -> tuple[float, float]:
        return NODE_WIDTH, self.box.height

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
            colour = (MATCH if self.matched or self.current_match
                      else SELECTED if self.isSelected() else style.border)
            pen = _TINY_PENS.get(colour.rgba())
            if pen is None:  # cosmetic: at least one pixel, however small the box
                pen = _TINY_PENS[colour.rgba()] = QPen(colour, 0)
            painter.setPen(pen)
            painter.setBrush(colour)
            painter.drawRect(self._rect)
            return
        fill = MATCH if self.current_match else style.fill
        painter.setBrush(QBrush(fill))
        pen = QPen(style.border, style.border_width, style.pen_style)
        painter.setPen(pen)
        painter.drawRoundedRect(self._rect, 6, 6)
        if self.matched and not self.current_match:
            painter.setPen(QPen(MATCH.darker(120), 4))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(self._rect.adjusted(-2, -2, 2, 2), 7, 7)
        if self.isSelected() or self.drop_state is not None:
            colour = SELECTED if self.drop_state is None else (
                DROP_OK if self.drop_state else DROP_BAD)
            painter.setPen(QPen(colour, 3.5))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(self._rect.adjusted(-3, -3, 3, 3), 8, 8)
        if lod < getattr(self.scene(), "detail_zoom", DETAIL_ZOOM):
            return
        fonts = Fonts.get()
        self._ensure_layouts()
        painter.setPen(style.border)
        painter.setFont(fonts.label)
        box = self.box
        label_rect = QRectF(PAD, PAD - 2, NODE_WIDTH - 2 * PAD, box.label_h)
        painter.drawText(label_rect, Qt.AlignLeft | Qt.AlignTop, style.label)
        painter.setPen(TEXT)
        top = PAD + box.label_h
        self._text_layout.draw(painter, QPointF(PAD, top))
        text_h = box.text_lines * fonts.wrap_body.line_height
        if self._text_cut:
            painter.drawText(QPointF(NODE_WIDTH - PAD - 12, top + text_h - 3), "…")
        qtop = top + text_h + 6
        if self._quote_layout is not None:
            painter.setPen(QPen(style.border, 2))
            qh = box.quote_lines * fonts.wrap_quote.line_height
            painter.drawLine(QLineF(PAD + 1, qtop, PAD + 1, qtop + qh))
            painter.setPen(QUOTE_TEXT)
            self._quote_layout.draw(painter, QPointF(PAD + 8, qtop))
            if self._quote_cut:
                painter.setFont(fonts.quote)
                painter.drawText(QPointF(NODE_WIDTH - PAD - 10, qtop + qh - 3), "…")
            qtop += qh + 2
        if self._locator_layout is not None:
            painter.setPen(style.border)
            self._locator_layout.draw(painter, QPointF(PAD + 8, qtop))
        if self.hidden_counts:
            support, attack = self.hidden_counts
            badge = f"+{support + attack} hidden: {support} supporting, {attack} attacking"
            painter.setFont(fonts.label)
            painter.setPen(QUOTE_TEXT)
            painter.drawText(QRectF(0, self.height + 2, NODE_WIDTH, box.badge_h),
                             Qt.AlignHCenter | Qt.AlignTop, badge)


class EdgeItem(QGraphicsItem):
    """Arrow from a child to its parent: solid for support, dashed with a bar for attack.

    Only the two end points are stored when the layout moves it; the curve is built when
    the edge is first painted, so re-laying out 10,000 edges costs a few microseconds each.
    """

    attack = False
    parent_id: str | None = None  # the parent it was last routed to; set by the scene
    _pen: QPen | None = None
    _ends: tuple[float, float, float, float, bool] | None = None
    _bounds = QRectF()  # replaced, never changed in place
    _path: QPainterPath | None = None
    _head: QPainterPath | None = None

    def __init__(self, child_id: str):
        super().__init__()
        self.child_id = child_id
        self.setZValue(-1)

    _pens: ClassVar[dict[bool, QPen]] = {}  # two shared pens (support, attack) for all edges

    def set_kind(self, kind: Kind) -> None:
        attack = kind in ATTACKS
        if self._pen is not None and attack == self.attack:
            return
        self.attack = attack
        pen = EdgeItem._pens.get(attack)
        if pen is None:
            pen = QPen(ATTACK_EDGE if attack else SUPPORT_EDGE, EDGE_WIDTH,
                       Qt.DashLine if attack else Qt.SolidLine)
            pen.setCapStyle(Qt.FlatCap)
            EdgeItem._pens[attack] = pen
        self._pen = pen
        self._path = None
        self.update()

    def pen(self) -> QPen:
        return self._pen

    def route(self, x1: float, y1: float, x2: float, y2: float, down: bool) -> None:
        """From the child's attachment point (x1, y1) to the parent's (x2, y2)."""
        ends = (x1, y1, x2, y2, down)
        if ends == self._ends:
            return
        self.prepareGeometryChange()
        self._ends = ends
        self._path = None
        self._bounds = QRectF(min(x1, x2) - 9, min(y1, y2) - 9, abs(x2 - x1) + 18, abs(y2 - y1) + 18)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def path(self) -> QPainterPath:
        if self._path is None:
            self._build()
        assert self._path is not None
        return self._path

    def _build(self) -> None:
        path = QPainterPath()
        self._head = head = QPainterPath()
        if self._ends is None:
            self._path = path
            return
        x1, y1, x2, y2, down = self._ends
        (sx, sy), (ax, ay), (bx, by), (ex, ey), bar, (tip, left, right) = edge_shape(
            x1, y1, x2, y2, down, self.attack)
        path.moveTo(sx, sy)
        path.cubicTo(ax, ay, bx, by, ex, ey)
        if bar is not None:  # a flat bar across the line: "attacks"
            path.moveTo(*bar[0])
            path.lineTo(*bar[1])
        head.moveTo(*tip)
        head.lineTo(*left)
        head.lineTo(*right)
        head.closeSubpath()
        self._path = path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._ends is None:
            return
        if getattr(self.scene(), "detail_zoom", DETAIL_ZOOM) > 0:  # 0: vector export, all detail
            lod = option.levelOfDetailFromTransform(painter.worldTransform())
            if lod < TINY_ZOOM:  # thinner than a tenth of a pixel: nothing to see
                return
            if lod < CURVE_ZOOM:  # a few pixels long: a line looks the same, costs far less
                x1, y1, x2, y2, _down = self._ends
                painter.setPen(self._pen)
                painter.drawLine(QLineF(x1, y1, x2, y2))
                return
        path = self.path()
        painter.setPen(self._pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.fillPath(self._head, self._pen.brush())
