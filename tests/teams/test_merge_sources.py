"""Source records in diff and merge (issue 21): by record id, field by field, like nodes."""

from __future__ import annotations

import json

from argmap.core.mapfile import read_map
from argmap.core.model import ArgumentMap, SourceRecord
from argmap.teams.diff import diff_maps
from argmap.teams.merge import merge_maps, merge_two_way
from argmap.teams.merge_sources import BOTH_CHANGED
from tests.shared_files import REPO

BASE = read_map(REPO / "tests" / "data" / "sources" / "night-ferry.argmap.json")
[RECORD] = BASE.sources


def with_record(amap: ArgumentMap, **fields: object) -> ArgumentMap:
    [record] = amap.sources
    new = SourceRecord.model_validate({**record.model_dump(), **fields})
    return ArgumentMap(info=amap.info, nodes=amap.nodes, sources=(new,))


def with_quote(amap: ArgumentMap, node_id: str, quote: str) -> ArgumentMap:
    nodes = tuple(n.model_copy(update={"source": n.source.model_copy(update={"quote": quote})})
                  if n.id == node_id else n for n in amap.nodes)
    return ArgumentMap(info=amap.info, nodes=nodes, sources=amap.sources)


def test_a_record_edited_on_one_side_and_quotes_on_the_other_merge_cleanly():
    ours = with_quote(BASE, "bikes", "only six bicycles")
    theirs = with_record(BASE, author="A staff writer", text="The whole article.")
    for a, b in ((ours, theirs), (theirs, ours)):  # the same whichever side is ours
        result = merge_maps(BASE, a, b)
        assert result.clean
        [record] = result.merged.sources
        assert (record.author, record.text) == ("A staff writer", "The whole article.")
        assert result.merged.by_id()["bikes"].source.quote == "only six bicycles"


def test_both_sides_changing_a_record_field_is_a_conflict_that_keeps_ours():
    ours = with_record(BASE, date="12 March 2025")
    theirs = with_record(BASE, date="March 2025", url="https://example.org/ferry")
    result = merge_maps(BASE, ours, theirs)
    [conflict] = result.conflicts
    assert (conflict.node_id, conflict.field, conflict.reason) == (
        RECORD.id, "record.date", BOTH_CHANGED)
    [record] = result.merged.sources
    assert (record.date, record.url) == ("12 March 2025", "https://example.org/ferry")
    assert all(n.source.url == "https://example.org/ferry" for n in result.merged.nodes)
    picked = merge_maps(BASE, ours, theirs, {(RECORD.id, "record.date"): "theirs"})
    assert picked.merged.sources[0].date == "March 2025"
    assert "record.date" in conflict.line()


def test_a_deleted_record_that_a_kept_node_still_cites_is_kept():
    with_text = with_record(BASE, text="Text.")
    ours = with_quote(with_text, "bikes", "six bicycles")  # ours edits the one node left
    gone = {"keep", "shifts", "fridays", "uncounted", "subsidy", "electric", "quiet", "june"}
    theirs_nodes = tuple(n.model_copy(update={"source": None}) if n.id in gone else n
                         for n in with_text.nodes if n.id != "bikes")
    theirs = ArgumentMap(info=BASE.info, nodes=theirs_nodes, sources=())  # the record dropped
    result = merge_maps(with_text, ours, theirs)
    assert "bikes" in result.merged.by_id()
    assert [r.text for r in result.merged.sources] == ["Text."]  # the record stays whole
    assert {(c.node_id, c.field) for c in result.conflicts} >= {("bikes", "deleted"),
                                                                (RECORD.id, "record")}


def test_a_two_way_merge_keeps_records_either_side_has():
    theirs = with_record(BASE, text="Text.")
    result = merge_two_way(BASE, theirs)
    [conflict] = result.conflicts  # no base: the texts differ, ours (none) kept
    assert conflict.field == "record.text" and conflict.theirs == {"characters": 5}
    assert merge_two_way(BASE, theirs, choices={(RECORD.id, "record.text"): "theirs"}
                         ).merged.sources[0].text == "Text."


def test_diff_lists_record_changes_and_highlights_the_nodes_that_show_them():
    b = with_record(BASE, title="The Night Ferry Stays", text="x" * 2_000)
    d = diff_maps(BASE, b)
    lines = [line.split("\t") for line in d.lines()]
    assert lines == [
        ["record.title", RECORD.id, json.dumps(RECORD.title, ensure_ascii=False),
         '"The Night Ferry Stays"'],
        ["record.text", RECORD.id, "null", '{"characters":2000}'],
    ]
    assert d.changed_ids() == {n.id for n in BASE.nodes}  # every box shows the new title
    assert not diff_maps(BASE, BASE)
