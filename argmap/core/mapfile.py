"""The argmap file format, versions 1 and 2: the one place that opens and writes map files
(no Qt).

Version 2 adds argument nodes (`kind: "argument"` with a `polarity`), `assessment` and
source records (`sources`, with author, date and text; core/mapfile_sources.py). A map that
uses none of them is written as version 1, byte for byte as before, so that older argmap
keeps reading it; both versions are read.

A map file is untrusted input: it is size-checked before it is read, decoded strictly as
UTF-8, parsed with duplicate keys and NaN rejected, and validated whole before anything
sees it. Every failure is one `MapFileError` that says what is wrong and where.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from argmap.core import mapfile_sources
from argmap.core.atomic import atomic_write
from argmap.core.bulk import bulk
from argmap.core.errors import EXCERPT_CHARS, MapFileError, excerpt
from argmap.core.model import (
    MAX_NODES,
    MAX_SOURCES,
    ArgumentMap,
    MapInfo,
    Node,
    SourceRecord,
    StructureError,
    check_structure,
)

FORMAT = "argmap"
#: The newest format version this argmap reads and writes; it reads every one from 1.
VERSION = 2
#: Node fields a version-1 file cannot hold.
V2_FIELDS = frozenset({"polarity", "assessment"})
SUFFIX = ".argmap.json"
#: Files larger than this are refused before they are read (documented in docs/file-format.md).
#: It follows from the node limit: 512 bytes a node on average (a generated node takes ~440,
#: one quoting a source ~680), so the largest map the model allows, 200,000 nodes, can be
#: read: 102.4 MB (97 MiB).
FILE_BYTES_PER_NODE = 512
MAX_FILE_BYTES = MAX_NODES * FILE_BYTES_PER_NODE


class MapFile(BaseModel):
    """The top level of a version-2 map file; its JSON Schema is resources/argmap-v2.schema.json.
    Beyond what the schema can state, the reader checks the rules between nodes: unique ids,
    parents that exist, no cycles, a claim at every root, a rebuttal only under an objection,
    an argument never directly under another argument and with at least one premise."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        title="argmap map file, version 2",
    )

    format: Literal["argmap"]
    version: Literal[2]
    map: MapInfo
    #: Source records (version 2); nodes name them by source.source_id.
    sources: list[SourceRecord] = Field(default=[], max_length=MAX_SOURCES, fail_fast=True)
    # fail_fast: the first bad node ends validation (200,000 bad nodes made 600,000 errors).
    nodes: list[Node] = Field(max_length=MAX_NODES, fail_fast=True)


class MapFileV1(MapFile):
    """A version-1 file: read with the same models after _check_v1 has refused every node
    that uses a version-2 feature. Its schema, resources/argmap-v1.schema.json, is frozen."""

    version: Literal[1]  # type: ignore[assignment]


_FRAGMENT = TypeAdapter(list[Node])


