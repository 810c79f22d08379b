"""The user's map library: one SQLite database over sqlite-utils (no Qt).

Every write that changes a map runs in one transaction (BEGIN IMMEDIATE), so a crash or a
full disk leaves each map as one of its saved versions, and a check made inside it (is
this map id free?) still holds when the write lands. Every transaction, and opening and
closing the connection, is guarded by the flock on LIB.lock (core/lockfile.py): SQLite's
own POSIX locks are dropped by any stray close of the file inside the process. Saves
write only changed rows: autosave after one edit costs one row, not the whole map. The
database is refused, never overwritten, when it is damaged or is not argmap's to write.
Backups, the trash, and rename and duplicate are in backups.py, trash.py and retitle.py;
Library's methods for them delegate there.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs
import sqlite_utils

from argmap.core import backups, retitle, store_sources
from argmap.core import trash as trash_bin
from argmap.core.bulk import bulk
from argmap.core.errors import ChangedElsewhere, LibraryError, excerpt
from argmap.core.lockfile import LibraryLock
from argmap.core.model import ArgumentMap, MapInfo, Node, Source, SourceRecord, new_id
from argmap.core.schema import check_file, check_ours, explain, set_up
from argmap.core.trash import TrashEntry

#: How many rolling backups are kept beside the library (backups/).
BACKUP_KEEP = 10
ENV_VAR = "ARGMAP_DB"


@dataclass(frozen=True)
class MapSummary:
    id: str
    title: str
    node_count: int
    modified: datetime


def default_path() -> Path:
    """$ARGMAP_DB, else the platform's per-user data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("argmap", appauthor=False)) / "library.db"


_COLUMNS = ("id, parent, ord, kind, text, source_id, source_quote, source_locator, polarity, "
            "assessment")  # source_id: schema.m005; polarity, assessment: m004
_ROW = tuple[str | None, int, str, str, str | None, str | None, str | None, str | None,
             float | None]


