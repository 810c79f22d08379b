"""Libraries argmap must not touch are refused in one line and left byte for byte as they
were; WAL libraries convert to the rollback journal on open; a read-only library says so
(issue 11). Also the store side of "changes made outside are seen" and "saves are verified".
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from argmap.core.store import Library, LibraryError
from tests.helpers import small_map


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def assert_refused_unchanged(path: Path, match: str) -> None:
    before = digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(LibraryError, match=match) as caught:
        Library(path)
    assert "\n" not in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings


def test_a_library_migrated_by_a_newer_argmap_is_refused_unchanged(db_path: Path):
    with Library(db_path) as lib:
        lib.add_new(small_map())
    raw(db_path, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('argmap', 'm900_from_the_future', '2030-01-01')",
        "ALTER TABLE maps ADD COLUMN colour TEXT NOT NULL DEFAULT 'red'")
    assert_refused_unchanged(db_path, "made by a newer argmap")


def test_another_applications_views_only_database_is_refused_unchanged(db_path: Path):
    raw(db_path, "CREATE VIEW answer AS SELECT 42 AS value")
    assert_refused_unchanged(db_path, "not an argmap library")


def test_another_applications_id_without_tables_is_refused_unchanged(db_path: Path):
    raw(db_path, "PRAGMA application_id = 1234567", "PRAGMA user_version = 3")
    assert db_path.stat().st_size > 0
    assert_refused_unchanged(db_path, "not an argmap library")


def test_a_wal_library_converts_to_the_rollback_journal_on_open(db_path: Path):
    with Library(db_path) as lib:
        amap = lib.add_new(small_map())
    raw(db_path, "PRAGMA journal_mode = WAL")
    with Library(db_path) as lib:
        assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert lib.load(amap.info.id) == amap.in_preorder()
    assert not Path(f"{db_path}-wal").exists()
    with open(db_path, "rb") as fh:  # header bytes 18-19: 1 = rollback journal, 2 = WAL
        assert fh.read(20)[18:20] == b"\x01\x01"


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = sqlite3.connect

    def read_only(path, *args, **kwargs):  # root ignores file modes, so ask SQLite for ro
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr("argmap.core.store.sqlite3.connect", read_only)


def test_a_read_only_library_is_read_and_says_read_only_on_save(db_path: Path, monkeypatch):
    with Library(db_path) as lib:
        amap = lib.add_new(small_map())
    before = digest(db_path)
    _read_only(monkeypatch)
    with Library(db_path) as lib:
        assert [m.id for m in lib.list_maps()] == [amap.info.id]
        with pytest.raises(LibraryError, match="read-only; nothing was changed"):
            lib.save(small_map("new"))
    assert digest(db_path) == before


def test_a_read_only_wal_library_says_read_only(db_path: Path, monkeypatch):
    with Library(db_path) as lib:
        lib.add_new(small_map())
    raw(db_path, "PRAGMA journal_mode = WAL")
    before = digest(db_path)
    _read_only(monkeypatch)
    with pytest.raises(LibraryError, match="read-only"):
        Library(db_path)
    assert digest(db_path) == before


def test_data_version_moves_when_another_process_commits(db_path: Path):
    with Library(db_path) as editor, Library(db_path) as cli:
        start = editor.data_version()
        amap = editor.add_new(small_map())
        assert editor.data_version() == start  # its own commits do not count
        cli.rename(amap.info.id, "renamed elsewhere")
        assert editor.data_version() != start


def test_verify_saved_finds_what_another_program_changed(db_path: Path):
    with Library(db_path) as lib:
        amap = lib.add_new(small_map())
        node = amap.by_id()["e1"].model_copy(update={"text": "edited"})
        assert lib.save_changes(amap.info, [node], [])
        assert lib.verify_saved(amap.info, [node], [], len(amap.nodes)) is None
        assert lib.verify(lib.load(amap.info.id)) is None
        raw(db_path, "UPDATE nodes SET text = 'tampered' WHERE id = 'e1'")
        assert "e1" in (lib.verify_saved(amap.info, [node]) or "")
        raw(db_path, "DELETE FROM nodes WHERE id = 'r1'")
        assert "3 nodes" in (lib.verify_saved(amap.info, [], [], len(amap.nodes)) or "")
        raw(db_path, "DELETE FROM maps")
        assert "no longer in the library" in (lib.verify_saved(amap.info, []) or "")
