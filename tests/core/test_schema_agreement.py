"""The reader accepts exactly what the published schemas accept (issue 11): the same cases run
through jsonschema (with date-time format checking) and through the reader, and the two must
agree on every one. A file is accepted by the schemas when resources/argmap-v1.schema.json or
resources/argmap-v2.schema.json accepts it (each names its own version). Cases stay within
the cross-node rules (unique ids, existing parents, kind rules, an argument's premises),
which JSON Schema cannot state and only the reader checks."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from argmap.core import mapfile
from argmap.core.errors import MapFileError

REPO = Path(__file__).resolve().parents[2]
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
VALIDATORS = [
    jsonschema.Draft202012Validator(
        json.loads((REPO / "resources" / name).read_text(encoding="utf-8")),
        format_checker=FORMATS)
    for name in ("argmap-v1.schema.json", "argmap-v2.schema.json")
]

BASE: dict[str, Any] = {
    "format": "argmap",
    "version": 1,
    "map": {"id": "m1", "title": "A map", "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-02T03:04:05+01:00"},
    "nodes": [
        {"id": "root", "parent": None, "order": 0, "kind": "claim", "text": "Root"},
        {"id": "c1", "parent": "root", "order": 1, "kind": "objection", "text": "Child",
         "source": {"title": "t", "url": "u", "quote": "q", "locator": "p. 1"}},
    ],
}

# (where, value): where is a path into BASE; each case sets that one value.
VALUES: list[tuple[tuple[Any, ...], Any]] = [
    *((("nodes", 1, "order"), v) for v in
      (5, 5.0, 1e2, 5.5, "5", True, False, None, -1, 1_000_000, 1_000_001, [5], {"n": 5})),
    *((("version",), v) for v in (1, 1.0, True, "1", 2, 0, None, 1.5)),
    *((("map", "created"), v) for v in (
        1700000000, "1700000000", "2026-01-01T00:00:00Z", "2026-01-01t00:00:00z",
        "2026-01-01 00:00:00Z", "2026-01-01T00:00Z", "2026-01-01T00:00:00",
        "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00.123456Z",
        "2026-01-01T00:00:00.1234567Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:00:60Z", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00",
        "9998-12-31T23:59:59-23:59", "0002-01-01T00:00:00+23:59", "2026-01-01T00:00:00Z\n",
        "\uff12\uff10\uff12\uff16-01-01T00:00:00Z", "2026-01-01", True, None)),
    *((("map", "title"), v) for v in (
        "ok", " padded ", "", "   ", "two\nlines", "trailing\n", "tab\there", "x" * 500,
        "x" * 501, " " + "x" * 500, "nul\x00", "\ud800", "\x1c", "\u2028", 7, None)),
    *((("nodes", 1, "text"), v) for v in (
        "ok", "  ", "multi\nline", "x" * 10_000, "x" * 10_001, "x" * 9_999 + "  ",
        "nul\x00here", "lone \udc00", "emoji \U0001F600", "\x1f", 0, None)),
    *((("nodes", 1, "id"), v) for v in (
        "c1", "c1\n", "-c1", "a" * 64, "a" * 65, "\u0661", "c 1", "c:1.x-y", "", 1)),
    *((("nodes", 1, "parent"), v) for v in ("root", "root\n", 3)),
    *((("nodes", 1, "kind"), v) for v in ("objection", "claim", "Objection", 1, None)),
    *((("nodes", 1, "source"), v) for v in (
        None, {}, {"title": "x" * 2000}, {"title": "x" * 2001}, {"quote": "q\x00"},
        {"extra": 1}, {"url": 5}, "source")),
    *((("nodes", 1, "colour"), v) for v in ("red",)),
    *((("map", "colour"), v) for v in ("red",)),
    *((("extra",), v) for v in (1,)),
    # Version-2 features in a version-1 file: refused, even as null.
    *((("nodes", 1, "assessment"), v) for v in (0.5, None)),
    *((("nodes", 1, "polarity"), v) for v in ("supports", None)),
]

#: A version-2 map: a linked argument with two premises and an undercut, an attacking
#: argument with one premise, assessments.
BASE2: dict[str, Any] = {
    "format": "argmap",
    "version": 2,
    "map": BASE["map"],
    "nodes": [
        {"id": "root", "parent": None, "order": 0, "kind": "claim", "text": "Root",
         "assessment": 0.5},
        {"id": "a1", "parent": "root", "order": 0, "kind": "argument", "polarity": "supports",
         "text": "Together"},
        {"id": "p1", "parent": "a1", "order": 0, "kind": "claim", "text": "Premise one"},
        {"id": "p2", "parent": "a1", "order": 1, "kind": "evidence", "text": "Premise two"},
        {"id": "u1", "parent": "a1", "order": 2, "kind": "objection", "text": "Undercut"},
        {"id": "a2", "parent": "root", "order": 1, "kind": "argument", "polarity": "attacks",
         "text": "Against"},
        {"id": "p3", "parent": "a2", "order": 0, "kind": "claim", "text": "Lone premise",
         "assessment": 1},
    ],
}
_MISSING = object()  # the case deletes the key

VALUES_V2: list[tuple[tuple[Any, ...], Any]] = [
    *((("nodes", 1, "polarity"), v) for v in (
        "supports", "attacks", "Supports", "support", "", None, _MISSING, 1, True, ["attacks"])),
    *((("nodes", 2, "polarity"), v) for v in ("supports", "attacks", None, _MISSING, "x")),
    *((("nodes", 0, "assessment"), v) for v in (
        0, 1, 0.5, 0.0, 1.0, -0.0, 1e-300, 0.30000000000000004, -0.1, 1.0000001, 2, -1,
        "0.5", True, False, None, _MISSING, [0.5], {"v": 0.5})),
    *((("nodes", 1, "assessment"), v) for v in (0.25, None)),
    *((("nodes", 1, "kind"), v) for v in ("argument", "claim", "Argument")),
    *((("nodes", 1, "source"), v) for v in (None, {"title": "t"})),
    *((("nodes", 1, "colour"), v) for v in ("red",)),
    *((("version",), v) for v in (2, 2.0, 1, 3, "2", True)),
]


#: A version-2 map with source records (issue 21): one record cited by source_id, one node
#: with an inline source that reading groups into a record.
BASE3: dict[str, Any] = {
    **BASE2,
    "sources": [{"id": "s1", "title": "Study", "author": "A. Writer", "date": "2024",
                 "url": "https://example.org", "text": "One.\n\nTwo."}],
    "nodes": [
        {**BASE2["nodes"][0], "source": {"source_id": "s1", "quote": "Two.", "locator": "¶ 2"}},
        *BASE2["nodes"][1:],
    ],
}

VALUES_V3: list[tuple[tuple[Any, ...], Any]] = [
    *((("sources", 0, "id"), v) for v in ("s1", "s 1", "", 7, None, "a" * 65)),
    *((("sources", 0, "title"), v) for v in ("", "x" * 2000, "x" * 2001, None, "two\nlines")),
    *((("sources", 0, "author"), v) for v in ("", " B ", 3, _MISSING)),
    *((("sources", 0, "date"), v) for v in ("30 January 2024", None, _MISSING)),
    *((("sources", 0, "text"), v) for v in (
        "Plain.", None, _MISSING, "", "  \n ", "nul\x00", "\ud800", "x" * 2_000_000,
        "x" * 2_000_001, 5)),
    *((("sources", 0, "colour"), v) for v in ("red",)),
    *((("sources",), v) for v in (None, {}, "s1")),  # not []: a missing record is a rule between objects
    *((("nodes", 0, "source", "title"), v) for v in ("Study", "")),
    *((("nodes", 0, "source", "url"), v) for v in ("https://example.org",)),
    *((("nodes", 0, "source", "source_id"), v) for v in ("s1", "s 1", 1, None)),
    *((("nodes", 1, "source"), v) for v in ({"title": "Inline", "quote": "q"}, {"quote": "q"})),
]


def case(where: tuple[Any, ...], value: Any, base: dict[str, Any] = BASE) -> dict[str, Any]:
    doc = copy.deepcopy(base)
    target = doc
    for step in where[:-1]:
        target = target[step]
    if value is _MISSING:
        target.pop(where[-1], None)
    else:
        target[where[-1]] = value
    return doc


def schema_accepts(doc: dict[str, Any]) -> bool:
    return any(v.is_valid(doc) for v in VALIDATORS)


def reader_accepts(doc: dict[str, Any]) -> bool:
    try:
        data = json.dumps(doc, ensure_ascii=True).encode("utf-8")  # \ud800 stays an escape
        mapfile.parse_map(data)
    except MapFileError:
        return False
    return True


def test_date_time_format_checking_is_active():
    assert not FORMATS.conforms("2026-02-30T00:00:00Z", "date-time")


@pytest.mark.parametrize(("where", "value"), VALUES, ids=[f"{'.'.join(map(str, w))}={v!r:.30}"
                                                            for w, v in VALUES])
def test_reader_and_schema_agree(where: tuple[Any, ...], value: Any):
    doc = case(where, value)
    assert reader_accepts(doc) == schema_accepts(doc)


@pytest.mark.parametrize(("where", "value"), VALUES_V2, ids=[
    f"{'.'.join(map(str, w))}={'<missing>' if v is _MISSING else repr(v):.30}"
    for w, v in VALUES_V2])
def test_reader_and_schema_agree_on_version_2(where: tuple[Any, ...], value: Any):
    doc = case(where, value, BASE2)
    assert reader_accepts(doc) == schema_accepts(doc)


@pytest.mark.parametrize(("where", "value"), VALUES_V3, ids=[
    f"{'.'.join(map(str, w))}={'<missing>' if v is _MISSING else repr(v):.30}"
    for w, v in VALUES_V3])
def test_reader_and_schema_agree_on_source_records(where: tuple[Any, ...], value: Any):
    doc = case(where, value, BASE3)
    assert reader_accepts(doc) == schema_accepts(doc)


def test_the_version_2_base_is_valid_and_not_version_1():
    assert reader_accepts(BASE2) and schema_accepts(BASE2)
    as_v1 = {**BASE2, "version": 1}
    assert not reader_accepts(as_v1) and not schema_accepts(as_v1)
    assert not VALIDATORS[0].is_valid(BASE2)


def test_the_issue_cases_are_refused_by_both():
    for where, value in [(("nodes", 1, "order"), "5"), (("nodes", 1, "order"), True),
                         (("version",), True), (("map", "created"), 1700000000),
                         (("map", "created"), "1700000000")]:
        doc = case(where, value)
        assert not schema_accepts(doc) and not reader_accepts(doc), (where, value)


def test_out_of_range_timestamps_are_one_line_errors():
    for stamp in ("9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00"):
        with pytest.raises(MapFileError, match="created") as caught:
            mapfile.parse_map(json.dumps(case(("map", "created"), stamp)).encode())
        assert "\n" not in str(caught.value)
