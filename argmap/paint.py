"""Paint node boxes and connectors with QPainter, from the one box geometry in argmap.look
and the connector geometry in argmap.core.connectors.

The canvas items (gui/canvas/items.py) and the PNG/PDF export (formats/raster.py) both
paint through these functions, so a map looks the same on screen and in a file, and a
part moved in look.Box moves in both. QtGui only: headless exports never load widgets.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextLayout,
    QTextOption,
    QTransform,
)

from argmap.core.connectors import (
    Curve,
    Edge,
    Point,
    Route,
    arrow,
    bar_outline,
    curve_shape,
    from_head,
)
from argmap.core.model import Kind
from argmap.look import (
    ATTACK_EDGE,
    EDGE_WIDTH,
    MORE,
    QUOTE_TEXT,
    STYLES,
    SUPPORT_EDGE,
    TEXT,
    TRUNK_EDGE,
    Box,
    Fonts,
    Wrapper,
)

CURVE_ZOOM = 0.06  # below this scale an edge is drawn as a straight line, without its head
TINY_ZOOM = 0.02  # below this scale a node is a plain block in its kind's colour, no edges


def level_of_detail(transform: QTransform) -> float:
    """How many device pixels one scene unit covers: QStyleOptionGraphicsItem's
    levelOfDetailFromTransform, computed the same way without the widgets module."""
    if transform.type().value <= QTransform.TransformationType.TxTranslate.value:
        return 1.0
    v1 = transform.map(QLineF(0, 0, 1, 0))
    v2 = transform.map(QLineF(0, 0, 0, 1))
    return math.sqrt(v1.length() * v2.length())


def lay_out(text: str, font: QFont, width: float, lines: int, line_height: float) -> QTextLayout:
    """A plain-text layout of at most `lines` lines, each line_height apart, wrapped by Qt:
    the reference look's Wrapper is tested against (tests/formats/test_metrics.py).

    Plain text only — never rich text, so map text cannot load files or stall layout.
    QTextLayout does not break at a newline; U+2028 does (same length, so offsets hold).
    """
    return _set_lines(_layout(text.replace("\n", "\u2028"), font,
                              QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere),
                      width, lines, line_height)


def _layout(text: str, font: QFont, wrap: QTextOption.WrapMode) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(wrap)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    return layout


def _set_lines(layout: QTextLayout, width: float, lines: int, line_height: float) -> QTextLayout:
    """Lay out at most `lines` lines of `width`, each line_height below the last."""
    layout.beginLayout()
    for i in range(lines):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, i * line_height))
    layout.endLayout()
    return layout


def lay_out_lines(text: str, font: QFont, wrapper: Wrapper, width: float, lines: int,
                  line_height: float) -> QTextLayout:
    """A plain-text layout of `text` broken exactly where look's Wrapper breaks it, at most
    `lines` lines: the lines the Box was measured with and the SVG writer writes, so a
    painted box never holds more or fewer lines than its height allows for.

    The lines are joined by U+2028 (Qt's forced line break) in place of the space or
    newline each break consumed, and laid out without wrapping. (QTextLine.setNumColumns
    counts glyphs, not characters: a ligature such as "ffi" shifted every later break.)
    """
    split, _cut = wrapper.split(text, width, lines)
    layout = _layout("\u2028".join(split), font, QTextOption.WrapMode.NoWrap)
    return _set_lines(layout, width, len(split), line_height)


class NodeText:
    """A node's text, quote and source lines laid out for painting where its Box says."""

    __slots__ = ("body", "locator", "quote")

    def __init__(self, text: str, box: Box):
        fonts = Fonts.get()
        self.body = lay_out_lines(text, fonts.body, fonts.wrap_body, box.text_width,
                                  box.text_lines, box.line_height)
        self.quote: QTextLayout | None = None
        self.locator: QTextLayout | None = None
        if box.quote:
            self.quote = lay_out_lines(box.quote, fonts.quote, fonts.wrap_quote, box.quote_width,
                                       box.quote_lines, box.quote_line_height)
        if box.locator:
            self.locator = lay_out_lines(box.locator, fonts.label, fonts.wrap_label,
                                         box.quote_width, box.locator_lines,
                                         box.locator_line_height)


_BLOCK_PENS: dict[int, QPen] = {}


def paint_block(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A box a few pixels wide: a plain block, at least one pixel however small."""
    pen = _BLOCK_PENS.get(colour.rgba())
    if pen is None:  # cosmetic: one pixel wide at any scale
        pen = _BLOCK_PENS[colour.rgba()] = QPen(colour, 0)
    painter.setPen(pen)
    painter.setBrush(colour)
    painter.drawRect(rect)


_FRAMES: dict[Kind, tuple[object, QBrush, QPen]] = {}  # each kind's brush and pen, made once


def _frame(kind: Kind) -> tuple[object, QBrush, QPen]:
    style = STYLES[kind]
    made = _FRAMES.get(kind)
    if made is None or made[0] is not style:
        made = _FRAMES[kind] = (style, QBrush(style.fill),
                                QPen(style.border, style.border_width, style.pen_style))
    return made


def frame_pen(kind: Kind) -> QPen:
    """The pen a kind's box is outlined with (colour, width, dashes): the one pen the
    canvas, the PNG/PDF painter, the SVG writer and the legends' swatches all use."""
    return _frame(kind)[2]


def paint_frame(painter: QPainter, kind: Kind, rect: QRectF, fill: QColor | None = None) -> None:
    """The rounded box in its kind's fill and border."""
    made = _frame(kind)
    painter.setBrush(made[1] if fill is None else QBrush(fill))
    painter.setPen(made[2])
    painter.drawRoundedRect(rect, 6, 6)


def paint_text(painter: QPainter, kind: Kind, box: Box, text: NodeText) -> None:
    """Kind label, body text, quote with its bar, source lines and the "more" marker,
    where the Box puts them."""
    fonts = Fonts.get()
    style = STYLES[kind]
    painter.setPen(style.border)
    painter.setFont(fonts.label)
    painter.drawText(QRectF(*box.label_rect),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, style.label)
    painter.setPen(TEXT)
    text.body.draw(painter, QPointF(*box.text_origin))
    if text.quote is not None:
        painter.setPen(QPen(style.border, 2))
        x, top, bottom = box.quote_bar
        painter.drawLine(QLineF(x, top, x, bottom))
        painter.setPen(QUOTE_TEXT)
        text.quote.draw(painter, QPointF(*box.quote_origin))
    if text.locator is not None:
        painter.setPen(style.border)
        text.locator.draw(painter, QPointF(*box.locator_origin))
    if box.more:  # on a line of its own: never over the last word
        painter.setPen(QUOTE_TEXT)
        painter.setFont(fonts.label)
        painter.drawText(QRectF(*box.more_rect),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, MORE)


_EDGE_PENS: dict[bool, QPen] = {}  # two shared pens (support, attack) for all edges


def edge_pen(attack: bool) -> QPen:
    pen = _EDGE_PENS.get(attack)
    if pen is None:
        pen = QPen(ATTACK_EDGE if attack else SUPPORT_EDGE, EDGE_WIDTH,
                   Qt.PenStyle.DashLine if attack else Qt.PenStyle.SolidLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)  # a compact layout's bent branches
        _EDGE_PENS[attack] = pen
    return pen


def edge_bounds(edge: Edge) -> QRectF:
    """What an edge can paint on: its line, with room for the arrow head and the bar."""
    if isinstance(edge, Curve):  # its ends: the curve stays between them
        x1, y1, x2, y2, _down = edge
        return QRectF(min(x1, x2) - 9, min(y1, y2) - 9, abs(x2 - x1) + 18, abs(y2 - y1) + 18)
    return route_bounds((edge,))


def edge_paths(edge: Edge, attack: bool) -> tuple[QPainterPath, QPainterPath]:
    """The line and the arrow head (with the bar across an attack), from core/connectors.

    The head and an attack's bar are filled solid, one shape; an attack's dashed line is
    drawn from the head back to the child, so its dashes start whole at the head and none
    runs into it (the line ends under the bar)."""
    if not isinstance(edge, Curve):
        return _branch_paths(edge, attack)
    (sx, sy), (ax, ay), (bx, by), (ex, ey), bar, head = curve_shape(edge, attack)
    path = QPainterPath()
    if bar is None:
        path.moveTo(sx, sy)
        path.cubicTo(ax, ay, bx, by, ex, ey)
    else:  # the same cubic, from its head end
        path.moveTo(ex, ey)
        path.cubicTo(bx, by, ax, ay, sx, sy)
    return path, _head_path(head, bar)


def _head_path(head: tuple[Point, Point, Point], bar: tuple[Point, Point] | None) -> QPainterPath:
    """The arrow head, and across an attack the bar as a filled rectangle (wound as the
    head is, and filled by the nonzero rule: where they overlap stays filled)."""
    path = QPainterPath()
    path.addPolygon(_polygon(head))
    path.closeSubpath()
    if bar is not None:
        path.addPolygon(_polygon(bar_outline(head, bar, EDGE_WIDTH)))
        path.closeSubpath()
        path.setFillRule(Qt.FillRule.WindingFill)
    return path


def paint_edge(painter: QPainter, pen: QPen, edge: Edge,
               paths: Callable[[], tuple[QPainterPath, QPainterPath]], detail: bool,
               lod: float | None = None) -> None:
    """An edge: nothing when thinner than a tenth of a pixel; when a few pixels long a
    straight stand-in (a curve's chord, a branch's bare polyline: it looks the same and
    costs far less); else the line, bar and head from `paths` (asked only then).
    detail=True (vector export) always draws everything. `lod`: the painter's
    level_of_detail, when the caller knows it."""
    if not detail:
        if lod is None:
            lod = level_of_detail(painter.worldTransform())
        if lod < TINY_ZOOM:
            return
        if lod < CURVE_ZOOM:
            painter.setPen(pen)
            if isinstance(edge, Curve):
                x1, y1, x2, y2, _down = edge
                painter.drawLine(QLineF(x1, y1, x2, y2))
            else:
                painter.drawPolyline(_polygon(edge))
            return
    path, head = paths()
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.fillPath(head, pen.brush())


# -- the compact layout's connectors (core/layout_compact.py routes them) ---------------------
#: How far an edge or trunk may paint beyond its polyline: the arrow head (9 px long, 5 px
#: to each side), an attack's bar (7 px to each side) and a mitred corner all stay inside.
ROUTE_MARGIN = 9.0

@functools.cache
def trunk_pen() -> QPen:
    """The shared trunks and buses: one neutral pen, as they carry both kinds."""
    pen = QPen(TRUNK_EDGE, EDGE_WIDTH, Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def route_extent(lines: Sequence[Route]) -> tuple[float, float, float, float] | None:
    """(x, y, width, height) of what polylines can paint on, None for no point. (A plain
    loop: the scene asks this for every edge of a map it opens, the pictures too.)"""
    left = top = math.inf
    right = bottom = -math.inf
    for line in lines:
        for x, y in line:
            if x < left:
                left = x
            if x > right:
                right = x
            if y < top:
                top = y
            if y > bottom:
                bottom = y
    if left == math.inf:
        return None
    m = ROUTE_MARGIN
    return (left - m, top - m, right - left + 2 * m, bottom - top + 2 * m)


def route_bounds(lines: Sequence[Route]) -> QRectF:
    """What polylines (a branch, or a parent's trunks) can paint on."""
    extent = route_extent(lines)
    return QRectF(*extent) if extent is not None else QRectF()


def _polygon(points: Sequence[Point]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


def _branch_paths(branch: Route, attack: bool) -> tuple[QPainterPath, QPainterPath]:
    """A compact child's branch as a polyline and its arrow head (with the bar across an
    attack) at the branch's end, where it meets the trunk or the parent (connectors.arrow)."""
    shape = arrow(branch)
    path = QPainterPath()
    path.addPolygon(_polygon(from_head(branch, shape) if attack else branch))
    return path, _head_path(shape.head, shape.bar if attack else None)


def paint_trunk(painter: QPainter, lines: Sequence[Route], detail: bool,
                lod: float | None = None) -> None:
    """A parent's trunks and bus, each polyline once, in the neutral pen."""
    if not detail and (level_of_detail(painter.worldTransform()) if lod is None
                       else lod) < TINY_ZOOM:
        return
    painter.setPen(trunk_pen())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for line in lines:
        painter.drawPolyline(_polygon(line))
