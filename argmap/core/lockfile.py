"""The library's sidecar lock (LIB.lock): every argmap process guards each transaction with
flock() on it, because SQLite's own POSIX locks cannot be trusted inside a GUI (no Qt).

SQLite's default unix VFS locks the database with POSIX record locks (fcntl). Those belong
to the *process*: closing any descriptor of the database file anywhere in the process (Qt's
file dialog reading the folder for icons, a preview, our own header check) silently drops
every lock SQLite holds ("How To Corrupt An SQLite Database File", section 2.2). flock()
locks belong to the open file description instead: a stray open/close of LIB.lock elsewhere
in the process opens a new description and cannot release ours. This module is the one
place that opens the lock file, and it keeps its descriptor for the Library's lifetime.

Readers take LOCK_SH, writers LOCK_EX; holds are re-entrant within one Library. A busy lock
is retried for up to `timeout_s` (editor transactions last milliseconds); `on_wait` is told
once, in one line, when the wait is noticeable.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from argmap.core.errors import LibraryError

log = logging.getLogger(__name__)

#: After this long without the lock, `on_wait` is called (once per wait).
NOTICE_AFTER_S = 0.2
_POLL_S = 0.005


def lock_path(library: Path) -> Path:
    """LIB.lock beside the library file itself: a symlink (`--db link.db`) is resolved
    first, so every path to one library locks the same file."""
    real = Path(os.path.realpath(library))
    return real.with_name(real.name + ".lock")


class LibraryLock:
    """flock() on LIB.lock, shared for reads and exclusive for writes, re-entrant."""

    def __init__(self, library: Path, timeout_s: float,
                 on_wait: Callable[[str], None] | None = None):
        self.library = library
        self.path = lock_path(library)
        self.timeout_s = timeout_s
        self.on_wait = on_wait
        self._fd: int | None = None
        self._opened = False
        self.created = False  # this lock made the file (removed again if the library is refused)
        self._depth = 0
        self._exclusive = False

    def _descriptor(self) -> int | None:
        """The lock file's descriptor, opened once. None only where it cannot exist (a
        read-only filesystem or folder without one): then no writer can start either, and
        readers of a rollback-journal database need no guard. Any other failure (a symlink,
        a directory, a lock file we may not open) is a LibraryError: running unguarded
        beside a writer would let two editors corrupt each other's saves."""
        if not self._opened:
            self._opened = True
            flags = os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
            failure: OSError | None = None
            for mode in (os.O_RDWR | os.O_CREAT | os.O_EXCL, os.O_RDWR, os.O_RDONLY):
                try:
                    fd = os.open(self.path, mode | flags, 0o644)
                except OSError as exc:
                    if exc.errno != errno.EEXIST and failure is None:
                        failure = exc
                    continue
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    os.close(fd)
                    raise LibraryError(f"{self.path}: the library's lock file is not a "
                                       "regular file; remove it")
                self._fd = fd
                self.created = bool(mode & os.O_EXCL)
                break
            if self._fd is None and failure is not None and not self._nobody_can_write(failure):
                raise LibraryError(f"{self.path}: cannot open the library's lock file: "
                                   f"{failure.strerror or failure}")
        return self._fd

    def _nobody_can_write(self, failure: OSError) -> bool:
        if failure.errno == errno.EROFS:
            return True
        return (failure.errno in (errno.EACCES, errno.EPERM)
                and not os.access(self.path.parent, os.W_OK))

    @contextlib.contextmanager
    def hold(self, exclusive: bool) -> Iterator[None]:
        fd = self._descriptor()
        if fd is None:
            yield
            return
        if self._depth and exclusive and not self._exclusive:
            # flock cannot upgrade atomically (a failed LOCK_EX conversion drops the LOCK_SH
            # on Linux): a write inside a read is a programming error, made visible.
            raise LibraryError(f"{self.library}: a write was started inside a read")
        if self._depth == 0:
            self._acquire(fd, exclusive)
            self._exclusive = exclusive
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                fcntl.flock(fd, fcntl.LOCK_UN)
                self._exclusive = False

    def _acquire(self, fd: int, exclusive: bool) -> None:
        op = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        start = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, op)
                if told:
                    log.info("%s: got the library lock after waiting %.1f s", self.library,
                             time.monotonic() - start)
                return
            except BlockingIOError:
                pass
            except OSError as exc:
                raise LibraryError(f"{self.library}: cannot lock the library: {exc.strerror}") from None
            waited = time.monotonic() - start
            if waited >= self.timeout_s:
                log.warning("%s: gave up waiting for the library lock after %g s (%s)",
                            self.library, self.timeout_s, "exclusive" if exclusive else "shared")
                raise LibraryError(
                    f"{self.library}: the library is locked by another argmap that has been "
                    f"saving for over {self.timeout_s:g} s; nothing was changed — try again"
                )
            if not told and waited >= NOTICE_AFTER_S:
                told = True
                log.info("%s: waiting for the library lock (%s): another argmap holds it",
                         self.library, "exclusive" if exclusive else "shared")
                if self.on_wait is not None:
                    self.on_wait("waiting for the library: another argmap is saving to it")
            time.sleep(_POLL_S)

    def close(self, remove: bool = False) -> None:
        """Close the descriptor; remove=True also deletes a lock file this lock created
        (a refused database is left as it was found, with nothing beside it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if remove and self.created:
            self.path.unlink(missing_ok=True)
            self.created = False
