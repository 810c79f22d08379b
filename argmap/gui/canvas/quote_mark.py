"""The canvas's mark on a box whose quote fails its check against the source's text (not
found, or found elsewhere than its locator says): a warning sign at the top of the quote's
bar, left of the quote. Told by its shape and symbol, not by colour alone (a dark "!" on an
amber triangle with a dark outline reads in grey too); the box's tooltip and the Inspector
say what is wrong. Pictures say it in words in the box's source lines (formats/decor.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from argmap.look import PAD, Box

FILL = QColor("#fbbf24")
INK = QColor("#111827")
SIZE = 14.0  # the triangle's side


def mark_rect(box: Box) -> QRectF:
    """Where the mark is in the box: over the top of the quote's bar."""
    return QRectF(PAD + 1 - SIZE / 2 - 0.5, box.quote_top - 1, SIZE, SIZE * 0.88)


def paint_quote_mark(painter: QPainter, box: Box) -> None:
    r = mark_rect(box)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    triangle = QPolygonF([QPointF(r.center().x(), r.top()), QPointF(r.right(), r.bottom()),
                          QPointF(r.left(), r.bottom())])
    painter.setPen(QPen(INK, 1.2))
    painter.setBrush(FILL)
    painter.drawPolygon(triangle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    cx, h = r.center().x(), r.height()
    painter.drawRect(QRectF(cx - 0.9, r.top() + h * 0.33, 1.8, h * 0.36))
    painter.drawEllipse(QPointF(cx, r.top() + h * 0.82), 1.1, 1.1)
    painter.restore()
