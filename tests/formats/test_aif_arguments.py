"""AIF and argument nodes (issue 19) and assessments (issue 20): an RA/CA with several premises
imports as one argument node and exports as one RA/CA with an edge from every premise; an
RA/CA aimed at an inference is an undercut; assessments ride in argmap's field."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import arguebuf
import pytest
from hypothesis import given, settings

from argmap.core.model import Kind
from argmap.formats.aif import aif_dict, dumps_aif, parse_aif
from argmap.formats.interchange import import_file
from argmap.formats.loss import LossReport
from tests.formats.interchange_maps import argument_maps, same_tree
from tests.formats.interop_samples import aif_samples
from tests.formats.test_aif import aif, round_trip, tree
from tests.helpers import argument_map


@settings(max_examples=150, deadline=None)
@given(argument_maps())
def test_maps_with_arguments_and_assessments_round_trip_exactly(amap):
    assert same_tree(amap, round_trip(amap))


def test_an_argument_exports_as_one_inference_from_every_premise():
    amap = argument_map()
    body = aif_dict(amap)
    by_id = {n["nodeID"]: n for n in body["nodes"]}
    into = Counter((e["fromID"], e["toID"]) for e in body["edges"])
    assert by_id["ra_a1"]["type"] == "RA" and by_id["ra_a1"]["text"] == amap.by_id()["a1"].text
    assert by_id["ca_a2"]["type"] == "CA"
    assert {("p1", "ra_a1"), ("p2", "ra_a1"), ("ra_a1", "root"), ("u1", "ca_u1"),
            ("ca_u1", "ra_a1"), ("p3", "ca_a2"), ("ca_a2", "o1")} <= set(into)
    assert "a1" not in by_id and "a2" not in by_id  # an argument is an S-node, not an I-node
    assert by_id["ra_a1"]["argmap"]["polarity"] == "supports"
    assert by_id["p2"]["argmap"]["assessment"] == 0.9
    assert [n["nodeID"] for n in body["nodes"]][:4] == ["root", "ra_a1", "p1", "p2"]  # pre-order


def test_arguebuf_loads_an_export_with_arguments_and_assessments(tmp_path: Path):
    amap = argument_map()
    out = tmp_path / "arguments.aif.json"
    out.write_text(dumps_aif(amap), "utf-8")
    graph = arguebuf.load.file(out)
    statements = [n for n in amap.nodes if n.kind is not Kind.ARGUMENT]
    assert sorted(n.plain_text for n in graph.atom_nodes.values()) == sorted(
        n.text for n in statements)
    inference = graph.scheme_nodes["ra_a1"]
    assert sorted(n.id for n in graph.incoming_nodes(inference)) == ["ca_u1", "p1", "p2"]
    assert [a.id for a in graph.outgoing_atom_nodes(inference)] == ["root"]
    undercut = graph.scheme_nodes["ca_u1"]
    assert isinstance(undercut.scheme, arguebuf.Attack)
    assert [n.id for n in graph.outgoing_nodes(undercut)] == ["ra_a1"]
    assert isinstance(graph.scheme_nodes["ca_a2"].scheme, arguebuf.Attack)


def test_a_one_premise_inference_with_an_undercut_is_an_argument():
    raw = aif([("c", "I", "conclusion"), ("p", "I", "premise"), ("u", "I", "undercutter"),
               ("ra", "RA", ""), ("ca", "CA", "")],
              [("p", "ra"), ("ra", "c"), ("u", "ca"), ("ca", "ra")])
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [(0, "claim", "conclusion"), (1, "argument", "Default Inference"),
                          (2, "claim", "premise"), (2, "objection", "undercutter")]
    assert report.lines() == []


def test_a_linked_attack_is_one_attacking_argument():
    raw = aif([("c", "I", "claim"), ("a", "I", "one"), ("b", "I", "two"),
               ("ca", "CA", "Default Conflict")], [("a", "ca"), ("b", "ca"), ("ca", "c")])
    amap = parse_aif(raw, "x.json")
    assert tree(amap) == [(0, "claim", "claim"), (1, "argument", "Default Conflict"),
                          (2, "claim", "one"), (2, "claim", "two")]
    assert amap.by_id()["ca"].polarity == "attacks" and amap.by_id()["ca"].attacks


def test_what_cannot_stay_an_undercut_or_one_argument_is_counted():
    raw = aif([("c", "I", "C"), ("d", "I", "D"), ("p", "I", "P"), ("q", "I", "Q"),
               ("s", "I", "S"), ("x", "I", "X"), ("y", "I", "Y"),
               ("ra", "RA", ""), ("back", "RA", ""), ("lu", "CA", "")],
              [("p", "ra"), ("q", "ra"), ("ra", "c"), ("ra", "d"),  # linked, two conclusions
               ("s", "back"), ("back", "ra"),  # a support of the inference
               ("x", "lu"), ("y", "lu"), ("lu", "ra")])  # a linked undercut
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [
        (0, "claim", "C"), (1, "argument", "Default Inference"),
        (2, "claim", "P"), (3, "argument", "Default Conflict"), (4, "claim", "X"),
        (4, "claim", "Y"), (2, "claim", "Q"), (2, "claim", "S"),
        (0, "claim", "D"), (1, "claim", "P"), (1, "claim", "Q")]
    assert report.lines() == [
        "1 linked argument with several conclusions kept the first; its premises support the "
        "others one by one",
        "1 support aimed at an argument's reasoning became one more premise of it",
        "1 attack or support aimed at a reasoning step (undercut) now aims at the step's "
        "first premise",
        "2 statements with several parents were copied under their other parents"]


def test_file_kinds_and_assessments_that_do_not_fit_are_replaced_or_dropped():
    raw = aif([("c", "I", "C"), ("p", "I", "P"), ("ra", "RA", "")], [("p", "ra"), ("ra", "c")])
    raw["nodes"][1]["argmap"] = {"kind": "argument", "assessment": 2}
    raw["nodes"][0]["argmap"] = {"assessment": 0.25}
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [(0, "claim", "C"), (1, "claim", "P")]
    assert amap.by_id()["c"].assessment == 0.25 and amap.by_id()["p"].assessment is None
    assert report.lines() == ["1 kind from the file did not fit its place and was replaced",
                              "1 assessment was not a number from 0 to 1 and was dropped"]


@pytest.mark.parametrize("path", aif_samples(), ids=lambda p: p.name)
def test_samples_keep_their_linked_arguments_and_undercuts(path: Path):
    """Every RA/CA with several premises imports as one argument node with those premises,
    and the export writes it back as one RA/CA with the same premise texts and conclusion."""
    raw = json.loads(path.read_text("utf-8"))
    body = raw.get("AIF", raw)
    text = {str(n["nodeID"]): n.get("text", "").strip() for n in body["nodes"]}
    kinds = {str(n["nodeID"]): n["type"] for n in body["nodes"]}
    result = import_file(path)
    assert not any("linked argument" in line for line in result.report_lines)
    assert linked(kinds, text, body["edges"]) <= linked_of_export(result.map)
    nodes = result.map.by_id()
    undercut = {n.text for n in nodes.values() if n.kind is Kind.OBJECTION
                and n.parent is not None and nodes[n.parent].kind is Kind.ARGUMENT}
    for s, kind in kinds.items():  # a one-premise CA aimed at an inference: an undercut
        aims = [e["toID"] for e in body["edges"] if str(e["fromID"]) == s]
        premises = [text[str(e["fromID"])] for e in body["edges"]
                    if str(e["toID"]) == s and kinds.get(str(e["fromID"])) == "I"]
        if kind == "CA" and len(premises) == 1 and any(kinds.get(str(t)) in ("RA", "CA")
                                                       for t in aims):
            assert premises[0] in undercut


def linked(kinds, text, edges) -> Counter:
    """(type, premise texts, conclusion texts) of every RA/CA with two or more I premises."""
    into, out = {}, {}
    for e in edges:
        a, b = str(e["fromID"]), str(e["toID"])
        into.setdefault(b, []).append(a)
        out.setdefault(a, []).append(b)
    found: Counter = Counter()
    for s, kind in kinds.items():
        premises = sorted({text[p] for p in into.get(s, []) if kinds.get(p) == "I"})
        conclusions = sorted(text[c] for c in out.get(s, []) if kinds.get(c) == "I")
        if kind in ("RA", "CA") and len(premises) > 1 and conclusions:
            found[(kind, tuple(premises), tuple(conclusions[:1]))] += 1
    return found


def linked_of_export(amap) -> Counter:
    body = aif_dict(amap)
    return linked({n["nodeID"]: n["type"] for n in body["nodes"]},
                  {n["nodeID"]: n["text"] for n in body["nodes"]}, body["edges"])


def test_an_attacked_undercut_stays_an_undercut_and_its_attacker_rebuts_it():
    raw = aif([("c", "I", "C"), ("p", "I", "P"), ("u", "I", "U"), ("v", "I", "V"),
               ("ra", "RA", ""), ("cu", "CA", ""), ("cv", "CA", "")],
              [("p", "ra"), ("ra", "c"), ("u", "cu"), ("cu", "ra"), ("v", "cv"), ("cv", "cu")])
    report = LossReport()
    amap = parse_aif(raw, "x.json", report)
    assert tree(amap) == [(0, "claim", "C"), (1, "argument", "Default Inference"),
                          (2, "claim", "P"), (2, "objection", "U"), (3, "rebuttal", "V")]
    assert report.lines() == [
        "1 attack or support aimed at an objection's link (CA) now aims at the objection"]


def test_the_loss_reports_of_a_version_2_map(tmp_path: Path):
    from argmap.formats.export import export_map
    from argmap.formats.options import ExportOptions

    amap = argument_map()
    assert export_map(amap, tmp_path / "m.aif.json", ExportOptions()) == [
        "1 source kept only in an argmap field (AIF has no place for it)"]
    lines = export_map(amap, tmp_path / "m.argdown", ExportOptions())
    # Argdown writes arguments as premise-conclusion structures and assessments as data
    assert not [line for line in lines if "argument" in line or "assessment" in line], lines
