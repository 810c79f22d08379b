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
from typing import TYPE_CHECKING, Any, Literal, Self, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, model_validator

from argmap.core.source_ids import plain_ids
from argmap.core.strict import (
    ID_PATTERN,
    OPTIONAL_TEXT_PATTERN,
    TEXT_PATTERN,
    TITLE_PATTERN,
    Timestamp,
    fraction_type,
    integer_type,
    text_type,
)

#: Limits checked before (file size) or during (counts, lengths) validation.
MAX_NODES = 200_000
MAX_TEXT = 10_000
MAX_TITLE = 500
MAX_ORDER = 1_000_000
MAX_ID = 64
#: Source records per map, and the characters of one record's attached text.
MAX_SOURCES = 1_000
MAX_SOURCE_TEXT = 2_000_000


class Kind(StrEnum):
    """What a node says about its parent."""

    CLAIM = "claim"  # a thesis (root) or a reason that supports its parent
    EVIDENCE = "evidence"  # a sourced fact that supports its parent
    OBJECTION = "objection"  # attacks its parent
    REBUTTAL = "rebuttal"  # attacks its parent, which must be an objection
    # One inference from its premises (claim/evidence children, which hold only together)
    # to its parent, which it supports or attacks (Node.polarity). An objection under it
    # undercuts the inference. Never a root, never directly under another argument.
    ARGUMENT = "argument"


SUPPORTS = frozenset({Kind.CLAIM, Kind.EVIDENCE})
ATTACKS = frozenset({Kind.OBJECTION, Kind.REBUTTAL})
#: The kinds of an argument node's premises (its other children, objections, undercut it).
PREMISES = SUPPORTS
#: What an argument node does to its parent.
Polarity: TypeAlias = Literal["supports", "attacks"]

#: Field types: each validator and its JSON Schema come from one definition (core/strict.py).
if TYPE_CHECKING:  # what the values are; the validators below are what pydantic runs
    NodeId: TypeAlias = str
    NodeText: TypeAlias = str
    Title: TypeAlias = str
    ShortText: TypeAlias = str
    LongText: TypeAlias = str
    Order: TypeAlias = int
    Assessment: TypeAlias = float
    SourceText: TypeAlias = str
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
    Assessment = fraction_type(0.0, 1.0)
    SourceText = text_type(TEXT_PATTERN, MAX_SOURCE_TEXT, "must contain a visible character, "
                           "and no NUL or unpaired surrogate", strip=False)

_CONFIG = ConfigDict(
    extra="forbid", frozen=True, allow_inf_nan=False, validate_default=True, str_max_length=MAX_TEXT
)


#: A file's node source names its record or carries a title and URL itself, not both.
_SOURCE_RULE: dict[str, Any] = {
    "if": {"required": ["source_id"]},
    "then": {"properties": {"title": False, "url": False}},
}


#: Memory: pydantic gives every instance a set of the fields it was given (~220-470 bytes,
#: ~100 MB over a 200,000-node map's nodes and quotes). Models here are frozen and never
#: change theirs (model_copy copies it before adding to it), so instances given the same
#: fields share one set (docs/performance.md, the export memory bound).
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def share_fields_set(model: BaseModel) -> None:
    """Swap the instance's own set of given fields for the shared one with the same names."""
    given = model.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault(frozenset(given), given)
    if shared is not given:
        object.__setattr__(model, "__pydantic_fields_set__", shared)


class Source(BaseModel):
    """Where a node's quote comes from: the record it cites (`source_id`), and the node's
    own quote and locator. `title` and `url` are the record's, copied in when the map is
    built (ArgumentMap), so a node shows its citation on its own; the record is what is
    stored and edited. With no `source_id`, a title or URL is grouped into a record when
    the map is built; a quote with neither stays a quote without a record."""

    model_config = ConfigDict(**_CONFIG, json_schema_extra={"allOf": [_SOURCE_RULE]})

    source_id: NodeId | None = None
    title: ShortText = ""
    url: ShortText = ""
    quote: LongText = ""
    locator: ShortText = ""

    @model_validator(mode="after")
    def _shared(self) -> Self:
        share_fields_set(self)
        return self