def _write_rows(db: sqlite_utils.Database, rows: list, gone: list[tuple[str, str]]) -> None:
    """Upsert (map id, node id, *_row) rows and delete (map id, node id) pairs."""
    if gone:
        db.conn.executemany("DELETE FROM nodes WHERE map_id = ? AND id = ?", gone)
    if rows:
        db.conn.executemany(
            f"""INSERT OR REPLACE INTO nodes (map_id, {_COLUMNS})
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )


def _row(node: Node) -> _ROW:
    s = node.source
    return (
        node.parent,
        node.order,
        node.kind.value,
        node.text,
        s.source_id if s else None,  # the record holds the title and URL (store_sources)
        s.quote if s else None,
        s.locator if s else None,
        node.polarity, node.assessment,
    )


def missing_folder(path: str | os.PathLike[str] | None = None) -> Path | None:
    """The folder a library at `path` would have to create, or None if it exists.

    Library() creates a missing folder only for the default location; for a path the user
    named (`--db`), the CLI refuses in one line and the GUI asks first, then passes
    create_folder=True.
    """
    folder = (Path(path) if path is not None else default_path()).expanduser().parent
    return None if folder.is_dir() else folder


class Library:
    """An open library. Use as a context manager or call close().

    create_folder: None creates a missing folder only for the default location.
    on_wait: told once, in one line, when another argmap holds the library for a while.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        busy_timeout_ms: int = 10_000,
        *,
        create_folder: bool | None = None,
        on_wait: Callable[[str], None] | None = None,
    ):
        self.path = Path(path) if path is not None else default_path()
        self._busy_timeout_ms = busy_timeout_ms
        self._closed = False
        folder = missing_folder(self.path)
        if folder is not None:
            if not (create_folder or (create_folder is None and path is None)):
                raise LibraryError(
                    f"{folder}: no such folder; argmap makes a new library only in an "
                    "existing folder — create the folder first"
                )
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"{folder}: cannot create the folder: {exc.strerror}") from None
        self._lock = LibraryLock(self.path, busy_timeout_ms / 1000, on_wait)
        try:
            with self._lock.hold(exclusive=True):
                self._open()
        except LibraryError:
            self._lock.close(remove=True)
            raise
        except BaseException:
            self._lock.close()
            raise

    def _open(self) -> None:
        check_file(self.path)
        try:
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout_ms / 1000,
                                   isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            # explain() is the user's one line; the cause keeps SQLite's own error for the log
            raise LibraryError(f"{self.path}: cannot open the library: {explain(exc, self.path)}") from exc
        # No sqlite-utils plugins: they would run inside the library connection, and finding
        # them scans every installed package (~25 ms of each start).
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            set_up(self.db, self.path, check_ours(self.db, self.path))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(f"{self.path}: {explain(exc, self.path)}") from exc
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            with self._lock.hold(exclusive=False):
                self.db.conn.close()
        except LibraryError:  # held elsewhere for too long: no transaction is open here
            self.db.conn.close()
        finally:
            self._lock.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[sqlite_utils.Database]:
        """Reads under the shared flock: no argmap process writes meanwhile."""
        with self._lock.hold(exclusive=False):
            try:
                yield self.db
            except sqlite3.DatabaseError as exc:
                raise LibraryError(f"{self.path}: {explain(exc, self.path)}") from exc

    @contextmanager
    def writing(self, seen_version: int | None = None) -> Iterator[sqlite_utils.Database]:
        """One transaction under the exclusive flock, begun IMMEDIATE so that what it reads
        (is this id free?) still holds when it writes; nested calls are savepoints.
        seen_version (the data_version of the editor's last look): ChangedElsewhere, nothing
        written, if another program committed since; checked inside the transaction."""
        with self._lock.hold(exclusive=True):
            conn = self.db.conn
            try:
                if conn.in_transaction:
                    self._check_version(seen_version)
                    with self.db.atomic() as db:
                        yield db
                    return
                conn.execute("BEGIN IMMEDIATE")
                try:
                    self._check_version(seen_version)
                    yield self.db
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.DatabaseError as exc:
                raise LibraryError(
                    f"{self.path}: {explain(exc, self.path)}; nothing was changed") from exc

    def _check_version(self, seen_version: int | None) -> None:
        if (seen_version is not None
                and self.db.conn.execute("PRAGMA data_version").fetchone()[0] != seen_version):
            raise ChangedElsewhere(
                f"{self.path}: another program changed the library since it was last read; "
                "nothing was written")

    def exclusive(self) -> contextlib.AbstractContextManager[None]:
        """The exclusive flock alone, for work that is not one SQL transaction (restore)."""
        return self._lock.hold(exclusive=True)

    def data_version(self) -> int:
        """Changes when another connection (another process: the CLI, a restore) commits.

        The editor polls this about once a second: a new value means reload the library
        panel, and the open map if it changed. It does not change for this Library's own
        commits.
        """
        with self.reading() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])

    def verify_saved(self, info: MapInfo, nodes: Iterable[Node], removed: Iterable[str] = (),
                     node_count: int | None = None, sources: Iterable[SourceRecord] = (),
                     sources_removed: Iterable[str] = (),
                     source_count: int | None = None) -> str | None:
        """None if the library holds what a save just wrote, else a one-line reason.

        Cheap after an autosave: the maps row, each written node's row, each removed id's
        absence and (node_count) the map's row count, all by primary key.
        """
        wanted = {n.id: _row(n) for n in nodes}
        with self.reading() as db:
            row = db.execute("SELECT title, modified FROM maps WHERE id = ?", [info.id]).fetchone()
            if row is None:
                return f"the map {excerpt(info.title)} is no longer in the library"
            if tuple(row) != (info.title, info.modified.isoformat()):
                return f"the map {excerpt(info.title)} in the library was changed by another program"
            if len(wanted) > 256:
                stored = dict(self._stored_rows(info.id))
                found = {i: stored.get(i) for i in wanted}
            else:
                found = {i: self._stored_row(info.id, i) for i in wanted}
            bad = next((i for i, r in wanted.items() if found[i] != r), None)
            if bad is not None:
                return f"node {excerpt(bad)} is not stored as it was saved"
            gone = next((i for i in removed if self._stored_row(info.id, i) is not None), None)
            if gone is not None:
                return f"node {excerpt(gone)} was deleted but is still in the library"
            if node_count is not None:
                count = db.execute("SELECT count(*) FROM nodes WHERE map_id = ?", [info.id]).fetchone()[0]
                if count != node_count:
                    return f"the library holds {count} nodes of this map, not {node_count}"
            record = store_sources.mismatch(db, info.id, sources, sources_removed)
            if record is not None:
                return f"source {excerpt(record)} is not stored as it was saved"
            if source_count is not None:
                count = db.execute("SELECT count(*) FROM sources WHERE map_id = ?", [info.id]).fetchone()[0]
                if count != source_count:
                    return f"the library holds {count} sources of this map, not {source_count}"
        return None

    def verify(self, amap: ArgumentMap) -> str | None:
        """verify_saved for a whole map (after a full save)."""
        return self.verify_saved(amap.info, amap.nodes, (), len(amap.nodes), amap.sources,
                                 source_count=len(amap.sources))

    def _stored_row(self, map_id: str, node_id: str) -> _ROW | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM nodes WHERE map_id = ? AND id = ?",
                              [map_id, node_id]).fetchone()
        return tuple(row[1:]) if row else None

    def _stored_rows(self, map_id: str) -> Iterator[tuple[str, _ROW]]:
        for r in self.db.execute(f"SELECT {_COLUMNS} FROM nodes WHERE map_id = ?", [map_id]):
            yield r[0], tuple(r[1:])

    # -- backups (core/backups.py) -----------------------------------------------------------
    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def backup(self, keep: int = BACKUP_KEEP) -> Path:
        """A consistent copy through SQLite's backup API; the `keep` newest are kept."""
        return backups.make_backup(self, keep)

    def list_backups(self) -> list[Path]:
        """Backups of this library, newest first."""
        return backups.list_backups(self)

    def restore_backup(self, backup: str | os.PathLike[str]) -> None:
        """Replace the library's contents with a backup's; the current state is backed up first."""
        backups.restore_backup(self, Path(backup))

    # -- reading ---------------------------------------------------------------------------
    def list_maps(self) -> list[MapSummary]:
        with self.reading() as db:
            rows = db.execute(
                """SELECT m.id, m.title, m.modified,
                          (SELECT count(*) FROM nodes n WHERE n.map_id = m.id)
                   FROM maps m ORDER BY m.title COLLATE NOCASE, m.id"""
            ).fetchall()
        return [MapSummary(r[0], r[1], r[3], datetime.fromisoformat(r[2])) for r in rows]

    def has_map(self, map_id: str) -> bool:
        with self.reading() as db:
            return db.execute("SELECT 1 FROM maps WHERE id = ?", [map_id]).fetchone() is not None

    def find(self, id_or_title: str) -> str | None:
        """A map id from an id or an exact title (ids win)."""
        with self.reading() as db:
            if self.has_map(id_or_title):
                return id_or_title
            rows = db.execute("SELECT id FROM maps WHERE title = ?", [id_or_title]).fetchall()
        if len(rows) > 1:
            raise LibraryError(
                f"{len(rows)} maps are titled {excerpt(id_or_title)}; name one by id (argmap list)"
            )
        return rows[0][0] if rows else None

    @bulk
    def load(self, map_id: str) -> ArgumentMap:
        """The stored map, nodes in pre-order with their stored orders: the editor shows and
        edits exactly what the library holds (renumbering here in memory made a later
        one-node save reorder its siblings)."""
        with self.reading() as db:
            row = db.execute(
                "SELECT id, title, created, modified FROM maps WHERE id = ?", [map_id]
            ).fetchone()
            if row is None:
                raise LibraryError(f"no map with id {excerpt(map_id)} in {self.path}")
            info = MapInfo(id=row[0], title=row[1], created=row[2], modified=row[3])
            nodes = []
            for r in db.execute(f"SELECT {_COLUMNS} FROM nodes WHERE map_id = ?", [map_id]):
                source = None
                if r[6] is not None:  # the title and URL come from the record (link_sources)
                    source = Source(source_id=r[5], quote=r[6], locator=r[7] or "")
                nodes.append(Node(id=r[0], parent=r[1], order=r[2], kind=r[3], text=r[4],
                                  source=source, polarity=r[8], assessment=r[9]))
            sources = store_sources.load(db, map_id)
        return ArgumentMap(info=info, nodes=tuple(nodes), sources=sources).in_preorder()

    # -- writing ---------------------------------------------------------------------------
    @bulk
    def save(self, amap: ArgumentMap, seen_version: int | None = None) -> None:
        """Store the editor's own map (insert, or update in place) as one transaction,
        writing only the rows that changed. A map arriving from outside goes through
        add_new or replace, which say whether an existing map may be replaced; so does the
        editor's first save of a map not yet in the library. seen_version: see writing()."""
        info = amap.info
        wanted = {n.id: _row(n) for n in amap.nodes}
        with self.writing(seen_version) as db:
            db.execute(
                """INSERT INTO maps (id, title, created, modified) VALUES (?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title = excluded.title,
                   created = excluded.created, modified = excluded.modified""",
                [info.id, info.title, info.created.isoformat(), info.modified.isoformat()],
            )
            stored = dict(self._stored_rows(info.id))
            gone = [(info.id, node_id) for node_id in stored if node_id not in wanted]
            changed = [
                (info.id, node_id, *row)
                for node_id, row in wanted.items()
                if stored.get(node_id) != row
            ]
            _write_rows(db, changed, gone)
            store_sources.save_all(db, info.id, amap.sources)

    def _insert(self, amap: ArgumentMap) -> None:
        """A map that must be new: a taken id fails (IntegrityError) rather than replace."""
        info = amap.info
        self.db.execute(
            "INSERT INTO maps (id, title, created, modified) VALUES (?, ?, ?, ?)",
            [info.id, info.title, info.created.isoformat(), info.modified.isoformat()],
        )
        _write_rows(self.db, [(info.id, n.id, *_row(n)) for n in amap.nodes], [])
        store_sources.write(self.db, info.id, amap.sources)

    def save_changes(self, info: MapInfo, nodes: Iterable[Node], removed: Iterable[str],
                     seen_version: int | None = None, sources: Iterable[SourceRecord] = (),
                     sources_removed: Iterable[str] = ()) -> bool:
        """Write one edit's worth of rows (an autosave) as one transaction, without reading
        the map back: nodes and source records changed or removed. False, writing nothing,
        if the map is not in the library: the caller then adds it whole (add_new).
        seen_version: see writing()."""
        rows = [(info.id, n.id, *_row(n)) for n in nodes]
        gone = [(info.id, node_id) for node_id in removed]
        with self.writing(seen_version) as db:
            updated = db.execute(
                "UPDATE maps SET title = ?, created = ?, modified = ? WHERE id = ?",
                [info.title, info.created.isoformat(), info.modified.isoformat(), info.id],
            ).rowcount
            if not updated:
                return False
            _write_rows(db, rows, gone)
            store_sources.write(db, info.id, sources, sources_removed)
        return True

    def get_meta(self, key: str) -> str | None:
        with self.reading() as db:
            row = db.execute("SELECT value FROM library_meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO library_meta (key, value) VALUES (?, ?)", [key, value]
            )

    # -- the trash (core/trash.py), rename and duplicate (core/retitle.py) -----------------------
    def delete(self, map_id: str, keep_in_trash: bool = True) -> None:
        """Remove a map; by default a copy goes to the trash first, in the same transaction."""
        trash_bin.delete(self, map_id, keep_in_trash)

    def replace(self, amap: ArgumentMap) -> None:
        """Overwrite the stored map with the same id, keeping the old version in the trash."""
        trash_bin.replace(self, amap)

    def trash(self) -> list[TrashEntry]:
        """What the trash holds, the most recently trashed first."""
        return trash_bin.entries(self)

    def restore(self, trash_id: int) -> ArgumentMap:
        """Bring a trashed map back as a new map (a fresh id if its id is in use)."""
        return trash_bin.restore(self, trash_id)

    def rename(self, map_id: str, title: str) -> ArgumentMap:
        return retitle.rename(self, map_id, title)

    def duplicate(self, map_id: str, title: str | None = None) -> ArgumentMap:
        """A copy under a new map id; node ids stay, since they are scoped to their map."""
        return retitle.duplicate(self, map_id, title)

    def add_new(self, amap: ArgumentMap) -> ArgumentMap:
        """Add a map as a new one: if its id is taken, it gets a fresh id (never overwrites).

        The check and the insert are one IMMEDIATE transaction under the exclusive flock:
        two processes importing the same id at once get two maps, never one.
        Node ids are kept: they are unique within a map, and keeping them lets two copies
        of the same map be compared and merged node by node later.
        """
        with self.writing():
            if self.has_map(amap.info.id):
                info = amap.info.model_copy(update={"id": new_id() + new_id()})
                amap = amap.model_copy(update={"info": info})
            self._insert(amap)
        return amap
