"""The `argmap` command: launch the GUI, or list / import / export maps headless.

Bad input never shows a traceback: one line on stderr naming the file, the problem and
where, and exit status 1 (2 for a malformed command line). Files are validated before the
library is opened, so a rejected file leaves the library byte-for-byte as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import typing
from collections.abc import Sequence
from pathlib import Path

from argmap import __version__
from argmap.core.errors import (
    ArgmapError,
    ExportError,
    LibraryError,
    MapFileError,
    SourceError,
    excerpt,
)
from argmap.core.model import ArgumentMap
from argmap.core.terminal import (
    CLOSED_STATUS,
    OutputError,
    abandon_output,
    flush_output,
    safe,
    write_line,
)
from argmap.formats import registry
from argmap.map_argument import NamedMap, NoSuchMap, name_map

if typing.TYPE_CHECKING:
    from argmap.core.store import Library


class CliError(ArgmapError):
    """A user-facing failure: printed as one line, exit status 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, with command-line words escaped when it echoes them in an error."""

    def error(self, message: str) -> typing.NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {safe(message)}\n")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the library database (default: $ARGMAP_DB or the per-user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """`argmap [--db PATH] COMMAND …`: one subparser per command, each with its handler."""
    parser = _Parser(
        prog="argmap",
        description="Argument mapping: claims, evidence, objections and rebuttals. "
        "With no command, opens the editor: `argmap [--db PATH] [FILE]`.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    desktop = parser.add_mutually_exclusive_group()  # argmap/desktop.py says what they write
    desktop.add_argument("--install-desktop", dest="desktop", action="store_const", const="install",
                         help="double-click to open: add argmap's launcher, file type and icon "
                         "to your desktop (per user, under $XDG_DATA_HOME)")
    desktop.add_argument("--uninstall-desktop", dest="desktop", action="store_const",
                         const="uninstall", help="remove what --install-desktop added")
    _add_db(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser(
        "list", help="print the library's maps: id, title, nodes, modified (tab-separated)")
    listing.set_defaults(handler=_list)

    importing = commands.add_parser(
        "import", help="validate a map file (argmap JSON, Argdown or AIF JSON), add it to the "
        "library, print the new map id (what the conversion lost goes to stderr)")
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(handler=_import)

    export = commands.add_parser(
        "export", help="write a map as a file; the format follows OUT's extension")
    export.add_argument("map", metavar="MAP", help="a library map's id or title, or a file")
    export.add_argument("-o", "--output", metavar="OUT", required=True,
                        help=f"the file to write: {', '.join(registry.output_suffixes())}")
    export.add_argument("--scale", type=float, default=1.0, help="image scale (PNG)")
    export.add_argument("--transparent", action="store_true", help="transparent background")
    export.add_argument("--subtree", metavar="NODE_ID", help="export one node's subtree")
    export.add_argument(
        "--layout", choices=("compact-slide", "compact-page", "down", "right"), default=None,
        help="picture layout: compact, packed for a slide or a portrait page (default: "
        "compact-slide for PNG and SVG, compact-page for PDF), or the tidy tree top-down or "
        "left to right")
    export.add_argument("--page", choices=("A4", "Letter", "map"), default=None,
                        help="PDF paper (default: A4, or Letter in US/Canada-style locales); "
                        "map: one page the picture's size")
    fit = export.add_mutually_exclusive_group()
    fit.add_argument("--tile", action="store_const", const=True, default=None,
                     help="PDF: spread the map over pages at reading size, no box cut "
                     "(default: only when fitting on one page would print text under 6 pt)")
    fit.add_argument("--fit", dest="tile", action="store_const", const=False,
                     help="PDF: fit the map on one page however small its text")
    export.add_argument("--title", action=argparse.BooleanOptionalAction, default=True,
                        help="PNG/SVG/PDF: a header with the map's title (default: on)")
    export.add_argument("--legend", action=argparse.BooleanOptionalAction, default=True,
                        help="PNG/SVG/PDF: a legend of kinds and edges (default: on)")
    export.add_argument("--sources", action=argparse.BooleanOptionalAction, default=True,
                        help="PNG/SVG/PDF: a source line under the picture (default: on)")
    export.add_argument("--evaluation", action="store_true",
                        help="PNG/SVG/PDF: mark each box with its strength and whether it "
                        "stands or falls, as `argmap evaluate` computes them")
    export.add_argument("--force", action="store_true",
                        help="overwrite a map file that holds changes made elsewhere (default: "
                        "refuse, and say how to merge them with `argmap sync`)")
    export.set_defaults(handler=_export)

    sync = commands.add_parser(
        "sync", help="merge a library map and a map file both ways, so both end equal; exit 0 "
        "clean, 1 conflicts (the library's value kept, listed on stderr), 2 error")
    sync.add_argument("map", metavar="MAP", help="a library map's id or title")
    sync.add_argument("file", metavar="FILE", help="the map file it is shared through")
    sync.set_defaults(handler=_sync)

    show = commands.add_parser(
        "show", help="print a map as readable lines, one per node (git diff's textconv)")
    show.add_argument("map", metavar="MAP", help="a map file, - for standard input, or a "
                      "library map's id or title")
    show.set_defaults(handler=_show)

    evaluate = commands.add_parser(
        "evaluate", help="print each node's assessment, strength (DF-QuAD) and standing, "
        "tab-separated; --why NODE: its strength and base, then each child's impact")
    evaluate.add_argument("map", metavar="MAP", help="a library map's id or title, or a file")
    evaluate.add_argument("--why", metavar="NODE", help="explain one node's strength")
    evaluate.set_defaults(handler=_evaluate)

    diff = commands.add_parser(
        "diff", help="compare two versions of a map node by node; exit 0 equal, 1 different")
    diff.add_argument("a", metavar="A", help="a map file (a pipe or - for standard input too), "
                      "or a library map's id or title")
    diff.add_argument("b", metavar="B", help="a map file (a pipe or - too), or a library map")
    diff.set_defaults(handler=_diff)

    merge = commands.add_parser(
        "merge", help="three-way merge of map files node by node; exit 0 clean, 1 conflicts "
        "(OUT still valid), 2 error (nothing written)")
    merge.add_argument("base", metavar="BASE", help="the last common version")
    merge.add_argument("ours", metavar="OURS")
    merge.add_argument("theirs", metavar="THEIRS")
    merge.add_argument("-o", "--output", metavar="OUT", required=True)
    merge.set_defaults(handler=_merge)

    attach = commands.add_parser(
        "attach", help="attach a document's text (.txt, .md, .html, .pdf) to a source of a map, "
        "so its quotes can be checked")
    attach.add_argument("map", metavar="MAP", help="a library map's id or title, or a map file")
    attach.add_argument("file", metavar="FILE", help="the document (- for text on standard input)")
    attach.add_argument("--source", metavar="TITLE", help="the source's title (default: the "
                        "map's only source)")
    attach.set_defaults(handler=_attach)

    check = commands.add_parser(
        "check", help="check every quote against its source's text: one line per quote that "
        "fails, then N of M quotes verified; exit 0 all verified, 1 otherwise")
    check.add_argument("map", metavar="MAP", help="a library map's id or title, or a file")
    check.set_defaults(handler=_check)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="argmap", description="Open the editor.")
    _add_db(parser)
    parser.add_argument("file", nargs="?", metavar="FILE", help="a map file to open")
    return parser


def _wants_command(argv: list[str], parser: argparse.ArgumentParser) -> bool:
    """Is the first positional word (after --db and its value) a command name?"""
    pre = _Parser(add_help=False)
    _add_db(pre)
    _known, rest = pre.parse_known_args(argv)
    words = [a for a in rest if not a.startswith("-")]
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    flags = ("-h", "--help", "--version", *DESKTOP_FLAGS)
    return (bool(words) and words[0] in choices) or any(a in flags for a in rest)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if _wants_command(args, parser):
        opts = parser.parse_args(args)
        gui_file = None
    else:
        opts = _gui_parser().parse_args(args)
        gui_file = opts.file
    db = Path(opts.db).expanduser() if opts.db else None
    try:
        if getattr(opts, "desktop", None):
            return _desktop(opts.desktop)
        if getattr(opts, "handler", None) is None:
            return _launch_gui(db, gui_file)
        code = int(opts.handler(db, opts))
        flush_output()  # a full disk is reported here, not as "Exception ignored" at exit
        return code
    except OutputError as exc:  # the reader went away (| head): quiet, as if by SIGPIPE
        abandon_output()
        if not exc.closed:
            print(f"argmap: {exc}", file=sys.stderr)
            return 1
        return CLOSED_STATUS
    except (CliError, MapFileError, LibraryError, ExportError, NoSuchMap, SourceError) as exc:
        print(f"argmap: {safe(_one_line(str(exc)))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _waiting(message: str) -> None:
    """The library is busy (the editor is saving): say so once, in one line, and wait."""
    print(f"argmap: {safe(message)}", file=sys.stderr, flush=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _list(db: Path | None, _opts: argparse.Namespace) -> int:
    from argmap.core.seed import open_library, seed_map
    from argmap.core.store import default_path

    path = Path(db if db is not None else default_path()).expanduser()
    if not path.exists() and (db is None or path.parent.is_dir()):  # else: no such folder
        seed = seed_map()  # what a new library starts with: listed without making one
        rows = [(seed.info.id, seed.info.title, len(seed.nodes), seed.info.modified)]
    else:
        with open_library(db, on_wait=_waiting) as library:
            rows = [(m.id, m.title, m.node_count, m.modified) for m in library.list_maps()]
    for map_id, title, count, modified in rows:
        stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ")
        write_line(f"{safe(map_id)}\t{safe(title)}\t{count}\t{stamp}")
    return 0


def _import(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.core.store import Library
    from argmap.formats.interchange import import_file

    result = import_file(opts.file)  # built and validated before the library is touched
    amap = result.map
    # No first-run seeding here: a library whose first map is an import is not empty.
    with Library(db, on_wait=_waiting) as library:
        added = library.add_new(amap)
        write_line(safe(added.info.id))  # added: say so before anything else can fail
        if added.info.id == amap.info.id and registry.is_map_file(opts.file):
            _remember(library, opts.file, added)
    _print_report(result.report_lines)
    return 0


def _remember(library: Library, path: str, amap: ArgumentMap) -> None:
    """Keep the version exchanged with `path` (a later merge's base). The import or export
    has happened: a failure here is a warning, never the command's failure."""
    from argmap.teams.bases import FileBases

    try:
        FileBases(library).remember(path, amap)
    except LibraryError as exc:
        print(f"argmap: warning: {safe(_one_line(str(exc)))}; a later merge with this file "
              "will be two-way", file=sys.stderr)


def _print_report(lines: list[str]) -> None:
    """What an Argdown/AIF conversion lost, one plain line each, on stderr."""
    for line in lines:
        print(f"argmap: {safe(_one_line(line))}", file=sys.stderr)


def resolve_map(db: Path | None, name: str, pipes: bool = False,
                export: bool = False) -> NamedMap:
    """MAP on the command line: a library map's id or exact title, else a file's path
    (argmap, Argdown or AIF; what a conversion loses goes to stderr): map_argument.py.
    `pipes`: a reading command, for which "-" is standard input and a pipe is a file."""
    named = name_map(db, name, on_wait=_waiting, pipes=pipes, export=export)
    _print_report(list(named.report_lines))
    return named


def _export(db: Path | None, sub: argparse.Namespace) -> int:
    out: str = sub.output
    fmt = registry.for_output(out)
    if fmt is None:
        raise CliError(f"{out}: unknown export format; use {', '.join(registry.output_suffixes())}")
    named = resolve_map(db, sub.map, export=True)
    amap = named.map
    from argmap.formats.export import export_map
    from argmap.formats.options import ExportOptions

    options = ExportOptions(
        scale=sub.scale,
        transparent=sub.transparent,
        subtree=sub.subtree,
        layout=sub.layout,
        page=sub.page,
        tile=sub.tile,
        title=sub.title,
        legend=sub.legend,
        sources=sub.sources,
        evaluation=sub.evaluation,
    )
    from_library = named.from_library
    shared = registry.is_map_file(out) and not sub.subtree
    if registry.is_map_file(out) and not sub.force:  # a part of the map too: it overwrites
        _refuse_changed_file(db, amap, out, sub.map, from_library)
    _print_report(export_map(amap, out, options, fmt=fmt))
    if shared and from_library:
        from argmap.core.store import Library

        with Library(db) as library:  # the map as sent: a later merge's base
            _remember(library, out, amap)
    elif registry.is_map_file(out) and from_library:  # a part: no longer a version of the map
        from argmap.core.store import Library
        from argmap.teams.exchange import forget_file

        with Library(db) as library:
            forget_file(library, out)
    return 0


def _refuse_changed_file(db: Path | None, amap: ArgumentMap, out: str, ref: str,
                         from_library: bool) -> None:
    """A map file that argmap did not write last is never overwritten (teams/exchange.py):
    CliError, the file untouched, unless it holds nothing but this map or the version last
    exchanged with it. A MAP given as a file has no library version to compare with."""
    if not os.path.lexists(out):
        return
    from argmap.teams.exchange import inspect

    if from_library:
        from argmap.core.store import Library

        with Library(db) as library:
            target = inspect(library, out, amap)
    else:
        target = inspect(None, out, amap)
    if not target.safe:
        raise CliError(f"{out}: {target.why(ref if from_library else None)}")


def _sync(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.core.seed import open_library
    from argmap.teams.commands import print_conflicts
    from argmap.teams.exchange import sync

    with open_library(db, on_wait=_waiting) as library:
        map_id = library.find(opts.map)
        if map_id is None:
            raise CliError(f"no map with id or title {excerpt(opts.map)} in {library.path}")
        done = sync(library, map_id, opts.file)
    print_conflicts(done.conflicts, (done.merged,), sys.stderr)
    return 1 if done.conflicts else 0


def _show(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.teams.commands import run_show

    return run_show(resolve_map(db, opts.map, pipes=True).map)


def _evaluate(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.core.evaluate_text import evaluation_lines, why_lines

    amap = resolve_map(db, opts.map).map
    if opts.why is not None and opts.why not in amap.by_id():
        raise CliError(f"no node with id {excerpt(opts.why)} in {excerpt(amap.info.title)}")
    for line in why_lines(amap, opts.why) if opts.why is not None else evaluation_lines(amap):
        write_line("\t".join(safe(field) for field in line.split("\t")))
    return 0


def _diff(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.teams.commands import run_diff

    return run_diff(lambda name: resolve_map(db, name, pipes=True).map, opts.a, opts.b)


def _attach(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.formats.source_commands import run_attach

    write_line(safe(run_attach(db, opts.map, opts.file, opts.source, _waiting)))
    return 0


def _check(db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.formats.source_commands import run_check

    return run_check(resolve_map(db, opts.map).map)


def _merge(_db: Path | None, opts: argparse.Namespace) -> int:
    from argmap.teams.commands import run_merge

    return run_merge(opts.base, opts.ours, opts.theirs, opts.output)


DESKTOP_FLAGS = ("--install-desktop", "--uninstall-desktop")


def _desktop(what: str) -> int:
    from argmap.core.errors import DesktopError
    from argmap.desktop import install, uninstall

    try:
        report = install() if what == "install" else uninstall()
    except DesktopError as exc:
        raise CliError(str(exc)) from None
    for line in report.done:
        print(safe(line))
    for line in report.notes:
        print(f"argmap: {safe(line)}", file=sys.stderr)
    return 0


def _launch_gui(db: Path | None, file: str | None) -> int:
    from argmap.gui.app import run

    return run(db=db, open_file=file)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
