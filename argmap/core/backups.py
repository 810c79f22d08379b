"""Rolling backups of a library beside it (backups/), made and restored through SQLite's
backup API under the library's flock (no Qt)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from argmap.core.errors import LibraryError
from argmap.core.schema import APPLICATION_ID, JOURNAL_MODE, explain


class Library(Protocol):
    """What this module needs of store.Library (imported the other way round)."""

    path: Path
    db: Any

    @property
    def backup_dir(self) -> Path: ...
    def backup(self, keep: int = ...) -> Path: ...
    def reading(self) -> AbstractContextManager[Any]: ...
    def exclusive(self) -> AbstractContextManager[None]: ...


def make_backup(library: Library, keep: int) -> Path:
    """A consistent copy; the `keep` newest backups are kept."""
    folder = library.backup_dir
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    final = folder / f"{library.path.stem}-{stamp}.db"
    part = final.with_suffix(".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(part)
        try:
            with library.reading():
                library.db.conn.backup(target)
        finally:
            target.close()
        os.replace(part, final)
    except (OSError, sqlite3.Error) as exc:
        part.unlink(missing_ok=True)
        raise LibraryError(f"{folder}: backup failed: {exc}") from None
    for old in list_backups(library)[keep:]:
        old.unlink(missing_ok=True)
    return final


def list_backups(library: Library) -> list[Path]:
    """Backups of this library, newest first."""
    if not library.backup_dir.is_dir():
        return []
    return sorted(library.backup_dir.glob(f"{library.path.stem}-*.db"), reverse=True)


def restore_backup(library: Library, source_path: Path) -> None:
    """Replace the library's contents with a backup's; the current state is backed up first."""
    try:
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(f"{source_path}: cannot open the backup: {exc}") from None
    try:
        try:
            ok = source.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            app_id = source.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError:
            ok, app_id = False, None
        if not ok or app_id != APPLICATION_ID:
            raise LibraryError(f"{source_path}: not a usable argmap backup; nothing was changed")
        library.backup()
        try:
            with library.exclusive():
                source.backup(library.db.conn)
                # A backup made in WAL days carries WAL in its header: back to the journal.
                library.db.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
        except sqlite3.Error as exc:
            raise LibraryError(f"{library.path}: restore failed: {explain(exc, library.path)}") from None
    finally:
        source.close()
