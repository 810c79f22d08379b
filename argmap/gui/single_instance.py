"""One editor per library: a second `argmap [FILE]` on the same library hands its file to
the running editor and exits 0.

Two editors on one library each show their own copy of a map: after "Replace My Version"
in one, the other kept showing and saving the old map. Each library path gets a QLockFile
(who is the editor; a lock left by a killed editor is stale, since its process is gone,
and is taken over) and a QLocalServer named after the same key (how to reach it). The
running editor answers each request with "ok" before acting on it, so the second process
never waits on a dialog the editor may open.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject, QThread, Signal
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


class SingleInstance(QObject):
    """claim() in every process; the one that gets True is the editor and receives
    `requested(file or None)` for each later `argmap` on the same library."""

    requested = Signal(object)  # str | None: an absolute path to open, or just "show me"

    def __init__(self, library: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.key = instance_key(library)
        self._lock = QLockFile(os.path.join(QDir.tempPath(), self.key + ".lock"))
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process is now the library's editor (a stale lock is taken over)."""
        if not self._lock.tryLock(0):
            # tryLock removes a lock whose process is gone; one that is still held by a
            # live process (or a hung one) stays, and we hand over instead.
            return False
        QLocalServer.removeServer(self.key)  # a socket file left by a killed editor
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            return True  # still the editor; later processes will report they cannot reach it
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def hand_over(self, file: str | None, timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
        """Send `file` to the running editor; True once it has acknowledged."""
        payload = json.dumps({"file": file}).encode("utf-8") + b"\n"
        waited = 0
        while waited < timeout_ms:
            socket = QLocalSocket()
            socket.connectToServer(self.key)
            if socket.waitForConnected(_ATTEMPT_MS):
                socket.write(QByteArray(payload))
                socket.flush()
                answer = b""
                while len(answer) < len(_ACK) and socket.waitForReadyRead(timeout_ms):
                    answer += bytes(socket.readAll().data())
                socket.disconnectFromServer()
                if answer.startswith(_ACK):
                    return True
            socket.abort()
            waited += _ATTEMPT_MS
            if self._lock.tryLock(0):  # the editor went away meanwhile: we are it now
                self._lock.unlock()
                return False
            QThread.msleep(_ATTEMPT_MS // 5)
            waited += _ATTEMPT_MS // 5
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
        file = message.get("file") if isinstance(message, dict) else None
        self.requested.emit(file if isinstance(file, str) else None)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


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
