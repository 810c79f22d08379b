"""A map laid out for drawing, without a scene: every box's place and look.Box, every
connector, in the order the canvas stacks them (trunks, then edges, under the boxes; each in
map order).

The SVG writer and the PNG/PDF painter both start here; the editor's scene places its
items with the same layout and the same look.measure, so the three agree. This is also the
one place an export picks its layout (picture_layout). Plain lists, a few per node: a
200,000-node map costs tens of MB here, not a widget scene.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF

from argmap.core.connectors import Curve, Edge, Route
from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle, make_layout
from argmap.core.model import PREMISES, ArgumentMap, Kind, Node
from argmap.core.premise_rows import frame_connector, frame_of, rows_of
from argmap.look import OUTLINE, Box, measure
from argmap.look_argument import stretched
from argmap.paint import route_extent

MARGIN = 24.0  # blank border around an exported picture
#: From this many nodes, the memory the layout's tables held is handed back before painting.
RELEASE_NODES = 20_000

Bounds = tuple[float, float, float, float]  # left, top, right, bottom


def picture_layout(name: str | None, page: bool = False) -> LayoutStyle:
    """The layout an export draws: the one asked for (a LayoutStyle value), else compact,
    shaped for a page (PDF pages) or for a screen or slide (anything else)."""
    if name:
        return LayoutStyle(name)
    return LayoutStyle.COMPACT_PAGE if page else DEFAULT_LAYOUT


@dataclass
class Picture:
    nodes: list[Node]  # placed nodes, in map order
    boxes: list[Box]  # the Box of each of nodes
    places: list[tuple[float, float]]  # top-left corner of each of nodes
    content: Bounds | None  # what the boxes and connectors cover (the layout's bounds); None: no node
    #: each child's own connector (a curve or a branch, the arrow head at its end) and
    #: whether it attacks
    edges: list[tuple[Edge, bool]] = field(default_factory=list)
    #: each parent's shared trunk lines (the compact layout's), in the neutral pen
    trunks: list[tuple[Route, ...]] = field(default_factory=list)
    #: the frame around each argument's row of premises (core/premise_rows.py), under all
    frames: list[Bounds] = field(default_factory=list)
    #: (strength, stands) of each of nodes when the picture shows the evaluation (marks.py)
    marks: list[tuple[float, bool]] | None = None
    #: lines listed once under the map: its numbered sources (formats/picture_sources.py)
    notes: list[str] = field(default_factory=list)

    def frame(self) -> QRectF:
        """The exported area: the content and its outlines with MARGIN around; computed
        exactly as from the editor's scene (its content_rect), so the pixels agree."""
        if self.content is None:
            content = QRectF()
        else:
            left, top, right, bottom = self.content
            content = QRectF(left, top, right - left, bottom - top).adjusted(
                -OUTLINE, -OUTLINE, OUTLINE, OUTLINE)
        return content.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def item_bounds(self) -> list[Bounds]:
        """Scene bounds of every item in paint order (frames, trunks, edges, then nodes),
        as the canvas items report them (paint.route_bounds and edge_bounds, the node's
        rect adjusted by OUTLINE): what each may paint on. Worked out in floats with
        QRectF's own sums (its right is left + width), not through a QRectF per item."""
        out = [(left - 1, top - 1, right + 1, bottom + 1) for left, top, right, bottom in self.frames]
        out += [_route_corners(lines) for lines in self.trunks]
        for edge, _attack in self.edges:
            if isinstance(edge, Curve):  # edge_bounds: its ends, 9 px around
                x1, y1, x2, y2, _down = edge
                left, top = min(x1, x2) - 9, min(y1, y2) - 9
                out.append((left, top, left + (abs(x2 - x1) + 18), top + (abs(y2 - y1) + 18)))
            else:
                out.append(_route_corners((edge,)))
        for (x, y), box in zip(self.places, self.boxes, strict=True):
            # QRectF(0, 0, w, h).adjusted(-O, -O, O, O).translated(x, y)
            left, top = -OUTLINE + x, -OUTLINE + y
            out.append((left, top, left + (box.width + OUTLINE + OUTLINE),
                        top + (box.height + OUTLINE + OUTLINE)))
        return out


