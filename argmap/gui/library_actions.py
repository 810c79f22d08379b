"""Library and file actions: new, open, rename, duplicate and delete maps; map files.

A map file is only ever read: opening one adds its map to the library (or, when the
library already holds that map and the file differs, asks whether to merge it in, open a
copy or replace the user's version: merge_actions.py). Recent files, the rolling
backups, the trash and files dropped on the window are here too. Every question and
error goes through `Dialogs`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from itertools import count
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu

from argmap.core.bulk import bulk
from argmap.core.errors import LibraryError, MapFileError
from argmap.core.model import MAX_TITLE, ArgumentMap, Kind, Node, new_id, new_map
from argmap.editing import commands
from argmap.formats import registry
from argmap.formats.interchange import import_file
from argmap.gui.dialogs import Dialogs, plural
from argmap.gui.file_watch import LinkedFileWatcher
from argmap.gui.merge_actions import MergeActions
from argmap.gui.panels.library import LibraryPanel
from argmap.gui.settings import LAST_MAP, RECENT_PATHS, Settings
from argmap.gui.workspace import Workspace

log = logging.getLogger(__name__)

BACKUP_MINUTES = 10
STORE_DELAY_MS = 50  # an opened file reaches the library this long after it is shown
OPENED_MS = 5000  # how long "Opened … as a map in your library" stays in the status bar
BACKUP_FAILED_MS = 8000
RECENT_FILES = 10
SEED_MAP = "seed-iran-proxies"
#: The Open and Compare dialogs' filters, and what may be dropped on the window: every
#: format argmap reads (formats.registry).
MAP_FILES = registry.open_filter()
DROPPABLE = registry.input_suffixes()


def recent_labels(paths: list[str]) -> list[str]:
    """File ▸ Open Recent's entries: each file's name, and where two share a name, its
    folder too ("map.argmap.json — ~/work/a"), so two entries never read the same."""
    names = [Path(p).name for p in paths]
    home = Path.home()
    labels = []
    for path, name in zip(paths, names, strict=True):
        if names.count(name) > 1:
            folder = Path(path).parent
            shown = f"~/{folder.relative_to(home)}" if folder.is_relative_to(home) else str(folder)
            name = f"{name} — {shown}"
        labels.append(name.replace("&", "&&"))  # a name's & is no mnemonic
    return labels


def unique_title(taken: set[str], title: str, copy: bool = False) -> str:
    """A title no map in the library has yet, so `argmap export TITLE` names one map:
    "T" if free, else "T (2)", "T (3)" ... (a copy: "T (copy)", "T (copy 2)" ...).
    An existing " (copy)" or " (n)" ending is not repeated."""
    base = re.sub(r" \((copy( \d+)?|\d+)\)$", "", title) or title
    if title not in taken and not copy:
        return title
    candidates = ((f"{base} (copy)" if n == 1 else f"{base} (copy {n})") if copy
                  else f"{base} ({n + 1})" for n in count(1))
    return next(t for t in candidates if t not in taken)[:MAX_TITLE]


class LibraryActions(QObject):
    status = Signal(str, int)  # a status-bar message and how long it stays (ms)
    edit_requested = Signal(str)  # select this node and edit its text (a new map's root)

    def __init__(self, workspace: Workspace, dialogs: Dialogs, settings: Settings,
                 panel: LibraryPanel, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.library = workspace.library
        self.dialogs = dialogs
        self.settings = settings
        self.panel = panel
        self.merges = MergeActions(workspace, dialogs, self)
        self.merges.status.connect(self.status)
        self.watcher = LinkedFileWatcher(workspace, self.merges, self)
        self._opened: list[tuple[str, ArgumentMap]] = []  # files shown, not yet stored
        panel.open_requested.connect(self.open_map)
        panel.new_requested.connect(self.new_map)
        panel.rename_requested.connect(self.rename_map)
        panel.duplicate_requested.connect(self.duplicate_map)
        panel.delete_requested.connect(self.delete_map)
        workspace.document_changed.connect(self.refresh)
        workspace.autosaver.saved.connect(self.refresh)
        workspace.autosaver.saved.connect(self._remember_opened)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_MINUTES * 60_000)
        self.backup_timer.timeout.connect(self.make_backup)
        self.backup_timer.start()

    def refresh(self, *_: object) -> None:
        """The library panel lists the maps again, the open one in bold."""
        try:
            maps = self.library.list_maps()
        except LibraryError as exc:
            self.status.emit(str(exc), 0)
            return
        doc = self.workspace.doc
        self.panel.set_maps(maps, doc.map_id if doc is not None else None)

    def open_map(self, map_id: str) -> bool:
        return self.workspace.open_map(map_id)

    def open_initial_map(self) -> None:
        """The map open at this library's last exit, else its first (the seed map)."""
        ids = [m.id for m in self.library.list_maps()]
        last = self.settings.get(LAST_MAP, self.library.path)
        if last in ids:
            self.open_map(last)
        elif ids:
            self.open_map(SEED_MAP if SEED_MAP in ids else ids[0])

    # -- maps in the library ----------------------------------------------------------------------
    def _titles(self, leave_out: str | None = None) -> set[str]:
        return {m.title for m in self.library.list_maps() if m.id != leave_out}

    def _retitled(self, amap: ArgumentMap, copy: bool = False) -> ArgumentMap:
        """The map under a title no other map in the library has."""
        title = unique_title(self._titles(amap.info.id), amap.info.title, copy)
        if title == amap.info.title:
            return amap
        return amap.model_copy(update={"info": amap.info.model_copy(update={"title": title})})

    def new_map(self) -> None:
        title = self.dialogs.prompt_text("New map", "Title of the new map:", "Untitled map")
        if title is None:
            return
        try:
            amap = new_map(unique_title(self._titles(), title.strip() or "Untitled map"))
            amap = amap.model_copy(update={"nodes": (
                Node(id=new_id(), kind=Kind.CLAIM, text="Main claim"),)})
            self.library.save(amap)
        except (LibraryError, ValueError) as exc:
            self.dialogs.failed("Cannot create map", exc)
            return
        self.open_map(amap.info.id)
        doc = self.workspace.doc
        roots = doc.roots() if doc is not None else []
        if roots:
            self.edit_requested.emit(roots[0])

    def rename_current_map(self) -> None:
        if self.workspace.doc is not None:
            self.rename_map(self.workspace.doc.map_id)

    def rename_map(self, map_id: str) -> None:
        doc = self.workspace.doc
        if doc is not None and doc.map_id == map_id:
            title = self.dialogs.prompt_text("Rename map", "New title:", doc.info.title)
            if title is None or title.strip() == doc.info.title:
                return
            try:
                self.workspace.push(commands.RenameMap(doc, title.strip()))
            except ValueError as exc:
                self.dialogs.failed("Cannot rename map", exc)
            return
        current = self.library.load(map_id).info.title
        title = self.dialogs.prompt_text("Rename map", "New title:", current)
        if title is None:
            return
        try:
            self.library.rename(map_id, title.strip())
        except (LibraryError, ValueError) as exc:
            self.dialogs.failed("Cannot rename map", exc)
        self.refresh()

    def duplicate_map(self, map_id: str) -> None:
        self.workspace.autosaver.flush()
        try:
            title = unique_title(self._titles(), self.library.load(map_id).info.title, copy=True)
            copy = self.library.duplicate(map_id, title)
        except (LibraryError, ValueError) as exc:
            self.dialogs.failed("Cannot duplicate map", exc)
            return
        self.open_map(copy.info.id)

    def delete_map(self, map_id: str) -> None:
        maps = {m.id: m for m in self.library.list_maps()}
        if map_id not in maps:
            return
        summary = maps[map_id]
        if not self.dialogs.ask(
                "Delete map",
                f"Delete the map “{summary.title}” and its {plural(summary.node_count, 'node')} "
                "from the library? It stays in the trash (File ▸ Restore from Trash)."):
            return
        if self.workspace.is_open(map_id):
            self.workspace.autosaver.flush()
            self.workspace.close_document()
        try:
            self.library.delete(map_id)
        except LibraryError as exc:
            self.dialogs.failed("Cannot delete map", exc)
        self.refresh()
        if self.workspace.doc is None:
            self.open_initial_map()

    # -- map files --------------------------------------------------------------------------------
    @bulk
    def open_file(self, path: str) -> bool:
        """Add a map file to the library and open it. The file itself is only ever read.

        A map whose id the library already holds (the same map sent back and forth) opens
        as a separate copy, or replaces the user's version, which goes to the trash.
        """
        workspace, autosaver = self.workspace, self.workspace.autosaver
        try:
            imported = import_file(path)  # argmap, Argdown or AIF: validated whole, nothing written
        except MapFileError as exc:
            self.dialogs.failed("Cannot open map file", exc)
            return False
        amap = imported.map
        if imported.report_lines:  # what the conversion could not keep, said once, plain text
            log.info("%s: read as %s, with losses: %s", path, imported.format,
                     "; ".join(imported.report_lines))
            QTimer.singleShot(0, lambda: self.dialogs.info(
                f"Opened {Path(path).name}", "What this conversion could not keep:\n\n"
                + "\n".join(imported.report_lines)))
        self._remember_recent(path)
        if not autosaver.flush():  # the open map, maybe itself just opened, is stored first
            self.dialogs.error("Cannot open map file", f"Your open map cannot be saved: {autosaver.error}")
            return False
        opened = f"Opened {Path(path).name} as a map in your library"
        try:
            if self.library.has_map(amap.info.id):
                choice = self.merges.open_known(path, amap)
                if choice is None or choice == "opened":
                    return choice is not None
                if choice == "replace":
                    if workspace.is_open(amap.info.id):
                        autosaver.flush()
                        workspace.close_document()
                    self.library.replace(amap)
                    self.merges.remember(path, amap)
                    added = amap
                else:
                    added = self.library.add_new(self._retitled(amap, copy=True))
            else:
                amap = self._retitled(amap)
                # A new map is shown first and written to the library just after its first
                # paint (STORE_DELAY_MS): importing 50,000 rows would delay the paint by 0.6 s.
                if not workspace.open_map(amap.info.id, amap):
                    return False
                autosaver.mark_unsaved()
                self._opened.append((path, amap))
                QTimer.singleShot(STORE_DELAY_MS, self._store_opened)
                self.status.emit(opened, OPENED_MS)
                return True
        except LibraryError as exc:
            self.dialogs.failed("Cannot open map file", exc)
            return False
        workspace.open_map(added.info.id, added)
        self.status.emit(opened, OPENED_MS)
        return True

    def _store_opened(self) -> None:
        """Second half of opening a new map file: write it to the library (unless a switch
        of map or the window closing already did)."""
        autosaver = self.workspace.autosaver
        if not autosaver.flush():
            self.dialogs.error("Cannot add the map to your library",
                               f"{autosaver.error}\n\nThe map stays open; argmap will try again "
                               "after your next change and when you close it.")

    def _remember_opened(self, map_id: str) -> None:
        """An opened file's map is in the library now: keep it as that file's version."""
        for path, amap in [entry for entry in self._opened if entry[1].info.id == map_id]:
            self.merges.remember(path, amap)
        self._opened = [entry for entry in self._opened if entry[1].info.id != map_id]

    def open_file_dialog(self) -> None:
        path = self.dialogs.open_file_name("Open map file", MAP_FILES)
        if path:
            self.open_file(path)

    def compare_file_dialog(self) -> None:
        """File ▸ Compare with File…: list and highlight how a file differs; change nothing."""
        if self.workspace.doc is None:
            return
        path = self.dialogs.open_file_name("Compare with map file", MAP_FILES)
        if path:
            self.merges.compare_file(path)

    def open_files(self, paths: Sequence[str]) -> None:
        for path in paths:
            self.open_file(path)

    @staticmethod
    def dropped_files(mime: QMimeData) -> list[str]:
        """The map files among what is dragged over the window (local .json files)."""
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith(DROPPABLE)]

    # -- recent files -----------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """The files last opened into this library, newest first."""
        recent: tuple[str, ...] = self.settings.get(RECENT_PATHS, self.library.path)
        return list(recent)

    def _remember_recent(self, path: str) -> None:
        first = str(Path(path).resolve())
        recent = [first] + [p for p in self.recent_files() if p != first]
        self.settings.set(RECENT_PATHS, tuple(recent[:RECENT_FILES]), self.library.path)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        paths = self.recent_files()
        for path, label in zip(paths, recent_labels(paths), strict=True):
            act = menu.addAction(label)
            act.setStatusTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_file(p))
        if not paths:
            menu.addAction("No recent files").setEnabled(False)

    # -- backups and the trash ----------------------------------------------------------------------
    def make_backup(self) -> None:
        """Rolling backup of the library (on start and every BACKUP_MINUTES)."""
        self.workspace.autosaver.flush()
        try:
            self.library.backup()
        except LibraryError as exc:
            log.warning("backup of %s failed: %s", self.library.path, exc, exc_info=exc)
            self.status.emit(f"Backup failed: {exc}", BACKUP_FAILED_MS)

    def _choose(self, title: str, when_empty: str, prompt: str, labels: list[str]) -> int | None:
        """Index of the item the user picks from `labels`; None if cancelled or empty."""
        if not labels:
            self.dialogs.info(title, when_empty)
            return None
        return self.dialogs.choose_item(title, prompt, labels)

    def restore_from_backup(self) -> None:
        backups = self.library.list_backups()
        index = self._choose("Restore from backup", "There are no backups yet.",
                             "Backup to restore (newest first):", [p.name for p in backups])
        if index is None or not self.dialogs.ask(
                "Restore from backup",
                f"Replace the whole library with the backup {backups[index].name}? The library "
                "as it is now is backed up first, so this can be reversed."):
            return
        self.workspace.autosaver.flush()
        self.workspace.close_document()
        try:
            self.library.restore_backup(backups[index])
        except LibraryError as exc:
            self.dialogs.failed("Cannot restore the backup", exc)
        self.refresh()
        self.open_initial_map()

    def restore_from_trash(self) -> None:
        entries = self.library.trash()
        index = self._choose("Restore from trash", "The trash is empty.", "Map to restore:",
                             [f"{e.title} — {e.reason} {e.trashed:%Y-%m-%d %H:%M}" for e in entries])
        if index is None:
            return
        try:
            restored = self.library.restore(entries[index].id)
            title = unique_title(self._titles(restored.info.id), restored.info.title)
            if title != restored.info.title:
                restored = self.library.rename(restored.info.id, title)
        except (LibraryError, MapFileError, ValueError) as exc:
            self.dialogs.failed("Cannot restore", exc)
            return
        self.open_map(restored.info.id)
