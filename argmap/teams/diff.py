"""Compare two versions of a map node by node (no Qt): what `argmap diff` prints and what
the editor highlights.

One `Change` per node and field, and per source record and field (`sources`, by record
id: `record.added`, `record.title`…; a text is shown by its length). Values are kept as
Python values for the editor; `line()` turns a change into one stable tab-separated line
whose value columns are JSON, so texts with tabs or newlines stay on one line and the
output can be parsed back.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from argmap.core.bulk import bulk
from argmap.core.model import ArgumentMap, Kind, Node, SourceRecord
from argmap.core.terminal import safe_json
from argmap.teams.fields import FIELDS, RECORD_FIELDS, children_ids, record, source_record
from argmap.teams.siblings import reordered

#: Change kinds in the order they are listed for one node.
WHATS = ("title", "added", "removed", "moved", "reordered", "kind", "polarity", "text",
         "assessment", "source.id", "source.quote", "source.locator", "source")
#: Change kinds of a source record, in the order they are listed for one record.
RECORD_WHATS = ("record.added", "record.removed",
                *(f"record.{name}" for name in RECORD_FIELDS))
MAP = "-"  # the node-id column of a map-level change


@dataclass(frozen=True)
class Change:
    """One difference: `what` changed on node `node_id` (MAP for the map's title)."""

    what: str
    node_id: str
    old: object = None
    new: object = None

    def line(self) -> str:
        return "\t".join((self.what, self.node_id, _json(self.old), _json(self.new)))


@dataclass(frozen=True)
class MapDiff:
    """All changes from `a` to `b`, in a stable order: map title, then nodes in b's pre-order
    (nodes removed from a last, in a's pre-order), then by kind of change."""

    changes: tuple[Change, ...] = field(default=())
    #: Changes to source records (node_id: the record id), after the nodes' in `lines()`.
    sources: tuple[Change, ...] = field(default=())
    #: Nodes whose shown citation changed with their record's title or URL.
    citing: frozenset[str] = field(default=frozenset())

    def __bool__(self) -> bool:
        return bool(self.changes or self.sources)

    def counts(self) -> Counter[str]:
        """How many changes of each kind (for "3 added, 1 re-worded")."""
        return Counter(c.what for c in self.changes)

    def changed_ids(self) -> set[str]:
        """Node ids to highlight (added, removed or changed in any way)."""
        return {c.node_id for c in self.changes if c.node_id != MAP} | self.citing

    def lines(self) -> list[str]:
        return [c.line() for c in (*self.changes, *self.sources)]


def _json(value: object) -> str:
    if isinstance(value, Kind):
        value = value.value
    return safe_json(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _summary(node: Node) -> dict[str, object]:
    out: dict[str, object] = {"parent": node.parent, "kind": node.kind.value, "text": node.text}
    if node.polarity is not None:
        out["polarity"] = node.polarity
    return out


@bulk
def diff_maps(a: ArgumentMap, b: ArgumentMap) -> MapDiff:
    """The changes that turn `a` into `b` (timestamps and map id are not compared)."""
    old, new = a.by_id(), b.by_id()
    changes: list[Change] = []
    if a.info.title != b.info.title:
        changes.append(Change("title", MAP, a.info.title, b.info.title))
    kids_a, kids_b = children_ids(a), children_ids(b)
    moved_in_place: dict[str, tuple[int, int]] = {}
    for parent, after in kids_b.items():
        before = kids_a.get(parent, [])
        stay = [n for n in before if n in new and new[n].parent == parent]
        come = [n for n in after if n in old and old[n].parent == parent]
        moved = reordered(stay, come)
        if moved:
            pos_a = {n: i for i, n in enumerate(before)}
            pos_b = {n: i for i, n in enumerate(after)}
            for node_id in moved:
                moved_in_place[node_id] = (pos_a[node_id], pos_b[node_id])
    for node_id, node in new.items():
        prev = old.get(node_id)
        if prev is None:
            changes.append(Change("added", node_id, None, _summary(node)))
            continue
        r_old, r_new = record(prev), record(node)
        if r_old[0] != r_new[0]:
            changes.append(Change("moved", node_id, r_old[0], r_new[0]))
        if node_id in moved_in_place:
            changes.append(Change("reordered", node_id, *moved_in_place[node_id]))
        source_changed = False
        for name, x, y in zip(FIELDS[1:], r_old[1:], r_new[1:], strict=True):
            if name.startswith("source.") and (x or "") == (y or ""):
                continue  # "no source" and an empty field are one value here
            if x != y:
                changes.append(Change(name, node_id, x, y))
                source_changed = source_changed or name.startswith("source.")
        if (prev.source is None) != (node.source is None) and not source_changed:
            changes.append(Change("source", node_id, prev.source is not None, node.source is not None))
    for node_id, node in old.items():
        if node_id not in new:
            changes.append(Change("removed", node_id, _summary(node), None))
    rank_b = {n.id: i for i, (n, _d) in enumerate(b.preorder())}
    rank_a = {n.id: len(rank_b) + i for i, (n, _d) in enumerate(a.preorder())}
    what_rank = {w: i for i, w in enumerate(WHATS)}

    def key(c: Change) -> tuple[int, int]:
        where = -1 if c.node_id == MAP else rank_b.get(c.node_id, rank_a.get(c.node_id, 0))
        return (where, what_rank[c.what])

    changes.sort(key=key)
    sources, citing = _record_changes(a, b)
    return MapDiff(tuple(changes), sources, citing)


def _shown(name: str, value: object) -> object:
    """A record field as a change shows it: a text by its length (it may be 2 MB)."""
    if name == "text" and isinstance(value, str):
        return {"characters": len(value)}
    return value


def _record_summary(r: SourceRecord) -> dict[str, object]:
    return {"title": r.title, "url": r.url}


def _record_changes(a: ArgumentMap, b: ArgumentMap) -> tuple[tuple[Change, ...], frozenset[str]]:
    """Record changes in record-id order, and the nodes of b whose record's title or URL
    changed (their boxes show it)."""
    old = {r.id: r for r in a.sources}
    new = {r.id: r for r in b.sources}
    out: list[Change] = []
    retitled: set[str] = set()
    for record_id in sorted(old.keys() | new.keys()):
        x, y = old.get(record_id), new.get(record_id)
        if x is None or y is None:
            what = "record.added" if x is None else "record.removed"
            out.append(Change(what, record_id, None if x is None else _record_summary(x),
                              None if y is None else _record_summary(y)))
            continue
        for name, u, v in zip(RECORD_FIELDS, source_record(x), source_record(y), strict=True):
            if u != v:
                out.append(Change(f"record.{name}", record_id, _shown(name, u), _shown(name, v)))
                if name in ("title", "url"):
                    retitled.add(record_id)
    citing = frozenset(n.id for n in b.nodes if n.source is not None
                       and n.source.source_id in retitled)
    return tuple(out), citing
