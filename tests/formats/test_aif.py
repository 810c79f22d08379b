"""AIF-JSON export and import: arguebuf reads the export, round trips are exact, real files
keep every I-node's text, each graph shape follows its documented policy, bad files fail cleanly."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import arguebuf
import pytest
from hypothesis import given, settings

from argmap.core.errors import MapFileError
from argmap.core.model import MAX_TEXT, Kind
from argmap.core.seed import seed_map
from argmap.formats.aif import aif_dict, dumps_aif, parse_aif
from argmap.formats.graph_tree import split_text
from argmap.formats.interchange import import_bytes, import_file
from argmap.formats.loss import LossReport
from tests.formats.interchange_maps import maps, random_map, same_tree
from tests.formats.interop_samples import aif_samples, sample_id


def round_trip(amap):
    return parse_aif(json.loads(dumps_aif(amap)), "x.aif.json")


def test_seed_map_round_trips_exactly_and_reports_its_sources():
    amap = seed_map()
    report = LossReport()
    back = parse_aif(json.loads(dumps_aif(amap, report)), "seed.aif.json")
    assert same_tree(amap, back) and back.info.title == amap.info.title
    sourced = sum(n.source is not None for n in amap.nodes)
    assert report.lines() == [f"{sourced} sources kept only in argmap fields (AIF has no place for them)"]


@settings(max_examples=150, deadline=None)
@given(maps())
def test_random_maps_round_trip_exactly(amap):
    assert same_tree(amap, round_trip(amap))


def test_special_character_texts_round_trip_exactly():
    for seed in range(100):
        amap = random_map(random.Random(seed))
        back = round_trip(amap)
        assert same_tree(amap, back) and back.info.title == amap.info.title, seed


def test_export_shape_is_plain_aif():
    amap = seed_map()
    body = aif_dict(amap)
    inodes = [n for n in body["nodes"] if n["type"] == "I"]
    snodes = [n for n in body["nodes"] if n["type"] != "I"]
    assert [n["text"] for n in inodes] == [n.text for n, _d in amap.preorder()]
    links = [n for n in amap.nodes if n.parent]
    assert len(snodes) == len(links) and len(body["edges"]) == 2 * len(links)
    assert {n["type"] for n in snodes} == {"RA", "CA"}
    assert all(isinstance(n["nodeID"], str) for n in body["nodes"])
    assert all(len(n["timestamp"]) == 19 for n in body["nodes"])  # "YYYY-MM-DD HH:MM:SS"


def test_arguebuf_loads_the_export(tmp_path: Path):
    amap = seed_map()
    out = tmp_path / "seed.aif.json"
    out.write_text(dumps_aif(amap), "utf-8")
    graph = arguebuf.load.file(out)
    assert sorted(n.plain_text for n in graph.atom_nodes.values()) == sorted(n.text for n in amap.nodes)
    links = [n for n in amap.nodes if n.parent]
    assert len(graph.scheme_nodes) == len(links)
    kinds = {n.id: n for n in amap.nodes}
    for scheme in graph.scheme_nodes.values():
        [child] = graph.incoming_atom_nodes(scheme)
        [parent] = graph.outgoing_atom_nodes(scheme)
        assert kinds[child.id].parent == parent.id
        attack = kinds[child.id].kind in (Kind.OBJECTION, Kind.REBUTTAL)
        assert isinstance(scheme.scheme, arguebuf.Attack) == attack


def shapes(body: dict) -> dict[str, int]:
    """What a file holds that the import has a policy for, counted straight from its JSON."""
    types = {n["nodeID"]: n["type"] for n in body["nodes"]}
    premises: dict[object, int] = {}
    targets: dict[str, int] = {"RA": 0, "CA": 0, "MA": 0}
    for e in body["edges"]:
        src, dst = types.get(e["fromID"]), types.get(e["toID"])
        if src == "I" and dst == "RA":
            premises[e["toID"]] = premises.get(e["toID"], 0) + 1
        if src in targets and dst in targets:
            targets[dst] += 1
    return {"linked argument": sum(n > 1 for n in premises.values()),
            "rephrasing": sum(t == "MA" for t in types.values()),
            "dialogue layer": sum(t in ("L", "YA", "TA") for t in types.values())}


#: Shapes the import keeps whole (format version 2's argument nodes): never a loss line.
KEPT = ("linked argument",)


@pytest.mark.parametrize("path", aif_samples(), ids=sample_id)
def test_samples_import_with_every_i_node_text_and_their_shapes_reported(path: Path):
    result = import_file(path)
    raw = json.loads(path.read_text("utf-8"))
    body = raw.get("AIF", raw)
    texts = [n["text"].strip() for n in body["nodes"] if n["type"] == "I"]
    assert texts and set(texts) <= {n.text for n in result.map.nodes}
    assert result.format == "aif"
    for words, count in shapes(body).items():
        said = [line for line in result.report_lines if any(w in line for w in words.split("|"))]
        if words in KEPT:  # one argument node per linked RA/CA, and nothing reported lost
            assert not said, (words, result.report_lines)
            arguments = sum(n.kind is Kind.ARGUMENT for n in result.map.nodes)
            assert arguments >= count, (words, count, arguments)
            continue
        assert len(said) == (count > 0), (words, result.report_lines)
        assert not said or re.search(rf"(?<!\d){count} ", said[0]), (words, count, said)
    back = round_trip(result.map)
    assert same_tree(result.map, back) and back.info.title == result.map.info.title


def aif(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]], **extra) -> dict:
    return {"nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
            "edges": [{"edgeID": str(k), "fromID": a, "toID": b} for k, (a, b) in enumerate(edges)],
            **extra}


def tree(amap) -> list[tuple[int, str, str]]:
    return [(d, n.kind.value, n.text) for n, d in amap.preorder()]


def test_attack_on_an_attack_undercuts_the_attacking_argument():
    raw = aif([("1", "I", "claim"), ("2", "I", "attacker"), ("3", "I", "counter"),
               ("c1", "CA", "Default Conflict"), ("c2", "CA", "Default Conflict")],
              [("2", "c1"), ("c1", "1"), ("3", "c2"), ("c2", "c1")])
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [(0, "claim", "claim"), (1, "argument", "Default Conflict"),
                          (2, "claim", "attacker"), (2, "objection", "counter")]
    assert amap.by_id()["c1"].polarity == "attacks"
    assert report.lines() == []


def test_a_linked_argument_with_an_undercut_stays_one_argument():
    raw = aif([("c", "I", "conclusion"), ("p1", "I", "premise one"), ("p2", "I", "premise two"),
               ("u", "I", "undercutter"), ("ra", "RA", "Default Inference"), ("ca", "CA", "x")],
              [("p1", "ra"), ("p2", "ra"), ("ra", "c"), ("u", "ca"), ("ca", "ra")])
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [(0, "claim", "conclusion"), (1, "argument", "Default Inference"),
                          (2, "claim", "premise one"), (2, "claim", "premise two"),
                          (2, "objection", "undercutter")]
    assert amap.by_id()["ra"].polarity == "supports"
    assert report.lines() == []


def test_several_conclusions_rephrase_isolated_and_dialogue_are_counted():
    raw = {"AIF": aif(
        [("a", "I", "A"), ("b", "I", "B"), ("s", "I", "shared"), ("r", "I", "rephrased A"),
         ("lone", "I", "isolated"), ("ra1", "RA", ""), ("ra2", "RA", ""), ("ma", "MA", ""),
         ("l1", "L", "Bob: A"), ("ya", "YA", "Asserting"), ("ta", "TA", "Default Transition")],
        [("s", "ra1"), ("ra1", "a"), ("s", "ra2"), ("ra2", "b"), ("r", "ma"), ("ma", "a"),
         ("l1", "ya"), ("ya", "a")]), "OVA": {"nodes": [], "edges": []}}
    report = LossReport()
    assert import_bytes(json.dumps(raw).encode(), "ova.json").format == "aif"  # by content
    amap = parse_aif(raw, "ova.json", report)
    assert tree(amap) == [(0, "claim", "A"), (1, "claim", "shared"), (1, "claim", "rephrased A"),
                          (0, "claim", "B"), (1, "claim", "shared"), (0, "claim", "isolated")]
    assert report.lines() == [
        "1 rephrasing of a statement (MA) became its supporting child",
        "1 statement linked to nothing (I-node) became a root claim",
        "1 statement with several parents was copied under its other parents",
        "record of who said what when (dialogue layer, 3 nodes) dropped"]


def test_cycles_and_empty_and_long_texts_keep_every_text():
    long_text = "word " * (MAX_TEXT // 4)
    raw = aif([("a", "I", "A"), ("b", "I", "B"), ("e", "I", "  "), ("l", "I", long_text),
               ("r1", "RA", ""), ("r2", "RA", "")],
              [("a", "r1"), ("r1", "b"), ("b", "r2"), ("r2", "a")])
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    texts = [n.text for n in amap.nodes]
    assert {"A", "B", "(empty)"} <= set(texts)
    assert all(piece in texts for piece in split_text(long_text)) and len(split_text(long_text)) == 2
    assert "1 link closing a cycle became a copy of its statement" in report.lines()
    assert "1 statement without text (I-node) got the text \"(empty)\"" in report.lines()
    assert f"1 text longer than {MAX_TEXT} characters continues in child nodes" in report.lines()


@pytest.mark.parametrize("data, problem", [
    (b'{"nodes": [', "not valid JSON"),
    (b'{"nodes": [], "nodes": []}', "duplicate key"),
    (b'{"nodes": [{"nodeID": "1", "type": "I", "text": NaN}]}', "NaN"),
    (b"[" * 100_000, "nested too deeply"),
    (b'{"nodes": [{"nodeID": "1", "type": "I"}, {"nodeID": "1", "type": "I"}]}', "duplicate nodeID"),
    (b'{"nodes": [{"nodeID": true, "type": "I"}]}', "lacks a nodeID"),
    (b'{"nodes": [{"nodeID": "1"}], "edges": 3}', "must be lists"),
    (b'{"nodes": [{"nodeID": "1", "type": "I"}], "edges": [{"fromID": "1"}]}', "lacks fromID"),
    (b'{"something": "else"}', "not an argmap file"),
])
def test_bad_files_get_one_line_errors(data, problem):
    with pytest.raises(MapFileError) as info:
        import_bytes(data, "bad.json")
    assert problem in str(info.value) and "\n" not in str(info.value)


def test_edges_to_missing_nodes_are_dropped_and_counted():
    raw = aif([("a", "I", "A"), ("r", "RA", "")], [("ghost", "r"), ("r", "a")])
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [(0, "claim", "A")]
    assert "1 edge to a missing node dropped" in report.lines()