#: The one-node rule of `Node._polarity`, as the JSON Schema states it (format version 2).
_POLARITY_RULE: dict[str, Any] = {
    "if": {"properties": {"kind": {"const": "argument"}}, "required": ["kind"]},
    "then": {"required": ["polarity"],
             "properties": {"polarity": {"enum": ["supports", "attacks"]}}},
    "else": {"properties": {"polarity": {"type": "null"}}},
}


class Node(BaseModel):
    """One box on the map. `order` sorts siblings; ties break by id.

    `polarity` is required on an argument node ("supports" or "attacks" its parent) and
    null or absent on every other kind. `assessment` is the user's own judgement of how
    acceptable the node is on its own, 0 to 1 (null or absent: not assessed), on any kind.
    Both are format version 2: a map that uses neither, and no argument node, is written as
    version 1.
    """

    model_config = ConfigDict(**_CONFIG, json_schema_extra={"allOf": [_POLARITY_RULE]})

    id: NodeId
    parent: NodeId | None = None
    order: Order = 0
    kind: Kind
    polarity: Polarity | None = None
    text: NodeText
    assessment: Assessment | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _polarity(self) -> Self:
        if self.kind is Kind.ARGUMENT and self.polarity is None:
            raise ValueError("polarity: an argument node needs one (supports or attacks)")
        if self.kind is not Kind.ARGUMENT and self.polarity is not None:
            raise ValueError(f"polarity: only an argument node has one, not a {self.kind.value}")
        share_fields_set(self)  # (here, not in a validator of its own: one call per node)
        return self

    @property
    def attacks(self) -> bool:
        """True if this node attacks its parent (an objection, a rebuttal, an attacking
        argument); False if it supports it."""
        return self.kind in ATTACKS or self.polarity == "attacks"

    @property
    def uses_version_2(self) -> bool:
        """True if writing this node needs map-file format version 2."""
        return self.kind is Kind.ARGUMENT or self.assessment is not None


