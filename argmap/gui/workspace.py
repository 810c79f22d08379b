"""Workspace: the map that is open — its document, its scene, undo history and autosave.

Every controller reads the open map from here and none keeps its own copy, so "which
map is open" has one answer. Opening or closing a map emits `document_changed` once;
the canvas, outline, inspector, find bar, library list, title and actions all follow
that one signal instead of being updated by hand wherever a map is opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup

from argmap.core.bulk import bulk, settle, unsettle
from argmap.core.errors import LibraryError
from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle
from argmap.core.model import ArgumentMap
from argmap.core.store import Library
from argmap.editing import commands
from argmap.editing.autosave import Autosaver
from argmap.editing.document import MapDocument
from argmap.editing.evaluation import DocumentEvaluation
from argmap.gui.canvas.scene import MapScene
from argmap.gui.dialogs import Dialogs

#: How long a status-bar message about a refused edit stays.
REFUSAL_MS = 6000


class Workspace(QObject):
    document_changed = Signal()  # a map was opened or the open one closed (doc may be None)
    edited = Signal()  # the open map's undo stack moved: an edit, undo or redo
    info_changed = Signal()  # the open map's title or other info changed
    layout_changed = Signal(object)  # LayoutStyle
    status = Signal(str, int)  # a status-bar message and how long it stays (ms, 0: until replaced)

    def __init__(self, library: Library, dialogs: Dialogs, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.dialogs = dialogs
        self.doc: MapDocument | None = None
        self.scene: MapScene | None = None
        self.evaluation: DocumentEvaluation | None = None  # the open map's strengths, standings
        self.layout_style = DEFAULT_LAYOUT  # every map opens in it (View ▸ Layout)
        # The canvas's width / height, or None before it is on screen (MainWindow sets it):
        # the compact layout packs a map towards the canvas it opens on.
        self.canvas_aspect: Callable[[], float | None] = lambda: None
        self.undo_group = QUndoGroup(self)
        self.autosaver = Autosaver(library, self)
        self.autosaver.unverified.connect(self._save_unverified)
        self._warned_unverified = False  # the dialog about an unconfirmed save shows once
        self.autosaver.saved.connect(self._save_confirmed)
        self.autosaver.readded.connect(self._readded)

    def is_open(self, map_id: str) -> bool:
        return self.doc is not None and self.doc.map_id == map_id

    @bulk
    def open_map(self, map_id: str, amap: ArgumentMap | None = None) -> bool:
        """Show a library map; `amap` is its current content when the caller has it."""
        if self.is_open(map_id):
            return True
        if not self.autosaver.flush():
            return False
        try:
            amap = amap if amap is not None else self.library.load(map_id)
        except (LibraryError, ValueError) as exc:
            self.dialogs.failed("Cannot open map", exc)
            return False
        self._show(MapDocument(amap, self))
        return True

    @bulk
    def reload(self, amap: ArgumentMap) -> None:
        """Show `amap` (the library's current version of the open map, or a copy of it) in
        place of the open document, whatever that holds: the caller has kept anything
        unsaved. The undo history starts afresh: its commands hold whole before/after node
        states of the old version, so undoing them over another program's version would
        silently write parts of the old one back over it."""
        self.autosaver.discard()
        self._show(MapDocument(amap, self))

    def _show(self, doc: MapDocument) -> None:
        unsettle()
        old_doc, old_scene = self.doc, self.scene
        self.doc = doc
        self.evaluation = DocumentEvaluation(doc, doc)
        self.scene = MapScene(doc, self.layout_style, self, self.canvas_aspect())
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        self.autosaver.watch(doc)
        doc.undo_stack.indexChanged.connect(self.edited)
        doc.info_changed.connect(self.info_changed)
        self.document_changed.emit()
        if old_doc is not None:
            self.undo_group.removeStack(old_doc.undo_stack)
            old_doc.deleteLater()
        if old_scene is not None:
            old_scene.deleteLater()
        settle()

    def close_document(self) -> None:
        """Close the open map (its edits are flushed to the library first)."""
        doc, scene = self.doc, self.scene
        if doc is None:
            return
        self.autosaver.watch(None)
        self.doc = self.scene = None
        self.evaluation = None
        self.document_changed.emit()
        self.undo_group.removeStack(doc.undo_stack)
        doc.deleteLater()
        if scene is not None:
            scene.deleteLater()

    def set_layout(self, style: LayoutStyle) -> None:
        self.layout_style = style
        if self.scene is not None:
            self.scene.set_layout(style)
        self.layout_changed.emit(style)

    def push(self, command: QUndoCommand | None) -> bool:
        """Push a command; False (and a status message) if the document refused it."""
        if command is None or self.doc is None:
            return False
        self.doc.undo_stack.push(command)
        refusal = commands.refusal(command)
        if refusal:
            self.status.emit(f"Not done: {refusal}", REFUSAL_MS)
            return False
        return True

    def _save_unverified(self, reason: str) -> None:
        """A save that did not land: one line in the status bar, and once a dialog."""
        message = (f"Your last changes may not be in the library ({reason}). They are still "
                   "here, marked *: argmap saves the whole map again at your next change "
                   "— or use File ▸ Export… to keep a copy now.")
        self.status.emit(message, 0)
        if not self._warned_unverified:
            self._warned_unverified = True
            self.dialogs.error("Save not confirmed", message)

    def _readded(self, _old_id: str, _new_id: str) -> None:
        """The map's id was taken by a map added elsewhere before the open one was stored."""
        self.status.emit("Another program added a map with the same id meanwhile: this map "
                         "was added to the library as a new map beside it", 0)

    def _save_confirmed(self, *_: object) -> None:
        self._warned_unverified = False

    def refuse(self, exc: Exception) -> None:
        """An edit that was not allowed: say why in the status bar."""
        self.status.emit(f"Not allowed: {exc}", REFUSAL_MS)
