"""argmap.teams.merge: the rules of issue 13, one test per rule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.model import Kind, Source
from argmap.teams.merge import MergeError, merge_maps, merge_two_way, node_choices
from tests.helpers import chain
from tests.teams.maps import STAMP, add, change, make, remove, sibling_ids, texts, touch

BASE = make([
    ("root", None, "claim", "Root"),
    ("a", "root", "evidence", "A"),
    ("b", "root", "objection", "B"),
    ("c", "root", "claim", "C"),
    ("r", "b", "rebuttal", "R"),
])


def fields(result) -> set[tuple[str, str]]:
    return {(c.node_id, c.field) for c in result.conflicts}


def valid(amap) -> None:
    """The merged map survives the strict file reader (the model checks it on construction)."""
    assert parse_map(dumps_map(amap)) == amap.canonical()


def test_changes_on_different_nodes_and_fields_merge_silently_and_symmetrically():
    ours = change(add(BASE, "x", "c", text="ours' node"), "a", text="A by us")
    theirs = change(change(BASE, "c", text="C by them"), "a", source=Source(url="u"))
    result = merge_maps(BASE, ours, theirs)
    assert result.clean
    got = result.merged.by_id()
    assert (got["a"].text, got["a"].source.url, got["c"].text) == ("A by us", "u", "C by them")
    assert [r.url for r in result.merged.sources] == ["u"]  # the record came with it
    assert got["x"].parent == "c"
    assert dumps_map(merge_maps(BASE, theirs, ours).merged) == dumps_map(result.merged)


def test_identical_changes_merge_once():
    ours = add(change(BASE, "a", text="same"), "x", "root", text="twin")
    result = merge_maps(BASE, ours, ours)
    assert result.clean
    assert dumps_map(result.merged) == dumps_map(ours)


def test_merging_a_version_with_its_base_gives_that_version():
    theirs = add(remove(change(BASE, "c", order=0), "r"), "x", "a", "evidence")
    assert dumps_map(merge_maps(BASE, BASE, theirs).merged) == dumps_map(theirs)
    assert dumps_map(merge_maps(BASE, theirs, BASE).merged) == dumps_map(theirs)


def test_same_field_changed_differently_is_a_conflict_keeping_ours():
    result = merge_maps(BASE, change(BASE, "a", text="ours"), change(BASE, "a", text="theirs"))
    assert fields(result) == {("a", "text")}
    (conflict,) = result.conflicts
    assert (conflict.base, conflict.ours, conflict.theirs) == ("A", "ours", "theirs")
    assert conflict.line() == "conflict\ta\ttext\tboth sides changed it differently"
    assert texts(result.merged)["a"] == "ours"


def test_deleted_on_one_side_changed_on_the_other_is_kept_with_a_conflict():
    for ours, theirs in [(remove(BASE, "c"), change(BASE, "c", text="C2")),
                         (change(BASE, "c", text="C2"), remove(BASE, "c"))]:
        result = merge_maps(BASE, ours, theirs)
        assert fields(result) == {("c", "deleted")}
        assert texts(result.merged)["c"] == "C2"
        valid(result.merged)


def test_deleted_parent_that_the_other_side_gave_a_child_is_kept():
    ours = remove(BASE, "b")  # deletes b and its rebuttal r
    theirs = add(BASE, "r2", "b", "rebuttal", "another rebuttal")
    result = merge_maps(BASE, ours, theirs)
    assert ("b", "deleted") in fields(result)
    assert {"b", "r2"} <= set(texts(result.merged))
    assert "r" not in texts(result.merged)  # deleted on one side, untouched on the other
    valid(result.merged)


def test_deleted_on_one_side_and_untouched_on_the_other_is_deleted_silently():
    result = merge_maps(BASE, remove(BASE, "b"), change(BASE, "a", text="A2"))
    assert result.clean
    assert set(texts(result.merged)) == {"root", "a", "c"}


def test_moves_that_make_a_cycle_are_a_conflict_and_ours_wins():
    ours = change(BASE, "a", parent="c")
    theirs = change(BASE, "c", parent="a")
    result = merge_maps(BASE, ours, theirs)
    assert ("c", "parent") in fields(result)
    got = result.merged.by_id()
    assert (got["a"].parent, got["c"].parent) == ("c", "root")
    valid(result.merged)


def test_a_kind_change_that_breaks_the_rules_between_nodes_is_a_conflict():
    # theirs turns the objection b into a claim; ours answers b with a second rebuttal
    ours = add(BASE, "r2", "b", "rebuttal", "answer")
    theirs = change(remove(BASE, "r"), "b", kind="claim")
    result = merge_maps(BASE, ours, theirs)
    assert ("b", "kind") in fields(result)
    assert result.merged.by_id()["b"].kind is Kind.OBJECTION
    valid(result.merged)
    # and the other way round: ours' kind change stands, theirs' new rebuttal gives way
    result = merge_maps(BASE, theirs, ours)
    assert ("r2", "kind") in fields(result)
    assert result.merged.by_id()["b"].kind is Kind.CLAIM
    assert result.merged.by_id()["r2"].kind is Kind.OBJECTION
    valid(result.merged)


def test_modified_is_the_later_of_the_two_and_created_is_kept():
    later = STAMP + timedelta(days=3)
    ours, theirs = touch(BASE, STAMP + timedelta(days=1)), touch(BASE, later)
    for a, b in [(ours, theirs), (theirs, ours)]:
        merged = merge_maps(BASE, a, b).merged
        assert merged.info.modified == later
        assert merged.info.created == BASE.info.created


def test_title_conflict_names_the_map():
    def titled(t):
        return BASE.model_copy(update={"info": BASE.info.model_copy(update={"title": t})})

    result = merge_maps(BASE, titled("ours"), titled("theirs"))
    assert fields(result) == {("-", "title")}
    assert result.merged.info.title == "ours"


def test_different_maps_do_not_merge():
    other = make([("root", None, "claim", "x")], map_id="m2")
    with pytest.raises(MergeError, match="different maps"):
        merge_maps(BASE, BASE, other)


def test_inserts_after_the_same_sibling_from_both_sides_are_ordered_the_same_either_way():
    ours = add(BASE, "x1", "root", order=1)
    theirs = add(BASE, "y1", "root", order=1)
    one = merge_maps(BASE, ours, theirs)
    other = merge_maps(BASE, theirs, ours)
    assert one.clean
    assert dumps_map(one.merged) == dumps_map(other.merged)
    assert sibling_ids(one.merged, "root") == ["a", "b", "x1", "y1", "c"]


def test_reorders_on_both_sides_merge_and_a_clash_keeps_ours():
    ours = change(BASE, "c", order=0)  # c first
    theirs = change(BASE, "a", order=9)  # a last
    result = merge_maps(BASE, ours, theirs)
    assert result.clean
    assert sibling_ids(result.merged, "root") == ["c", "b", "a"]
    four = add(BASE, "d", "root")
    ours = change(four, "a", order=9)  # b c d a
    theirs = change(four, "a", order=3)  # b c a d (ties: a before d)
    assert sibling_ids(theirs, "root") == ["b", "c", "a", "d"]
    result = merge_maps(four, ours, theirs)
    assert fields(result) == {("a", "order")}
    assert sibling_ids(result.merged, "root") == ["b", "c", "d", "a"]


def test_choices_resolve_node_by_node_theirs_or_both():
    ours, theirs = change(BASE, "a", text="ours"), change(BASE, "a", text="theirs")
    first = merge_maps(BASE, ours, theirs)
    taken = merge_maps(BASE, ours, theirs, node_choices(first.conflicts, "a", "theirs"))
    assert texts(taken.merged)["a"] == "theirs"
    assert [c.chosen for c in taken.conflicts] == ["theirs"]
    both = merge_maps(BASE, ours, theirs, node_choices(first.conflicts, "a", "both"))
    assert texts(both.merged)["a"] == "ours"
    assert texts(both.merged)["a-theirs"] == "theirs"
    assert sibling_ids(both.merged, "root")[:2] == ["a", "a-theirs"]
    valid(both.merged)


def test_two_way_adds_and_never_deletes_or_silently_updates():
    mine = add(change(BASE, "a", text="mine"), "m", "c")
    teammate = add(remove(BASE, "c"), "t", "b", "rebuttal", "theirs")
    result = merge_two_way(mine, teammate)
    got = texts(result.merged)
    assert set(got) == set(texts(mine)) | {"t"}
    assert got["a"] == "mine"
    assert fields(result) == {("a", "text")}
    flipped = merge_two_way(mine, teammate, prefer="theirs")
    assert texts(flipped.merged)["a"] == "A"
    assert [(c.ours, c.theirs, c.chosen) for c in flipped.conflicts] == [("mine", "A", "theirs")]


def test_a_5000_deep_chain_merges_without_recursion():
    base = chain(5000)
    ours = change(base, "n4999", text="deep ours")
    theirs = add(base, "leaf", "n5000")
    result = merge_maps(base, ours, theirs)
    assert result.clean
    assert texts(result.merged)["n4999"] == "deep ours"
    assert result.merged.by_id()["leaf"].parent == "n5000"
