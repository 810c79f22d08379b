"""OutsideWatcher: the editor notices when another process changes the library.

The CLI (import, merge, delete), a restore or a second argmap can write the library while
the window is open. SQLite's `PRAGMA data_version` changes exactly when another
connection commits, so a QTimer reading it once a second is enough (no file watcher, one
cheap query). When it moves:

- the library panel is listed again (`library_changed`);
- if the open map's row differs from what this editor last loaded or saved
  (Autosaver.stored_info), the open map is brought up to date: reloaded at once when
  nothing is unsaved (selection, zoom and scroll kept; the undo history starts afresh,
  see Workspace.reload), else the user chooses — keep mine as a copy, or take theirs with
  mine kept in the trash. Nothing is lost either way, and closing the question keeps both;
- if the open map was deleted elsewhere, the user chooses to keep it (it is saved back)
  or close it (unsaved edits go to the trash first).

The autosaver asks the watcher before each write (Autosaver.guard), so an edit saved
within the poll interval is never written over a version it has not seen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.core.errors import LibraryError, excerpt
from argmap.core.model import ArgumentMap, MapInfo, new_id, now
from argmap.core.store import Library, MapSummary
from argmap.gui.canvas.view import MapView
from argmap.gui.dialogs import Dialogs, user_message
from argmap.gui.workspace import Workspace

log = logging.getLogger(__name__)

POLL_MS = 1000
STATUS_MS = 8000
STATUS_CHARS = 200  # the longest error line the status bar shows
SAME_SECOND_S = 2.0
KEEP_MINE, TAKE_THEIRS = 0, 1
KEEP_IT, CLOSE_IT = 0, 1


def one_line(exc: LibraryError | ValueError) -> str:
    """An error as the status bar can show it: its first line, cut short (a validation
    error runs to several lines and quotes what it refused)."""
    lines = user_message(exc).strip().splitlines()
    first = lines[0] if lines else type(exc).__name__
    return first if len(first) <= STATUS_CHARS else first[: STATUS_CHARS - 1] + "…"


class OutsideWatcher(QObject):
    library_changed = Signal()  # another process committed: list the maps again
    status = Signal(str, int)  # a status-bar message and how long it stays (ms)

    def __init__(self, workspace: Workspace, dialogs: Dialogs, view: MapView | None = None,
                 parent: QObject | None = None, busy: Callable[[], bool] | None = None,
                 interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.workspace = workspace
        self.library: Library = workspace.library
        self.dialogs = dialogs
        self.view = view
        #: True while the user is in the middle of something (typing in a node): the
        #: change is looked at on a later tick, not under the user's fingers.
        self.busy = busy or (lambda: view is not None and view.editor.active)
        self._handling = False
        self._asking = False  # a question is open: no autosave may write meanwhile
        try:
            self._version: int | None = self.library.data_version()
        except LibraryError:
            self._version = None
        workspace.autosaver.guard = self.check
        workspace.autosaver.seen_version = lambda: self._version  # checked inside the write
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        if not self.busy():
            self.check()

    def check(self) -> bool:
        """Look now: if another process committed since the last look, follow it. False
        while a question about it is open (the autosaver then waits: a save meanwhile
        would write the user's version over the one being asked about)."""
        if self._asking:
            return False
        if self._handling:
            return True
        try:
            version = self.library.data_version()
        except LibraryError:
            return True  # held by a long write elsewhere: look again on the next tick
        if version == self._version:
            return True
        self._version = version
        self._handling = True
        try:
            self._follow()
        finally:
            self._handling = False
        return True

    def _choose(self, title: str, text: str, buttons: list[str],
                destructive: int | None = None) -> int | None:
        self._asking = True
        try:
            return self.dialogs.choose(title, text, buttons, destructive)
        finally:
            self._asking = False

    # -- what changed -----------------------------------------------------------------------------
    def _follow(self) -> None:
        self.library_changed.emit()
        doc, autosaver = self.workspace.doc, self.workspace.autosaver
        base = autosaver.stored_info
        if doc is None or base is None or base.id != doc.map_id:
            return  # no map open, or it is not in the library yet: nothing to compare
        try:
            stored = next((m for m in self.library.list_maps() if m.id == base.id), None)
            if stored is None:
                self._deleted(base)
                return
            if self._surely_unchanged(stored, base):
                return  # another map changed, not this one
            theirs = self.library.load(base.id)
        except (LibraryError, ValueError) as exc:
            log.warning("the library changed elsewhere but cannot be read: %s", one_line(exc))
            self.status.emit(f"The library changed but cannot be read: {one_line(exc)}",
                             STATUS_MS)
            return
        if autosaver.holds(theirs):
            return  # another map changed, not this one
        if self._unsaved():
            self._ask(theirs)
        else:
            log.info("map %s changed by another program, nothing unsaved here: reloaded "
                     "(%d nodes)", theirs.info.id, len(theirs.nodes))
            self._reload(theirs)
            self.status.emit(f"{excerpt(theirs.info.title)} was changed by another program: "
                             "showing its new version", STATUS_MS)

    def _surely_unchanged(self, stored: MapSummary, base: MapInfo) -> bool:
        """The open map's row says it is as this editor left it. Timestamps have one-second
        resolution, so a save made elsewhere within SAME_SECOND_S of ours could carry the
        same stamp: then the map is loaded and compared node by node instead."""
        autosaver = self.workspace.autosaver
        return ((stored.title, stored.modified, stored.node_count)
                == (base.title, base.modified, autosaver.stored_count)
                and (now() - base.modified).total_seconds() > SAME_SECOND_S)

    def _unsaved(self) -> bool:
        doc, autosaver = self.workspace.doc, self.workspace.autosaver
        return autosaver.pending or (doc is not None and not doc.undo_stack.isClean())

    def _mine(self) -> ArgumentMap | None:
        doc = self.workspace.doc
        if doc is None:
            return None
        if self.view is not None:
            self.view.editor.finish(commit=True)  # text being typed is part of mine
        return doc.to_map()

    def _ask(self, theirs: ArgumentMap) -> None:
        title = excerpt(theirs.info.title)
        mine = self._mine()
        if mine is None:
            return
        choice = self._choose(
            "Map changed by another program",
            f"{title} was changed in the library by another program while you have "
            "unsaved changes. Keep your version as a separate map (theirs stays as it is), "
            "or take theirs (yours goes to the trash: File ▸ Restore from Trash)?",
            ["Keep Mine as a Copy", "Take Theirs"])
        try:
            if choice == TAKE_THEIRS:
                self._to_trash(mine)
                log.info("map %s changed by another program with unsaved edits here: took "
                         "theirs, mine is in the trash", theirs.info.id)
                self._reload(theirs)
                self.status.emit(f"Showing their version of {title}; yours is in the trash",
                                 STATUS_MS)
            else:  # Keep Mine, or the question closed: both versions stay in the library
                copy = self._add_copy(mine)
                log.info("map %s changed by another program with unsaved edits here: mine "
                         "kept as the map %s", theirs.info.id, copy.info.id)
                self._reload(copy)
                self.status.emit(f"Your version is now the map {excerpt(copy.info.title)}; "
                                 f"theirs stays as {title}", STATUS_MS)
        except (LibraryError, ValueError) as exc:
            log.warning("map %s changed elsewhere: cannot keep both versions: %s",
                        theirs.info.id, exc, exc_info=exc)
            self.dialogs.failed("Cannot keep both versions", exc)
        self.library_changed.emit()

    def _deleted(self, base: MapInfo) -> None:
        title = excerpt(base.title)
        choice = self._choose(
            "Map deleted by another program",
            f"{title}, open here, was deleted from the library by another program. "
            "Keep it in the library (it is saved back with your changes) or close it?",
            ["Keep It", "Close It"], destructive=CLOSE_IT)
        workspace, autosaver = self.workspace, self.workspace.autosaver
        try:
            if choice == CLOSE_IT:
                mine = self._mine()
                unsaved = mine is not None and self._unsaved()
                if mine is not None and unsaved:
                    self._to_trash(mine)
                log.info("map %s deleted by another program: closed here%s", base.id,
                         ", the unsaved edits kept in the trash" if unsaved else "")
                autosaver.discard()
                workspace.close_document()
                self.status.emit(f"{title} closed", STATUS_MS)
            else:  # Keep It, or the question closed: nothing is lost
                self._mine()
                log.info("map %s deleted by another program: kept, saved back", base.id)
                autosaver.mark_unsaved()
                if autosaver.flush():
                    self.status.emit(f"{title} is back in the library", STATUS_MS)
        except LibraryError as exc:
            log.warning("map %s deleted elsewhere: cannot keep it: %s", base.id, exc, exc_info=exc)
            self.dialogs.failed("Cannot keep the map", exc)
        self.library_changed.emit()

    # -- doing it ---------------------------------------------------------------------------------
    def _add_copy(self, amap: ArgumentMap, suffix: str = " (my version)") -> ArgumentMap:
        """`amap` as a new map in the library, under a fresh id and a title that says so."""
        info = MapInfo.model_validate({**amap.info.model_dump(), "id": new_id() + new_id(),
                                       "title": (amap.info.title + suffix)[:500]})
        return self.library.add_new(amap.model_copy(update={"info": info}))

    def _to_trash(self, amap: ArgumentMap) -> None:
        """Keep `amap` in the library's trash only (one transaction)."""
        with self.library.writing():
            copy = self._add_copy(amap)
            self.library.delete(copy.info.id)

    def _reload(self, amap: ArgumentMap) -> None:
        """Show `amap` in place of the open map, keeping selection, zoom and scroll."""
        view, scene = self.view, self.workspace.scene
        selected = scene.selected_ids() if scene is not None else []
        zoom = view.zoom() if view is not None else None
        scroll = ((view.horizontalScrollBar().value(), view.verticalScrollBar().value())
                  if view is not None else None)
        self.workspace.reload(amap)
        scene = self.workspace.scene
        if scene is not None:
            kept = [i for i in selected if i in scene.nodes]
            if kept:
                scene.select_only(kept)
        if view is not None and zoom is not None and scroll is not None:
            view.set_zoom(zoom)
            view.horizontalScrollBar().setValue(scroll[0])
            view.verticalScrollBar().setValue(scroll[1])
