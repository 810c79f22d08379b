"""A map laid out for drawing, without a scene: every box's place and look.Box, every
edge's ends, in the order the canvas stacks them (edges under boxes, each in map order).

The SVG writer and the PNG/PDF painter both start here; the editor's scene places its
items with the same layout and the same look.measure, so the three agree. Plain lists,
a few per node: a 200,000-node map costs tens of MB here, not a widget scene.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from argmap.core.layout import Direction, TreeLayout
from argmap.core.model import ATTACKS, ArgumentMap, Node
from argmap.look import OUTLINE, Box, edge_ends, measure
from argmap.paint import EdgeEnds, edge_bounds

MARGIN = 24.0  # blank border around an exported picture

Bounds = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Picture:
    nodes: list[Node]  # placed nodes, in map order
    boxes: list[Box]  # the Box of each of nodes
    places: list[tuple[float, float]]  # top-left corner of each of nodes
    edges: list[tuple[EdgeEnds, bool]]  # (ends, attack) per child with a placed parent
    content: Bounds | None  # what the boxes cover (the layout's bounds); None: no node

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
        """Scene bounds of every item in paint order (edges, then nodes), as the canvas
        items report them: what each may paint on."""
        out: list[Bounds] = []
        for ends, _attack in self.edges:
            rect = edge_bounds(ends)
            out.append((rect.left(), rect.top(), rect.right(), rect.bottom()))
        for (x, y), box in zip(self.places, self.boxes, strict=True):
            rect = QRectF(0, 0, box.width, box.height).adjusted(
                -OUTLINE, -OUTLINE, OUTLINE, OUTLINE).translated(x, y)
            out.append((rect.left(), rect.top(), rect.right(), rect.bottom()))
        return out


def picture(amap: ArgumentMap, direction: Direction = Direction.DOWN) -> Picture:
    """Lay the map out as the editor's scene would with nothing collapsed."""
    index = amap.children_index()
    children = {parent: [n.id for n in kids] for parent, kids in index.items() if parent is not None}
    roots = [n.id for n in index.get(None, [])]
    measured = {n.id: measure(n) for n in amap.nodes}
    sizes = {i: (b.width, b.height) for i, b in measured.items()}
    tree = TreeLayout(direction)
    pos = tree.full(roots, children, sizes)
    nodes = [n for n in amap.nodes if n.id in pos]
    down = direction is Direction.DOWN
    edges: list[tuple[EdgeEnds, bool]] = []
    for node in amap.nodes:
        parent = node.parent
        if parent is None or node.id not in pos or parent not in pos:
            continue
        ends = edge_ends(pos[node.id], sizes[node.id], pos[parent], sizes[parent], down)
        edges.append(((*ends, down), node.kind in ATTACKS))
    content = tree.bounds() if pos else None
    return Picture(nodes, [measured[n.id] for n in nodes], [pos[n.id] for n in nodes], edges,
                   content)
