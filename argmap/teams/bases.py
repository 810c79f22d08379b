"""The last common version of a map and a file: what three-way merge needs as its base.

When a map is exported to a file or imported from one, the library keeps the map as it
was at that moment, keyed by the file's path and the map id. When a teammate's edited
copy of that file comes back, that kept version is the common ancestor of "mine" (the
library map) and "theirs" (the file), so the merge can tell who changed what and delete
what the teammate deleted. Without it the editor falls back to a two-way merge.

The table has its own migration set ("argmap-teams"), so it is added to existing
libraries without touching the store's migrations; it is applied on first use. Rows go
with their map (ON DELETE CASCADE) and one row is kept per (path, map id).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from argmap.core.errors import ArgmapError, LibraryError
from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.model import ArgumentMap, now
from argmap.core.store import Library

migrations = Migrations("argmap-teams")


@migrations()
def m001_file_bases(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE file_bases (
            path TEXT NOT NULL,
            map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
            recorded TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (path, map_id)
        )"""
    )


def file_key(path: str | os.PathLike[str]) -> str:
    """One key per file however it is named: absolute, symlinks resolved. A name that is not
    UTF-8 (Linux names are bytes) cannot be SQLite text: its bytes, in hex, are the key."""
    key = os.path.realpath(Path(path).expanduser())
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return "bytes:" + os.fsencode(key).hex()
    return key


class FileBases:
    """The versions of library maps last exchanged with each file path."""

    def __init__(self, library: Library):
        self.library = library
        try:
            with library.writing():  # under the library's flock, like every write
                if migrations.pending(library.db):
                    migrations.apply(library.db)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{library.path}: cannot record file versions: {exc}") from None

    def remember(self, path: str | os.PathLike[str], amap: ArgumentMap) -> None:
        """After an import from or export to `path`: `amap` is now the common version.

        Call it in the same transaction as the import (the map must be in the library).
        """
        try:
            with self.library.writing():
                self.library.db.execute(
                    """INSERT OR REPLACE INTO file_bases (path, map_id, recorded, data)
                       VALUES (?, ?, ?, ?)""",
                    [file_key(path), amap.info.id, now().isoformat(), dumps_map(amap)],
                )
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.library.path}: cannot record the file version: {exc}") from None

    def base_for(self, path: str | os.PathLike[str], map_id: str) -> ArgumentMap | None:
        """The version last exchanged with `path` for map `map_id`, or None (two-way merge)."""
        with self.library.reading() as db:
            row = db.execute(
                "SELECT data FROM file_bases WHERE path = ? AND map_id = ?",
                [file_key(path), map_id],
            ).fetchone()
        if row is None:
            return None
        try:
            return parse_map(row[0], f"the version kept for {file_key(path)}")
        except ArgmapError:
            return None  # a damaged row only costs the three-way merge, never the open

    def paths(self, map_id: str) -> list[str]:
        """The files map `map_id` was last exchanged with (their keys: absolute paths)."""
        with self.library.reading() as db:
            rows = db.execute("SELECT path FROM file_bases WHERE map_id = ? ORDER BY path",
                              [map_id]).fetchall()
        return [row[0] for row in rows]

    def forget(self, path: str | os.PathLike[str]) -> None:
        with self.library.writing():
            self.library.db.execute("DELETE FROM file_bases WHERE path = ?", [file_key(path)])
