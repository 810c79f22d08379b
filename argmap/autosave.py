"""Autosave: every change reaches the library within about a second, off the typing path.

Changes are coalesced by a single-shot timer; a save writes only the rows that changed,
in one transaction. Closing the window or switching maps flushes at once. The undo
stack's clean state marks "everything is in the library".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.document import MapDocument
from argmap.store import Library, LibraryError

DELAY_MS = 800


class Autosaver(QObject):
    saved = Signal(str)  # map id
    failed = Signal(str)  # message for the user

    def __init__(self, library: Library, parent: QObject | None = None, delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self.library = library
        self.doc: MapDocument | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._pending = False
        self.error: str | None = None  # why the last flush failed

    def watch(self, doc: MapDocument | None) -> None:
        """Follow a new document (flushing the old one first)."""
        self.flush()
        if self.doc is not None:
            self.doc.undo_stack.indexChanged.disconnect(self._changed)
            self.doc.info_changed.disconnect(self._changed)
        self.doc = doc
        if doc is not None:
            doc.undo_stack.indexChanged.connect(self._changed)
            doc.info_changed.connect(self._changed)

    def mark_unsaved(self) -> None:
        """The document is not in the library yet (a file just opened): the next flush writes it."""
        self._pending = True

    def _changed(self, *_: object) -> None:
        self._pending = True
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._pending

    def flush(self) -> bool:
        """Save now if anything is unsaved; False if the save failed (the edit stays dirty)."""
        self._timer.stop()
        if not self._pending or self.doc is None:
            return True
        doc = self.doc
        try:
            self.library.save(doc.to_map())
        except (LibraryError, ValueError) as exc:
            self.error = str(exc)
            self.failed.emit(self.error)
            return False
        self._pending = False
        self.error = None
        doc.undo_stack.setClean()
        self.saved.emit(doc.map_id)
        return True
