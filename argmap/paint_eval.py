"""Paint a box's evaluation mark (look_eval.py says where each part goes) with QPainter:
the canvas items and the PNG/PDF export both call paint_mark, and an exported legend's
samples are painted by the same functions. QtGui only."""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QTextLayout

from argmap.look_eval import (
    BAR_EDGE,
    BAR_FILL,
    BAR_TRACK,
    FALLS_FILL,
    FALLS_TEXT,
    GAP,
    INK,
    STANDS_FILL,
    Rect,
    bar_fill,
    mark_font,
    mark_geometry,
    mark_texts,
)


@functools.cache
def _layout(text: str) -> tuple[QTextLayout, float, float]:
    """A mark's words laid out once (101 percentages, two standings), with their width and
    height: drawing a laid-out line costs a third of what drawText does, and a text layout
    keeps the screen's metrics on any device (a PDF's 72 dpi drew drawText's and
    QStaticText's words a quarter smaller than the boxes' text)."""
    layout = QTextLayout(text, mark_font())
    layout.setCacheEnabled(True)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000.0)
    layout.endLayout()
    return layout, line.naturalTextWidth(), line.height()


def _draw(painter: QPainter, rect: Rect, text: str, centred: bool) -> None:
    """`text` in the mark font, centred in `rect` or right-aligned in it."""
    layout, width, height = _layout(text)
    x, y, w, h = rect
    left = x + (w - width) / 2 if centred else x + w - width
    layout.draw(painter, QPointF(left, y + (h - height) / 2))


@functools.cache
def _pens() -> tuple[QPen, QPen]:
    return QPen(BAR_EDGE, 0.8), QPen(INK, 1.2)


def paint_mark(painter: QPainter, strength: float, stands: bool) -> None:
    """The mark in a box whose top-left corner is the painter's origin."""
    geo = mark_geometry()
    paint_strength(painter, geo.bar, geo.percent, strength)
    paint_pill(painter, geo.pill, stands)


def paint_strength(painter: QPainter, bar: Rect, text: Rect, strength: float) -> None:
    x, y, w, h = bar
    edge, _ink = _pens()
    painter.setPen(edge)
    painter.setBrush(QBrush(BAR_TRACK))
    painter.drawRect(QRectF(x, y, w, h))
    filled = bar_fill(strength)
    if filled:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(BAR_FILL))
        painter.drawRect(QRectF(x, y, filled, h))
    painter.setFont(mark_font())
    painter.setPen(INK)
    _draw(painter, text, mark_texts(strength, True)[0], centred=False)


def paint_pill(painter: QPainter, pill: Rect, stands: bool) -> None:
    rect = QRectF(*pill)
    radius = rect.height() / 2
    _edge, ink = _pens()
    if stands:
        painter.setPen(ink)
        painter.setBrush(QBrush(STANDS_FILL))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(FALLS_FILL))
    painter.drawRoundedRect(rect.adjusted(0.6, 0.6, -0.6, -0.6), radius, radius)
    painter.setFont(mark_font())
    painter.setPen(INK if stands else FALLS_TEXT)
    _draw(painter, pill, mark_texts(0.0, stands)[1], centred=True)


def paint_sample(painter: QPainter, what: str, x: float, y: float) -> None:
    """A legend's sample at (x, y), its top-left: "strength" (a bar at 75 % and its
    percentage) or "standing" (a stands pill and a falls pill)."""
    geo = mark_geometry()
    if what == "strength":
        dx, dy = x - geo.bar[0], y - geo.pill[1]
        bx, by, bw, bh = geo.bar
        tx, ty, tw, th = geo.percent
        paint_strength(painter, (bx + dx, by + dy, bw, bh), (tx + dx, ty + dy, tw, th), 0.75)
    else:
        _px, _py, pw, ph = geo.pill
        paint_pill(painter, (x, y, pw, ph), True)
        paint_pill(painter, (x + pw + GAP, y, pw, ph), False)
