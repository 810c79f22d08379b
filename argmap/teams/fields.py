"""A node as a flat record of the fields that are compared and merged one by one (no Qt).

`order` is not a field here: sibling order is compared as a sequence (siblings.py).
A node without a source has None in every source field, so "source added" and "one
source field edited" are the same kind of change.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.core.model import ArgumentMap, Kind, Node, Source

FIELDS: tuple[str, ...] = (
    "parent",
    "kind",
    "text",
    "source.title",
    "source.url",
    "source.quote",
    "source.locator",
)
PARENT, KIND, TEXT = 0, 1, 2
SOURCE = slice(3, 7)

Record = tuple[object, ...]


def record(node: Node) -> Record:
    s = node.source
    if s is None:
        return (node.parent, node.kind, node.text, None, None, None, None)
    return (node.parent, node.kind, node.text, s.title, s.url, s.quote, s.locator)


def build_node(node_id: str, rec: Sequence[object], order: int) -> Node:
    """A Node from a merged record (values already validated on some side)."""
    title, url, quote, locator = rec[SOURCE]
    source = None
    if not (title is None and url is None and quote is None and locator is None):
        source = Source.model_construct(
            title=title or "", url=url or "", quote=quote or "", locator=locator or ""
        )
    kind = rec[KIND]
    assert isinstance(kind, Kind)
    parent = rec[PARENT]
    assert parent is None or isinstance(parent, str)
    text = rec[TEXT]
    assert isinstance(text, str)
    return Node.model_construct(
        id=node_id, parent=parent, order=order, kind=kind, text=text, source=source
    )


def children_ids(amap: ArgumentMap) -> dict[str | None, list[str]]:
    """Parent id -> child ids in sibling order (roots under None)."""
    return {p: [n.id for n in kids] for p, kids in amap.children_index().items()}
