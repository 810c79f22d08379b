"""Merge and diff of argument nodes (issue 19) and assessments (issue 20): arguments are nodes,
`polarity` and `assessment` are fields, and the kind rules keep every result valid."""

from __future__ import annotations

from typing import Any

from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.model import ArgumentMap, Kind
from argmap.teams.diff import diff_maps
from argmap.teams.merge import merge_maps, merge_two_way
from tests.teams.maps import change, make

BASE = make([
    ("root", None, "claim", "Root"),
    ("p1", "root", "claim", "P1"),
    ("p2", "root", "evidence", "P2"),
    ("p3", "root", "claim", "P3"),
    ("x", "root", "claim", "X"),
    ("y", "x", "claim", "Y"),
])


def with_node(amap: ArgumentMap, **node: Any) -> ArgumentMap:
    """`amap` plus one node (validated together with the rest, as the editor's step is)."""
    nodes = [n.model_dump() for n in amap.nodes]
    nodes.append({"order": 10_000, **node})
    return ArgumentMap.model_validate({"info": amap.info.model_dump(), "nodes": nodes}).canonical()


def linked(amap: ArgumentMap, arg_id: str, premises: list[str], parent: str = "root",
           polarity: str = "supports") -> ArgumentMap:
    """Link `premises` into a new argument under `parent`, in one validated step."""
    nodes = [n.model_dump() | ({"parent": arg_id} if n.id in premises else {})
             for n in amap.nodes]
    nodes.append({"id": arg_id, "parent": parent, "order": 10_000, "kind": "argument",
                  "polarity": polarity, "text": f"argument {arg_id}"})
    return ArgumentMap.model_validate({"info": amap.info.model_dump(), "nodes": nodes}).canonical()


def valid(amap: ArgumentMap) -> None:
    assert parse_map(dumps_map(amap)) == amap.canonical()


def test_a_premise_linked_on_one_side_and_edited_on_the_other_merges_cleanly():
    ours = linked(BASE, "arg", ["p1", "p2"])
    theirs = change(change(BASE, "p1", text="P1 reworded"), "p2", assessment=0.8)
    for a, b in ((ours, theirs), (theirs, ours)):
        result = merge_maps(BASE, a, b)
        assert result.clean, result.conflicts
        got = result.merged.by_id()
        assert (got["p1"].parent, got["p2"].parent) == ("arg", "arg")
        assert got["p1"].text == "P1 reworded" and got["p2"].assessment == 0.8
        assert got["arg"].polarity == "supports"
        valid(result.merged)


def test_linking_into_different_arguments_is_a_conflict_that_says_so():
    ours = linked(BASE, "mine", ["p1", "p2"])
    theirs = linked(BASE, "yours", ["p1", "p3"], polarity="attacks")
    result = merge_maps(BASE, ours, theirs)
    [conflict] = [c for c in result.conflicts if c.field == "parent"]
    assert conflict.node_id == "p1"
    assert "linked into different arguments: mine in ours, yours in theirs" in conflict.reason
    got = result.merged.by_id()
    assert got["p1"].parent == "mine" and got["p3"].parent == "yours"
    valid(result.merged)
    again = merge_maps(BASE, ours, theirs, {("p1", "parent"): "theirs"}).merged.by_id()
    assert again["p1"].parent == "yours" and again["p2"].parent == "mine"


def test_an_argument_left_without_premises_is_unlinked_with_a_conflict():
    ours = linked(BASE, "mine", ["p1", "p2"])
    theirs = linked(BASE, "yours", ["p1"], polarity="attacks")
    result = merge_maps(BASE, ours, theirs)
    got = result.merged.by_id()
    assert got["p1"].parent == "mine"
    assert (got["yours"].kind, got["yours"].polarity) == (Kind.OBJECTION, None)
    reasons = {(c.node_id, c.field): c.reason for c in result.conflicts}
    assert "no premise; made it an objection" in reasons[("yours", "kind")]
    valid(result.merged)


