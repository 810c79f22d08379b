"""Linked premises in a picture: side by side in one frame, from any layout's output (no Qt).

An argument node's premises (its claim and evidence children) hold only together, so the
canvas and every export draw them as one row inside one frame, joined to the argument by one
connector; the argument's objections (its undercuts) stay outside the frame and point at the
argument's own box, the inference. A layout is asked for little: the premises first among
the argument's children (`Rows.order`), side by side and level with each other
(`Layout.groups`: the tidy layouts place siblings so anyway, the compact layout gives each
its own column), and in a row along x all as tall as the tallest (`Rows.height`, the caller
stretches their boxes), so that nothing hanging below one of them reaches up into the frame. The rest is
read off the layout's output: the frame is the premises' boxes with FRAME_PAD around them;
its connector is the first premise's edge, begun on the frame; the other premises' edges
are not drawn.

The canvas scene (gui/canvas/scene.py) and the exports (formats/picture.py) both build their
rows here, so the canvas, PNG, PDF and SVG draw the same frames.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from argmap.core.connectors import Curve, Edge

#: From the premises' boxes to the frame: under half of the compact layout's smallest gap
#: (12 px between stacked blocks), so a frame never touches its neighbours' boxes.
FRAME_PAD = 5.0

Bounds = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Rows:
    """The arguments of a map as a layout is to see them (one run's worth)."""

    #: argument id -> its premises, the row in the frame, in their order
    members: dict[str, list[str]] = field(default_factory=dict)
    #: argument id -> its children with the premises first, where that is not the map's order
    order: dict[str, list[str]] = field(default_factory=dict)
    #: premise id -> the height to draw it at (in a row along x, the tallest premise's)
    height: dict[str, float] = field(default_factory=dict)
    #: premises whose own edge is not drawn (all but the first of each row)
    hidden: set[str] = field(default_factory=set)

    @property
    def groups(self) -> dict[str, int]:
        """Layout.groups: how many first children of each argument are its row."""
        return {argument: len(row) for argument, row in self.members.items()}

    def children(self, index: Mapping[str, Sequence[str]]) -> Mapping[str, Sequence[str]]:
        """The children mapping to give the layout: `index` with the premises first."""
        return {**index, **self.order} if self.order else index

    def first(self, node_id: str) -> bool:
        """Whether the node's edge is its row's one connector."""
        return node_id in self.height and node_id not in self.hidden


def rows_of(arguments: Iterable[str], children: Callable[[str], Sequence[str]],
            is_premise: Callable[[str], bool], natural_height: Callable[[str], float],
            collapsed: Collection[str] = (), row_axis: int = 0) -> Rows:
    """The rows of the given argument nodes whose children are shown (not collapsed):
    O(their children). row_axis (the layout's, Layout.row_axis): 0, a row along x, whose
    premises are made as tall as the tallest; 1, a column, each keeps its height."""
    rows = Rows()
    for argument in arguments:
        if argument in collapsed:
            continue
        kids = children(argument)
        premises = [k for k in kids if is_premise(k)]
        if not premises:
            continue  # never in a valid map; nothing to frame
        if len(premises) < len(kids):
            ordered = premises + [k for k in kids if not is_premise(k)]
            if ordered != list(kids):
                rows.order[argument] = ordered
        rows.members[argument] = premises
        tallest = max(natural_height(p) for p in premises) if row_axis == 0 else 0.0
        for p in premises:
            rows.height[p] = tallest or natural_height(p)
        rows.hidden.update(premises[1:])
    return rows


def frame_of(row: Sequence[str], places: Mapping[str, tuple[float, float]],
             sizes: Mapping[str, tuple[float, float]]) -> Bounds | None:
    """The frame around a row's boxes; None when the row is not shown."""
    left = top = float("inf")
    right = bottom = float("-inf")
    for node_id in row:
        place = places.get(node_id)
        if place is None:
            return None
        x, y = place
        w, h = sizes[node_id]
        left, top = min(left, x), min(top, y)
        right, bottom = max(right, x + w), max(bottom, y + h)
    if left == float("inf"):
        return None
    return (left - FRAME_PAD, top - FRAME_PAD, right + FRAME_PAD, bottom + FRAME_PAD)


def frame_connector(edge: Edge, frame: Bounds) -> Edge:
    """The row's one connector: its first premise's edge, begun on the frame instead of the
    premise's box. A tidy curve leaves from the middle of the frame's side that faces the
    argument; a compact branch keeps its line and starts where it crosses the frame."""
    left, top, right, bottom = frame
    if isinstance(edge, Curve):
        if edge.down:
            return edge._replace(x1=(left + right) / 2, y1=top)
        return edge._replace(x1=left, y1=(top + bottom) / 2)
    (x0, y0), (x1, y1) = edge[0], edge[1]
    if y0 == y1:
        start = (left if x1 < x0 else right, y0)
    elif x0 == x1:
        start = (x0, top if y1 < y0 else bottom)
    else:
        return edge
    return (start, *edge[1:])
