"""The `argmap` command: launch the GUI, or list / import / export maps headless.

Bad input never shows a traceback: one line on stderr naming the file, the problem and
where, and exit status 1 (2 for a malformed command line). Files are validated before the
library is opened, so a rejected file leaves the library byte-for-byte as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from argmap import __version__
from argmap.core.errors import ArgmapError, ExportError, LibraryError, MapFileError
from argmap.core.mapfile import SUFFIX, read_map
from argmap.core.model import ArgumentMap

COMMANDS = ("list", "import", "export")
EXPORT_SUFFIXES = (SUFFIX, ".json", ".png", ".svg", ".pdf")


class CliError(ArgmapError):
    """A user-facing failure: printed as one line, exit status 1."""


def _global_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Argument mapping: claims, evidence, objections and rebuttals.",
        epilog="Commands: list, import FILE, export MAP -o OUT. "
        "With no command, opens the editor (with FILE opened, if given).",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the library database (default: $ARGMAP_DB or the per-user data folder)",
    )
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"argmap {command}")
    if command == "list":
        parser.description = "Print the library's maps: id, title, nodes, modified (tab-separated)."
    elif command == "import":
        parser.description = "Validate a map file, add it to the library, print the new map id."
        parser.add_argument("file", metavar="FILE")
    elif command == "export":
        parser.description = "Write a map as a file; the format follows OUT's extension."
        parser.add_argument("map", metavar="MAP", help="a library map's id or title, or a file")
        parser.add_argument("-o", "--output", metavar="OUT", required=True)
        parser.add_argument("--scale", type=float, default=1.0, help="image scale (PNG)")
        parser.add_argument("--transparent", action="store_true", help="transparent background")
        parser.add_argument("--subtree", metavar="NODE_ID", help="export one node's subtree")
        parser.add_argument(
            "--layout", choices=("down", "right"), default=None, help="tree direction"
        )
        parser.add_argument("--page", choices=("A4", "Letter"), default=None,
                            help="PDF: fit the map onto one page of this size")
        parser.add_argument("--tile", action="store_true",
                            help="PDF with --page: spread the map over pages at reading size")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    split = next((i for i, a in enumerate(args) if a in COMMANDS), None)
    head, tail = (args, []) if split is None else (args[:split], args[split:])
    parser = _global_parser()
    parser.add_argument("file", nargs="?", metavar="FILE", help="a map file to open")
    opts = parser.parse_args(head)
    db = Path(opts.db).expanduser() if opts.db else None
    try:
        if not tail:
            return _launch_gui(db, opts.file)
        if opts.file is not None:
            parser.error(f"unexpected argument {opts.file!r} before {tail[0]!r}")
        command = tail[0]
        sub = _command_parser(command).parse_args(tail[1:])
        if command == "list":
            return _list(db)
        if command == "import":
            return _import(db, sub.file)
        return _export(db, sub)
    except (CliError, MapFileError, LibraryError, ExportError) as exc:
        print(f"argmap: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _list(db: Path | None) -> int:
    from argmap.core.seed import open_library

    with open_library(db) as library:
        for m in library.list_maps():
            stamp = m.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
            print(f"{m.id}\t{m.title}\t{m.node_count}\t{stamp}")
    return 0


def _import(db: Path | None, file: str) -> int:
    from argmap.core.store import Library

    amap = read_map(file)  # validated before the library is touched
    # No first-run seeding here: a library whose first map is an import is not empty.
    with Library(db) as library:
        added = library.add_new(amap)
    print(added.info.id)
    return 0


def _looks_like_file(name: str) -> bool:
    return name.endswith((SUFFIX, ".json")) or os.sep in name or os.path.exists(name)


def resolve_map(db: Path | None, name: str) -> ArgumentMap:
    """MAP on the command line: a map file's path, else a library map's id or exact title."""
    if _looks_like_file(name):
        return read_map(name)
    from argmap.core.seed import open_library

    with open_library(db) as library:
        map_id = library.find(name)
        if map_id is None:
            raise CliError(f"no map with id or title {name!r} in {library.path}")
        return library.load(map_id)


def _export(db: Path | None, sub: argparse.Namespace) -> int:
    out: str = sub.output
    if not out.lower().endswith(EXPORT_SUFFIXES):
        raise CliError(f"{out}: unknown export format; use {', '.join(EXPORT_SUFFIXES)}")
    amap = resolve_map(db, sub.map)
    from argmap.formats.export import export_map
    from argmap.formats.options import ExportOptions

    options = ExportOptions(
        scale=sub.scale,
        transparent=sub.transparent,
        subtree=sub.subtree,
        direction=sub.layout,
        page=sub.page,
        tile=sub.tile,
    )
    export_map(amap, out, options)
    return 0


def _launch_gui(db: Path | None, file: str | None) -> int:
    from argmap.gui.app import run

    return run(db=db, open_file=file)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
