"""argmap.teams.diff: one change per node and field, in a stable order."""

from __future__ import annotations

import json

from argmap.core.model import Source
from argmap.teams.diff import diff_maps
from tests.teams.maps import add, change, make, remove

BASE = make([
    ("root", None, "claim", "Root"),
    ("a", "root", "evidence", "A"),
    ("b", "root", "objection", "B"),
    ("c", "root", "claim", "C"),
    ("r", "b", "rebuttal", "R"),
])


def lines(a, b) -> list[list[str]]:
    return [line.split("\t") for line in diff_maps(a, b).lines()]


def test_equal_maps_have_no_changes_even_with_other_timestamps_and_orders():
    same = BASE.model_copy(update={"nodes": tuple(
        n.model_copy(update={"order": n.order * 7}) for n in BASE.nodes)})
    assert not diff_maps(BASE, same)
    assert diff_maps(BASE, same).lines() == []


def test_each_kind_of_change_is_one_line_with_the_node_id():
    b = change(BASE, "a", text="A, re-worded\twith a tab")
    b = change(b, "c", kind="objection")
    b = change(b, "r", parent="b")  # unchanged parent: no line
    b = change(b, "a", source=Source(url="https://example.org"))
    b = remove(b, "b")
    b = add(b, "new", "c", "evidence", "New\nline")
    b = b.model_copy(update={"info": b.info.model_copy(update={"title": "T2"})})
    got = lines(BASE, b)
    assert got[0] == ["title", "-", '"t"', '"T2"']
    whats = {(row[0], row[1]) for row in got}
    [record] = b.sources  # the new source is a record, which "a" cites
    assert whats == {
        ("title", "-"), ("text", "a"), ("source.id", "a"), ("kind", "c"),
        ("removed", "b"), ("removed", "r"), ("added", "new"), ("record.added", record.id),
    }
    text = next(row for row in got if row[0] == "text")
    assert json.loads(text[3]) == "A, re-worded\twith a tab"  # one line, tab escaped
    added = next(row for row in got if row[0] == "added")
    assert json.loads(added[3]) == {"parent": "c", "kind": "evidence", "text": "New\nline"}
    assert all(len(row) == 4 for row in got)


def test_moved_and_reordered():
    b = change(BASE, "c", order=0)  # c jumps before a and b
    b = change(b, "a", parent="c")
    got = lines(BASE, b)
    assert ["moved", "a", '"root"', '"c"'] in got
    assert [row[:2] for row in got if row[0] == "reordered"] == [["reordered", "c"]]


def test_an_inserted_sibling_does_not_reorder_the_others():
    b = add(BASE, "first", "root", order=0)
    assert [row[:2] for row in lines(BASE, b)] == [["added", "first"]]


def test_output_is_stable_and_reverse_swaps_added_and_removed():
    b = change(change(add(remove(BASE, "c"), "x", "a"), "r", text="R2"), "root", text="Root2")
    # the map's title first, then b's pre-order, removed nodes last: not the files' node order
    assert [row[:2] for row in lines(BASE, b)] == [
        ["text", "root"], ["added", "x"], ["text", "r"], ["removed", "c"]]
    backwards = {m: m.model_copy(update={"nodes": m.nodes[::-1]}) for m in (BASE, b)}
    assert diff_maps(backwards[BASE], backwards[b]).lines() == diff_maps(BASE, b).lines()
    forward = {(r[0], r[1]) for r in lines(BASE, b)}
    backward = {(r[0], r[1]) for r in lines(b, BASE)}
    swap = {"added": "removed", "removed": "added"}
    assert backward == {(swap.get(w, w), n) for w, n in forward}


def test_counts_and_changed_ids_for_the_editor():
    b = add(change(BASE, "a", text="A2"), "x", "a")
    d = diff_maps(BASE, b)
    assert d.counts() == {"text": 1, "added": 1}
    assert d.changed_ids() == {"a", "x"}


def test_source_removed_names_its_fields():
    a = change(BASE, "a", source=Source(title="Study", quote="q"))
    got = {(r[0], r[1]) for r in lines(a, BASE)}
    [record] = a.sources  # its record goes with its last citation
    assert got == {("source.id", "a"), ("source.quote", "a"), ("record.removed", record.id)}
    empty = change(BASE, "a", source=Source())
    assert {(r[0], r[1]) for r in lines(BASE, empty)} == {("source", "a")}
