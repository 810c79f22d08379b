"""Hostile Argdown and AIF (issue 24): text a node cannot hold is one MapFileError, ids made
by a conversion never collide, and refusing or accepting Argdown costs memory in proportion
to what it keeps (tracemalloc peaks, not times: speed is measured in
benchmarks/argdown_scan.py)."""

from __future__ import annotations

import contextlib
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.core.errors import MapFileError
from argmap.core.model import MAX_NODES, MAX_TEXT
from argmap.formats import argdown_lexer
from argmap.formats.argdown import parse_argdown
from argmap.formats.interchange import import_bytes
from tests.helpers import run_cli

#: A message quoting file input stays this short, however long the input.
MESSAGE_BOUND = 300
MIB = 1024 * 1024


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(MapFileError) as caught:
        import_bytes(data, name)
    message = str(caught.value)
    assert "\n" not in message and len(message) <= MESSAGE_BOUND, message
    return message


def aif(*nodes: dict[str, object], title: str | None = None) -> bytes:
    body: dict[str, object] = {"nodes": list(nodes), "edges": [], "locutions": []}
    if title is not None:
        body["argmap"] = {"map": {"title": title}}
    return json.dumps(body).encode()


# -- 2: NUL and lone surrogates ------------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    (b"[a]: fine\n\n[b]: hello\x00 world\n", "nul.argdown"),
    (b"[a]: x\n\n[c\x00]\n", "title.argdown"),  # no text: the title becomes the text
    (aif({"nodeID": "1", "type": "I", "text": "a\x00b"}), "nul.json"),
    (aif({"nodeID": "7", "type": "I", "text": "a\ud800b"}), "surrogate.json"),
], ids=["argdown-nul", "argdown-title-nul", "aif-nul", "aif-lone-surrogate"])
def test_text_a_node_cannot_hold_is_one_line_naming_where(text: bytes, name: str):
    message = refusal(text, name)
    assert "cannot store" in message and name in message
    assert "line " in message or "nodeID" in message


def test_the_cli_refuses_a_nul_with_one_line_and_no_traceback(capsys, tmp_path: Path):
    path = tmp_path / "nul.argdown"
    path.write_bytes(b"[a]: hello\x00 world\n")
    code, out, err = run_cli(capsys, "--db", str(tmp_path / "l.db"), "import", str(path))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "NUL" in err
    assert not (tmp_path / "l.db").exists()


@pytest.mark.parametrize("title", ["bad\x00title", "lone \udc80 surrogate"])
def test_a_title_that_cannot_be_stored_is_mended_not_a_crash(title: str):
    amap = import_bytes(aif({"nodeID": "1", "type": "I", "text": "claim"}, title=title),
                        "t.json").map
    assert "\ufffd" in amap.info.title and amap.nodes[0].text == "claim"


# -- 3: ids made by a conversion never collide ---------------------------------------------
def test_aif_continuation_nodes_never_collide_with_real_ids():
    long_text = " ".join(["word"] * (MAX_TEXT // 4))
    data = aif({"nodeID": "A", "type": "I", "text": long_text},
               {"nodeID": "A~cont1", "type": "I", "text": "a real node"},
               {"nodeID": "A~cont2", "type": "I", "text": "another"})
    amap = import_bytes(data, "cont.json").map
    texts = [n.text for n in amap.nodes]
    assert "a real node" in texts and "another" in texts
    assert " ".join(t for t in texts if t.startswith("word")) == long_text
    assert len({n.id for n in amap.nodes}) == len(amap.nodes) == 4


def test_argdown_extra_wordings_never_collide_with_titles():
    text = b"[x]: first wording\n\n[x]: second wording\n\n[x~1]: a statement titled x~1\n"
    amap = parse_argdown(text, "w.argdown")
    assert sorted(n.text for n in amap.nodes) == ["a statement titled x~1", "first wording",
                                                  "second wording"]


def test_a_refusal_naming_a_huge_id_stays_short():
    message = refusal(aif({"nodeID": "n" * 100_000, "type": "I", "text": "a\x00b"}), "big.json")
    assert len(message) <= MESSAGE_BOUND


# -- 8: Argdown costs what it keeps ----------------------------------------------------------
def traced_peak_mb(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        with contextlib.suppress(MapFileError):
            work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_an_error_on_line_2_is_found_without_lexing_the_rest(monkeypatch):
    made = []

    class Counted(argdown_lexer.Token):  # type: ignore[misc]
        __slots__ = ()

        def __init__(self, *args: object) -> None:
            made.append(1)
            super().__init__(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(argdown_lexer, "Token", Counted)
    data = b"[a]: fine\n\n  + [b]: no parent here\n\n" + b"[c]: more text\n\n" * 200_000
    message = refusal(data, "late.argdown")
    assert "line 3" in message
    assert len(made) < 20_000  # tokens made: a few chunks, not the 600,000 of the whole file


def test_an_error_on_line_2_of_a_big_file_costs_little_memory():
    data = b"[a]: fine\n\n  + [b]: no parent here\n\n" + b"[c]: more text\n\n" * 300_000
    assert traced_peak_mb(lambda: import_bytes(data, "late.argdown")) < 3 * len(data) / 1e6 + 10


def test_the_node_limit_is_checked_while_parsing():
    data = b"".join(b"s%d\n\n" % i for i in range(MAX_NODES + 50_000))
    message = refusal(data, "many.argdown")
    assert f"more than {MAX_NODES} statements" in message
    assert f"line {2 * MAX_NODES + 1}" in message  # where statement 200,001 starts


@pytest.mark.parametrize("make", [
    lambda n: b"[" * n,  # 8 MB of this took 99 s and 1.28 GB
    lambda n: b"[a]: text {" + b'"k": "v", ' * (n // 10),  # a data block never closed
    lambda n: b"===\ntitle: x\n" + b"key: value\n" * (n // 11),  # front matter never closed
    lambda n: b"[a]: " + b"\\x" * (n // 2),  # a statement of escapes
    lambda n: b"[a]: " + b"a\n" * (n // 2),  # a statement of a million lines
], ids=["brackets", "open-data", "open-front-matter", "escapes", "short-lines"])
def test_huge_statements_cost_memory_in_proportion_to_the_file(make):
    data = make(2 * MIB)
    amap_size = traced_peak_mb(lambda: import_bytes(data, "huge.argdown"))
    assert amap_size < 12 * len(data) / 1e6 + 20, amap_size  # was ~150x the file: 1.3 GB for 8 MB
