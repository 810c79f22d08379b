from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from argmap.core import mapfile
from argmap.core.mapfile import MapFileError, dumps_map, parse_map, read_map, write_map
from tests.badfiles import BAD_FILES, GOOD, write_bad, write_oversized
from tests.conftest import REPO
from tests.helpers import chain, small_map

V1_SCHEMA_SHA256 = "311a8d297f27e45e7d3b4aa69b9503b0e5ead74fba815a70780a9ccacd69e7bc"


def test_round_trip_is_byte_identical(tmp_path: Path):
    amap = small_map()
    write_map(amap, tmp_path / "a.argmap.json")
    again = read_map(tmp_path / "a.argmap.json")
    assert again == amap.canonical()
    assert dumps_map(again) == (tmp_path / "a.argmap.json").read_bytes()


def test_one_node_per_line_in_preorder():
    lines = dumps_map(small_map()).decode().splitlines()
    node_lines = [ln for ln in lines if ln.strip().startswith('{"id"')]
    assert [json.loads(ln.strip().rstrip(","))["id"] for ln in node_lines] == [
        "root", "e1", "o1", "r1"]
    assert lines[:3] == ["{", '  "format": "argmap",', '  "version": 1,']


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_raise_one_typed_error(tmp_path: Path, name: str):
    path, phrase = write_bad(tmp_path, name)
    with pytest.raises(MapFileError) as info:
        read_map(path)
    message = str(info.value)
    assert phrase in message
    assert message.startswith(str(path))
    assert "\n" not in message


def test_json_errors_give_line_and_column(tmp_path: Path):
    path = tmp_path / "t.argmap.json"
    path.write_bytes(GOOD.replace(b'"kind": "objection"', b'"kind" "objection"'))
    with pytest.raises(MapFileError, match=r"line 8, column \d+"):
        read_map(path)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path, monkeypatch):
    path = write_oversized(tmp_path)

    def forbidden(*args, **kwargs):
        raise AssertionError("parsed a file that the size check should have refused")

    monkeypatch.setattr(mapfile.json, "loads", forbidden)
    limit = mapfile.MAX_FILE_BYTES // (1024 * 1024)
    with pytest.raises(MapFileError, match=f"MB; argmap opens map files of at most {limit} MiB"):
        read_map(path)


def test_the_file_limit_admits_the_largest_map_the_model_allows():
    """A 100,000-node generated map (44.8 MB) was refused by a 32 MiB limit although the
    model allows 200,000 nodes: the limit follows from the node limit."""
    from argmap.core.model import MAX_NODES
    from tests.generate import generate

    per_node = len(dumps_map(generate(2_000))) / 2_000
    assert per_node * MAX_NODES <= mapfile.MAX_FILE_BYTES
    assert mapfile.MAX_FILE_BYTES == MAX_NODES * mapfile.FILE_BYTES_PER_NODE


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_paths_that_are_not_files(tmp_path: Path, kind: str):
    path = tmp_path / "nope.argmap.json"
    if kind == "directory":
        path.mkdir()
    with pytest.raises(MapFileError, match=r"no such file|is a directory"):
        read_map(path)


def test_utf8_bom_is_accepted():
    assert parse_map(b"\xef\xbb\xbf" + GOOD).info.title == "bad-file base"


def test_five_thousand_deep_chain_round_trips(tmp_path: Path):
    amap = chain(5000)
    write_map(amap, tmp_path / "deep.argmap.json")
    assert len(read_map(tmp_path / "deep.argmap.json").nodes) == 5001


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "keep.argmap.json"
    target.write_bytes(b"old contents")
    monkeypatch.setattr("argmap.core.atomic.os.write", lambda fd, data: 0)
    with pytest.raises(MapFileError, match="cannot be written"):
        write_map(small_map(), target)
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.argmap.json"]


def test_checked_in_schema_matches_the_models():
    checked_in = (REPO / "resources" / "argmap-v2.schema.json").read_text(encoding="utf-8")
    assert checked_in == mapfile.schema_text(), (
        "the file format changed: regenerate resources/argmap-v2.schema.json "
        "(see mapfile.schema_text) and bump the format version if old files no longer load"
    )


def test_the_published_version_1_schema_never_changes():
    data = (REPO / "resources" / "argmap-v1.schema.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == V1_SCHEMA_SHA256


def test_schema_describes_the_top_level():
    body = json.loads(mapfile.schema_text())
    assert set(body["required"]) == {"format", "version", "map", "nodes"}
    assert body["additionalProperties"] is False


def test_a_map_too_big_to_read_back_is_not_written(tmp_path: Path, monkeypatch):
    amap = small_map("big")
    monkeypatch.setattr(mapfile, "MAX_FILE_BYTES", len(dumps_map(amap)) - 1)
    target = tmp_path / "big.argmap.json"
    with pytest.raises(MapFileError, match="nothing was written"):
        write_map(amap, target)
    assert not target.exists()


@pytest.mark.parametrize("data, problem", [
    (b"\x1f\x8b\x08\x00" + b"x" * 20, "gzip"),
    (b"[" + b"{}," * 10 + b"{}]", "not argmap nodes"),
    (b"{" + b'"a": 1,' * 100_000 + b'"format": "argmap-fragment"}', "more JSON values"),
])
def test_the_clipboard_gets_the_map_file_checks(data, problem):
    with pytest.raises(MapFileError, match=problem):
        mapfile.parse_fragment(data)


def test_an_oversized_clipboard_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(mapfile, "MAX_FILE_BYTES", 100)
    with pytest.raises(MapFileError, match="MB"):
        mapfile.parse_fragment(b'{"format": "argmap-fragment", "version": 1, "nodes": []}' + b" " * 100)
