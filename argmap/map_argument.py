"""What a MAP on the command line names (`export MAP`, `diff A B`): decided by what exists.

1. A map in the library with that id or exact title, if the library exists (looking for a
   file never creates a library).
2. Else a file of that name (argmap, Argdown or AIF), read without touching the library.
3. Else, when there is no library yet, the seed map a new library starts with (its id or
   title names it), read from the package: a reading command never creates a library (an
   export of it does, as on any first use, to keep what it sent).
4. Else nothing: one line that says neither exists.

So a title that looks like a path ("Pros/cons of cars", "notes.json") still names its map,
and a file is found whatever its name. A library that cannot be opened does not stop a file
that exists from being read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.core.errors import ArgmapError, LibraryError, excerpt
from argmap.core.model import ArgumentMap


class NoSuchMap(ArgmapError):
    """Neither a library map nor a file has the name."""


@dataclass(frozen=True)
class NamedMap:
    map: ArgumentMap
    from_library: bool
    report_lines: tuple[str, ...] = ()  # what a file's conversion lost


def name_map(db: Path | None, name: str, on_wait: Callable[[str], None] | None = None,
             pipes: bool = False, export: bool = False) -> NamedMap:
    """`pipes`: a reading command (diff, show): "-" is standard input, and a pipe is a file.
    `export`: a writing command (export keeps what it sent as a later merge's base, attach
    stores the text), so the seed map named before there is a library makes the library."""
    from argmap.core.store import Library, default_path

    library_path = Path(db if db is not None else default_path()).expanduser()
    trouble: LibraryError | None = None
    if library_path.exists():
        try:
            with Library(library_path, on_wait=on_wait) as library:
                map_id = library.find(name)
                if map_id is not None:
                    return NamedMap(library.load(map_id), True)
        except LibraryError as exc:
            trouble = exc
    if os.path.lexists(name) or (pipes and name == "-"):
        from argmap.formats.interchange import import_file

        result = import_file(name, pipes)
        return NamedMap(result.map, False, tuple(result.report_lines))
    if trouble is not None:
        raise trouble
    where = str(library_path)
    if not library_path.exists():  # a reading command never makes the library
        from argmap.core.seed import seed_map

        seed = seed_map()  # what a new library starts with, read from the package
        if name in (seed.info.id, seed.info.title):
            if not export:
                return NamedMap(seed, False)
            from argmap.core.seed import open_library

            with open_library(db, on_wait=on_wait) as library:  # to keep what it sent
                map_id = library.find(name)
                if map_id is not None:
                    return NamedMap(library.load(map_id), True)
        where = f"{library_path} (there is no library there yet)"
    if os.sep in name or name.lower().endswith((".json", ".argdown")):
        raise NoSuchMap(f"{name}: no such file, and no map in {where} has that id or title")
    raise NoSuchMap(f"no map with id or title {excerpt(name)} in {where}, and no file "
                    "of that name")
