"""What editing a node's source does to the map's records (no Qt): the rules the editor's
commands follow, so that the document stays what `ArgumentMap` would build.

A node's source is the record it cites plus its own quote and locator. The Inspector's
title and URL fields edit the node's record, for every node that cites it; a node with no
record gets one (the record with that title and URL, or a new one). A record that says only
what a version-1 file can (a title and URL) is identified by them: renaming it re-keys it
(source_ids.plain_id), so the map keeps being written as version 1, and renaming it to
another record's title and URL joins the two. A record with an author, a date or a text
keeps its id. A plain record that loses its last citation is removed (link_sources would
drop it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from argmap.core.model import Node, Source, SourceRecord, link_sources
from argmap.core.source_ids import plain_ids

#: Record id -> the record after an edit, or None: removed.
RecordDiff = dict[str, SourceRecord | None]


@dataclass(frozen=True)
class Citation:
    """The nodes and records one source edit changes (empty: nothing changes)."""

    nodes: dict[str, Node] = field(default_factory=dict)
    records: RecordDiff = field(default_factory=dict)


def _key(source: Source | None) -> tuple[str, str, str, str] | None:
    if source is None:
        return None
    return (source.title, source.url, source.quote, source.locator)


def cite(records: Mapping[str, SourceRecord], citing: Callable[[str], Iterable[Node]],
         node: Node, new: Source | None) -> Citation:
    """Give `node` the source `new` (its title, URL, quote and locator; a source_id in it is
    ignored). `citing(record id)` lists the nodes that cite a record."""
    if _key(new) == _key(node.source):
        return Citation()
    old = records.get(node.source.source_id or "") if node.source is not None else None
    nodes: dict[str, Node] = {}
    changed: RecordDiff = {}
    if new is None or not (new.title or new.url):
        bare = None if new is None else Source(quote=new.quote, locator=new.locator)
        nodes[node.id] = node.model_copy(update={"source": bare})
        if old is not None:
            _drop_if_orphan(old, citing, {node.id}, changed)
        return Citation(nodes, changed)
    if old is None:
        target = _record_for(records, new.title, new.url, changed)
        nodes[node.id] = _citing(node, target, new)
        return Citation(nodes, changed)
    if (old.title, old.url) == (new.title, new.url):
        nodes[node.id] = _citing(node, old, new)
        return Citation(nodes, changed)
    target = _renamed(records, old, new.title, new.url, changed)
    for other in citing(old.id):
        if other.id != node.id:
            nodes[other.id] = _citing(other, target, other.source)
    nodes[node.id] = _citing(node, target, new)
    return Citation(nodes, changed)


def _citing(node: Node, record: SourceRecord, source: Source | None) -> Node:
    quote, locator = (source.quote, source.locator) if source is not None else ("", "")
    cited = Source(source_id=record.id, title=record.title, url=record.url, quote=quote,
                   locator=locator)
    return node if node.source == cited else node.model_copy(update={"source": cited})


def _record_for(records: Mapping[str, SourceRecord], title: str, url: str,
                changed: RecordDiff) -> SourceRecord:
    """The record with this title and URL (the first by id), or a new plain one."""
    found = next((records[i] for i in sorted(records)
                  if (records[i].title, records[i].url) == (title, url)), None)
    if found is not None:
        return found
    record_id = plain_ids([(title, url)], records)[(title, url)]
    made = SourceRecord(id=record_id, title=title, url=url)
    changed[record_id] = made
    return made


def _renamed(records: Mapping[str, SourceRecord], old: SourceRecord, title: str, url: str,
             changed: RecordDiff) -> SourceRecord:
    """`old` under a new title and URL: re-keyed (or joined to the record that has them)
    when it is plain, else the same record edited."""
    if not old.plain:
        edited = old.model_copy(update={"title": title, "url": url})
        changed[old.id] = edited
        return edited
    others = {i: r for i, r in records.items() if i != old.id}
    target = _record_for(others, title, url, changed)
    changed[old.id] = None
    return target


def _drop_if_orphan(record: SourceRecord, citing: Callable[[str], Iterable[Node]],
                    leaving: set[str], changed: RecordDiff) -> None:
    if record.plain and all(n.id in leaving for n in citing(record.id)):
        changed[record.id] = None


def link_fragment(records: Mapping[str, SourceRecord], nodes: Sequence[Node]) -> tuple[
        list[Node], RecordDiff]:
    """Pasted nodes (which carry their sources' titles and URLs, not record ids) cite this
    map's records with those titles and URLs; new plain records for the rest."""
    loose = [n.model_copy(update={"source": n.source.model_copy(update={"source_id": None})})
             if n.source is not None and n.source.source_id is not None else n for n in nodes]
    linked, kept = link_sources(tuple(loose), tuple(records.values()), prune=False)
    return list(linked), {r.id: r for r in kept if r.id not in records}
