"""The editor watches the map files the open map is shared through.

When one of them changes on disk (a `git pull`, a teammate's copy saved over it, a sync in
a terminal), MergeActions.file_changed takes the change in place if the map has no edits
since the last exchange, and asks Merge / Ignore otherwise. The files are those the
library recorded an exchange with (teams/exchange.linked_files). Their folders are watched
too: an atomic save (git's, argmap's own) replaces the file, and the watch on the old file
ends with it. Events are debounced: one save is several events.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from argmap.gui.merge_actions import MergeActions
from argmap.gui.workspace import Workspace
from argmap.teams.exchange import linked_files

log = logging.getLogger(__name__)

#: Quiet time after the last event before the files are looked at.
DEBOUNCE_MS = 400


class LinkedFileWatcher(QObject):
    def __init__(self, workspace: Workspace, merges: MergeActions, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.merges = merges
        self.watcher = QFileSystemWatcher(self)
        self.files: list[str] = []
        self.stopped = False
        self._stamps: dict[str, tuple[int, int, int] | None] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        workspace.document_changed.connect(self.rearm)
        merges.linked.connect(self.rearm)

    def rearm(self) -> None:
        """Watch the files of the map now open (and their folders), as they are now."""
        doc = None if self.stopped else self.workspace.doc
        files = linked_files(self.workspace.library, doc.map_id) if doc is not None else []
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        self.files = files
        self._stamps = {path: _stamp(path) for path in files}
        wanted = sorted({*(p for p in files if os.path.exists(p)),
                         *(os.path.dirname(p) for p in files if os.path.isdir(os.path.dirname(p)))})
        if wanted:
            self.watcher.addPaths(wanted)

    def stop(self) -> None:
        """The window closes: watch nothing more."""
        self._timer.stop()
        self.files = []
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        self.stopped = True

    def _changed(self, _path: str) -> None:
        if not self.stopped:
            self._timer.start()

    def check(self) -> None:
        """Look at each linked file whose size, time or inode moved since the last look."""
        for path in list(self.files):
            stamp = _stamp(path)
            if stamp == self._stamps.get(path):
                continue
            self._stamps[path] = stamp
            if stamp is not None:
                log.info("linked file %s changed on disk", path)
                self.merges.file_changed(path)
        self.rearm()  # a replaced file is a new inode: watch it again


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)
