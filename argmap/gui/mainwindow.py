"""MainWindow: builds the canvas, the docks, the menus and the settings, and wires controllers.

It holds no editing logic. What the user does goes to a controller, each its own class
talking through signals:

- Workspace (workspace.py): the open map, its undo history and autosave.
- PanelSync (sync.py): the canvas, outline and inspector showing that map, one selection.
- MapEditor (editor.py): editing intents and the clipboard, as undo commands.
- FindController (find.py): the find bar.
- LibraryActions (library_actions.py): maps in the library, map files, backups, trash.
- ExportActions (export_actions.py): File ▸ Export….
- SourceActions (source_actions.py): the Source pane, attached texts, quotes from a selection.
- EvaluationDisplay (evaluation_display.py): View ▸ Show Evaluation's marks on the canvas.
- ActionTable (actions.py): every QAction, its shortcut, menus, and what is enabled.

Questions and messages go through a Dialogs object (dialogs.py); tests pass a fake one.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QResizeEvent,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QUndoView, QVBoxLayout, QWidget

from argmap.core.store import Library
from argmap.editing.document import MapDocument
from argmap.gui.actions import ActionTable
from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.view import MapView
from argmap.gui.dialogs import Dialogs, QtDialogs
from argmap.gui.editor import MapEditor
from argmap.gui.evaluation_display import EvaluationDisplay
from argmap.gui.export_actions import ExportActions
from argmap.gui.find import FindBar, FindController
from argmap.gui.library_actions import LibraryActions
from argmap.gui.outside import OutsideWatcher
from argmap.gui.panels.inspector import Inspector
from argmap.gui.panels.library import LibraryPanel
from argmap.gui.panels.outline import OutlineView
from argmap.gui.panels.passage_text import Passage
from argmap.gui.panels.source_pane import SourcePane
from argmap.gui.settings import (
    LAST_MAP,
    LAYOUT,
    SHOW_EVALUATION,
    SHOW_SOURCE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from argmap.gui.source_actions import SourceActions
from argmap.gui.sync import PanelSync
from argmap.gui.workspace import Workspace

DEFAULT_SIZE = (1280, 800)
DEFAULT_DOCK_WIDTH = 300
DOCK_SHARE = 0.2  # a side's docks are never wider than this share of the window when it shrinks
MIN_DOCK_WIDTH = 170
SOURCE_WIDTH, SOURCE_SHARE = 380, 0.27  # the Source pane as it opens, at most
CANVAS_SHARE = 0.55  # below this share of the window for the map, wide docks are narrowed
#: A first start on a screen narrower than this (available width, px) puts the Inspector and
#: History in the left dock area, tabbed with the Library and Outline: one narrow column of
#: panels, so a 1280x800 screen shows the seeded map readable and nearly whole.
SMALL_SCREEN_WIDTH = 1600
SMALL_DOCK_SHARE = 0.16


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings, dialogs: Dialogs | None = None):
        super().__init__()
        self.library = library
        self.settings = settings
        self.dialogs = dialogs if dialogs is not None else QtDialogs(self, settings)
        self.workspace = Workspace(library, self.dialogs, self)

        self.view = MapView()
        self.workspace.canvas_aspect = self.view.aspect  # a new map is packed to fit the canvas
        self.find_bar = FindBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.library_panel = LibraryPanel()
        self.outline = OutlineView()
        self.inspector = Inspector()
        self.history = QUndoView(self.workspace.undo_group)
        self.history.setObjectName("history")
        self.history.setEmptyLabel("<map opened>")
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.docks = {
            "library": self._dock("Library", self.library_panel, left),
            "outline": self._dock("Outline", self.outline, left),
            "inspector": self._dock("Inspector", self.inspector, right),
            "history": self._dock("History", self.history, right),
        }
        self.tabifyDockWidget(self.docks["library"], self.docks["outline"])
        self.tabifyDockWidget(self.docks["inspector"], self.docks["history"])
        self.docks["outline"].raise_()
        self.docks["inspector"].raise_()
        self.docks["history"].hide()
        self.source_pane = SourcePane()
        self.docks["source"] = self._dock("Source", self.source_pane, left,
                                          Qt.Orientation.Horizontal)  # beside, not under
        self.docks["source"].hide()
        self.zoom_label = QLabel("100%")
        self.zoom_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.zoom_label)

        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)

        # Controllers; the order of their document_changed handlers is the order made here.
        self.sync = PanelSync(self.workspace, self.view, self.outline, self.inspector, self)
        self.map_editor = MapEditor(self.workspace, self.view, self.sync, self)
        self.finder = FindController(self.find_bar, self.workspace, self.view, self)
        self.files = LibraryActions(self.workspace, self.dialogs, settings, self.library_panel, self)
        self.exports = ExportActions(self.workspace, self.dialogs, self.view, self.files.merges, self)
        self.outside = OutsideWatcher(self.workspace, self.dialogs, self.view, self)
        self.marks = EvaluationDisplay(self.workspace, self)
        self.sources = SourceActions(self.workspace, self.view, self.source_pane,
                                     self.docks["source"], self.dialogs, self)
        self.action_table = ActionTable(self, self.workspace, self.view, self.outline, self.docks,
                                        self.dialogs, self.map_editor, self.finder, self.files,
                                        self.exports, self.marks)
        self.inspector.evaluation.set_map_action(self.action_table.act_show_evaluation)
        self.action_table.add_source_actions(self.sources, self.docks["source"].toggleViewAction())
        self.source_pane.add_buttons([
            ("New Evidence", self.action_table.act_evidence_from_selection),
            ("New Objection", self.action_table.act_objection_from_selection)])
        self._connect()
        self._restore_settings()
        self.files.refresh()
        self._update_title()
        self.action_table.refresh()

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea,
              beside: Qt.Orientation = Qt.Orientation.Vertical) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        widget.setMinimumWidth(MIN_DOCK_WIDTH)
        dock.setWidget(widget)
        self.addDockWidget(area, dock, beside)
        return dock

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # after the docks are laid out (a window sized before it is shown has none yet)
        QTimer.singleShot(0, self.fit_docks)

    def fit_docks(self) -> None:
        """Keep most of the window for the map: when the window gets small, docks wider
        than their share are narrowed (never below what their fields need)."""
        sides = [max((d.width() for d in self.docks.values() if d.isVisible()
                      and not d.isFloating() and self.dockWidgetArea(d) == area), default=0)
                 for area in (Qt.DockWidgetArea.LeftDockWidgetArea,
                              Qt.DockWidgetArea.RightDockWidgetArea)]
        if self.width() - sum(sides) >= CANVAS_SHARE * self.width():
            return  # the user's dock widths stand while the map has most of the window
        share = max(MIN_DOCK_WIDTH, int(self.width() * DOCK_SHARE))
        wide = [d for d in self.docks.values() if d.isVisible()
                and not d.isFloating() and d.width() > share]
        if wide:
            self.resizeDocks(wide, [share] * len(wide), Qt.Orientation.Horizontal)

    def _connect(self) -> None:
        workspace = self.workspace
        for controller in (workspace, self.map_editor, self.files, self.exports, self.outside,
                           self.sources):
            controller.status.connect(self._show_status)
        workspace.document_changed.connect(self._update_title)
        workspace.document_changed.connect(self._remember_map)
        workspace.info_changed.connect(self._update_title)
        workspace.undo_group.cleanChanged.connect(self._update_title)
        workspace.autosaver.failed.connect(self._autosave_failed)
        self.sync.selection_changed.connect(self.action_table.refresh)
        self.files.edit_requested.connect(self.map_editor.select_and_edit)
        self.outside.library_changed.connect(self.files.refresh)
        self.view.zoom_changed.connect(self._zoom_changed)
        self.inspector.quote_check = lambda node_id: (
            self.sources.checks.check(node_id) if self.sources.checks is not None else None)
        self.sources.checks_changed.connect(
            lambda _ids: self.inspector.show_node(self.workspace.doc, self.inspector.node_id))
        self.inspector.fix_locator_requested.connect(self.sources.fix_locator)
        self.inspector.attach_requested.connect(self.sources.attach_text)
        self.sync.selection_changed.connect(self.sources.follow_selection)
        self.docks["source"].visibilityChanged.connect(self._source_shown)

    def _source_shown(self, shown: bool) -> None:
        """A Source pane shown is wide enough to read (SOURCE_SHARE of the window at most)."""
        if not shown:
            return
        dock = self.docks["source"]
        wanted = min(SOURCE_WIDTH, int(self.width() * SOURCE_SHARE))
        if not dock.isFloating() and dock.width() < wanted:
            self.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)
        self.sources.follow_selection()

    # -- the open map, for tests and scripts --------------------------------------------------------
    @property
    def doc(self) -> MapDocument | None:
        return self.workspace.doc

    @property
    def scene(self) -> MapScene | None:
        return self.workspace.scene

    # -- settings -----------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.fit_to_screen(screen.availableGeometry() if screen is not None
                               else QRect(0, 0, *DEFAULT_SIZE))
        state = self.settings.get(WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        self.workspace.set_layout(self.settings.get(LAYOUT))
        self.marks.set_shown(self.settings.get(SHOW_EVALUATION))
        self.docks["source"].setVisible(self.settings.get(SHOW_SOURCE))

    def fit_to_screen(self, available: QRect) -> None:
        """The first start's window: the screen's free area (a window manager keeps it clear
        of panels), its docks narrow; on a small screen every panel in one tabbed
        column on the left, the Inspector in front, so the canvas keeps most of the width."""
        self.setGeometry(available)
        width = available.width()
        small = available.width() < SMALL_SCREEN_WIDTH
        next_to = self.docks["outline"] if small else self.docks["inspector"]
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea if small
                           else Qt.DockWidgetArea.RightDockWidgetArea, self.docks["inspector"])
        for name in ("inspector", "history") if small else ("history",):
            self.tabifyDockWidget(next_to, self.docks[name])
        self.docks["history"].hide()
        self.docks["inspector"].raise_()
        if small:
            dock_width = max(MIN_DOCK_WIDTH, int(width * SMALL_DOCK_SHARE))
            self.resizeDocks([self.docks["inspector"]], [dock_width], Qt.Orientation.Horizontal)
            return
        dock_width = min(DEFAULT_DOCK_WIDTH, max(MIN_DOCK_WIDTH, int(width * DOCK_SHARE)))
        self.resizeDocks([self.docks["outline"], self.docks["inspector"]],
                         [dock_width, dock_width], Qt.Orientation.Horizontal)

    def _save_settings(self) -> None:
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.set(LAYOUT, self.workspace.layout_style)
        self.settings.set(SHOW_EVALUATION, self.marks.shown)
        self.settings.set(SHOW_SOURCE, self.docks["source"].isVisible())
        if self.workspace.doc is not None:
            self.settings.set(LAST_MAP, self.workspace.doc.map_id, self.library.path)
        self.settings.sync()

    def _remember_map(self) -> None:
        """The map opened is the one a restart opens, even one after a crash or a kill."""
        if self.workspace.doc is not None:
            self.settings.set(LAST_MAP, self.workspace.doc.map_id, self.library.path)
            self.settings.sync()

    # -- the window's own widgets -------------------------------------------------------------------
    def _show_status(self, message: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%" if zoom >= 0.01 else f"{zoom * 100:.2g}%")

    def _update_title(self, *_: object) -> None:
        doc = self.workspace.doc
        if doc is None:
            self.setWindowTitle("argmap")
            return
        # "[*]" is Qt's modified marker; the map title is plain text in a window title.
        title = doc.info.title.replace("[*]", "[ * ]")
        self.setWindowTitle(f"{title}[*] — argmap")
        self.setWindowModified(not doc.undo_stack.isClean())

    def _autosave_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Autosave failed: {message}")
        self._update_title()

    # -- drag and drop of map files -----------------------------------------------------------------
    def _passage_over_canvas(self, event: QDragMoveEvent | QDropEvent) -> Passage | None:
        """A passage dragged from the Source pane, over the canvas."""
        passage = Passage.from_mime(event.mimeData())
        port = self.view.viewport()
        at = port.mapFrom(self, event.position().toPoint())
        return passage if passage is not None and port.rect().contains(at) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if Passage.from_mime(event.mimeData()) is not None or self.files.dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if Passage.from_mime(event.mimeData()) is not None:
            if self._passage_over_canvas(event) is not None:
                event.acceptProposedAction()
            else:
                event.ignore()
        elif self.files.dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        passage = self._passage_over_canvas(event)
        if passage is not None:
            at = self.view.viewport().mapFrom(self, event.position().toPoint())
            if self.sources.drop_passage(passage, self.view.mapToScene(at)):
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        files = self.files.dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.open_files(files)

    # -- closing ------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.editor.finish(commit=True)
        if not self.workspace.autosaver.flush() and not self.dialogs.ask(
            "Close without saving?",
            "The last changes could not be saved to the library. Close anyway and lose them?",
        ):
            event.ignore()
            return
        self._save_settings()
        self.files.watcher.stop()
        event.accept()
