"""The argument-map document model: immutable, validated pydantic objects (no Qt).

A map is a flat list of nodes that name their parent by id. Flat data keeps every
algorithm iterative (a 5,000-deep chain is as cheap as a bushy tree), lets the file
format diff line by line, and gives three-way merge a stable key per node.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Self, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, model_validator

from argmap.core.strict import (
    ID_PATTERN,
    OPTIONAL_TEXT_PATTERN,
    TEXT_PATTERN,
    TITLE_PATTERN,
    Timestamp,
    integer_type,
    text_type,
)

#: Limits checked before (file size) or during (counts, lengths) validation.
MAX_NODES = 200_000
MAX_TEXT = 10_000
MAX_TITLE = 500
MAX_ORDER = 1_000_000
MAX_ID = 64


class Kind(StrEnum):
    """What a node says about its parent."""

    CLAIM = "claim"  # a thesis (root) or a reason that supports its parent
    EVIDENCE = "evidence"  # a sourced fact that supports its parent
    OBJECTION = "objection"  # attacks its parent
    REBUTTAL = "rebuttal"  # attacks its parent, which must be an objection


SUPPORTS = frozenset({Kind.CLAIM, Kind.EVIDENCE})
ATTACKS = frozenset({Kind.OBJECTION, Kind.REBUTTAL})

#: Field types: each validator and its JSON Schema come from one definition (core/strict.py).
if TYPE_CHECKING:  # what the values are; the validators below are what pydantic runs
    NodeId: TypeAlias = str
    NodeText: TypeAlias = str
    Title: TypeAlias = str
    ShortText: TypeAlias = str
    LongText: TypeAlias = str
    Order: TypeAlias = int
else:
    NodeId = text_type(ID_PATTERN, MAX_ID, "must be 1-64 letters, digits or ._:- (starting with a "
                       "letter or digit)", strip=False)
    NodeText = text_type(TEXT_PATTERN, MAX_TEXT, "must contain a visible character, and no NUL "
                         "or unpaired surrogate", strip=True)
    Title = text_type(TITLE_PATTERN, MAX_TITLE, "must be a single line with a visible character, "
                      "and no NUL or unpaired surrogate", strip=True)
    _STORABLE_WHAT = "must not contain a NUL or an unpaired surrogate"
    ShortText = text_type(OPTIONAL_TEXT_PATTERN, 2_000, _STORABLE_WHAT, strip=True)
    LongText = text_type(OPTIONAL_TEXT_PATTERN, MAX_TEXT, _STORABLE_WHAT, strip=True)
    Order = integer_type(0, MAX_ORDER, 0)

_CONFIG = ConfigDict(
    extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True, str_max_length=MAX_TEXT
)


class Source(BaseModel):
    """Where a piece of evidence (or any node) comes from."""

    model_config = _CONFIG

    title: ShortText = ""
    url: ShortText = ""
    quote: LongText = ""
    locator: ShortText = ""


class Node(BaseModel):
    """One box on the map. `order` sorts siblings; ties break by id."""

    model_config = _CONFIG

    id: NodeId
    parent: NodeId | None = None
    order: Order = 0
    kind: Kind
    text: NodeText
    source: Source | None = None


class MapInfo(BaseModel):
    """A map's identity and metadata, separate from its nodes."""

    model_config = _CONFIG

    id: NodeId
    title: Title
    created: Timestamp
    modified: Timestamp


class StructureError(ValueError):
    """A rule that spans nodes is broken; `node_id` and `field` say where."""

    def __init__(self, message: str, node_id: str | None = None, field: str | None = None):
        super().__init__(message)
        self.node_id = node_id
        self.field = field