def _route_corners(lines: tuple[Route, ...]) -> Bounds:
    """route_bounds(lines) as (left, top, right, bottom), with QRectF's own sums."""
    extent = route_extent(lines)
    if extent is None:
        return (0.0, 0.0, 0.0, 0.0)  # QRectF()
    x, y, w, h = extent
    return (x, y, x + w, y + h)


def picture(amap: ArgumentMap, layout: LayoutStyle | str = DEFAULT_LAYOUT) -> Picture:
    """Lay the map out as the editor's scene would in that layout with nothing collapsed."""
    index = amap.children_index()
    children = {parent: [n.id for n in kids] for parent, kids in index.items() if parent is not None}
    roots = [n.id for n in index.get(None, [])]
    arguments = [n.id for n in amap.nodes if n.kind is Kind.ARGUMENT]
    premises = {k.id for a in arguments for k in index.get(a, ()) if k.kind in PREMISES}
    del index  # memory: not kept through the layout, which is the export's peak
    measured = {n.id: measure(n, full=True) for n in amap.nodes}  # nothing cut
    tree = make_layout(layout)
    rows = rows_of(arguments, lambda a: children.get(a, []), premises.__contains__,
                   lambda n: measured[n].height, row_axis=tree.row_axis)
    for premise, height in rows.height.items():
        measured[premise] = stretched(measured[premise], height)
    sizes = {i: (b.width, b.height) for i, b in measured.items()}
    tree.groups = rows.groups
    pos = tree.full(roots, rows.children(children), sizes)
    nodes = [n for n in amap.nodes if n.id in pos]
    content = tree.bounds() if pos else None
    pic = Picture(nodes, [measured[n.id] for n in nodes], [pos[n.id] for n in nodes], content)
    links = tree.connectors()
    framed = {}
    for row in rows.members.values():  # in map order, as the scene's
        frame = frame_of(row, pos, sizes)
        if frame is not None:
            framed[row[0]] = frame
            pic.frames.append(frame)
    for node in amap.nodes:  # as the scene adds its items: in map order
        edge = links.edge(node.id)
        if edge is not None and node.id not in rows.hidden:
            frame = framed.get(node.id)
            pic.edges.append((edge if frame is None else frame_connector(edge, frame),
                              node.attacks))
        lines = links.trunk(node.id)
        if lines:
            pic.trunks.append(lines)
    if len(nodes) >= RELEASE_NODES:
        # The compact layout's shape tables (~2 KB a node) are garbage now; a collection
        # returns their freed arenas to the system, so painting a 200,000-node PDF peaks at
        # ~970 MB instead of ~1,010 MB (tests/formats/test_export_memory.py).
        del tree, links, children, measured, sizes, pos
        gc.collect()
    return pic


def strip_buckets(bounds: list[Bounds], sources: list[QRectF], top: float, scale: float,
                  step: int) -> list[list[int]]:
    """The items each strip of a PNG paints, in stacking order, without testing every item
    against every strip: each is tested only against the strips its rows fall in."""
    buckets: list[list[int]] = [[] for _ in sources]
    last = len(sources) - 1
    strips = [(r.left(), r.top(), r.right(), r.bottom()) for r in sources]
    for i, (left, b_top, right, bottom) in enumerate(bounds):
        first = max(0, int((b_top - top) * scale // step) - 1)
        end = min(last, int((bottom - top) * scale // step) + 1)
        for s in range(first, end + 1):
            s_left, s_top, s_right, s_bottom = strips[s]  # do they intersect?
            if left < s_right and s_left < right and b_top < s_bottom and s_top < bottom:
                buckets[s].append(i)
    return buckets
