"""The user's map library: one SQLite database over sqlite-utils (no Qt).

Every write that changes a map runs in one `db.atomic()` transaction, so a crash or a
full disk leaves each map as one of its saved versions. Saves write only changed rows:
autosave after one edit costs one row, not the whole map. The database is refused, never
overwritten, when it is damaged or is not an argmap library.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import sqlite_utils
from sqlite_utils.migrations import Migrations

from argmap.core.bulk import bulk
from argmap.core.errors import LibraryError
from argmap.core.mapfile import dumps_map, parse_map, read_map, write_map
from argmap.core.model import ArgumentMap, MapInfo, Node, Source, new_id, now

#: How many rolling backups are kept beside the library (backups/).
BACKUP_KEEP = 10
#: PRAGMA application_id of an argmap library: "AMap".
APPLICATION_ID = 0x414D6170
ENV_VAR = "ARGMAP_DB"

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


@dataclass(frozen=True)
class MapSummary:
    id: str
    title: str
    node_count: int
    modified: datetime


@dataclass(frozen=True)
class TrashEntry:
    id: int
    map_id: str
    title: str
    trashed: datetime
    reason: str  # "deleted" or "replaced"


def default_path() -> Path:
    """$ARGMAP_DB, else the platform's per-user data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("argmap", appauthor=False)) / "library.db"


_ROW = tuple[str | None, int, str, str, str | None, str | None, str | None, str | None]


