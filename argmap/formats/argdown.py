"""Argdown (argdown.org) export and import: argmap's tree as titled statements, relations and
arguments (premise–conclusion structures).

Export (layout in argdown_write): each node is a statement titled from its text
(`[Cities should ban cars]: …`), children indented under it with `+` (supports) or `-`
(attacks), an argument node as an argument `<Title>` whose premise–conclusion structure lists
its premises, its undercuts below the inference line and its parent as conclusion; every
node's id, kind, polarity, assessment and source is JSON data on a reference at the end of
the file, so the body stays readable and the Argdown CLI sees one statement per node with the
node's exact text. Importing that file gives back the same map; importing anyone else's
Argdown follows the policies in docs/interchange.md and counts each loss in the LossReport.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from argmap.core.bulk import bulk
from argmap.core.errors import MapFileError
from argmap.core.mapfile import load_json
from argmap.core.model import ArgumentMap
from argmap.formats.argdown_doc import MAX_DATA_CONTAINERS, Document, TooLarge
from argmap.formats.argdown_lexer import NOT_WS, LexError
from argmap.formats.argdown_parse import ArgdownSyntaxError, parse
from argmap.formats.argdown_tree import build_map
from argmap.formats.argdown_write import MAX_NEST, Writer, argdown_text, json_text
from argmap.formats.loss import LossReport, add_record_losses
from argmap.formats.options import ExportOptions, Progress, write_text
from argmap.formats.registry import ARGDOWN

_ALWAYS = frozenset("\\[]<>#*_@{}/=\t")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")
_SPECIAL = re.compile(f"(?:\\.{NOT_WS}+?\\.)|(?::{NOT_WS}+?:)")  # the lexer's (JavaScript's \s)


# -- export ---------------------------------------------------------------------------------
def escape(text: str) -> str:
    """Text that the Argdown CLI reads back as exactly `text` (one line, no markup)."""
    text = _LINE_BREAKS.sub(" ", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        after = text[i + 1 : i + 3]
        if (
            ch in _ALWAYS
            or (ch in ",.:;-()" and len(after) == 2 and after[0] in " \t" and after[1] in " \t")
            or (ch in ".:" and _SPECIAL.match(text, i))
        ):
            out.append("\\")
        out.append(ch)
    candidate = "".join(out)
    if _reads_back(candidate) == text:
        return candidate
    # a backslash escapes any character but a line terminator (JavaScript's `.`: U+2028/9)
    return "".join("\\" + c if not c.isalnum() and c not in " \u2028\u2029" else c for c in text)


def _reads_back(escaped: str) -> str | None:
    try:
        doc = parse(f"[x]: {escaped}\n")
    except (ArgdownSyntaxError, LexError, TooLarge):
        return None
    return doc.first.text if doc.first is not None and doc.occurrences == 1 else None


def dumps_argdown(amap: ArgumentMap, report: LossReport | None = None) -> str:
    """The Argdown text of a map (argdown_write has the layout); `report` collects what
    Argdown cannot show."""
    report = report if report is not None else LossReport()
    writer = Writer(amap, escape)
    lines = ["===", json_text({"title": amap.info.title, "argmap": 1}), "===", ""]
    lines += writer.body()
    lines += ["// argmap: id, kind, source and assessment of each statement and argument", ""]
    lines += writer.data()
    breaks = sum(1 for n in amap.nodes if argdown_text(n.text) != n.text)
    report.add("text with line breaks shows them as spaces in Argdown (exact text kept in its data)",
               "texts with line breaks show them as spaces in Argdown (exact texts kept in their data)",
               breaks)
    report.add(f"branch deeper than {MAX_NEST} levels continues in a block of its own further down",
               f"branches deeper than {MAX_NEST} levels continue in blocks of their own further "
               "down", writer.deferred)
    return "\n".join(lines)


def write_argdown(amap: ArgumentMap, path: str | os.PathLike[str], _options: ExportOptions,
                 _progress: Progress | None = None) -> list[str]:
    """The Argdown file (registry.ARGDOWN), written whole or not at all; what it lost."""
    report = LossReport()
    add_record_losses(report, amap.sources, "Argdown")
    write_text(path, dumps_argdown(amap, report))
    return report.lines()


# -- import ---------------------------------------------------------------------------------
@bulk
def parse_argdown(data: bytes, name: str, report: LossReport | None = None) -> ArgumentMap:
    """Build and validate a whole map from Argdown bytes; MapFileError names the line."""
    report = report if report is not None else LossReport()
    text = _decode(data, name)
    if not text.strip():
        raise MapFileError(name, "the file is empty")
    try:
        doc = parse(text)
    except (ArgdownSyntaxError, LexError) as exc:
        raise MapFileError(name, f"not valid Argdown: {exc}", f"line {exc.line}") from None
    except TooLarge as exc:
        raise MapFileError(name, f"too large: {exc}", f"line {exc.line}") from None
    if not doc.statements:
        report.note("no statements or arguments in the file: the map is empty")
    return build_map(doc, _title(doc, name), report, name)


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MapFileError(name, "not valid UTF-8", f"line {line}") from None


def _title(doc: Document, name: str) -> str:
    front = doc.front_matter
    if front:
        body = front.strip("=").strip()
        try:
            value = load_json(body.encode("utf-8", "surrogatepass"), name, MAX_DATA_CONTAINERS)
            if isinstance(value, dict) and isinstance(value.get("title"), str):
                return value["title"].strip() or Path(name).stem
        except MapFileError:
            m = re.search(r"^title:[ \t]*(.+?)[ \t]*$", body, re.M)
            if m:
                return m.group(1).strip("\"'")
    if doc.headings and doc.headings[0]:
        return doc.headings[0]
    return Path(name).name.removesuffix(ARGDOWN.suffix) or "Argdown import"

