"""Broken map files, each with the phrase its one-line error must contain.

Shared by the reader, CLI and GUI tests so each bad input is checked at every door.
"""

from __future__ import annotations

import json
from pathlib import Path

from argmap.core.mapfile import dumps_map
from tests.helpers import small_map

GOOD = dumps_map(small_map("bad-file base"))


def _edit(old: bytes, new: bytes) -> bytes:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def _json(obj: object) -> bytes:
    return json.dumps(obj).encode()


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "whitespace": (b"  \n\t ", "the file is empty"),
    "truncated": (GOOD[: len(GOOD) // 2], "not valid JSON"),
    "not-json": (b"hello, this is a text file\n", "not valid JSON"),
    "utf16": (GOOD.decode().encode("utf-16"), "UTF-16"),
    "invalid-utf8": (_edit(b"Shops", b"Sh\xffops"), "not valid UTF-8"),
    "deep-nesting": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "nan": (_edit(b'"order": 1', b'"order": NaN'), "NaN is not allowed"),
    "infinity": (_edit(b'"order": 1', b'"order": Infinity'), "Infinity is not allowed"),
    "duplicate-key": (_edit(b'"kind": "objection"', b'"kind": "objection", "kind": "claim"'),
                      "duplicate key 'kind'"),
    "duplicate-id": (_edit(b'"id": "o1"', b'"id": "e1"'), "duplicate id"),
    "missing-parent": (_edit(b'"parent": "o1"', b'"parent": "ghost"'), "no node has id 'ghost'"),
    "parent-cycle": (_edit(b'"id": "root", "parent": null', b'"id": "root", "parent": "r1"'),
                     "loops back"),
    "unknown-kind": (_edit(b'"kind": "objection"', b'"kind": "opinion"'), "kind: Input should be"),
    "unknown-field": (_edit(b'"kind": "objection"', b'"kind": "objection", "colour": "red"'),
                      "colour: Extra inputs are not permitted"),
    "newer-version": (_edit(b'"version": 1', b'"version": 7'),
                      "made by a newer argmap: format version 7; this argmap reads versions up to 2"),
    "not-argmap": (_json({"format": "ova", "nodes": []}), "not an argmap file"),
    "top-level-list": (b"[]", "not an argmap file"),
    "empty-text": (_edit(b'"text": "Shops lose trade."', b'"text": "   "'),
                   "node 'o1': text"),
    "huge-integer": (_edit(b'"order": 1', b'"order": 99999999999999999999999'), "node 'o1': order"),
    "lone-surrogate": (_edit(b"Shops", b"\\ud800Shops"), "node 'o1': text"),
    "root-objection": (_edit(b'"id": "root", "parent": null, "order": 0, "kind": "claim"',
                             b'"id": "root", "parent": null, "order": 0, "kind": "objection"'),
                       "a root must be a claim"),
}


def write_bad(tmp: Path, name: str) -> tuple[Path, str]:
    data, phrase = BAD_FILES[name]
    path = tmp / f"{name}.argmap.json"
    path.write_bytes(data)
    return path, phrase


def write_oversized(tmp: Path, size: int | None = None) -> Path:
    """A map file 1 MiB over the file limit (sparse: its size is refused before it is read)."""
    from argmap.core.mapfile import MAX_FILE_BYTES

    size = MAX_FILE_BYTES + 1024 * 1024 if size is None else size
    path = tmp / "huge.argmap.json"
    with open(path, "wb") as fh:
        fh.write(GOOD[:-2])
        fh.seek(size - 2)
        fh.write(b"}\n")
    return path
