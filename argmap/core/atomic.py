"""All-or-nothing file writes (no Qt): a failed or short write never touches the target.

Every file argmap writes (map files, PNG/SVG/PDF exports) goes through `atomic_write`,
so there is one place that checks byte counts, fsyncs and renames.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


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
