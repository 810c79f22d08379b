"""The library's tables, and the checks that decide whether argmap may touch a database file
at all (no Qt).

A database argmap must not write to is refused with one line and left byte for byte as it
was: not an SQLite file, damaged, another application's (its own application_id, or any
table, view, index or trigger of its own), or a library migrated by a newer argmap. Every
check here only reads; the first write (journal mode, application_id, migrations) happens
after all of them pass.

The journal is a rollback journal, not WAL (see docs/reliability.md, "Lock loss"): in WAL
mode the last connection to close checkpoints and deletes the -wal and -shm files, and a
process whose POSIX locks were dropped by a stray close cannot stop that, so its later
commits go to a deleted file. A rollback journal is only ever deleted by the process that
wrote it, or as a hot journal by a process that holds the library's flock exclusively.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from argmap.core.errors import LibraryError, excerpt
from argmap.core.source_ids import plain_ids

#: PRAGMA application_id of an argmap library: "AMap".
APPLICATION_ID = 0x414D6170
SQLITE_HEADER = b"SQLite format 3\x00"
#: Rollback journal, every commit synced: see the module docstring.
JOURNAL_MODE = "delete"

migrations = Migrations("argmap")


@migrations()
def m001_maps_and_nodes(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE maps (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE nodes (
            map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            parent TEXT,
            ord INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            source_title TEXT,
            source_url TEXT,
            source_quote TEXT,
            source_locator TEXT,
            PRIMARY KEY (map_id, id)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX nodes_by_parent ON nodes(map_id, parent)")
    db.execute("CREATE INDEX maps_by_title ON maps(title)")


@migrations()
def m002_library_meta(db: sqlite_utils.Database) -> None:
    """Library-wide facts, e.g. whether the first-run map was ever seeded."""
    db.execute("CREATE TABLE library_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m003_trash(db: sqlite_utils.Database) -> None:
    """Deleted and replaced maps, kept whole as v1 map files so they can be restored."""
    db.execute(
        """CREATE TABLE trash (
            id INTEGER PRIMARY KEY,
            map_id TEXT NOT NULL,
            title TEXT NOT NULL,
            trashed TEXT NOT NULL,
            reason TEXT NOT NULL,
            data BLOB NOT NULL
        )"""
    )


@migrations()
def m004_arguments_and_assessments(db: sqlite_utils.Database) -> None:
    """Map-file format version 2 in the library: an argument node's polarity and any node's
    assessment. Existing rows get NULL (no polarity: not an argument; not assessed)."""
    db.execute("ALTER TABLE nodes ADD COLUMN polarity TEXT")
    db.execute("ALTER TABLE nodes ADD COLUMN assessment REAL")


@migrations()
def m005_source_records(db: sqlite_utils.Database) -> None:
    """Source records (map-file format version 2): a `sources` table, and each node naming
    its record (`source_id`) beside its own quote and locator. Each map's inline sources are
    grouped by title and URL into records, with the ids a version-1 file's reader gives
    them (source_ids.plain_ids), so the library's map and its version-1 file agree. A node
    has a source when `source_quote` is not NULL; `source_title` and `source_url` are
    cleared and no longer written (SQLite before 3.35 cannot drop a column)."""
    db.execute(
        """CREATE TABLE sources (
            map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            title TEXT NOT NULL,
            author TEXT NOT NULL,
            date TEXT NOT NULL,
            url TEXT NOT NULL,
            text TEXT,
            UNIQUE (map_id, id)
        )"""
    )
    db.execute("ALTER TABLE nodes ADD COLUMN source_id TEXT")
    cited: dict[str, list[tuple[str, str, str]]] = {}
    for map_id, node_id, title, url in db.execute(
            "SELECT map_id, id, source_title, coalesce(source_url, '') FROM nodes "
            "WHERE source_title IS NOT NULL AND (source_title != '' OR source_url != '')"):
        cited.setdefault(map_id, []).append((node_id, title, url))
    for map_id, rows in cited.items():
        ids = plain_ids((title, url) for _node, title, url in rows)
        db.conn.executemany(
            "INSERT INTO sources (map_id, id, title, author, date, url) VALUES (?, ?, ?, '', '', ?)",
            [(map_id, record_id, title, url) for (title, url), record_id in ids.items()])
        db.conn.executemany("UPDATE nodes SET source_id = ? WHERE map_id = ? AND id = ?",
                            [(ids[(title, url)], map_id, node) for node, title, url in rows])
    db.execute("UPDATE nodes SET source_quote = coalesce(source_quote, ''), "
               "source_locator = coalesce(source_locator, '') WHERE source_title IS NOT NULL")
    db.execute("UPDATE nodes SET source_title = NULL, source_url = NULL "
               "WHERE source_title IS NOT NULL OR source_url IS NOT NULL")


def check_file(path: Path) -> None:
    """Before SQLite opens it: a directory or a non-SQLite file is refused."""
    if path.is_dir():
        raise LibraryError(f"{path}: is a directory, not a library file")
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as fh:
            if fh.read(16) != SQLITE_HEADER:
                raise LibraryError(
                    f"{path}: not an argmap library (not an SQLite database); "
                    "argmap will not overwrite it"
                )


def check_ours(db: sqlite_utils.Database, path: Path) -> bool:
    """Read-only checks; True if the database is empty (a new library to set up)."""
    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise LibraryError(
            f"{path}: the library is damaged (PRAGMA quick_check failed); "
            "argmap will not write to it — restore it from a backup"
        )
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    objects = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    if app_id != APPLICATION_ID:
        if app_id != 0 or objects:
            raise LibraryError(
                f"{path}: an SQLite database that is not an argmap library; "
                "argmap will not write to it"
            )
        return True
    known = {m.name for m in migrations._migrations}
    newer = [m.name for m in migrations.applied(db) if m.name not in known]
    if newer:
        raise LibraryError(
            f"{path}: made by a newer argmap (library change {excerpt(newer[0])}); "
            "this argmap will not write to it — use the newer argmap"
        )
    return False


def set_up(db: sqlite_utils.Database, path: Path, new: bool) -> None:
    """The first writes: rollback journal (converting a WAL library), id, migrations."""
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != JOURNAL_MODE:
        try:
            mode = db.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}").fetchone()[0]
        except sqlite3.OperationalError as exc:
            # A read-only connection cannot take the lock the conversion needs: SQLite says
            # SQLITE_READONLY, or SQLITE_IOERR_LOCK when the file was opened read-only.
            name = getattr(exc, "sqlite_errorname", "")
            if name.startswith("SQLITE_READONLY") or name == "SQLITE_IOERR_LOCK":
                raise LibraryError(
                    f"{path}: the library is read-only, and in the WAL mode of older argmap "
                    "versions, which needs write access once to convert; nothing was changed"
                ) from None
            raise
        if mode != JOURNAL_MODE:  # another program holds it open in WAL mode
            raise LibraryError(
                f"{path}: the library is locked by another program; nothing was changed"
            )
    db.execute("PRAGMA synchronous = FULL")
    if new or migrations.pending(db):
        if new:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.apply(db)


def explain(exc: BaseException, path: Path | None = None) -> str:
    """One line for the user from an SQLite error (the library's path is added by the caller)."""
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the library is read-only"
    if "unable to open" in text and path is not None and (
        (path.exists() and not os.access(path, os.W_OK)) or not os.access(path.parent, os.W_OK)
    ):
        return "the library is read-only"
    if "locked" in text or "busy" in text:
        return "the library is locked by another program"
    if "not a database" in text or "malformed" in text:
        return "the library is damaged or not an argmap library; argmap will not write to it"
    return f"database error: {text}"
