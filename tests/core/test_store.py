from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from argmap.core.errors import ChangedElsewhere
from argmap.core.model import ArgumentMap, Node
from argmap.core.store import Library, LibraryError, default_path, missing_folder
from tests.helpers import chain, small_map


def test_save_load_round_trip(db_path: Path):
    amap = small_map()
    with Library(db_path) as lib:
        lib.save(amap)
        assert lib.load(amap.info.id) == amap.canonical()
        [summary] = lib.list_maps()
        assert (summary.id, summary.title, summary.node_count) == (amap.info.id, "small", 4)


def test_schema_has_foreign_keys_indexes_and_migrations(db_path: Path):
    with Library(db_path) as lib:
        fks = lib.db["nodes"].foreign_keys
        assert [(f.column, f.other_table) for f in fks] == [("map_id", "maps")]
        assert any(i.name == "nodes_by_parent" for i in lib.db["nodes"].indexes)
        applied = [row["name"] for row in lib.db["_sqlite_migrations"].rows]
        assert applied == ["m001_maps_and_nodes", "m002_library_meta", "m003_trash",
                           "m004_arguments_and_assessments", "m005_source_records"]
        fks = lib.db["sources"].foreign_keys
        assert [(f.column, f.other_table) for f in fks] == [("map_id", "maps")]


def test_incremental_save_touches_only_changed_rows(db_path: Path):
    amap = chain(200)
    with Library(db_path) as lib:
        lib.save(amap)
        changes_before = lib.db.conn.total_changes
        edited = list(amap.nodes)
        edited[5] = edited[5].model_copy(update={"text": "edited"})
        lib.save(ArgumentMap(info=amap.info, nodes=tuple(edited[:-1])))
        # the maps row, one node rewritten, one node deleted
        assert lib.db.conn.total_changes - changes_before == 3
        loaded = lib.load(amap.info.id)
        assert len(loaded.nodes) == 200
        assert loaded.by_id()["n5"].text == "edited"


def test_failed_save_leaves_the_previous_version(db_path: Path, monkeypatch):
    amap = small_map()
    with Library(db_path) as lib:
        lib.save(amap)
        bigger = ArgumentMap(
            info=amap.info,
            nodes=(*amap.nodes, Node(id="x", parent="root", order=9, kind="claim", text="new")),
        )
        conn = lib.db.conn

        class FailingConn:
            def __getattr__(self, name):
                return getattr(conn, name)

            def executemany(self, sql, rows):
                raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(lib.db, "conn", FailingConn())
        with pytest.raises(LibraryError, match="disk is full; nothing was changed"):
            lib.save(bigger)
        monkeypatch.undo()
        assert lib.load(amap.info.id) == amap.canonical()


def test_add_new_never_overwrites(db_path: Path):
    amap = small_map()
    with Library(db_path) as lib:
        first = lib.add_new(amap)
        second = lib.add_new(amap)
        assert first.info.id == amap.info.id
        assert second.info.id != amap.info.id
        assert [n.id for n in second.nodes] == [n.id for n in amap.nodes]
        assert len(lib.list_maps()) == 2


def test_rename_duplicate_delete_find(db_path: Path):
    with Library(db_path) as lib:
        amap = lib.add_new(small_map("original"))
        lib.rename(amap.info.id, "renamed")
        copy = lib.duplicate(amap.info.id)
        assert copy.info.title == "renamed (copy)"
        assert lib.find("renamed") == amap.info.id
        assert lib.find(copy.info.id) == copy.info.id
        lib.delete(amap.info.id)
        assert [m.id for m in lib.list_maps()] == [copy.info.id]
        assert lib.db.execute("SELECT count(*) FROM nodes WHERE map_id = ?",
                              [amap.info.id]).fetchone()[0] == 0


def test_not_sqlite_is_refused_and_untouched(db_path: Path):
    db_path.write_bytes(b"my thesis draft, not a database" * 100)
    before = db_path.read_bytes()
    with pytest.raises(LibraryError, match="not an argmap library"):
        Library(db_path)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(LibraryError, match="not an argmap library"):
        Library(db_path)
    assert db_path.read_bytes() == before


def test_damaged_library_is_refused(db_path: Path):
    with Library(db_path) as lib:
        lib.save(chain(3000))
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):
        data[offset] = 0x5A
    db_path.write_bytes(bytes(data))
    with pytest.raises(LibraryError, match="damaged"):
        Library(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_default_path_follows_env_and_platform(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("ARGMAP_DB", str(tmp_path / "env.db"))
    assert default_path() == tmp_path / "env.db"
    monkeypatch.delenv("ARGMAP_DB")
    if not sys.platform.startswith("linux"):
        return
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "argmap" / "library.db"


def test_a_named_library_in_a_missing_folder_is_refused_unless_asked(tmp_path: Path):
    path = tmp_path / "a" / "b" / "library.db"
    assert missing_folder(path) == tmp_path / "a" / "b"
    with pytest.raises(LibraryError, match="no such folder"):
        Library(path)
    assert not (tmp_path / "a").exists()
    with Library(path, create_folder=True) as lib:  # the GUI asked the user first
        assert lib.list_maps() == []
    assert path.exists() and missing_folder(path) is None


def test_the_default_library_folder_is_created(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ARGMAP_DB", str(tmp_path / "data" / "argmap" / "library.db"))
    with Library() as lib:
        assert lib.list_maps() == []
    assert (tmp_path / "data" / "argmap" / "library.db").exists()


def test_delete_and_replace_keep_a_restorable_copy(db_path: Path):
    with Library(db_path) as lib:
        amap = lib.add_new(small_map("mine"))
        theirs = ArgumentMap(info=amap.info.model_copy(update={"title": "theirs"}),
                             nodes=amap.nodes[:1])
        lib.replace(theirs)
        assert lib.load(amap.info.id).info.title == "theirs"
        [entry] = lib.trash()
        assert (entry.map_id, entry.title, entry.reason) == (amap.info.id, "mine", "replaced")
        restored = lib.restore(entry.id)
        assert restored.info.id != amap.info.id  # the id is taken by "theirs"
        assert restored.nodes == amap.canonical().nodes
        lib.delete(amap.info.id)
        assert [e.reason for e in lib.trash()] == ["deleted"]
        assert lib.restore(lib.trash()[0].id).info.id == amap.info.id


def test_the_write_transaction_is_all_or_nothing(db_path: Path):
    """`writing()` is one transaction: what a failure inside it interrupts is not written,
    nested writes included, and a stale seen_version writes nothing at all."""
    with Library(db_path) as lib:
        amap = lib.add_new(small_map("kept"))
        with pytest.raises(RuntimeError), lib.writing():
            lib.rename(amap.info.id, "renamed")  # a nested writing(): a savepoint
            lib.add_new(small_map("second"))
            raise RuntimeError("interrupted")
        assert [m.title for m in lib.list_maps()] == ["kept"]
        seen = lib.data_version()
        with Library(db_path) as other:
            other.rename(amap.info.id, "theirs")
        with pytest.raises(ChangedElsewhere), lib.writing(seen):
            lib.add_new(small_map("mine"))
        assert [m.title for m in lib.list_maps()] == ["theirs"]
        with lib.writing():
            lib.rename(amap.info.id, "committed")
    with Library(db_path) as again:
        assert again.load(amap.info.id).info.title == "committed"
