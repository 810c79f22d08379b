"""Where a tiled PDF's pages cut the picture: between boxes, never through one.

Each box (node box, header, legend, source line) is drawn whole on exactly one page. The
picture is cut into columns, then each column into rows, by one greedy sweep per axis: a
page takes every box that fits entirely before its far edge, and the next page starts at
the nearest edge of a box left over, so a box that would straddle the cut begins the next
page instead (the strip before it may show on both pages, but no box is drawn twice or
cut). A box larger than a whole page gets a page of its own, scaled down to fit. Plain
numbers, no Qt: the plan is tested on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Bounds = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Tile:
    source: Bounds  # the part of the picture on this page (larger than a page: scaled down)
    members: tuple[int, ...]  # the boxes drawn on this page, whole


def _sweep(indices: Sequence[int], low: Sequence[float], high: Sequence[float], start: float,
           step: float) -> list[tuple[float, float, list[int]]]:
    """Cut [start, ...) into spans of about `step` so no box's [low, high] is cut: each span
    (begin, end, boxes) holds the boxes entirely inside it. One pass in order of `low`:
    a span looks only at the boxes starting before its end (and those carried over)."""
    order = sorted(indices, key=lambda i: (low[i], high[i]))
    n = len(order)
    spans: list[tuple[float, float, list[int]]] = []
    pos = 0
    carried: list[int] = []  # boxes that started in the last span but ended past it
    begin = start
    while pos < n or carried:
        first = carried[0] if carried else order[pos]
        begin = min(start, low[first]) if not spans else low[first]
        end = begin + step
        if high[first] > end:  # longer than a page: a page of its own, scaled down
            end = high[first]
        candidates = carried
        while pos < n and low[order[pos]] < end:
            candidates.append(order[pos])
            pos += 1
        inside = [i for i in candidates if high[i] <= end]
        carried = [i for i in candidates if high[i] > end]
        spans.append((begin, end, inside))
    return spans


def plan_tiles(boxes: Sequence[Bounds], frame: Bounds, page_w: float, page_h: float,
               pad: float = 2.0) -> list[Tile]:
    """Pages of page_w × page_h (in picture units) covering every box whole, in reading
    order (columns left to right, each top to bottom). `pad` is kept around each box."""
    if not boxes:
        return [Tile(frame, ())]
    lows_x = [b[0] - pad for b in boxes]
    highs_x = [b[2] + pad for b in boxes]
    lows_y = [b[1] - pad for b in boxes]
    highs_y = [b[3] + pad for b in boxes]
    tiles: list[Tile] = []
    for left, right, column in _sweep(range(len(boxes)), lows_x, highs_x, frame[0], page_w):
        width = max(page_w, right - left)
        for top, bottom, members in _sweep(column, lows_y, highs_y, frame[1], page_h):
            height = max(page_h, bottom - top)
            tiles.append(Tile((left, top, left + width, top + height), tuple(sorted(members))))
    return tiles