def test_unlinking_on_one_side_and_undercutting_on_the_other_keeps_the_undercut():
    base = linked(BASE, "arg", ["p1", "p2"])
    ours = linked(BASE, "other", ["p3"])  # arg unlinked: its premises back under root
    ours = ours.model_copy(update={"info": base.info})
    theirs = with_node(base, id="u", parent="arg", kind="objection", text="does not follow")
    result = merge_maps(base, ours, theirs)
    got = result.merged.by_id()
    assert got["u"].parent == "arg" and got["arg"].kind is Kind.CLAIM
    assert {c.field for c in result.conflicts if c.node_id == "arg"} == {"deleted", "kind"}
    valid(result.merged)


def test_an_argument_never_ends_up_directly_under_another():
    base = linked(BASE, "arg", ["p1"], parent="root")
    ours = change(base, "arg", parent="x")  # ours moves the argument under x
    theirs = change(base, "x", kind="argument", polarity="attacks")  # theirs links y into x
    result = merge_maps(base, ours, theirs)
    got = result.merged.by_id()
    assert got["arg"].parent == "x" and got["x"].kind is Kind.CLAIM and got["x"].polarity is None
    assert any(c.node_id == "x" and "cannot hold an argument" in c.reason
               for c in result.conflicts)
    valid(result.merged)


def test_polarity_and_assessment_merge_field_by_field():
    base = linked(BASE, "arg", ["p1", "p2"])
    ours = change(change(base, "arg", polarity="attacks"), "root", assessment=0.25)
    theirs = change(change(base, "arg", text="renamed"), "p1", assessment=1.0)
    result = merge_maps(base, ours, theirs)
    assert result.clean
    got = result.merged.by_id()
    assert (got["arg"].polarity, got["arg"].text) == ("attacks", "renamed")
    assert (got["root"].assessment, got["p1"].assessment) == (0.25, 1.0)
    both = merge_maps(base, change(base, "p1", assessment=0.1), change(base, "p1", assessment=0.9))
    assert [(c.node_id, c.field, c.ours, c.theirs) for c in both.conflicts] == [
        ("p1", "assessment", 0.1, 0.9)]
    cleared = merge_maps(change(base, "p1", assessment=0.5), change(base, "p1", assessment=0.5),
                         change(base, "p1", assessment=None))
    assert cleared.clean and cleared.merged.by_id()["p1"].assessment is None


def test_an_argument_kept_both_ways_copies_as_an_unlinked_node():
    base = linked(BASE, "arg", ["p1", "p2"], polarity="attacks")
    ours, theirs = change(base, "arg", text="ours"), change(base, "arg", text="theirs")
    result = merge_maps(base, ours, theirs, {("arg", "text"): "both"})
    copy = result.merged.by_id()["arg-theirs"]
    assert (copy.kind, copy.polarity, copy.text) == (Kind.OBJECTION, None, "theirs")
    valid(result.merged)


def test_two_way_merge_of_different_links():
    ours = linked(BASE, "mine", ["p1", "p2"])
    theirs = linked(BASE, "yours", ["p1", "p3"])
    result = merge_two_way(ours, theirs)
    assert any("linked into different arguments" in c.reason for c in result.conflicts)
    valid(result.merged)


def test_diff_lists_polarity_and_assessment():
    base = linked(BASE, "arg", ["p1", "p2"])
    new = change(change(base, "arg", polarity="attacks"), "p1", assessment=0.75)
    assert diff_maps(base, new).lines() == [
        'polarity\targ\t"supports"\t"attacks"',
        "assessment\tp1\tnull\t0.75",
    ]
    added = diff_maps(BASE, base).lines()
    assert 'added\targ\tnull\t{"kind":"argument","parent":"root","polarity":"supports",' \
           '"text":"argument arg"}' in added
    assert "moved\tp1\t\"root\"\t\"arg\"" in added
