"""Autosave: every change reaches the library within about a second, off the typing path.

Changes are coalesced by a single-shot timer; a save writes only the rows of the nodes
the document says changed, in one transaction. Closing the window or switching maps flushes at once. The undo
stack's clean state marks "everything is in the library".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.core.store import Library, LibraryError
from argmap.editing.document import MapDocument

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
        self._whole = False  # the next save writes the whole map, not just what changed
        self.error: str | None = None  # why the last flush failed

    def watch(self, doc: MapDocument | None) -> None:
        """Follow a new document (flushing the old one first)."""
        self.flush()
        if self.doc is not None:
            self.doc.undo_stack.indexChanged.disconnect(self._changed)
            self.doc.info_changed.disconnect(self._changed)
        self.doc = doc
        self._whole = False
        if doc is not None:
            doc.take_touched()  # edits from here on are what the next save writes
            doc.undo_stack.indexChanged.connect(self._changed)
            doc.info_changed.connect(self._changed)

    def mark_unsaved(self) -> None:
        """The document is not in the library yet (a file just opened): the next flush writes it."""
        self._pending = True
        self._whole = True

    def _changed(self, *_: object) -> None:
        self._pending = True
        self._timer.start()

    def _save_changes(self, doc: MapDocument, touched: set[str]) -> bool:
        """Only the rows of nodes edited since the last save (~1 ms on a 10,000-node map,
        against ~40 ms to diff the whole map with the library)."""
        nodes = [node for i in touched if (node := doc.get(i)) is not None]
        removed = [i for i in touched if i not in doc]
        return self.library.save_changes(doc.info, nodes, removed)

    @property
    def pending(self) -> bool:
        return self._pending

    def flush(self) -> bool:
        """Save now if anything is unsaved; False if the save failed (the edit stays dirty)."""
        self._timer.stop()
        if not self._pending or self.doc is None:
            return True
        doc = self.doc
        touched = doc.take_touched()
        try:
            if self._whole or not self._save_changes(doc, touched):
                self.library.save(doc.to_map())
        except (LibraryError, ValueError) as exc:
            self.error = str(exc)
            self._whole = True  # what failed is no longer tracked: write it all next time
            self.failed.emit(self.error)
            return False
        self._whole = False
        self._pending = False
        self.error = None
        doc.undo_stack.setClean()
        self.saved.emit(doc.map_id)
        return True
