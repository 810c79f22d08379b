"""Rolling backups of a library beside it (backups/), made and restored through SQLite's
backup API under the library's flock (no Qt)."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from argmap.core.errors import LibraryError
from argmap.core.schema import APPLICATION_ID, JOURNAL_MODE, explain

log = logging.getLogger(__name__)


class Library(Protocol):
    """What this module needs of store.Library (imported the other way round)."""

    path: Path
    db: Any

    @property
    def backup_dir(self) -> Path: ...
    def backup(self, keep: int = ...) -> Path: ...
    def reading(self) -> AbstractContextManager[Any]: ...
    def exclusive(self) -> AbstractContextManager[None]: ...


#: The stamp in a backup's name; list_backups matches exactly this shape, so the backups of
#: `library-old.db` beside `library.db` are never taken for (and pruned as) library.db's.
_STAMP = "%Y%m%d-%H%M%S-%f"
_STAMP_RE = r"-\d{8}-\d{6}-\d{6}\.db"


def make_backup(library: Library, keep: int) -> Path:
    """A consistent copy; the `keep` newest backups are kept."""
    folder = library.backup_dir
    stamp = datetime.now(UTC).strftime(_STAMP)
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
    pruned = list_backups(library)[keep:]
    for old in pruned:
        old.unlink(missing_ok=True)
    log.info("backup %s made%s", final, f"; {len(pruned)} older pruned" if pruned else "")
    return final


def list_backups(library: Library) -> list[Path]:
    """Backups of this library, newest first."""
    if not library.backup_dir.is_dir():
        return []
    mine = re.compile(re.escape(library.path.stem) + _STAMP_RE)
    return sorted((p for p in library.backup_dir.iterdir() if mine.fullmatch(p.name)),
                  reverse=True)


def restore_backup(library: Library, source_path: Path) -> None:
    """Replace the library's contents with a backup's; the current state is backed up first."""
    try:
        # as_uri() percent-escapes the path: a '#', '?' or '%' in it would otherwise end the
        # path early and open (and create) another file read-write.
        uri = source_path.resolve().as_uri() + "?mode=ro"
        source = sqlite3.connect(uri, uri=True)
    except (OSError, ValueError, sqlite3.Error) as exc:
        raise LibraryError(f"{source_path}: cannot open the backup: {exc}") from None
    try:
        try:
            ok = source.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            app_id = source.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError:
            ok, app_id = False, None
        if not ok or app_id != APPLICATION_ID:
            raise LibraryError(f"{source_path}: not a usable argmap backup; nothing was changed")
        # No pruning now: the backup being restored may be the oldest kept one.
        before = library.backup(keep=sys.maxsize)
        try:
            with library.exclusive():
                source.backup(library.db.conn)
                # A backup made in WAL days carries WAL in its header: back to the journal.
                library.db.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
        except sqlite3.Error as exc:
            raise LibraryError(f"{library.path}: restore failed: {explain(exc, library.path)}") from exc
    finally:
        source.close()
    log.info("%s restored from the backup %s; the library as it was is the backup %s",
             library.path, source_path, before.name)