def schema_text() -> str:
    """The JSON Schema of the newest format, as checked in at resources/argmap-v2.schema.json.

    Regenerate after a model change with:
    python -c "import argmap.core.mapfile as m; print(m.schema_text(), end='')" \
        > resources/argmap-v2.schema.json
    (resources/argmap-v1.schema.json is published and never regenerated.)
    """
    body = MapFile.model_json_schema()
    body["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- reading --------------------------------------------------------------------------------
def read_map(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read and validate a map file; raise MapFileError for anything short of a valid map."""
    return parse_map(read_input(path), str(path))


def read_input(path: str | os.PathLike[str], pipes: bool = False) -> bytes:
    """The bytes of an input file of any format: the one place argmap opens files it reads.

    The size limit is checked before reading, and every failure is a MapFileError that
    names the file. Format readers (map file, Argdown, AIF) parse what this returns.
    `pipes`: a pipe is read too (`argmap diff <(git show …) FILE`), to its end and at most
    MAX_FILE_BYTES; "-" is standard input. A pipe with no writer reads as empty, never hangs.
    Commands that store what they read (import, open) keep refusing pipes and devices.
    """
    name = str(path)
    if pipes and name == "-":
        return _read_limited(sys.stdin.buffer, "standard input")
    try:
        # O_NONBLOCK: opening a FIFO (or a device) must not wait for a writer; what it is
        # comes from fstat on the opened descriptor, so a swapped path cannot fool the check.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as fh:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if pipes and stat.S_ISFIFO(info.st_mode):
                os.set_blocking(fd, True)  # opened without waiting; now read to the end
                return _read_limited(fh, name)
            if not stat.S_ISREG(info.st_mode):
                raise MapFileError(name, f"is {_special_kind(info.st_mode)}, not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                raise MapFileError(name, _too_big(info.st_size))
            return fh.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise MapFileError(name, "is a directory, not a map file") from None
    except FileNotFoundError:
        raise MapFileError(name, "no such file") from None
    except PermissionError:
        raise MapFileError(name, "permission denied") from None
    except OSError as exc:
        raise MapFileError(name, f"cannot be read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL, or a surrogate no file name can hold (UnicodeEncodeError)
        raise MapFileError(excerpt(name), "is not a file name any file system can hold") from None


def _read_limited(stream: Any, name: str) -> bytes:
    """A stream's bytes, refused as soon as it runs past MAX_FILE_BYTES."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(1 << 20):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise MapFileError(name, _too_big(size))
        chunks.append(chunk)
    return b"".join(chunks)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _too_big(size: int) -> str:
    return (
        f"file is {size / 1e6:.1f} MB; argmap opens map files of at most "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MiB"
    )


@bulk
def parse_map(data: bytes, name: str = "<data>", raw: Any = None) -> ArgumentMap:
    """Validate the bytes of a map file (see read_map). `raw`: what load_json(data, name)
    returned, when the caller already has it (the JSON is not parsed twice)."""
    if raw is None:
        raw = load_json(data, name)
    if not isinstance(raw, dict):
        raise MapFileError(name, "not an argmap file: the top level is not a JSON object")
    if raw.get("format") != FORMAT:
        raise MapFileError(name, 'not an argmap file: "format" is not "argmap"')
    version = raw.get("version")
    if isinstance(version, float) and version.is_integer():  # JSON Schema: 1.0 is the integer 1
        version = int(version)
        raw = {**raw, "version": version}
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise MapFileError(
            name,
            f"made by a newer argmap: format version {version}; this argmap reads versions "
            f"up to {VERSION}",
        )
    if version not in (1, 2) or isinstance(version, bool):
        raise MapFileError(
            name, f"unsupported format version {excerpt(version)}; expected 1 or {VERSION}")
    if version == 1:
        _check_v1(raw.get("nodes"), name)
    mapfile_sources.check_raw(raw, version, name)
    try:
        parsed = (MapFileV1 if version == 1 else MapFile).model_validate(raw)
        mapfile_sources.check_references(parsed.nodes, parsed.sources, name)
        # Orders normalised on the way in (10/20/30, ties, or none become 0, 1, 2 in
        # sibling order): the editor, the library and every export then hold the same values.
        return ArgumentMap(info=parsed.map, nodes=tuple(parsed.nodes),
                           sources=tuple(parsed.sources)).canonical()
    except ValidationError as exc:
        raise MapFileError(name, *_describe(exc, raw)) from None


def _check_v1(nodes: Any, name: str) -> None:
    """A version-1 file holds no argument node and no version-2 field (not even as null):
    exactly what resources/argmap-v1.schema.json accepts. One pass over the raw nodes."""
    if not isinstance(nodes, list):
        return  # the model says what is wrong
    for index, raw in enumerate(nodes):
        if not isinstance(raw, dict) or not (
                "polarity" in raw or "assessment" in raw or raw.get("kind") == "argument"):
            continue
        extra = sorted(V2_FIELDS.intersection(raw))
        node_id = raw.get("id")
        who = f"node {excerpt(node_id)}" if isinstance(node_id, str) else f"node #{index + 1}"
        what = extra[0] if extra else "kind: argument"
        raise MapFileError(name, f"{who}: {what}: needs format version 2, but the file "
                                 "says version 1", f"nodes[{index}]")


#: One match: a possessive run of bytes outside strings and of strings free of `{[,` and
#: escapes, then (group 1) one string that has them. Only those strings reach Python.
_SPECIAL_STRINGS = re.compile(rb'(?:[^"]|"[^"\\{\[,]*")*+("(?:[^"\\]|\\.)*")?')
#: A map file holds the top level, `map`, `nodes`, and per node one object and maybe a
#: `source`, and `sources` with one object per record; no object has more than 8 keys.
MAX_CONTAINERS = 2 * MAX_NODES + MAX_SOURCES + 4
VALUES_PER_CONTAINER = 9


def load_json(data: bytes, name: str, max_containers: int = MAX_CONTAINERS,
              values_per_container: int = VALUES_PER_CONTAINER) -> Any:
    """The one strict JSON reader for untrusted bytes (map files, AIF, the clipboard, Argdown
    front matter, the single-instance socket): size limit, no compressed data, shape limits
    before json.loads builds anything, strict UTF-8, then no NaN, no duplicate keys and no
    RecursionError on deep nesting. Every failure is one MapFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise MapFileError(name, _too_big(len(data)))
    _check_packed(data, name)
    check_shape(data, name, max_containers, values_per_container)
    text = _decode(data, name)
    if not text.strip():
        raise MapFileError(name, "the file is empty")
    return _parse_json(text, name)


def check_shape(data: bytes, name: str, max_containers: int = MAX_CONTAINERS,
                values_per_container: int = VALUES_PER_CONTAINER) -> None:
    """Refuse, before json.loads builds anything, JSON with more objects and arrays, or more
    values, than the format allows: 32 MiB of `{}` would otherwise build 16 million dicts
    (over 1 GB). Other JSON readers (AIF) call this with their own limits before json.loads.
    Bytes inside strings are counted out only when the quick upper bound (every brace,
    bracket and comma in the file) is over the limit."""
    containers = data.count(b"{") + data.count(b"[")
    commas = data.count(b",")
    if containers <= max_containers and commas <= values_per_container * containers + 8:
        return
    for match in _SPECIAL_STRINGS.finditer(data):  # C speed over everything else
        token = match.group(1)
        if token:
            containers -= token.count(b"{") + token.count(b"[")
            commas -= token.count(b",")
    if containers > max_containers:
        raise MapFileError(name, f"not a map file: {containers} JSON objects and arrays; a "
                                 f"map file has at most {max_containers} (two per node)")
    if commas > values_per_container * containers + 8:
        raise MapFileError(name, "not a map file: more JSON values than its objects can hold "
                                 f"(an object has at most {values_per_container - 1} keys)")


#: Compressed or archive files, told apart before any text decoding guesses at them.
_PACKED = ((b"\x1f\x8b", "gzip-compressed; decompress it first (gunzip)"),
           (b"PK\x03\x04", "a ZIP archive, not a map file"),
           (b"\xfd7zXZ\x00", "xz-compressed; decompress it first (unxz)"),
           (b"BZh", "bzip2-compressed; decompress it first (bunzip2)"),
           (b"\x28\xb5\x2f\xfd", "zstd-compressed; decompress it first (unzstd)"))
_BOM = b"\xef\xbb\xbf"


def _check_packed(data: bytes, name: str) -> None:
    for magic, what in _PACKED:
        if data.startswith(magic):
            raise MapFileError(name, f"the file is {what}")


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:4]):
        raise MapFileError(name, "the file is UTF-16 or UTF-32; argmap map files are UTF-8")
    if data.startswith(_BOM):
        data = data[3:]
        if data.startswith(_BOM):
            raise MapFileError(name, "the file starts with two UTF-8 byte-order marks (BOM); "
                                     "remove the second")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MapFileError(
            name, "not valid UTF-8", f"byte {exc.start}, line {line}"
        ) from None


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not allowed")


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise MapFileError(
            name, f"not valid JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise MapFileError(name, "not a map file: JSON nested too deeply") from None
    except _DuplicateKey as exc:
        raise MapFileError(name, f"duplicate key {excerpt(exc.args[0])} in a JSON object") from None
    except ValueError as exc:  # NaN / Infinity, or integers too long to convert
        if "digits" in str(exc):  # Python's own advice (set_int_max_str_digits) is not the user's
            raise MapFileError(name, "not a map file: a number with more than "
                                     f"{sys.get_int_max_str_digits()} digits") from None
        raise MapFileError(name, f"not valid JSON for argmap: {exc}") from None


def _describe(exc: ValidationError, raw: dict[str, Any]) -> tuple[str, str | None]:
    """Turn pydantic's first error into (problem, where) naming the node id and field."""
    err = exc.errors(include_input=False, include_url=False)[0]
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, StructureError):
        return str(cause), None
    loc = [p if isinstance(p, int) else _printable(str(p)) for p in err["loc"]]
    message = _printable(err["msg"].removeprefix("Value error, "))
    if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int):
        index = loc[1]
        field = ".".join(str(p) for p in loc[2:]) or "node"
        node_id = None
        nodes = raw.get("nodes")
        if isinstance(nodes, list) and index < len(nodes) and isinstance(nodes[index], dict):
            node_id = nodes[index].get("id")
        who = f"node {excerpt(node_id)}" if isinstance(node_id, str) else f"node #{index + 1}"
        return f"{who}: {field}: {message}", f"nodes[{index}]"
    if len(loc) >= 3 and loc[0] == "sources" and isinstance(loc[1], int):
        records = raw.get("sources")
        record = records[loc[1]] if isinstance(records, list) and loc[1] < len(records) else None
        record_id = record.get("id") if isinstance(record, dict) else None
        who = f"source {excerpt(record_id)}" if isinstance(record_id, str) else (
            f"source #{loc[1] + 1}")
        return f"{who}: {'.'.join(str(p) for p in loc[2:])}: {message}", f"sources[{loc[1]}]"
    field = ".".join(str(p) for p in loc) or "file"
    return f"{field}: {message}", None


