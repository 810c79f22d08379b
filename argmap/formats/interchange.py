"""One entry point for reading maps in any format argmap knows, with a loss report.

`import_file(path)` is what the CLI's `import` and the editor's Open/Import/drop call: it reads
the bytes through mapfile.read_input (the one place input files are opened, size-checked),
recognises the format (formats.registry: Argdown by its suffix; argmap's own JSON and AIF JSON
by content), builds and validates the whole map, and returns it with the report lines to show
once. Nothing is written here: the caller stores the map only after this returned. Writing is
formats.export's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from argmap.core.errors import MapFileError
from argmap.core.mapfile import MAX_FILE_BYTES, load_json, parse_map, read_input
from argmap.core.model import MAX_NODES, ArgumentMap
from argmap.formats import aif, registry
from argmap.formats.loss import LossReport


@dataclass(frozen=True)
class ImportResult:
    """A validated map plus what the conversion lost: one plain-text line per kind of loss."""

    map: ArgumentMap
    report_lines: list[str] = field(default_factory=list)
    format: str = registry.ARGMAP.key  # a registry.Format's key: "argmap", "argdown" or "aif"


def import_file(path: str | os.PathLike[str], pipes: bool = False) -> ImportResult:
    """Read and validate a map file of any supported format; MapFileError on anything else.
    `pipes`: also a pipe or "-" for standard input (mapfile.read_input), for reading commands."""
    name = os.fspath(path)
    return import_bytes(read_input(path, pipes), name)


def import_bytes(data: bytes, name: str) -> ImportResult:
    """As import_file, for bytes already read (drag and drop, tests)."""
    if len(data) > MAX_FILE_BYTES:
        raise MapFileError(name, f"file is {len(data) / 1e6:.1f} MB; too large to import")
    report = LossReport()
    fmt = registry.for_input(name)
    if fmt is not None:  # its suffix decides (Argdown)
        amap = fmt.read(data, name, report)
        return ImportResult(amap, report.lines(), fmt.key)
    raw = None
    argmap_limits = False  # raw was read within a map file's limits: parse_map may take it
    if _looks_like_json(data):  # load_json bounds memory before json.loads builds anything
        if b'"edges"' in data:  # maybe AIF: more objects per node than an argmap file
            raw = load_json(data, name, max_containers=4 * MAX_NODES + 8, values_per_container=5)
        else:
            raw, argmap_limits = load_json(data, name), True
    if aif.looks_like_aif(raw) and not (isinstance(raw, dict) and "format" in raw):
        amap = aif.parse_aif(raw, name, report)
        return ImportResult(amap, report.lines(), registry.AIF.key)
    # argmap's own format, and the map file's messages for everything that is neither
    return ImportResult(parse_map(data, name, raw if argmap_limits else None), [],
                        registry.ARGMAP.key)


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
