"""The library's sidecar lock: it refuses to run unguarded unless nobody could write."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
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


@pytest.mark.logs_warnings(r"library\.db: gave up waiting for the library lock after 0\.3 s \(shared\)")
def test_lock_waits_and_give_ups_are_logged(tmp_path: Path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="argmap")
    monkeypatch.setattr("argmap.core.lockfile.NOTICE_AFTER_S", 0.05)
    library = tmp_path / "library.db"
    holder, waiter = LibraryLock(library, 5), LibraryLock(library, 0.3)
    refused = pytest.raises(LibraryError, match="locked by another argmap")
    with holder.hold(exclusive=True), refused, waiter.hold(exclusive=False):
        pass
    held = contextlib.ExitStack()
    held.enter_context(holder.hold(exclusive=True))
    release = threading.Timer(0.1, held.close)
    release.start()
    waiter.timeout_s = 5
    with waiter.hold(exclusive=True):
        pass
    release.join()
    told = [r.getMessage().removeprefix(f"{library}: ") for r in caplog.records]
    assert told[0] == "waiting for the library lock (shared): another argmap holds it"
    assert told[1] == "gave up waiting for the library lock after 0.3 s (shared)"
    assert told[2] == "waiting for the library lock (exclusive): another argmap holds it"
    assert told[3].startswith("got the library lock after waiting ")
    assert len(told) == 4
    holder.close()
    waiter.close()