FRAGMENT_FORMAT = "argmap-fragment"


def parse_fragment(data: bytes, name: str = "clipboard") -> list[Node]:
    """Nodes copied from a map (the clipboard): top-level nodes have parent null, any kind.
    The clipboard is filled by any application: the same checks as a map file's."""
    raw = load_json(data, name)
    if not isinstance(raw, dict) or raw.get("format") != FRAGMENT_FORMAT:
        raise MapFileError(name, "not argmap nodes")
    version = raw.get("version")
    if version not in (1, 2) or isinstance(version, bool):
        raise MapFileError(name, f"unsupported version {excerpt(version)}")
    if version == 1:
        _check_v1(raw.get("nodes"), name)
    mapfile_sources.check_raw(raw, version, name)
    try:
        nodes = _FRAGMENT.validate_python(raw.get("nodes"))
        check_structure(nodes, fragment=True)
    except ValidationError as exc:
        raise MapFileError(name, *_describe(exc, raw)) from None
    except StructureError as exc:
        raise MapFileError(name, str(exc)) from None
    return nodes


def dumps_fragment(nodes: list[Node]) -> bytes:
    """Copied nodes carry their sources' titles and URLs (no records): a paste links them to
    the target map's records."""
    body = ",\n".join(f"    {_node_json(n, 1)}" for n in nodes)
    return (
        f'{{\n  "format": "{FRAGMENT_FORMAT}",\n  "version": {version_of(nodes)},\n'
        f'  "nodes": [\n{body}\n  ]\n}}\n'
    ).encode()


