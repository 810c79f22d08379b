"""The library's sidecar lock: it refuses to run unguarded unless nobody could write."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from argmap.core.errors import LibraryError
from argmap.core.lockfile import LibraryLock, lock_path


def test_a_symlinked_lock_file_is_an_error_not_silently_no_lock(tmp_path: Path):
    library = tmp_path / "library.db"
    (tmp_path / "elsewhere").write_bytes(b"")
    lock_path(library).symlink_to(tmp_path / "elsewhere")
    lock = LibraryLock(library, 0.1)
    with pytest.raises(LibraryError, match="lock file"), lock.hold(exclusive=True):
        pass


def test_a_directory_in_place_of_the_lock_file_is_an_error(tmp_path: Path):
    library = tmp_path / "library.db"
    lock_path(library).mkdir()
    lock = LibraryLock(library, 0.1)
    with pytest.raises(LibraryError, match="lock file"), lock.hold(exclusive=False):
        pass


def test_a_read_only_filesystem_runs_without_the_lock(tmp_path: Path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("argmap.core.lockfile.os.open", read_only)
    lock = LibraryLock(tmp_path / "library.db", 0.1)
    with lock.hold(exclusive=False):
        pass


def test_a_write_inside_a_read_is_refused(tmp_path: Path):
    lock = LibraryLock(tmp_path / "library.db", 0.1)
    with lock.hold(exclusive=False):
        with pytest.raises(LibraryError, match="inside a read"), lock.hold(exclusive=True):
            pass
        with lock.hold(exclusive=False):  # nested reads still work
            pass
    with lock.hold(exclusive=True), lock.hold(exclusive=False), lock.hold(exclusive=True):
        pass
    lock.close()
