"""A node as a flat record of the fields that are compared and merged one by one (no Qt).

`order` is not a field here: sibling order is compared as a sequence (siblings.py).
A node without a source has None in every source field, so "source added" and "one
source field edited" are the same kind of change. A node's source fields are the record it
cites (`source.id`, None for a quote without a record) and its own quote and locator; the
record's title, URL, author, date and text are the record's fields (RECORD_FIELDS), compared
and merged by record id like a node's. An argument node is a node like any other: its
`polarity` is a field, and so is any node's `assessment` (None: not assessed).
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.core.model import ArgumentMap, Kind, Node, Source, SourceRecord

FIELDS: tuple[str, ...] = (
    "parent",
    "kind",
    "polarity",
    "text",
    "assessment",
    "source.id",
    "source.quote",
    "source.locator",
)
PARENT, KIND, POLARITY, TEXT, ASSESSMENT = 0, 1, 2, 3, 4
SOURCE = slice(5, 8)
#: A source record's fields, as diff and merge name them (`record.<field>`).
RECORD_FIELDS: tuple[str, ...] = ("title", "author", "date", "url", "text")

Record = tuple[object, ...]


def record(node: Node) -> Record:
    s = node.source
    head = (node.parent, node.kind, node.polarity, node.text, node.assessment)
    if s is None:
        return (*head, None, None, None)
    return (*head, s.source_id, s.quote, s.locator)


def source_record(record: SourceRecord) -> Record:
    return tuple(getattr(record, name) for name in RECORD_FIELDS)


def build_record(record_id: str, rec: Sequence[object]) -> SourceRecord:
    """A SourceRecord from merged fields (each validated on some side)."""
    title, author, date, url, text = rec
    return SourceRecord.model_construct(id=record_id, title=title, author=author, date=date,
                                        url=url, text=text)


def build_node(node_id: str, rec: Sequence[object], order: int) -> Node:
    """A Node from a merged record (values already validated on some side); the title and
    URL of its source come from its record when the map is built (link_sources)."""
    source_id, quote, locator = rec[SOURCE]
    source = None
    if not (source_id is None and quote is None and locator is None):
        assert source_id is None or isinstance(source_id, str)
        source = Source.model_construct(source_id=source_id, title="", url="",
                                        quote=quote or "", locator=locator or "")
    kind = rec[KIND]
    assert isinstance(kind, Kind)
    parent = rec[PARENT]
    assert parent is None or isinstance(parent, str)
    text = rec[TEXT]
    assert isinstance(text, str)
    polarity, assessment = rec[POLARITY], rec[ASSESSMENT]
    # model_construct skips Node's own check: the merge's kind pass keeps polarity in step.
    assert (polarity in ("supports", "attacks")) == (kind is Kind.ARGUMENT), (node_id, polarity)
    assert assessment is None or isinstance(assessment, float)
    return Node.model_construct(
        id=node_id, parent=parent, order=order, kind=kind, polarity=polarity, text=text,
        assessment=assessment, source=source,
    )


def children_ids(amap: ArgumentMap) -> dict[str | None, list[str]]:
    """Parent id -> child ids in sibling order (roots under None)."""
    return {p: [n.id for n in kids] for p, kids in amap.children_index().items()}
