"""The library's trash: a map deleted or replaced is kept there whole, and can be restored
as a new map (no Qt). Store.Library's delete, replace, trash and restore delegate here.

A map goes to the trash in the same transaction that removes or overwrites it, so a crash
leaves either the map or its trashed copy, never neither.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from argmap.core.errors import LibraryError
from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.model import ArgumentMap, now

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrashEntry:
    id: int
    map_id: str
    title: str
    trashed: datetime
    reason: str  # "deleted" or "replaced"


class Library(Protocol):
    """What this module needs of store.Library (imported the other way round)."""

    db: Any

    def reading(self) -> AbstractContextManager[Any]: ...
    def writing(self) -> AbstractContextManager[Any]: ...
    def has_map(self, map_id: str) -> bool: ...
    def load(self, map_id: str) -> ArgumentMap: ...
    def add_new(self, amap: ArgumentMap) -> ArgumentMap: ...
    def _insert(self, amap: ArgumentMap) -> None: ...


def _keep(library: Library, map_id: str, reason: str) -> None:
    """Copy the stored map into the trash (inside the caller's transaction)."""
    amap = library.load(map_id)
    library.db.execute(
        "INSERT INTO trash (map_id, title, trashed, reason, data) VALUES (?, ?, ?, ?, ?)",
        [map_id, amap.info.title, now().isoformat(), reason, dumps_map(amap)],
    )
    log.info("map %s (%d nodes) %s: kept in the trash", map_id, len(amap.nodes), reason)


def delete(library: Library, map_id: str, keep_in_trash: bool = True) -> None:
    """Remove a map; by default a copy goes to the trash first, in the same transaction."""
    with library.writing() as db:
        if keep_in_trash and library.has_map(map_id):
            _keep(library, map_id, "deleted")
        db.execute("DELETE FROM maps WHERE id = ?", [map_id])


def replace(library: Library, amap: ArgumentMap) -> None:
    """Overwrite the stored map with the same id, keeping the old version in the trash."""
    with library.writing() as db:
        if library.has_map(amap.info.id):
            _keep(library, amap.info.id, "replaced")
            db.execute("DELETE FROM maps WHERE id = ?", [amap.info.id])
        library._insert(amap)


def entries(library: Library) -> list[TrashEntry]:
    """What the trash holds, the most recently trashed first."""
    with library.reading() as db:
        rows = db.execute(
            "SELECT id, map_id, title, trashed, reason FROM trash ORDER BY id DESC"
        ).fetchall()
    return [TrashEntry(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4]) for r in rows]


def restore(library: Library, trash_id: int) -> ArgumentMap:
    """Bring a trashed map back as a new map (a fresh id if its id is in use)."""
    with library.writing() as db:
        row = db.execute("SELECT data FROM trash WHERE id = ?", [trash_id]).fetchone()
        if row is None:
            raise LibraryError(f"nothing in the trash with id {trash_id}")
        restored = library.add_new(parse_map(row[0], f"trash #{trash_id}"))
        db.execute("DELETE FROM trash WHERE id = ?", [trash_id])
    log.info("trash #%d restored as map %s", trash_id, restored.info.id)
    return restored