class SourceRecord(BaseModel):
    """A document that a map's nodes quote: its title, author, date (as written, e.g.
    "30 January 2024") and URL, and optionally its plain text (attached from a paste or a
    .txt/.md/.html/.pdf file; see docs/sources.md), against which the quotes are checked."""

    model_config = ConfigDict(**{**_CONFIG, "str_max_length": MAX_SOURCE_TEXT})

    id: NodeId
    title: ShortText = ""
    author: ShortText = ""
    date: ShortText = ""
    url: ShortText = ""
    text: SourceText | None = None

    @property
    def plain(self) -> bool:
        """True if the record says only what a version-1 file can: a title and a URL."""
        return not (self.author or self.date or self.text is not None)


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

    Kind rules: a root is a claim; a rebuttal's parent is an objection; an argument node's
    parent is any node but another argument, and it has at least one premise (a claim or
    evidence child). One premise is allowed: an undercut (an objection under the argument)
    needs an inference to aim at even when a single reason carries it (AIF: a one-premise
    RA attacked by a CA).

    fragment=True (clipboard payloads): top-level nodes may be of any kind but a rebuttal
    or an argument still needs what it needs below it.
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
        if node.kind is Kind.ARGUMENT and parent.kind is Kind.ARGUMENT:
            raise StructureError(
                f"node {node.id!r}: kind: an argument cannot sit directly under another "
                f"argument {parent.id!r} (an objection there undercuts it)",
                node.id,
                "kind",
            )
    arguments = {n.id for n in by_id.values() if n.kind is Kind.ARGUMENT}
    if arguments:
        premised = {n.parent for n in by_id.values() if n.kind in PREMISES}
        for node_id in arguments:
            if node_id not in premised:
                raise StructureError(
                    f"node {node_id!r}: kind: an argument needs at least one premise "
                    "(a claim or evidence under it)",
                    node_id,
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
    """A whole map: metadata, nodes and source records, validated together on every
    construction. Records are kept sorted by id; see link_sources for how nodes and records
    are tied together."""

    model_config = _CONFIG

    info: MapInfo
    nodes: tuple[Node, ...] = Field(default=(), max_length=MAX_NODES)
    sources: tuple[SourceRecord, ...] = Field(default=(), max_length=MAX_SOURCES)

    @model_validator(mode="after")
    def _structure(self) -> Self:
        check_structure(self.nodes)
        nodes, sources = link_sources(self.nodes, self.sources)
        # Still being built: the linked values replace the given ones before anyone sees it.
        if nodes is not self.nodes:
            object.__setattr__(self, "nodes", nodes)
        if sources != self.sources:
            object.__setattr__(self, "sources", sources)
        return self

    def source(self, source_id: str | None) -> SourceRecord | None:
        """The record with this id, or None."""
        return next((r for r in self.sources if r.id == source_id), None)

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


def link_sources(nodes: tuple[Node, ...], sources: tuple[SourceRecord, ...], *,
                 prune: bool = True) -> tuple[tuple[Node, ...], tuple[SourceRecord, ...]]:
    """Tie nodes to records: each node's source names a record, whose title and URL it
    shows. O(nodes). Returns `nodes` itself when no node changed, and the records by id.

    - A source with a title or URL but no `source_id` (a version-1 file, an import, a
      paste) cites the record with that title and URL, made if there is none (its id from
      source_ids.plain_id).
    - A `source_id` naming no record makes one of the node's title and URL: a map built
      from some of another map's nodes (a subtree export) keeps their citations.
    - A node's title and URL are its record's (a stale copy is replaced).
    - prune: a record that holds only a title and URL and that no node cites is dropped
      (it says nothing); a record with an author, a date or a text is kept.
    """
    by_id: dict[str, SourceRecord] = {}
    for record in sources:
        if record.id in by_id:
            raise StructureError(f"source {record.id!r}: duplicate id", None, "sources")
        by_id[record.id] = record
    loose: set[tuple[str, str]] = set()
    for node in nodes:
        s = node.source
        if s is None:
            continue
        if s.source_id is None:
            if s.title or s.url:
                loose.add((s.title, s.url))
        elif s.source_id not in by_id:
            by_id[s.source_id] = SourceRecord(id=s.source_id, title=s.title, url=s.url)
    by_key: dict[tuple[str, str], str] = {}
    if loose:
        for record_id in sorted(by_id):
            by_key.setdefault((by_id[record_id].title, by_id[record_id].url), record_id)
        made = plain_ids((p for p in loose if p not in by_key), by_id)
        for (title, url), record_id in made.items():
            by_id[record_id] = SourceRecord(id=record_id, title=title, url=url)
            by_key[(title, url)] = record_id
    out: list[Node] = []
    cited: set[str] = set()
    changed = False
    for node in nodes:
        s = node.source
        if s is not None and (s.source_id is not None or s.title or s.url):
            record = by_id[s.source_id if s.source_id is not None else by_key[(s.title, s.url)]]
            cited.add(record.id)
            if (s.source_id, s.title, s.url) != (record.id, record.title, record.url):
                fixed = s.model_copy(update={"source_id": record.id, "title": record.title,
                                             "url": record.url})
                node = node.model_copy(update={"source": fixed})
                share_fields_set(fixed)
                share_fields_set(node)
                changed = True
        out.append(node)
    kept = tuple(by_id[i] for i in sorted(by_id)
                 if not prune or i in cited or not by_id[i].plain)
    return (tuple(out) if changed else nodes), kept


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
    # Under an argument: premises (claim, evidence) and undercuts (objection). An argument
    # node itself is never offered as a new empty child: it needs a premise to exist.
    return (Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION)


def may_hold(parent_kind: Kind | None, child_kind: Kind) -> bool:
    """Whether an existing `child_kind` node may sit under `parent_kind` (None: a root): the
    kind rules of check_structure for one edge (an argument's premise count is separate)."""
    if child_kind is Kind.ARGUMENT:
        return parent_kind is not None and parent_kind is not Kind.ARGUMENT
    return child_kind in allowed_child_kinds(parent_kind)
