"""Nodes and quotes given the same fields share one set of those fields' names (memory:
pydantic keeps a set per instance, ~100 MB over a 200,000-node map; the bound is in
tests/formats/test_export_memory.py), and sharing it changes nothing a copy or a dump sees."""

from __future__ import annotations

from argmap.core.model import ArgumentMap, Kind, Node, Source, new_map


def _map() -> ArgumentMap:
    return new_map("t", (
        Node(id="a", kind=Kind.CLAIM, text="root"),
        Node(id="b", parent="a", kind=Kind.EVIDENCE, text="one",
             source=Source(title="Report", quote="q1")),
        Node(id="c", parent="a", kind=Kind.EVIDENCE, text="two",
             source=Source(title="Report", quote="q2"))))


def test_instances_given_the_same_fields_share_one_set():
    amap = _map()
    _a, b, c = amap.nodes
    assert b.model_fields_set is c.model_fields_set  # linked to their record: copies, shared
    assert b.source is not None and c.source is not None
    assert b.source.model_fields_set is c.source.model_fields_set
    assert Node(id="x", kind=Kind.CLAIM, text="x").model_fields_set is Node(
        id="y", kind=Kind.CLAIM, text="y").model_fields_set


def test_a_copy_adding_fields_leaves_the_shared_set_alone():
    amap = _map()
    b, c = amap.nodes[1:]
    before = set(c.model_fields_set)
    changed = b.model_copy(update={"assessment": 0.5})
    assert "assessment" in changed.model_fields_set
    assert c.model_fields_set == before and "assessment" not in b.model_fields_set
    assert c.model_dump(exclude_unset=True).keys() == before
