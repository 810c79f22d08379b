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

from argmap.core.connectors import Edge, Route
from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle, make_layout
from argmap.core.model import PREMISES, ArgumentMap, Kind, Node
from argmap.core.premise_rows import frame_connector, frame_of, rows_of
from argmap.look import OUTLINE, Box, measure
from argmap.look_argument import stretched
from argmap.paint import edge_bounds, route_bounds

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
        as the canvas items report them: what each may paint on."""
        def corners(r: QRectF) -> Bounds:  # one QRectF at a time: not one per item at once
            return r.left(), r.top(), r.right(), r.bottom()

        out = [(left - 1, top - 1, right + 1, bottom + 1) for left, top, right, bottom in self.frames]
        out += [corners(route_bounds(lines)) for lines in self.trunks]
        out += [corners(edge_bounds(edge)) for edge, _attack in self.edges]
        for (x, y), box in zip(self.places, self.boxes, strict=True):
            out.append(corners(QRectF(0, 0, box.width, box.height).adjusted(
                -OUTLINE, -OUTLINE, OUTLINE, OUTLINE).translated(x, y)))
        return out


def picture(amap: ArgumentMap, layout: LayoutStyle | str = DEFAULT_LAYOUT) -> Picture:
    """Lay the map out as the editor's scene would in that layout with nothing collapsed."""
    index = amap.children_index()
    children = {parent: [n.id for n in kids] for parent, kids in index.items() if parent is not None}
    roots = [n.id for n in index.get(None, [])]
    measured = {n.id: measure(n, full=True) for n in amap.nodes}  # nothing cut
    kinds = {n.id: n.kind for n in amap.nodes}
    tree = make_layout(layout)
    rows = rows_of((n.id for n in amap.nodes if n.kind is Kind.ARGUMENT),
                   lambda a: children.get(a, []), lambda n: kinds[n] in PREMISES,
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
        del tree, links, index, children, measured, sizes, pos
        gc.collect()
    return pic
