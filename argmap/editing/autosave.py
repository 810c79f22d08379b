"""Autosave: every change reaches the library within about a second, off the typing path.

Changes are coalesced by a single-shot timer; a save writes only the rows of the nodes
the document says changed, in one transaction. Closing the window or switching maps
flushes at once. The undo stack's clean state marks "everything is in the library".

Each save is then checked against the file (Library.verify_saved: the rows just written,
by primary key, and the map's row count): a save that did not land — a disk or another
program dropping rows — leaves the map dirty (the `*` comes back), and the next save
writes the whole map. Before writing, `guard` (the GUI's outside-change watcher) gets to
look: a map another process changed or deleted is never silently overwritten. Its look and
the write are two steps, so the write also carries the library version the watcher last
saw (`seen_version`) and the library refuses it, inside the write transaction, if another
program committed since: the watcher then looks again (and asks), and nothing of theirs is
overwritten. A map not yet in the library is added, never upserted: if its id was taken
meanwhile (an import elsewhere) it is added under a fresh id (`readded`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.core.errors import ChangedElsewhere
from argmap.core.model import ArgumentMap, MapInfo, Node
from argmap.core.store import Library, LibraryError
from argmap.editing.document import MapDocument

log = logging.getLogger(__name__)

DELAY_MS = 800
#: How often one flush lets the watcher look again when another program keeps committing.
RETRIES = 3


class Autosaver(QObject):
    saved = Signal(str)  # map id
    failed = Signal(str)  # message for the user
    unverified = Signal(str)  # a save did not land as written: the one-line reason
    readded = Signal(str, str)  # the map's id was taken meanwhile: (old id, new id)

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
        #: The open map's info as the library last held it (opened or saved); None while
        #: the map is not in the library yet. The outside watcher compares against it.
        self.stored_info: MapInfo | None = None
        self._stored_nodes: dict[str, Node] = {}  # the nodes as last loaded or saved (shared)
        #: Called before each write; it may reconcile the open map with a change made
        #: outside (and switch or discard the document) before anything is written.
        #: False means "not now" (a question about it is open): the save is retried later.
        self.guard: Callable[[], bool] | None = None
        #: The library's data_version as the guard last saw it (None: not checked).
        self.seen_version: Callable[[], int | None] = lambda: None

    def watch(self, doc: MapDocument | None) -> None:
        """Follow a new document (flushing the old one first)."""
        self.flush()
        if self.doc is not None:
            self.doc.undo_stack.indexChanged.disconnect(self._changed)
            self.doc.info_changed.disconnect(self._changed)
        self.doc = doc
        self._whole = False
        self.stored_info = doc.info if doc is not None else None
        self._stored_nodes = {n.id: n for n in doc.nodes()} if doc is not None else {}
        if doc is not None:
            doc.take_touched()  # edits from here on are what the next save writes
            doc.take_touched_sources()
            doc.undo_stack.indexChanged.connect(self._changed)
            doc.info_changed.connect(self._changed)

    def mark_unsaved(self) -> None:
        """The document is not in the library yet (a file just opened): the next flush writes it."""
        self._pending = True
        self._whole = True
        self.stored_info = None

    @property
    def stored_count(self) -> int:
        """How many nodes the library held of the open map when last loaded or saved."""
        return len(self._stored_nodes)

    def holds(self, amap: ArgumentMap) -> bool:
        """True if `amap` (the library's version, just loaded) is what this editor last
        loaded or saved: info and every node. Timestamps have one-second resolution, so a
        change made in the same second as our last save shows only in the nodes."""
        stored = self._stored_nodes
        return (self.stored_info == amap.info and len(amap.nodes) == len(stored)
                and all(stored.get(n.id) == n for n in amap.nodes))

    def discard(self) -> None:
        """Forget what is unsaved: the caller has kept it elsewhere (a copy, the trash) or
        is replacing the document with the library's version."""
        self._timer.stop()
        self._pending = False
        self._whole = False
        if self.doc is not None:
            self.doc.take_touched()
            self.doc.take_touched_sources()

    def _changed(self, *_: object) -> None:
        self._pending = True
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._pending

    def flush(self) -> bool:
        """Save now if anything is unsaved; False if the save failed or did not land (the
        edit stays dirty)."""
        self._timer.stop()
        for attempt in range(1, RETRIES + 1):
            if not self._pending or self.doc is None:
                return True
            if self.guard is not None and not self.guard():  # may replace self.doc or
                self._timer.start()  # discard what was pending
                return False
            if not self._pending or self.doc is None:
                return True
            try:
                return self._save(self.doc)
            except ChangedElsewhere as exc:  # nothing written: the guard looks again
                log.info("autosave of map %s refused, nothing written (attempt %d of %d): "
                         "another program committed since the last look", self.doc.map_id,
                         attempt, RETRIES)
                self.error = str(exc)
                self._whole = True  # what was touched is no longer tracked
        log.info("autosave postponed: another program kept committing; trying again in %d ms",
                 self._timer.interval())
        self._timer.start()
        return False

    def _save(self, doc: MapDocument) -> bool:
        touched = doc.take_touched()
        sources = doc.take_touched_sources()
        try:
            problem = self._write(doc, touched, sources)
        except ChangedElsewhere:
            raise  # not a failure: flush lets the guard look again
        except (LibraryError, ValueError) as exc:
            if str(exc) != self.error:  # once per failure, not at every edit while it lasts
                log.warning("autosave of map %s failed, the edits stay unsaved in the window: "
                            "%s", doc.map_id, exc, exc_info=exc)
            self.error = str(exc)
            self._whole = True  # what failed is no longer tracked: write it all next time
            self.failed.emit(self.error)
            return False
        self.stored_info = doc.info
        if self._whole:
            self._stored_nodes = {n.id: n for n in doc.nodes()}
        else:
            for i in touched:
                node = doc.get(i)
                if node is None:
                    self._stored_nodes.pop(i, None)
                else:
                    self._stored_nodes[i] = node
        if problem is not None:
            if problem != self.error:
                log.warning("autosave of map %s did not land: %s; the whole map is written "
                            "at the next change", doc.map_id, problem)
            self.error = problem
            self._whole = True  # what is in the file is unknown: write it all next time
            doc.undo_stack.resetClean()  # the `*` comes back
            self.unverified.emit(problem)
            return False
        if self.error is not None:
            log.info("autosave of map %s succeeded again", doc.map_id)
        self._whole = False
        self._pending = False
        self.error = None
        doc.undo_stack.setClean()
        self.saved.emit(doc.map_id)
        return True

    def _write(self, doc: MapDocument, touched: set[str], sources: set[str]) -> str | None:
        """Save, then check the file holds it: None, or why not (one line).

        An edit writes only the rows of nodes edited since the last save (~1 ms on a
        10,000-node map, against ~40 ms to diff the whole map with the library) and checks
        just those rows and the row count; a whole save (a file just opened, a retry)
        checks the whole map.
        """
        seen = self.seen_version()
        new = self.stored_info is None  # not in the library yet: added, never upserted
        if not self._whole and not new:
            nodes = [node for i in touched if (node := doc.get(i)) is not None]
            removed = [i for i in touched if i not in doc]
            records = [r for i in sorted(sources) if (r := doc.sources().get(i)) is not None]
            gone = [i for i in sorted(sources) if i not in doc.sources()]
            if self.library.save_changes(doc.info, nodes, removed, seen, records, gone):
                return self.library.verify_saved(doc.info, nodes, removed, len(doc), records,
                                                 gone)
            new = True  # deleted elsewhere since: it is added back as a new map
        self._whole = True  # the whole map is written (and checked) from here on
        amap = doc.to_map()
        if not new:
            self.library.save(amap, seen)
            return self.library.verify(amap)
        added = self.library.add_new(amap)
        if added.info.id != amap.info.id:
            log.info("map id %s was taken in the library meanwhile: added as %s, nothing "
                     "replaced", amap.info.id, added.info.id)
            doc.set_info(added.info)  # the id was taken meanwhile: nothing was replaced
            self.readded.emit(amap.info.id, added.info.id)
        return self.library.verify(added)
