"""A full disk, a read-only or locked library, a second instance: clear errors, no damage."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from argmap.core.model import ArgumentMap, Node
from argmap.core.store import Library, LibraryError
from tests.helpers import chain, small_map


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpointed(lib: Library) -> None:
    lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_sqlite_full_leaves_every_map_as_it_was(db_path: Path):
    """A real SQLITE_FULL: the database may not grow past its current size."""
    with Library(db_path) as lib:
        small = lib.add_new(small_map())
        before = lib.load(small.info.id)
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        lib.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(LibraryError, match="the disk is full; nothing was changed"):
            lib.save(chain(3000, "too big"))
        grown = ArgumentMap(info=small.info, nodes=(*small.nodes, *(
            Node(id=f"x{i}", parent="root", order=10 + i, kind="claim", text="y" * 2000)
            for i in range(200))))
        with pytest.raises(LibraryError, match="disk is full"):
            lib.save(grown)
        assert lib.load(small.info.id) == before
        assert [m.id for m in lib.list_maps()] == [small.info.id]
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_library_is_a_clear_error(db_path: Path, monkeypatch):
    with Library(db_path) as lib:
        lib.add_new(small_map())
        checkpointed(lib)
    before = digest(db_path)
    real_connect = sqlite3.connect

    def read_only(path, *args, **kwargs):  # root ignores file modes, so ask SQLite for ro
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr("argmap.core.store.sqlite3.connect", read_only)
    try:
        lib = Library(db_path)
    except LibraryError as exc:
        assert "read-only" in str(exc)
    else:
        with lib, pytest.raises(LibraryError, match="read-only; nothing was changed"):
            lib.save(small_map("new"))
    assert digest(db_path) == before


def test_a_locked_library_fails_cleanly_and_changes_nothing(db_path: Path):
    with Library(db_path) as lib:
        amap = lib.add_new(small_map())
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:  # opening or saving (whichever needs the lock first) reports it
        with pytest.raises(LibraryError, match="locked"), Library(db_path, busy_timeout_ms=200) as lib:
            lib.save(small_map("other"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Library(db_path) as lib:
        assert [m.id for m in lib.list_maps()] == [amap.info.id]


def test_two_instances_saving_at_once_keep_both_maps_whole(db_path: Path):
    with Library(db_path):
        pass
    errors: list[BaseException] = []

    def writer(title: str) -> None:
        try:
            with Library(db_path) as lib:
                for step in range(30):
                    lib.save(chain(50 + step, title))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("first", "second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Library(db_path) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for summary in lib.list_maps():
            loaded = lib.load(summary.id)
            assert len({n.text.split()[0] for n in loaded.nodes if n.parent}) == 1
