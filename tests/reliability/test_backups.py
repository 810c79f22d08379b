"""Rolling backups through SQLite's backup API, and restoring one."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.core.store import Library, LibraryError
from tests.helpers import small_map


def test_backup_and_restore_round_trip(db_path: Path):
    with Library(db_path) as lib:
        first = lib.add_new(small_map("before"))
        backup = lib.backup()
        lib.delete(first.info.id)
        lib.add_new(small_map("after"))
        lib.restore_backup(backup)
        assert [m.title for m in lib.list_maps()] == ["before"]
        assert lib.load(first.info.id) == first.canonical()
        # the state just before the restore was backed up too
        assert len(lib.list_backups()) == 2


def test_only_the_newest_backups_are_kept(db_path: Path):
    with Library(db_path) as lib:
        made = [lib.backup(keep=3) for _ in range(5)]
        assert lib.list_backups() == sorted(made[-3:], reverse=True)


def test_a_damaged_backup_is_refused(db_path: Path, tmp_path: Path):
    with Library(db_path) as lib:
        lib.add_new(small_map("keep me"))
        bad = tmp_path / "library-bad.db"
        bad.write_bytes(b"garbage" * 1000)
        with pytest.raises(LibraryError, match="not a usable argmap backup"):
            lib.restore_backup(bad)
        assert [m.title for m in lib.list_maps()] == ["keep me"]
