"""Source records in the model and the map file (issue 21): inline sources grouped by title
and URL, version 1 kept byte for byte while records say nothing more, version 2 otherwise."""

from __future__ import annotations

import json

import pytest

from argmap.core.errors import MapFileError
from argmap.core.mapfile import dumps_map, parse_map, read_map
from argmap.core.model import (
    MAX_SOURCE_TEXT,
    ArgumentMap,
    Node,
    Source,
    SourceRecord,
    StructureError,
    link_sources,
    new_map,
)
from argmap.core.source_ids import plain_id, plain_ids
from tests.shared_files import REPO

FERRY = REPO / "tests" / "data" / "sources" / "night-ferry.argmap.json"


def two_sources() -> ArgumentMap:
    return new_map("two", [
        Node(id="root", kind="claim", text="Root", source=Source(title="A", quote="qa")),
        Node(id="e1", parent="root", kind="evidence", text="E1",
             source=Source(title="A", quote="qa2", locator="p. 2")),
        Node(id="e2", parent="root", order=1, kind="evidence", text="E2",
             source=Source(title="B", url="https://b.example", quote="qb")),
        Node(id="e3", parent="root", order=2, kind="evidence", text="E3",
             source=Source(quote="a quote with no title or URL")),
    ])


def test_inline_sources_are_grouped_into_records_by_title_and_url():
    amap = two_sources()
    ids = plain_ids([("A", ""), ("B", "https://b.example")])
    assert [(r.id, r.title, r.url) for r in amap.sources] == sorted(
        [(ids[("A", "")], "A", ""), (ids[("B", "https://b.example")], "B", "https://b.example")])
    by_id = amap.by_id()
    assert by_id["root"].source.source_id == by_id["e1"].source.source_id == plain_id("A", "")
    assert by_id["e1"].source.quote == "qa2" and by_id["e1"].source.locator == "p. 2"
    assert by_id["e3"].source.source_id is None  # a bare quote needs no record


def test_a_map_whose_records_say_only_title_and_url_is_written_as_version_1():
    amap = two_sources()
    data = dumps_map(amap)
    assert b'"version": 1' in data and b"source_id" not in data and b'"sources"' not in data
    assert parse_map(data) == amap.canonical()
    ferry = FERRY.read_bytes()
    assert dumps_map(parse_map(ferry)) == ferry


@pytest.mark.parametrize("field", ["author", "date", "text"])
def test_an_author_a_date_or_a_text_needs_version_2(field: str):
    amap = two_sources()
    first = amap.source(plain_id("A", "")).model_copy(update={field: "something"})
    richer = ArgumentMap(info=amap.info, nodes=amap.nodes, sources=tuple(
        first if r.id == first.id else r for r in amap.sources))
    data = dumps_map(richer)
    assert b'"version": 2' in data
    head = data.decode().split('"nodes"')[0]
    assert f'"{field}": "something"' in head  # in the record, once, not on every node
    assert parse_map(data) == richer.canonical()
    node = next(ln for ln in data.decode().splitlines() if '"id": "e1"' in ln)
    assert json.loads(node.rstrip(","))["source"] == {
        "source_id": first.id, "quote": "qa2", "locator": "p. 2"}


def test_a_renamed_record_id_or_two_records_alike_need_version_2():
    amap = two_sources()
    relinked = tuple(n.model_copy(update={"source": n.source.model_copy(update={
        "source_id": "mine"})}) if n.source and n.source.title == "A" else n for n in amap.nodes)
    renamed = ArgumentMap(info=amap.info, nodes=relinked, sources=tuple(
        r.model_copy(update={"id": "mine"}) if r.title == "A" else r for r in amap.sources))
    assert b'"version": 2' in dumps_map(renamed)  # a version-1 file would lose the id
    assert parse_map(dumps_map(renamed)) == renamed.canonical()
    twins = ArgumentMap(info=amap.info, nodes=(
        Node(id="root", kind="claim", text="R", source=Source(source_id="b1", quote="q")),
        Node(id="e", parent="root", kind="evidence", text="E",
             source=Source(source_id="b2", quote="q")),
    ), sources=(SourceRecord(id="b1", title="B"), SourceRecord(id="b2", title="B")))
    assert len(twins.sources) == 2  # one title twice: a version-1 file would make them one
    assert b'"version": 2' in dumps_map(twins)


