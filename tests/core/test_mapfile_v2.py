"""Format version 2 (issues 19 and 20): argument nodes, polarity and assessment; a map that
uses none of them is still written as version 1."""

from __future__ import annotations

import json

import pytest

from argmap.core.mapfile import (
    MapFileError,
    dumps_fragment,
    dumps_map,
    parse_fragment,
    parse_map,
    version_of,
)
from argmap.core.model import Node
from tests.helpers import argument_map, small_map


def _lines(data: bytes) -> list[dict]:
    """The node rows of a map file (one per line)."""
    return [json.loads(ln.strip().rstrip(",")) for ln in data.decode().splitlines()
            if ln.strip().startswith('{"id"') and '"kind"' in ln]


def test_a_map_without_version_2_features_is_written_as_version_1():
    data = dumps_map(small_map())
    assert b'"version": 1,' in data
    assert b"polarity" not in data and b"assessment" not in data


def test_an_argument_or_an_assessment_makes_version_2():
    data = dumps_map(argument_map())
    assert b'"version": 2,' in data
    plain = small_map()
    assessed = plain.model_copy(update={"nodes": (
        plain.nodes[0].model_copy(update={"assessment": 0.25}), *plain.nodes[1:])})
    assert version_of(plain.nodes) == 1 and version_of(assessed.nodes) == 2
    assert b'"version": 2,' in dumps_map(assessed)


def test_version_2_round_trips_byte_identically():
    amap = argument_map()
    data = dumps_map(amap)
    again = parse_map(data)
    assert again == amap.canonical()
    assert dumps_map(again) == data


def test_version_2_key_order_and_fields_only_where_used():
    rows = {row["id"]: row for row in _lines(dumps_map(argument_map()))}
    assert list(rows["a1"]) == ["id", "parent", "order", "kind", "polarity", "text"]
    assert list(rows["p1"]) == ["id", "parent", "order", "kind", "text", "source"]
    assert list(rows["p2"]) == ["id", "parent", "order", "kind", "text", "assessment"]
    assert rows["p3"]["assessment"] == 0.0 and rows["root"]["assessment"] == 0.6


def test_a_version_2_file_without_features_reads_and_is_rewritten_as_version_1():
    v1 = dumps_map(small_map())
    amap = parse_map(v1.replace(b'"version": 1,', b'"version": 2,'))
    assert dumps_map(amap) == v1


@pytest.mark.parametrize(("old", "new", "phrase"), [
    (b'"kind": "argument"', b'"kind": "claim"', "polarity: only an argument node has one"),
    (b', "polarity": "supports"', b"", "an argument node needs one"),
    (b'"polarity": "supports"', b'"polarity": null', "an argument node needs one"),
    (b'"polarity": "supports"', b'"polarity": "for"', "polarity"),
    (b'"assessment": 0.9', b'"assessment": 1.5', "assessment: must be from 0 to 1"),
    (b'"assessment": 0.9', b'"assessment": true', "assessment: must be a number"),
    (b'"assessment": 0.9', b'"assessment": "0.9"', "assessment: must be a number"),
    (b'"assessment": 0.9', b'"assessment": 1e400', "assessment: must be from 0 to 1"),
    (b'"version": 2', b'"version": 1', "needs format version 2, but the file says version 1"),
    (b'"version": 2', b'"version": 3', "made by a newer argmap: format version 3"),
])
def test_bad_version_2_files_are_one_line_errors(old: bytes, new: bytes, phrase: str):
    data = dumps_map(argument_map())
    assert old in data
    with pytest.raises(MapFileError, match=phrase) as caught:
        parse_map(data.replace(old, new, 1), "f.argmap.json")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("edit", "phrase"), [
    ({"p1": "o", "p2": "o"}, r"\(id 'a1'\): kind: an argument needs at least one premise"),
    ({"a1": "root"}, "a root must be a claim"),
    ({"a2": "under-a1"}, "cannot sit directly under another argument"),
    ({"u1": "rebuttal"}, "a rebuttal must answer an objection"),
])
def test_argument_structure_rules(edit: dict[str, str], phrase: str):
    rows = _lines(dumps_map(argument_map()))
    for row in rows:
        change = edit.get(row["id"])
        if change == "o":
            row["kind"] = "objection"
        elif change == "root":
            row["parent"] = None
        elif change == "under-a1":
            row["parent"] = "a1"
        elif change == "rebuttal":
            row["kind"] = "rebuttal"
    whole = json.loads(dumps_map(argument_map()).decode())
    doc = {"format": "argmap", "version": 2, "map": whole["map"],
           "sources": whole["sources"], "nodes": rows}
    with pytest.raises(MapFileError, match=phrase):
        parse_map(json.dumps(doc).encode())


def test_one_premise_is_enough_and_arguments_sit_under_any_other_kind():
    amap = parse_map(dumps_map(argument_map()))
    assert {n.id for n in amap.nodes if n.parent == "a2"} == {"p3"}  # one premise
    for kind in ("evidence", "objection", "rebuttal"):
        nodes = [
            Node(id="root", kind="claim", text="r"),
            Node(id="o", parent="root", kind="objection", text="o"),
            Node(id="x", parent="o", kind=kind, text="x"),
            Node(id="a", parent="x", kind="argument", polarity="attacks", text="a"),
            Node(id="p", parent="a", kind="evidence", text="p"),
        ]
        doc = {"format": "argmap", "version": 2, "map": json.loads(
            dumps_map(argument_map()).decode())["map"],
            "nodes": [n.model_dump(mode="json", exclude_none=True) for n in nodes]}
        assert parse_map(json.dumps(doc).encode()).by_id()["a"].attacks


def test_fragments_carry_version_2_nodes():
    nodes = [n for n in argument_map().nodes if n.id in {"a1", "p1", "p2", "u1"}]
    nodes[0] = nodes[0].model_copy(update={"parent": None})
    data = dumps_fragment(nodes)
    assert b'"version": 2' in data
    # A fragment carries its sources' titles and URLs, not record ids: a paste links them
    # to the records of the map it lands in.
    assert parse_fragment(data) == [n.model_copy(update={"source": n.source.model_copy(
        update={"source_id": None})}) if n.source else n for n in nodes]
    plain = [n.model_copy(update={"parent": None}) for n in small_map().nodes[:1]]
    assert b'"version": 1' in dumps_fragment(plain)
    with pytest.raises(MapFileError, match="needs format version 2"):
        parse_fragment(data.replace(b'"version": 2', b'"version": 1'))
