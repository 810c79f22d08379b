"""All-or-nothing file writes (no Qt): a failed or short write never touches the target.

Every file argmap writes (map files, PNG/SVG/PDF exports) goes through `atomic_write`,
so there is one place that checks byte counts, fsyncs and renames. A target that exists
and is not a regular file (a device such as /dev/null or /dev/stdout, a pipe, a socket, a
folder) is refused before anything is written: renaming over it would replace it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class NotRegularFile(OSError):
    """The target exists and is a device, pipe, socket or folder: renaming over it would
    replace it (as root, `-o /dev/null` would replace /dev/null). Nothing is written."""


def _check_regular(target: Path) -> None:
    try:
        mode = os.stat(target).st_mode  # follows symlinks: a link to /dev/null is a device
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: mkstemp or the rename reports it
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "a device"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
        raise NotRegularFile(errno.EINVAL, f"is {kind}, not a regular file; argmap writes "
                             "only regular files, so nothing was written", str(target))


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temporary sibling, fsync it, then rename it over `path`."""
    with atomic_writer(path) as out:
        out.write(data)


class _Writer:
    """Writes to a descriptor, refusing short writes (a full disk may report one)."""

    def __init__(self, fd: int, target: Path):
        self._fd, self._target = fd, target

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        written = 0
        while written < len(view):
            count = os.write(self._fd, view[written:])
            if count <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self._target))
            written += count
        return written


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[_Writer]:
    """atomic_write for a file made piece by piece (an export streamed to disk rather
    than held whole in memory): write() to the yielded writer; the temporary sibling is
    fsynced and renamed over `path` when the block ends, and removed if it raises."""
    target = Path(path)
    _check_regular(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = 0o644
        os.fchmod(fd, mode)
        yield _Writer(fd, target)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX only)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
