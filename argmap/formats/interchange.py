"""One entry point for reading and writing maps in any format argmap knows, with a loss report.

`import_file(path)` is what the CLI's `import` and the editor's Open/Import/drop call: it reads
the bytes through mapfile.read_input (the one place input files are opened, size-checked),
recognises argmap's own JSON, AIF JSON and Argdown by suffix and content, builds and validates
the whole map, and returns it with the report lines to show once. Nothing is written here:
the caller stores the map only after this returned.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from argmap.core.atomic import atomic_write
from argmap.core.errors import ExportError, MapFileError
from argmap.core.mapfile import MAX_FILE_BYTES, load_json, parse_map, read_input
from argmap.core.model import MAX_NODES, ArgumentMap, Kind
from argmap.formats import aif, argdown
from argmap.formats.loss import LossReport

#: Suffixes the interchange exporters own (checked before the plain ".json" of map files).
EXPORT_SUFFIXES = (argdown.SUFFIX, aif.SUFFIX)


@dataclass(frozen=True)
class ImportResult:
    """A validated map plus what the conversion lost: one plain-text line per kind of loss."""

    map: ArgumentMap
    report_lines: list[str] = field(default_factory=list)
    format: str = "argmap"  # "argmap", "argdown" or "aif"


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
    if name.lower().endswith(argdown.SUFFIX):
        amap = argdown.parse_argdown(data, name, report)
        return ImportResult(amap, report.lines(), "argdown")
    raw = None
    if _looks_like_json(data):  # load_json bounds memory before json.loads builds anything
        if b'"edges"' in data:  # maybe AIF: more objects per node than an argmap file
            raw = load_json(data, name, max_containers=4 * MAX_NODES + 8, values_per_container=5)
        else:
            raw = load_json(data, name)
    if aif.looks_like_aif(raw) and not (isinstance(raw, dict) and "format" in raw):
        amap = aif.parse_aif(raw, name, report)
        return ImportResult(amap, report.lines(), "aif")
    # argmap's own format, and the map file's messages for everything that is neither
    return ImportResult(parse_map(data, name), [], "argmap")


def export_interchange(amap: ArgumentMap, path: str | os.PathLike[str]) -> list[str]:
    """Write Argdown or AIF by suffix, atomically; return the loss report's lines."""
    name = os.fspath(path)
    report = LossReport()
    if name.lower().endswith(argdown.SUFFIX):
        _argdown_gaps(amap, report)
        body = argdown.dumps_argdown(amap, report)
    elif name.lower().endswith(aif.SUFFIX):
        body = aif.dumps_aif(amap, report)
    else:
        raise ExportError(f"{name}: not an Argdown or AIF file name")
    try:
        atomic_write(path, body.encode("utf-8"))
    except OSError as exc:
        raise ExportError(f"{name}: cannot be written: {exc.strerror or exc}") from None
    return report.lines()


def _argdown_gaps(amap: ArgumentMap, report: LossReport) -> None:
    """What the Argdown export does not write yet (format version 2): argument nodes come out
    as plain statements over their premises, and assessments are left out."""
    report.add("argument node written as a plain statement (its premises as its supporters)",
               "argument nodes written as plain statements (their premises as supporters)",
               sum(n.kind is Kind.ARGUMENT for n in amap.nodes))
    report.add("assessment not written (Argdown export does not carry them)",
               "assessments not written (Argdown export does not carry them)",
               sum(n.assessment is not None for n in amap.nodes))


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
