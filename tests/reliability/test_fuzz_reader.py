"""Fuzz the map-file reader: every input loads as a valid map or raises MapFileError.

Structure-aware cases start from a valid file and mutate its JSON (values swapped for
random JSON, nodes duplicated, parents re-pointed, keys added) or its bytes; raw cases
are random bytes. No other exception, and no input may take over 2 s (the deadline).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.core.mapfile import MapFileError, dumps_map, parse_map
from argmap.core.model import ArgumentMap
from tests.helpers import small_map
from tests.reliability import stats

BASE = dumps_map(small_map("fuzz base"))
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "300"))  # per kind; raise for a long run
FUZZ = settings(max_examples=EXAMPLES, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def load_or_typed_error(data: bytes) -> None:
    try:
        amap = parse_map(data, "fuzz.argmap.json")
    except MapFileError as exc:
        assert str(exc).startswith("fuzz.argmap.json: ")
        assert "\n" not in str(exc)
        stats.record("fuzz_rejected", 1)
    else:
        assert isinstance(amap, ArgumentMap)
        stats.record("fuzz_loaded", 1)


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes):
    load_or_typed_error(data)


@FUZZ
@given(st.data())
def test_byte_mutations_of_a_valid_file(data):
    blob = bytearray(BASE)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(blob)))
        action = data.draw(st.sampled_from(["delete", "insert", "flip"]))
        if action == "delete":
            del blob[at:at + data.draw(st.integers(1, 40))]
        elif action == "insert":
            blob[at:at] = data.draw(st.binary(min_size=1, max_size=20))
        elif blob:
            blob[min(at, len(blob) - 1)] ^= data.draw(st.integers(1, 255))
    load_or_typed_error(bytes(blob))


@pytest.mark.slow
@FUZZ
@given(st.data())
def test_json_mutations_of_a_valid_file(data):
    doc = json.loads(BASE)
    nodes = doc["nodes"]
    ids = [n["id"] for n in nodes]
    for _ in range(data.draw(st.integers(1, 3))):
        action = data.draw(st.sampled_from(
            ["value", "parent", "duplicate", "extra-key", "drop-key", "top-value", "kind"]))
        node = nodes[data.draw(st.integers(0, len(nodes) - 1))] if nodes else {}
        if action == "value" and node:
            node[data.draw(st.sampled_from(sorted(node)))] = data.draw(json_values)
        elif action == "parent" and node:
            node["parent"] = data.draw(st.sampled_from([None, "ghost", *ids]))
        elif action == "duplicate" and node:
            nodes.append(dict(node))
        elif action == "extra-key" and node:
            node[data.draw(st.text(min_size=1, max_size=6))] = data.draw(json_values)
        elif action == "drop-key" and node:
            node.pop(data.draw(st.sampled_from(sorted(node))))
        elif action == "kind" and node:
            node["kind"] = data.draw(st.sampled_from(["claim", "evidence", "objection", "rebuttal"]))
        else:
            doc[data.draw(st.sampled_from(["format", "version", "map", "nodes", "x"]))] = data.draw(
                json_values)
    load_or_typed_error(json.dumps(doc).encode())


def test_rejected_inputs_leave_the_library_untouched(tmp_path: Path, capsys):
    db = tmp_path / "library.db"
    from argmap.core.seed import open_library

    open_library(db).close()  # `list` only reads: it makes no library
    assert main(["--db", str(db), "list"]) == 0
    before = db.read_bytes()
    for i, blob in enumerate([BASE[:-40], BASE.replace(b'"claim"', b'"thesis"'), b"\xff" * 9]):
        path = tmp_path / f"bad{i}.argmap.json"
        path.write_bytes(blob)
        assert main(["--db", str(db), "import", str(path)]) == 1
    capsys.readouterr()
    assert db.read_bytes() == before