def _write_rows(db: sqlite_utils.Database, rows: list, gone: list[tuple[str, str]]) -> None:
    """Upsert (map id, node id, *_row) rows and delete (map id, node id) pairs."""
    if gone:
        db.conn.executemany("DELETE FROM nodes WHERE map_id = ? AND id = ?", gone)
    if rows:
        db.conn.executemany(
            """INSERT OR REPLACE INTO nodes (map_id, id, parent, ord, kind, text,
               source_title, source_url, source_quote, source_locator)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )


def _row(node: Node) -> _ROW:
    s = node.source
    return (
        node.parent,
        node.order,
        node.kind.value,
        node.text,
        s.title if s else None,
        s.url if s else None,
        s.quote if s else None,
        s.locator if s else None,
    )


class Library:
    """An open library. Use as a context manager or call close()."""

    def __init__(self, path: str | os.PathLike[str] | None = None, busy_timeout_ms: int = 10_000):
        self.path = Path(path) if path is not None else default_path()
        self._busy_timeout_ms = busy_timeout_ms
        self._check_file()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"{self.path}: cannot open the library: {exc}") from None
        # No sqlite-utils plugins: they would run inside the library connection, and finding
        # them scans every installed package (~25 ms of each start).
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(f"{self.path}: {_explain(exc)}") from None
        except LibraryError:
            conn.close()
            raise

    def _check_file(self) -> None:
        if self.path.is_dir():
            raise LibraryError(f"{self.path}: is a directory, not a library file")
        if self.path.exists() and self.path.stat().st_size > 0:
            with open(self.path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise LibraryError(
                        f"{self.path}: not an argmap library (not an SQLite database); "
                        "argmap will not overwrite it"
                    )

    def _prepare(self) -> None:
        db = self.db
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise LibraryError(
                f"{self.path}: the library is damaged (PRAGMA quick_check failed); "
                "argmap will not write to it — restore it from a backup"
            )
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.table_names()
        if app_id != APPLICATION_ID and [t for t in tables if not t.startswith("sqlite_")]:
            raise LibraryError(
                f"{self.path}: an SQLite database that is not an argmap library; "
                "argmap will not write to it"
            )
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if app_id != APPLICATION_ID or migrations.pending(db):
            with db.atomic():
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.apply(db)

    def close(self) -> None:
        self.db.conn.close()

    # -- backups ---------------------------------------------------------------------------
    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def backup(self, keep: int = BACKUP_KEEP) -> Path:
        """A consistent copy through SQLite's backup API; the `keep` newest are kept."""
        folder = self.backup_dir
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        final = folder / f"{self.path.stem}-{stamp}.db"
        part = final.with_suffix(".part")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(part)
            try:
                self.db.conn.backup(target)
            finally:
                target.close()
            os.replace(part, final)
        except (OSError, sqlite3.Error) as exc:
            part.unlink(missing_ok=True)
            raise LibraryError(f"{folder}: backup failed: {exc}") from None
        for old in self.list_backups()[keep:]:
            old.unlink(missing_ok=True)
        return final

    def list_backups(self) -> list[Path]:
        """Backups of this library, newest first."""
        if not self.backup_dir.is_dir():
            return []
        return sorted(self.backup_dir.glob(f"{self.path.stem}-*.db"), reverse=True)

    def restore_backup(self, backup: str | os.PathLike[str]) -> None:
        """Replace the library's contents with a backup's; the current state is backed up first."""
        source_path = Path(backup)
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
            self.backup()
            try:
                source.backup(self.db.conn)
            except sqlite3.Error as exc:
                raise LibraryError(f"{self.path}: restore failed: {_explain(exc)}") from None
        finally:
            source.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite_utils.Database]:
        try:
            with self.db.atomic() as db:
                yield db
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.path}: {_explain(exc)}; nothing was changed") from None

    # -- reading ---------------------------------------------------------------------------
    def list_maps(self) -> list[MapSummary]:
        rows = self.db.execute(
            """SELECT m.id, m.title, m.modified,
                      (SELECT count(*) FROM nodes n WHERE n.map_id = m.id)
               FROM maps m ORDER BY m.title COLLATE NOCASE, m.id"""
        ).fetchall()
        return [MapSummary(r[0], r[1], r[3], datetime.fromisoformat(r[2])) for r in rows]

    def has_map(self, map_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM maps WHERE id = ?", [map_id]).fetchone() is not None

    def find(self, id_or_title: str) -> str | None:
        """A map id from an id or an exact title (ids win)."""
        if self.has_map(id_or_title):
            return id_or_title
        rows = self.db.execute("SELECT id FROM maps WHERE title = ?", [id_or_title]).fetchall()
        if len(rows) > 1:
            raise LibraryError(
                f"{len(rows)} maps are titled {id_or_title!r}; name one by id (argmap list)"
            )
        return rows[0][0] if rows else None

    @bulk
    def load(self, map_id: str) -> ArgumentMap:
        row = self.db.execute(
            "SELECT id, title, created, modified FROM maps WHERE id = ?", [map_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"no map with id {map_id!r} in {self.path}")
        info = MapInfo(id=row[0], title=row[1], created=row[2], modified=row[3])
        nodes = []
        for r in self.db.execute(
            """SELECT id, parent, ord, kind, text, source_title, source_url, source_quote,
                      source_locator FROM nodes WHERE map_id = ?""",
            [map_id],
        ):
            source = None
            if r[5] is not None:
                source = Source(title=r[5], url=r[6] or "", quote=r[7] or "", locator=r[8] or "")
            nodes.append(
                Node(id=r[0], parent=r[1], order=r[2], kind=r[3], text=r[4], source=source)
            )
        return ArgumentMap(info=info, nodes=tuple(nodes)).canonical()

    # -- writing ---------------------------------------------------------------------------
    @bulk
    def save(self, amap: ArgumentMap) -> None:
        """Insert or replace a map as one transaction, writing only the rows that changed."""
        info = amap.info
        wanted = {n.id: _row(n) for n in amap.nodes}
        with self._writing() as db:
            db.execute(
                """INSERT INTO maps (id, title, created, modified) VALUES (?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title = excluded.title,
                   created = excluded.created, modified = excluded.modified""",
                [info.id, info.title, info.created.isoformat(), info.modified.isoformat()],
            )
            stored = {
                r[0]: tuple(r[1:])
                for r in db.execute(
                    """SELECT id, parent, ord, kind, text, source_title, source_url,
                              source_quote, source_locator FROM nodes WHERE map_id = ?""",
                    [info.id],
                )
            }
            gone = [(info.id, node_id) for node_id in stored if node_id not in wanted]
            changed = [
                (info.id, node_id, *row)
                for node_id, row in wanted.items()
                if stored.get(node_id) != row
            ]
            _write_rows(db, changed, gone)

    def save_changes(self, info: MapInfo, nodes: Iterable[Node], removed: Iterable[str]) -> bool:
        """Write one edit's worth of rows (an autosave) as one transaction, without reading
        the map back. False, writing nothing, if the map is not in the library: the caller
        then saves it whole."""
        rows = [(info.id, n.id, *_row(n)) for n in nodes]
        gone = [(info.id, node_id) for node_id in removed]
        with self._writing() as db:
            updated = db.execute(
                "UPDATE maps SET title = ?, created = ?, modified = ? WHERE id = ?",
                [info.title, info.created.isoformat(), info.modified.isoformat(), info.id],
            ).rowcount
            if not updated:
                return False
            _write_rows(db, rows, gone)
        return True

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM library_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO library_meta (key, value) VALUES (?, ?)", [key, value]
            )

    def delete(self, map_id: str, keep_in_trash: bool = True) -> None:
        """Remove a map; by default a copy goes to the trash first, in the same transaction."""
        with self._writing() as db:
            if keep_in_trash and self.has_map(map_id):
                self._trash(map_id, "deleted")
            db.execute("DELETE FROM maps WHERE id = ?", [map_id])

    def _trash(self, map_id: str, reason: str) -> None:
        amap = self.load(map_id)
        self.db.execute(
            "INSERT INTO trash (map_id, title, trashed, reason, data) VALUES (?, ?, ?, ?, ?)",
            [map_id, amap.info.title, now().isoformat(), reason, dumps_map(amap)],
        )

    def replace(self, amap: ArgumentMap) -> None:
        """Overwrite the stored map with the same id, keeping the old version in the trash."""
        with self._writing():
            if self.has_map(amap.info.id):
                self._trash(amap.info.id, "replaced")
                self.db.execute("DELETE FROM nodes WHERE map_id = ?", [amap.info.id])
            self.save(amap)

    def trash(self) -> list[TrashEntry]:
        rows = self.db.execute(
            "SELECT id, map_id, title, trashed, reason FROM trash ORDER BY id DESC"
        ).fetchall()
        return [TrashEntry(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4]) for r in rows]

    def restore(self, trash_id: int) -> ArgumentMap:
        """Bring a trashed map back as a new map (a fresh id if its id is in use)."""
        row = self.db.execute("SELECT data FROM trash WHERE id = ?", [trash_id]).fetchone()
        if row is None:
            raise LibraryError(f"nothing in the trash with id {trash_id}")
        with self._writing() as db:
            restored = self.add_new(parse_map(row[0], f"trash #{trash_id}"))
            db.execute("DELETE FROM trash WHERE id = ?", [trash_id])
        return restored

    def rename(self, map_id: str, title: str) -> ArgumentMap:
        amap = self.load(map_id)
        info = MapInfo.model_validate(
            {**amap.info.model_dump(), "title": title, "modified": now()}
        )
        renamed = ArgumentMap(info=info, nodes=amap.nodes)
        self.save(renamed)
        return renamed

    def duplicate(self, map_id: str, title: str | None = None) -> ArgumentMap:
        """A copy under a new map id; node ids stay, since they are scoped to their map."""
        amap = self.load(map_id)
        stamp = now()
        info = MapInfo(
            id=new_id() + new_id(),
            title=title or f"{amap.info.title} (copy)"[:500],
            created=stamp,
            modified=stamp,
        )
        copy = ArgumentMap(info=info, nodes=amap.nodes)
        self.save(copy)
        return copy

    def add_new(self, amap: ArgumentMap) -> ArgumentMap:
        """Add a map as a new one: if its id is taken, it gets a fresh id (never overwrites).

        Node ids are kept: they are unique within a map, and keeping them lets two copies
        of the same map be compared and merged node by node later.
        """
        if self.has_map(amap.info.id):
            info = amap.info.model_copy(update={"id": new_id() + new_id()})
            amap = amap.model_copy(update={"info": info})
        self.save(amap)
        return amap

    def import_file(self, path: str | os.PathLike[str]) -> ArgumentMap:
        """Validate a map file and add it as a new map; the file is only read."""
        return self.add_new(read_map(path))

    def export_file(self, map_id: str, path: str | os.PathLike[str]) -> None:
        write_map(self.load(map_id), path)


def _explain(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the library is read-only"
    if "locked" in text or "busy" in text:
        return "the library is locked by another program"
    if "not a database" in text or "malformed" in text:
        return "the library is damaged or not an argmap library; argmap will not write to it"
    return f"database error: {text}"
