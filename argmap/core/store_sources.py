"""A map's source records in the library (no Qt): the `sources` table of schema.m005.

One row per record, keyed by (map id, record id); nodes name their record in
`nodes.source_id`. Saves write only the records that changed, like nodes: an attached text
of up to 2,000,000 characters is written when it changes, not at every autosave.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sqlite_utils

from argmap.core.model import SourceRecord

#: (title, author, date, url, text): what a row holds besides its keys.
RecordRow = tuple[str, str, str, str, str | None]
_COLUMNS = "id, title, author, date, url, text"


def row(record: SourceRecord) -> RecordRow:
    return (record.title, record.author, record.date, record.url, record.text)


def stored(db: sqlite_utils.Database, map_id: str) -> Iterator[tuple[str, RecordRow]]:
    for r in db.execute(f"SELECT {_COLUMNS} FROM sources WHERE map_id = ? ORDER BY id",
                        [map_id]):
        yield r[0], tuple(r[1:])


def stored_one(db: sqlite_utils.Database, map_id: str, record_id: str) -> RecordRow | None:
    r = db.execute(f"SELECT {_COLUMNS} FROM sources WHERE map_id = ? AND id = ?",
                   [map_id, record_id]).fetchone()
    return tuple(r[1:]) if r else None


def load(db: sqlite_utils.Database, map_id: str) -> tuple[SourceRecord, ...]:
    return tuple(SourceRecord(id=i, title=r[0], author=r[1], date=r[2], url=r[3], text=r[4])
                 for i, r in stored(db, map_id))


def write(db: sqlite_utils.Database, map_id: str, records: Iterable[SourceRecord],
          gone: Iterable[str] = ()) -> None:
    """Upsert `records` and delete the records with ids `gone`."""
    db.conn.executemany("DELETE FROM sources WHERE map_id = ? AND id = ?",
                        [(map_id, i) for i in gone])
    db.conn.executemany(
        f"INSERT OR REPLACE INTO sources (map_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(map_id, r.id, *row(r)) for r in records])


def save_all(db: sqlite_utils.Database, map_id: str, records: Iterable[SourceRecord]) -> None:
    """Make the map's stored records exactly `records`, writing only what differs."""
    wanted = {r.id: r for r in records}
    have = dict(stored(db, map_id))
    write(db, map_id, [r for i, r in wanted.items() if have.get(i) != row(r)],
          [i for i in have if i not in wanted])


def mismatch(db: sqlite_utils.Database, map_id: str, records: Iterable[SourceRecord],
             gone: Iterable[str] = ()) -> str | None:
    """The id of a record not stored as given (or still stored though removed), or None."""
    for record in records:
        if stored_one(db, map_id, record.id) != row(record):
            return record.id
    return next((i for i in gone if stored_one(db, map_id, i) is not None), None)
