"""Every file format argmap reads or writes, in one table: the one place a suffix is spelled.

Each `Format` says its name, the suffixes it is known by, its file-dialog label, whether
argmap reads and writes it, whether writing it needs Qt (QtGui only, never widgets),
which export options apply to it, and its reader and writer as "module:function" names,
imported only when a file of that format is read or written. This module imports nothing
of the formats themselves, so the CLI stays headless and quick to start, and every format
module may use it. A new format is one module plus one entry in FORMATS.

The export is decided once: `for_output(path)` gives the entry, and the export passes it
down (formats.export). The CLI's messages and help, the Export dialog's list and the Open
dialog's filters are all made from this table (tests/formats/test_registry.py).

Reading: a format whose suffix alone decides (Argdown) is read by its reader; the JSON
formats share ".json" and are told apart by content, in interchange.import_bytes.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap
    from argmap.formats.loss import LossReport
    from argmap.formats.options import ExportOptions, Progress

    #: (map, path, options, progress) -> the loss report's lines (what the format lost).
    Writer = Callable[[ArgumentMap, str | os.PathLike[str], ExportOptions, Progress | None],
                      list[str]]
    #: (bytes, the file's name for messages, the loss report to fill) -> the validated map.
    Reader = Callable[[bytes, str, LossReport], ArgumentMap]


@dataclass(frozen=True)
class Format:
    key: str  # "png", "argmap", …: ImportResult.format and what tests name
    label: str  # what the file dialogs and the Export dialog show
    suffixes: tuple[str, ...]  # lower case; the first is the one argmap writes
    writer: str | None = None  # "module:function", a Writer
    reader: str | None = None  # "module:function", a Reader: read when the suffix matches
    by_content: bool = False  # read among the JSON formats, told apart by content
    qt: bool = False  # writing needs a QGuiApplication (fonts, painting)
    picture: bool = False  # a picture: a subtree may start at any node; title, legend apply
    options: frozenset[str] = frozenset()  # the export options only some formats use

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def writes(self) -> bool:
        return self.writer is not None

    @property
    def reads(self) -> bool:
        return self.reader is not None or self.by_content

    @property
    def patterns(self) -> str:
        """The file-dialog patterns: "*.argmap.json *.json"."""
        return " ".join(f"*{s}" for s in self.suffixes)

    @property
    def dialog_filter(self) -> str:
        """One file-dialog filter: "PNG image (*.png)"."""
        return f"{self.label} ({self.patterns})"

    def write(self, amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
              progress: Progress | None = None) -> list[str]:
        if self.writer is None:
            raise ValueError(f"argmap does not write {self.label}")
        return cast("Writer", _load(self.writer))(amap, path, options, progress)

    def read(self, data: bytes, name: str, report: LossReport) -> ArgumentMap:
        if self.reader is None:
            raise ValueError(f"{self.label} is read by content (interchange.import_bytes)")
        return cast("Reader", _load(self.reader))(data, name, report)


def _load(ref: str) -> Callable[..., object]:
    module, _, name = ref.partition(":")
    return cast("Callable[..., object]", getattr(importlib.import_module(module), name))


PNG = Format("png", "PNG image", (".png",), writer="argmap.formats.raster:write_png",
             qt=True, picture=True, options=frozenset({"scale", "transparent", "evaluation"}))
SVG = Format("svg", "SVG drawing", (".svg",), writer="argmap.formats.svg:write_svg_file",
             qt=True, picture=True, options=frozenset({"evaluation"}))
PDF = Format("pdf", "PDF document", (".pdf",), writer="argmap.formats.raster:write_pdf",
             qt=True, picture=True, options=frozenset({"page", "tile", "evaluation"}))
#: A plain ".json" is written as argmap's own format (it comes before AIF in FORMATS).
#: ".argmap" is the same file under one suffix: Windows associates files by the last one.
ARGMAP = Format("argmap", "argmap map file", (".argmap.json", ".argmap", ".json"),
                writer="argmap.formats.argmap_json:write_map_file", by_content=True)
ARGDOWN = Format("argdown", "Argdown text", (".argdown",),
                 writer="argmap.formats.argdown:write_argdown",
                 reader="argmap.formats.argdown:parse_argdown")
AIF = Format("aif", "AIF JSON (OVA, AIFdb)", (".aif.json", ".json"),
             writer="argmap.formats.aif:write_aif", by_content=True)

#: In the Export dialog's order; where two share a suffix, the first is written.
FORMATS: tuple[Format, ...] = (PNG, SVG, PDF, ARGMAP, ARGDOWN, AIF)


def writable() -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.writes)


def readable() -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.reads)


def _unique(suffixes: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(suffixes))


def output_suffixes() -> tuple[str, ...]:
    """Every suffix an export can end in, in FORMATS order (the CLI's help and messages)."""
    return _unique([s for f in writable() for s in f.suffixes])


def input_suffixes() -> tuple[str, ...]:
    """Every suffix a file argmap opens can end in (files dropped on the window, `argmap FILE`)."""
    return _unique([s for f in readable() for s in f.suffixes])


def _matching(path: str | os.PathLike[str], formats: tuple[Format, ...]) -> Format | None:
    """The format with the longest suffix `path` ends in; on a tie the first in FORMATS."""
    name = os.fspath(path).lower()
    best: Format | None = None
    length = 0
    for fmt in formats:
        for suffix in fmt.suffixes:
            if name.endswith(suffix) and len(suffix) > length:
                best, length = fmt, len(suffix)
    return best


def for_output(path: str | os.PathLike[str]) -> Format | None:
    """The format an export to `path` writes, by its suffix; None if argmap writes none."""
    return _matching(path, writable())


def for_input(path: str | os.PathLike[str]) -> Format | None:
    """The format a file is read as when its suffix decides (Argdown); None when its
    content does (JSON: argmap's own or AIF, see interchange.import_bytes)."""
    fmt = _matching(path, readable())
    return fmt if fmt is not None and fmt.reader is not None else None


def is_map_file(path: str | os.PathLike[str]) -> bool:
    """An argmap map file (argmap JSON, not AIF JSON): the version a later merge with that
    path can use (teams.bases.FileBases)."""
    return for_output(path) is ARGMAP


def open_filter() -> str:
    """The Open dialog's filters: every readable file first, then one filter per format."""
    every = " ".join(dict.fromkeys(p for f in readable() for p in f.patterns.split()))
    return ";;".join([f"Maps ({every})", *(f.dialog_filter for f in readable())])