def _printable(text: str) -> str:
    """Field names come from the file: keep control characters out of one-line messages,
    and cut them to a short excerpt (a 5-million-character key must not be echoed)."""
    if len(text) <= EXCERPT_CHARS and text.isprintable():
        return text
    return excerpt(text)[1:-1]


# -- writing --------------------------------------------------------------------------------
def _node_json(node: Node, version: int) -> str:
    obj: dict[str, Any] = {
        "id": node.id,
        "parent": node.parent,
        "order": node.order,
        "kind": node.kind.value,
    }
    if node.polarity is not None:
        obj["polarity"] = node.polarity
    obj["text"] = node.text
    if node.assessment is not None:
        obj["assessment"] = node.assessment
    if node.source is not None:
        obj["source"] = mapfile_sources.source_json(node.source, version)
    return json.dumps(obj, ensure_ascii=False)


def version_of(nodes: Iterable[Node], sources: Iterable[SourceRecord] = ()) -> int:
    """The oldest format version that holds these nodes and records: 2 if a node uses a
    version-2 feature (an argument node, an assessment) or a version-1 file cannot hold the
    records (mapfile_sources.needs_version_2), else 1, which older argmap reads."""
    if any(n.uses_version_2 for n in nodes) or mapfile_sources.needs_version_2(sources):
        return 2
    return 1


def dumps_map(amap: ArgumentMap) -> bytes:
    """The canonical bytes of a map: fixed key order, one node per line, pre-order; version 1
    unless a node needs version 2 (see version_of)."""
    amap = amap.canonical()
    info = amap.info.model_dump(mode="json")
    head = json.dumps(info, ensure_ascii=False)
    version = version_of(amap.nodes, amap.sources)
    lines = ["{", f'  "format": "{FORMAT}",', f'  "version": {version},', f'  "map": {head},']
    if version == 2 and amap.sources:
        records = [json.dumps(mapfile_sources.record_json(r), ensure_ascii=False)
                   for r in amap.sources]
        lines += ['  "sources": [', *(f"    {r}," for r in records[:-1]),
                  f"    {records[-1]}", "  ],"]
    if amap.nodes:
        lines.append('  "nodes": [')
        body = [f"    {_node_json(n, version)}," for n in amap.nodes]
        body[-1] = body[-1][:-1]
        lines.extend(body)
        lines.append("  ]")
    else:
        lines.append('  "nodes": []')
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_map(amap: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write atomically: the target is either the old file or the complete new one.
    A map whose file argmap would refuse to read (over MAX_FILE_BYTES) is not written."""
    data = dumps_map(amap)
    if len(data) > MAX_FILE_BYTES:
        raise MapFileError(str(path), f"would be {len(data) / 1e6:.1f} MB; argmap opens map "
                                      f"files of at most {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                                      "nothing was written")
    try:
        atomic_write(Path(path), data)
    except OSError as exc:
        raise MapFileError(str(path), f"cannot be written: {exc.strerror or exc}") from None
