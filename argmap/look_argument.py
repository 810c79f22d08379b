"""How an argument's linked premises look: the frame around its row of premises (its place
comes from core/premise_rows.py) and the premises' boxes stretched to the row's height.
QtGui only, no widgets.

The canvas (gui/canvas/frames.py) and the PNG/PDF painter (formats/raster.py) paint the frame
with paint_premise_frame, and the SVG writer (formats/svg.py) writes it from the same
constants, so the three agree.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from argmap.look import Box

FRAME_FILL = QColor("#f8fafc")
FRAME_BORDER = QColor("#475569")  # the argument box's border: the frame is its premises'
FRAME_WIDTH = 1.6
FRAME_RADIUS = 9.0


def stretched(box: Box, height: float) -> Box:
    """A premise's box as tall as its row (its contents stay where they are)."""
    return box if box.height >= height else dataclasses.replace(box, height=height)


def paint_premise_frame(painter: QPainter, rect: QRectF) -> None:
    painter.setBrush(QBrush(FRAME_FILL))
    painter.setPen(QPen(FRAME_BORDER, FRAME_WIDTH))
    painter.drawRoundedRect(rect, FRAME_RADIUS, FRAME_RADIUS)
