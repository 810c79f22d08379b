"""One editor per library: a second `argmap [FILE]` on the same library hands its file to
the running editor and exits 0.

Two editors on one library each show their own copy of a map: after "Replace My Version"
in one, the other kept showing and saving the old map. Each library path gets a QLockFile
(who is the editor; a lock left by a killed editor is stale, since its process is gone,
and is taken over) and a QLocalServer named after the same key (how to reach it). The
running editor answers each request with "ok" before acting on it, so the second process
never waits on a dialog the editor may open; an editor that does not answer (hung) is given
up on after HAND_OVER_TIMEOUT_MS in all, whatever it does. Both live in a private folder
argmap checks (a folder of this user, mode 0700, not a symlink): $XDG_RUNTIME_DIR, else
/run/user/UID, else one argmap makes in the user's data folder; never in the shared /tmp.
What arrives on the socket is checked like any input: an absolute path that the file
system can name, or nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from argmap.core.errors import MapFileError
from argmap.core.mapfile import load_json

#: How long a second process keeps trying to reach an editor that holds the lock but is
#: still starting up (its server is not listening yet).
HAND_OVER_TIMEOUT_MS = 10_000
_ATTEMPT_MS = 500
_ACK = b"ok\n"


def instance_key(library: Path) -> str:
    """Per user and per library file (its resolved path)."""
    resolved = str(Path(library).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"argmap-{uid}-{digest}"


def private_folder() -> Path | None:
    """Where the lock and the socket live: under names in the shared /tmp another local
    user could take them first and receive the paths this user opens. The first of
    $XDG_RUNTIME_DIR, /run/user/UID (as they are: a world-writable one is not "fixed") and
    a folder argmap makes in the user's data folder that is this user's own folder with no
    access for others; None (with a one-line warning) if none is."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    candidates = [os.environ.get("XDG_RUNTIME_DIR"), f"/run/user/{uid}" if uid is not None else None]
    for candidate in candidates:
        if candidate and os.path.isabs(candidate) and _private(Path(candidate), uid):
            return Path(candidate)
    own = Path(platformdirs.user_data_dir("argmap", appauthor=False)) / "run"
    try:
        own.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        own.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        _warn(f"{own}: {exc.strerror or exc}")
        return None
    if not _private(own, uid):
        _warn(f"{own} is not a private folder of this user")
        return None
    return own


def _private(folder: Path, uid: int | None) -> bool:
    """A real folder (not a symlink) of this user that nobody else may enter."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and (uid is None or info.st_uid == uid)
            and not info.st_mode & 0o077)


def _warn(problem: str) -> None:
    print(f"argmap: {problem}; a second argmap on this library cannot hand its file to this "
          "one", file=sys.stderr)


class SingleInstance(QObject):
    """claim() in every process; the one that gets True is the editor and receives
    `requested(file or None)` for each later `argmap` on the same library."""

    requested = Signal(object)  # str | None: an absolute path to open, or just "show me"

    def __init__(self, library: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.key = instance_key(library)
        folder = private_folder()
        #: The socket's absolute path (QLocalServer would put a bare name in /tmp).
        self.socket_path = str(folder / self.key) if folder is not None else None
        self._lock = (QLockFile(str(folder / (self.key + ".lock")))
                      if folder is not None else None)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process is now the library's editor (a stale lock is taken over).
        Without a private folder every process is an editor (as before single-instance)."""
        if self._lock is None or self.socket_path is None:
            return True
        if not self._lock.tryLock(0):
            # tryLock removes a lock whose process is gone; one that is still held by a
            # live process (or a hung one) stays, and we hand over instead.
            return False
        QLocalServer.removeServer(self.socket_path)  # a socket file left by a killed editor
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.socket_path):
            # Still the editor (the lock is ours), but with no server: say so once.
            _warn(f"{self.socket_path}: cannot listen: {server.errorString()}")
            server.deleteLater()
            return True
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def hand_over(self, file: str | None, timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
        """Send `file` to the running editor; True once it has acknowledged. Every wait
        (connecting, the answer, the pause between attempts) is cut to what is left of
        `timeout_ms`, so a hung editor costs at most that in all."""
        payload = json.dumps({"file": file}).encode("utf-8") + b"\n"
        if self._lock is None or self.socket_path is None:
            return False
        deadline = _clock() + timeout_ms / 1000

        def left_ms(most: int) -> int:
            return max(0, min(most, int((deadline - _clock()) * 1000)))

        while left_ms(timeout_ms) > 0:
            socket = QLocalSocket()
            socket.connectToServer(self.socket_path)
            if socket.waitForConnected(left_ms(_ATTEMPT_MS)):
                socket.write(QByteArray(payload))
                socket.flush()
                answer = b""
                while len(answer) < len(_ACK) and left_ms(timeout_ms) > 0 and \
                        socket.waitForReadyRead(left_ms(timeout_ms)):
                    answer += bytes(socket.readAll().data())
                socket.disconnectFromServer()
                if answer.startswith(_ACK):
                    return True
            socket.abort()
            if self._lock.tryLock(0):  # the editor went away meanwhile: we are it now
                self._lock.unlock()
                return False
            pause = left_ms(_ATTEMPT_MS // 5)
            if pause:
                QThread.msleep(pause)
        return False

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll().data()))
                if b"\n" not in buffer or len(buffer) > 1 << 16:
                    if len(buffer) > 1 << 16:
                        socket.abort()
                    return
                line = bytes(buffer).split(b"\n", 1)[0]
                socket.write(QByteArray(_ACK))
                socket.flush()
                socket.disconnectFromServer()
                self._deliver(line)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()

    def _deliver(self, line: bytes) -> None:
        try:
            message = load_json(line, "hand-over request")
        except MapFileError:
            return
        if not isinstance(message, dict):
            return
        file = message.get("file")
        if file is None:
            self.requested.emit(None)  # "show me"
        elif isinstance(file, str) and nameable(file):
            self.requested.emit(file)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()


def nameable(path: str) -> bool:
    """An absolute path the file system can name: no NUL, and no surrogate other than the
    ones os.fsdecode makes for bytes that are not UTF-8 (those name real files)."""
    if not path or "\x00" in path or not os.path.isabs(path) or len(path) > 4096:
        return False
    try:
        os.fsencode(path)
    except UnicodeError:
        return False
    return True


#: The clock hand_over measures its timeout with (tests replace it).
_clock = time.monotonic


def raise_and_open(window: QWidget, open_file: Callable[[str], object]) -> Callable[[object], None]:
    """The editor's handler for `requested`: bring the window forward, then open the file."""

    def handle(file: object) -> None:
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if isinstance(file, str):
            open_file(file)

    return handle
