"""File ▸ Export…: ask for the format and options, then where, then export with progress.

The export itself (argmap.formats.export) knows nothing of windows; here it gets a
progress report with Cancel for anything slow, a wait cursor, and its errors shown as
messages. A cancelled export writes nothing and says so in the status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from argmap.core.errors import ExportCancelled, ExportError, MapFileError
from argmap.core.model import ArgumentMap
from argmap.formats import registry
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.gui.canvas.view import MapView
from argmap.gui.dialogs import Dialogs
from argmap.gui.merge_actions import MergeActions
from argmap.gui.workspace import Workspace

EXPORTED_MS = 5000


def file_stem(title: str) -> str:
    """A readable file name from a map title: only what no file system accepts
    (/ \\ : * ? " < > | and control characters) goes; spaces and punctuation stay."""
    kept = "".join(" " if c in '/\\:*?"<>|' or not c.isprintable() else c for c in title)
    return " ".join(kept.split()).strip(" .")[:120] or "map"


class ExportActions(QObject):
    status = Signal(str, int)  # a status-bar message and how long it stays (ms)

    def __init__(self, workspace: Workspace, dialogs: Dialogs, view: MapView,
                 merges: MergeActions, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.dialogs = dialogs
        self.view = view
        self.merges = merges

    def export_dialog(self) -> None:
        doc = self.workspace.doc
        if doc is None:
            return
        current = self.view.current_node()
        scene = self.workspace.scene
        shown = scene is not None and scene.marks is not None  # View ▸ Show Evaluation
        chosen = self.dialogs.export_options(current is not None, self.workspace.layout_style.value,
                                             current, shown)
        if chosen is None:
            return
        suffix, options = chosen
        fmt = registry.for_output(suffix)
        path = self.dialogs.save_file_name("Export map", f"{file_stem(doc.info.title)}{suffix}",
                                           fmt.dialog_filter if fmt else f"*{suffix}")
        if path:
            if registry.for_output(path) is not fmt:  # "x.argmap" is an argmap file too
                path += suffix
            self.export_to(path, options)

    def export_to(self, path: str, options: ExportOptions) -> bool:
        """Export the open map; a progress report with Cancel shows for anything slow."""
        doc = self.workspace.doc
        if doc is None:
            return False
        amap: ArgumentMap | None = doc.to_map()
        shared = registry.is_map_file(path) and not options.subtree
        if registry.is_map_file(path):  # a map file argmap did not write last: merge it first
            amap = self.merges.before_export(path, doc.to_map(), subtree=bool(options.subtree))
            if amap is None:
                self.status.emit("Export cancelled; nothing was written", EXPORTED_MS)
                return False
        assert amap is not None
        progress = self.dialogs.progress("Export", f"Exporting {Path(path).name}…")
        failure: ExportError | MapFileError | None = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            lost = export_map(amap, path, options, progress.advance)
        except ExportCancelled:
            self.status.emit("Export cancelled; nothing was written", EXPORTED_MS)
            return False
        except (ExportError, MapFileError) as exc:
            failure = exc
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        if failure is not None:
            self.dialogs.failed("Export failed", failure)
            return False
        if shared:
            # The whole map sent to a file: the common version when a teammate's edit of it
            # comes back (a three-way merge, teams/exchange.py).
            self.workspace.autosaver.flush()
            self.merges.remember(path, amap)
        elif registry.is_map_file(path):  # a part of the map: the file is no longer its version
            self.merges.unlink(path)
        if lost:  # Argdown/AIF: what the format could not keep, said once, plain text
            self.dialogs.info(f"Exported {Path(path).name}",
                              "What this format could not keep:\n\n" + "\n".join(lost))
        self.status.emit(f"Exported {path}", EXPORTED_MS)
        return True
