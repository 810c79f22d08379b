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


def test_backups_of_a_sibling_library_are_neither_listed_nor_pruned(tmp_path: Path):
    with Library(tmp_path / "library-old.db") as other:
        theirs = other.backup()
    with Library(tmp_path / "library.db") as lib:
        mine = [lib.backup(keep=2) for _ in range(3)]
        assert lib.list_backups() == sorted(mine[-2:], reverse=True)
    assert theirs.exists()


def test_restoring_the_oldest_kept_backup_does_not_prune_it(db_path: Path):
    with Library(db_path) as lib:
        lib.add_new(small_map("oldest"))
        oldest = lib.backup()
        lib.add_new(small_map("newer"))
        for _ in range(9):
            lib.backup()
        lib.restore_backup(oldest)
        assert [m.title for m in lib.list_maps()] == ["oldest"]
        assert oldest.exists()


def test_a_backup_whose_path_has_uri_characters_is_restored(db_path: Path, tmp_path: Path):
    with Library(db_path) as lib:
        lib.add_new(small_map("kept"))
        made = lib.backup()
        odd = tmp_path / "a#b?c%20d"
        odd.mkdir()
        moved = made.rename(odd / made.name)
        lib.add_new(small_map("later"))
        lib.restore_backup(moved)
        assert [m.title for m in lib.list_maps()] == ["kept"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("a")) == ["a#b?c%20d"]
