"""Source records in the map file (no Qt): which version holds them, and how they are written
and checked beyond what the models check.

Version 2 has a top-level `sources` list of records, and a node's `source` names one by
`source_id` (its title and URL are the record's). Version 1 has no records: each node
carries its source's title and URL, and reading groups them into records
(model.link_sources). A map is written as version 1, byte for byte as before records,
exactly when reading that back gives the same records: every record holds only a title
and URL (no author, date or text), no two records share them, and each id is the one
grouping would make (source_ids.plain_ids). Records no node cites are already dropped
when they hold nothing more (link_sources).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from argmap.core.errors import MapFileError, excerpt, gist
from argmap.core.model import Node, Source, SourceRecord
from argmap.core.source_ids import plain_ids


def needs_version_2(sources: Iterable[SourceRecord]) -> bool:
    """True if a version-1 file cannot hold these records (see the module docstring)."""
    records = list(sources)
    pairs = [(r.title, r.url) for r in records]
    if any(not r.plain or pair == ("", "") for r, pair in zip(records, pairs, strict=True)):
        return True
    if len(set(pairs)) != len(pairs):
        return True
    ids = plain_ids(pairs)
    return any(ids[pair] != r.id for r, pair in zip(records, pairs, strict=True))


def source_json(source: Source, version: int) -> dict[str, Any]:
    """A node's `source` object. Version 1 (and clipboard fragments): title, url, quote,
    locator, as before records. Version 2: source_id (when it cites a record), quote, locator."""
    if version == 1:
        return {"title": source.title, "url": source.url, "quote": source.quote,
                "locator": source.locator}
    head = {"source_id": source.source_id} if source.source_id is not None else {}
    return {**head, "quote": source.quote, "locator": source.locator}


def record_json(record: SourceRecord) -> dict[str, Any]:
    """A record's object in a version-2 file: id, title, author, date, url, then the text
    when one is attached."""
    out: dict[str, Any] = {"id": record.id, "title": record.title, "author": record.author,
                           "date": record.date, "url": record.url}
    if record.text is not None:
        out["text"] = record.text
    return out


def node_named(raw: Any, index: int | None, node_id: object) -> str:
    """A node as a file's message names it: “its text…” and its id, or its place. `index`
    None: found by its id (one pass, on the way to an error only)."""
    nodes = raw.get("nodes") if isinstance(raw, dict) else None
    nodes = nodes if isinstance(nodes, list) else []
    if index is None:
        index = next((i for i, n in enumerate(nodes)
                      if isinstance(n, dict) and n.get("id") == node_id), None)
    node = nodes[index] if index is not None and index < len(nodes) else None
    text = node.get("text") if isinstance(node, dict) else None
    if not isinstance(node_id, str):
        return f"node #{index + 1}" if index is not None else "a node"
    if not isinstance(text, str) or not text.strip():
        return f"node {excerpt(node_id)}"
    named = gist(text)
    return f"node {named if named.isprintable() else excerpt(named)} (id {excerpt(node_id)})"


def _who(raw: Any, index: int) -> str:
    node_id = raw.get("id") if isinstance(raw, dict) else None
    return f"node {excerpt(node_id)}" if isinstance(node_id, str) else f"node #{index + 1}"


def check_raw(raw: dict[str, Any], version: int, name: str) -> None:
    """One pass over the raw file: version 1 has no `sources` and no `source_id`; in
    version 2 a source that names its record carries no title or url of its own."""
    if version == 1 and "sources" in raw:
        raise MapFileError(name, "sources: needs format version 2, but the file says version 1")
    nodes = raw.get("nodes")
    if not isinstance(nodes, list):
        return  # the model says what is wrong
    for index, node in enumerate(nodes):
        source = node.get("source") if isinstance(node, dict) else None
        if not isinstance(source, dict) or "source_id" not in source:
            continue
        if version == 1:
            raise MapFileError(name, f"{_who(node, index)}: source.source_id: needs format "
                                     "version 2, but the file says version 1", f"nodes[{index}]")
        extra = sorted({"title", "url"}.intersection(source))
        if extra:
            raise MapFileError(name, f"{_who(node, index)}: source.{extra[0]}: a source that "
                                     "names its record (source_id) takes its title and url "
                                     "from the record", f"nodes[{index}]")


def check_references(nodes: Iterable[Node], sources: Iterable[SourceRecord], name: str) -> None:
    """Every source_id names a record of the file (a rule between objects: the reader's)."""
    ids = {r.id for r in sources}
    for index, node in enumerate(nodes):
        source_id = node.source.source_id if node.source is not None else None
        if source_id is not None and source_id not in ids:
            raise MapFileError(name, f"node {excerpt(node.id)}: source.source_id: no source "
                                     f"record has id {excerpt(source_id)}", f"nodes[{index}]")
