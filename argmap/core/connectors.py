"""Connectors as pure geometry (no Qt): what an edge between two boxes looks like.

A layout (core/layout_protocol.py) hands out each child's own connector, its Edge: the tidy
layouts a Curve (a cubic from the child's box to its parent's, bent along the depth axis),
the compact layout a branch (a polyline from the child's box to its parent's trunk, or to
the parent), and each compact parent its trunk lines (plain polylines, no head). The arrow
head sits at the end of every edge, and an attack's bar across the line just behind it.

The canvas and the PNG/PDF painter (argmap/paint.py) and the SVG writer (formats/svg.py) all
take their connectors from here, so an exported map has the same arrows as the canvas.
"""

from __future__ import annotations

import math
from typing import NamedTuple

Point = tuple[float, float]
Route = tuple[Point, ...]  # a polyline: a compact branch, or one of a parent's trunk lines


class Curve(NamedTuple):
    """A tidy layout's edge: from (x1, y1) on the child to the arrow tip (x2, y2) on the
    parent, bent along the depth axis (down: the tree grows downwards, else rightwards)."""

    x1: float
    y1: float
    x2: float
    y2: float
    down: bool


#: A child's own connector to its parent, drawn in its kind's colour with the arrow head at
#: its end: a Curve (tidy layouts) or a branch polyline (compact).
Edge = Curve | Route


def curve_between(child: Point, child_size: Point, parent: Point, parent_size: Point,
                  down: bool) -> Curve:
    """The curve from the child's box to the parent's, given top-left corners and sizes:
    top-down from the middle of the child's top to the middle of the parent's bottom, left
    to right from the middle of the child's left to the middle of the parent's right."""
    if down:
        return Curve(child[0] + child_size[0] / 2, child[1],
                     parent[0] + parent_size[0] / 2, parent[1] + parent_size[1], down)
    return Curve(child[0], child[1] + child_size[1] / 2,
                 parent[0] + parent_size[0], parent[1] + parent_size[1] / 2, down)


class CurveShape(NamedTuple):
    """A curve drawn: the cubic from the child to where it meets the arrow head."""

    start: Point
    c1: Point
    c2: Point
    end: Point  # where the curve meets the arrow head
    bar: tuple[Point, Point] | None  # the flat bar across an attacking edge
    head: tuple[Point, Point, Point]  # the arrow head: tip and two back corners


def curve_shape(curve: Curve, attack: bool) -> CurveShape:
    """The cubic, bar and head of a curve: the controls halfway along the depth axis."""
    x1, y1, x2, y2, down = curve
    bx, by = (0.0, 1.0) if down else (1.0, 0.0)  # from the tip back towards the child
    sx, sy = by, bx  # sideways
    ex, ey = x2 + bx * 7, y2 + by * 7
    if down:
        mid = (y1 + ey) / 2
        c1, c2 = (x1, mid), (ex, mid)
    else:
        mid = (x1 + ex) / 2
        c1, c2 = (mid, y1), (mid, ey)
    bar = ((ex + sx * 7, ey + sy * 7), (ex - sx * 7, ey - sy * 7)) if attack else None
    head = ((x2, y2), (x2 + bx * 9 + sx * 5, y2 + by * 9 + sy * 5),
            (x2 + bx * 9 - sx * 5, y2 + by * 9 - sy * 5))
    return CurveShape((x1, y1), c1, c2, (ex, ey), bar, head)


class Arrow(NamedTuple):
    """A branch's arrow head (tip and two back corners) and, for attacks, a bar across it."""

    head: tuple[Point, Point, Point]
    bar: tuple[Point, Point]


def arrow(branch: Route, length: float = 9.0, half: float = 5.0, bar_at: float = 7.0,
          bar_half: float = 7.0) -> Arrow:
    """The head at the end of a branch, pointing along its last segment (as a curve's head
    points); the bar sits bar_at back from the tip."""
    (x1, y1), (x2, y2) = branch[-2], branch[-1]
    span = math.hypot(x1 - x2, y1 - y2) or 1.0
    bx, by = (x1 - x2) / span, (y1 - y2) / span  # from the tip back along the line
    sx, sy = -by, bx  # sideways
    head = ((x2, y2), (x2 + bx * length + sx * half, y2 + by * length + sy * half),
            (x2 + bx * length - sx * half, y2 + by * length - sy * half))
    cx, cy = x2 + bx * bar_at, y2 + by * bar_at
    return Arrow(head, ((cx + sx * bar_half, cy + sy * bar_half),
                        (cx - sx * bar_half, cy - sy * bar_half)))


def bar_outline(head: tuple[Point, Point, Point], bar: tuple[Point, Point],
                width: float) -> tuple[Point, Point, Point, Point]:
    """An attack's bar as the rectangle a flat-capped pen `width` wide strokes along it,
    wound as `head` is wound: filled with the head (nonzero rule) the two are one solid
    shape, so no dash pattern of the line ever reaches the bar or the head."""
    (tx, ty), (lx, ly), (rx, ry) = head
    bx, by = (lx + rx) / 2 - tx, (ly + ry) / 2 - ty  # from the tip back along the line
    half = width / 2 / (math.hypot(bx, by) or 1.0)
    hx, hy = bx * half, by * half
    (ax, ay), (cx, cy) = bar
    return ((ax - hx, ay - hy), (ax + hx, ay + hy), (cx + hx, cy + hy), (cx - hx, cy - hy))


def from_head(branch: Route, shape: Arrow) -> Route:
    """An attack's branch from where its bar crosses it back to the child's box: a dash
    pattern laid from this end starts whole at the head, and no dash runs into it."""
    (ax, ay), (bx, by) = shape.bar
    (x1, y1), (x2, y2) = branch[-2], branch[-1]
    cx, cy = (ax + bx) / 2, (ay + by) / 2
    rest = branch[-2::-1]
    if math.hypot(x1 - x2, y1 - y2) <= math.hypot(cx - x2, cy - y2):
        return rest  # a last segment shorter than the head: it ends under the head
    return ((cx, cy), *rest)