def check_structure(nodes: Iterable[Node], *, fragment: bool = False) -> None:
    """Unique ids, parents that exist, no cycles, kind rules. Iterative: O(n) and no recursion.

    fragment=True (clipboard payloads): top-level nodes may be of any kind.
    """
    by_id: dict[str, Node] = {}
    for node in nodes:
        if node.id in by_id:
            raise StructureError(f"node {node.id!r}: duplicate id", node.id, "id")
        by_id[node.id] = node
    if len(by_id) > MAX_NODES:
        raise StructureError(f"{len(by_id)} nodes: a map holds at most {MAX_NODES}")
    for node in by_id.values():
        if node.parent is None:
            if node.kind is not Kind.CLAIM and not fragment:
                raise StructureError(
                    f"node {node.id!r}: kind: a root must be a claim, not {node.kind.value}",
                    node.id,
                    "kind",
                )
            continue
        if node.parent == node.id:
            raise StructureError(f"node {node.id!r}: parent: a node cannot be its own parent",
                                 node.id, "parent")
        parent = by_id.get(node.parent)
        if parent is None:
            raise StructureError(
                f"node {node.id!r}: parent: no node has id {node.parent!r}", node.id, "parent"
            )
        if node.kind is Kind.REBUTTAL and parent.kind is not Kind.OBJECTION:
            raise StructureError(
                f"node {node.id!r}: kind: a rebuttal must answer an objection, "
                f"but its parent {parent.id!r} is {parent.kind.value}",
                node.id,
                "kind",
            )
    # Cycle check: walk up from each unvisited node; 0 = unseen, 1 = on this walk, 2 = done.
    state: dict[str, int] = dict.fromkeys(by_id, 0)
    for start in by_id:
        if state[start]:
            continue
        walk = []
        current: str | None = start
        while current is not None and state[current] == 0:
            state[current] = 1
            walk.append(current)
            current = by_id[current].parent
        if current is not None and state[current] == 1:
            raise StructureError(
                f"node {current!r}: parent: the parent chain loops back to this node",
                current,
                "parent",
            )
        for node_id in walk:
            state[node_id] = 2


class ArgumentMap(BaseModel):
    """A whole map: metadata plus nodes, validated together on every construction."""

    model_config = _CONFIG

    info: MapInfo
    nodes: tuple[Node, ...] = Field(default=(), max_length=MAX_NODES)

    @model_validator(mode="after")
    def _structure(self) -> Self:
        check_structure(self.nodes)
        return self

    # -- queries -------------------------------------------------------------------------
    def by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def children_index(self) -> dict[str | None, list[Node]]:
        """Parent id -> children in sibling order (roots under None)."""
        index: dict[str | None, list[Node]] = defaultdict(list)
        for node in self.nodes:
            index[node.parent].append(node)
        for kids in index.values():
            kids.sort(key=sort_key)
        return index

    def preorder(self) -> Iterator[tuple[Node, int]]:
        """(node, depth) in depth-first pre-order, siblings by order; iterative."""
        return walk_preorder(self.children_index())

    def in_preorder(self) -> ArgumentMap:
        """Nodes in pre-order, each keeping its order value (what the library stores)."""
        out = tuple(n for n, _depth in self.preorder())
        return self if out == self.nodes else self.model_copy(update={"nodes": out})

    def canonical(self) -> ArgumentMap:
        """Nodes in pre-order with orders renumbered 0..k-1: one byte form per map."""
        index = self.children_index()
        position = {n.id: i for kids in index.values() for i, n in enumerate(kids)}
        out = tuple(
            n if n.order == position[n.id] else n.model_copy(update={"order": position[n.id]})
            for n, _depth in walk_preorder(index)
        )
        return self.model_copy(update={"nodes": out})


def sort_key(node: Node) -> tuple[int, str]:
    return (node.order, node.id)


def walk_preorder(index: dict[str | None, list[Node]]) -> Iterator[tuple[Node, int]]:
    stack: list[tuple[Node, int]] = [(n, 0) for n in reversed(index.get(None, []))]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        kids = index.get(node.id)
        if kids:
            stack.extend((k, depth + 1) for k in reversed(kids))


def new_id() -> str:
    """A fresh node/map id: random, so copies made by different teammates never collide."""
    return uuid.uuid4().hex[:16]


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def new_map(title: str, nodes: Iterable[Node] = ()) -> ArgumentMap:
    stamp = now()
    return ArgumentMap(
        info=MapInfo(id=uuid.uuid4().hex, title=title, created=stamp, modified=stamp),
        nodes=tuple(nodes),
    )


def allowed_child_kinds(parent_kind: Kind | None) -> tuple[Kind, ...]:
    """Kinds a new child of `parent_kind` may take (None: a new root)."""
    if parent_kind is None:
        return (Kind.CLAIM,)
    if parent_kind is Kind.OBJECTION:
        return (Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION, Kind.REBUTTAL)
    return (Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION)