def test_link_sources_heals_and_prunes():
    stray = Node(id="n", kind="claim", text="x",
                 source=Source(source_id="gone", title="T", url="u", quote="q"))
    _nodes, records = link_sources((stray,), ())
    assert records == (SourceRecord(id="gone", title="T", url="u"),)  # made from the node
    unused_plain = SourceRecord(id="plain", title="P")
    unused_text = SourceRecord(id="text", title="X", text="Kept.")
    _nodes, records = link_sources((), (unused_plain, unused_text))
    assert records == (unused_text,)  # a record with nothing but a title goes with its last use
    stale = Node(id="m", kind="claim", text="x",
                 source=Source(source_id="text", title="old title", quote="q"))
    [fixed], _ = link_sources((stale,), (unused_text,))
    assert fixed.source.title == "X"  # a node shows its record's title
    with pytest.raises(StructureError, match="duplicate id"):
        link_sources((), (unused_text, unused_text))


def _v2(**changes: object) -> bytes:
    doc = {"format": "argmap", "version": 2,
           "map": {"id": "m", "title": "t", "created": "2026-01-01T00:00:00Z",
                   "modified": "2026-01-01T00:00:00Z"},
           "sources": [{"id": "s1", "title": "Study", "text": "One.\n\nTwo."}],
           "nodes": [{"id": "root", "parent": None, "order": 0, "kind": "claim", "text": "R",
                      "source": {"source_id": "s1", "quote": "Two.", "locator": "paragraph 2"}}]}
    doc.update(changes)
    return json.dumps(doc).encode()


def test_version_2_reads_records_and_fills_each_node_with_its_record():
    amap = parse_map(_v2())
    [record] = amap.sources
    assert record.text == "One.\n\nTwo." and record.author == ""
    assert amap.nodes[0].source == Source(source_id="s1", title="Study", quote="Two.",
                                          locator="paragraph 2")


@pytest.mark.parametrize(("change", "message"), [
    ({"version": 1}, "sources: needs format version 2, but the file says version 1"),
    ({"sources": [{"id": "s1", "title": "Study"}, {"id": "s1", "title": "Again"}]},
     "source 's1': duplicate id"),
    ({"sources": [{"id": "s2", "title": "Other"}]},
     "node 'root': source.source_id: no source record has id 's1'"),
    ({"sources": [{"id": "s1", "text": "x" * (MAX_SOURCE_TEXT + 1)}]},
     f"source 's1': text: at most {MAX_SOURCE_TEXT} characters"),
    ({"sources": [{"id": "s1", "text": " \n "}]}, "source 's1': text: must contain a visible"),
    ({"sources": [{"id": "s1", "colour": "red"}]}, "source 's1': colour: Extra inputs"),
    ({"nodes": [{"id": "root", "parent": None, "order": 0, "kind": "claim", "text": "R",
                 "source": {"source_id": "s1", "title": "Study"}}]},
     "node 'root': source.title: a source that names its record"),
])
def test_bad_records_are_one_line_errors(change: dict[str, object], message: str):
    data = _v2(**change)
    if change.get("version") == 1:
        data = data.replace(b'"source": {"source_id": "s1", "quote": "Two.", "locator": '
                            b'"paragraph 2"}', b'"source": {"title": "Study"}')
    with pytest.raises(MapFileError, match=message) as caught:
        parse_map(data)
    assert "\n" not in str(caught.value)


def test_a_version_1_node_cannot_name_a_record():
    data = FERRY.read_bytes().replace(b'"source": {"title"', b'"source": {"source_id": "x", "title"', 1)
    with pytest.raises(MapFileError, match=r"source\.source_id: needs format version 2"):
        parse_map(data)


def test_a_subtree_file_keeps_the_records_its_nodes_cite():
    from argmap.formats.options import subtree_map

    amap = read_map(FERRY)
    [record] = amap.sources
    amap = amap.model_copy(update={"sources": (record.model_copy(update={"text": "Text."}),)})
    part = subtree_map(amap, "keep", as_file=True)
    assert part.sources == amap.sources
