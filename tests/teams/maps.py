"""Small builders for merge tests: maps from (id, parent, kind, text) rows, and edits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from argmap.core.model import ArgumentMap, MapInfo, Node

STAMP = datetime(2024, 1, 1, tzinfo=UTC)


def make(rows: list[tuple[str, str | None, str, str]], *, title: str = "t",
         modified: datetime = STAMP, map_id: str = "m1",
         polarity: Callable[[str], str] = lambda _id: "supports") -> ArgumentMap:
    """Rows in sibling order: (id, parent, kind, text); an argument's polarity comes from
    `polarity(its id)`."""
    nodes = []
    seen: dict[str | None, int] = {}
    for node_id, parent, kind, text in rows:
        order = seen.get(parent, 0)
        seen[parent] = order + 1
        pole = polarity(node_id) if kind == "argument" else None
        nodes.append(Node(id=node_id, parent=parent, order=order, kind=kind, text=text,
                          polarity=pole))
    info = MapInfo(id=map_id, title=title, created=STAMP, modified=modified)
    return ArgumentMap(info=info, nodes=tuple(nodes)).canonical()


def change(amap: ArgumentMap, node_id: str, **fields: Any) -> ArgumentMap:
    """`amap` with one node's fields replaced (validated)."""
    nodes = [n.model_dump() | fields if n.id == node_id else n.model_dump() for n in amap.nodes]
    return ArgumentMap.model_validate({"info": amap.info.model_dump(), "nodes": nodes,
                                       "sources": amap.sources})


def add(amap: ArgumentMap, node_id: str, parent: str | None, kind: str = "claim",
        text: str = "new", order: int = 10_000) -> ArgumentMap:
    nodes = [n.model_dump() for n in amap.nodes]
    nodes.append({"id": node_id, "parent": parent, "order": order, "kind": kind, "text": text})
    return ArgumentMap.model_validate({"info": amap.info.model_dump(), "nodes": nodes,
                                       "sources": amap.sources}).canonical()


def remove(amap: ArgumentMap, node_id: str) -> ArgumentMap:
    """Delete a node and its subtree, as the editor does."""
    kids = amap.children_index()
    gone = set()
    stack = [node_id]
    while stack:
        current = stack.pop()
        gone.add(current)
        stack.extend(k.id for k in kids.get(current, []))
    return amap.model_copy(update={"nodes": tuple(n for n in amap.nodes if n.id not in gone)})


def touch(amap: ArgumentMap, modified: datetime) -> ArgumentMap:
    return amap.model_copy(update={"info": amap.info.model_copy(update={"modified": modified})})


def texts(amap: ArgumentMap) -> dict[str, str]:
    return {n.id: n.text for n in amap.nodes}


def sibling_ids(amap: ArgumentMap, parent: str | None) -> list[str]:
    return [n.id for n in amap.children_index().get(parent, [])]
