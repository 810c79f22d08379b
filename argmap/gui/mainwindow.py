"""MainWindow: turns intents from the canvas and panels into commands, and owns the map.

Everything a user can do is a QAction (menus, toolbar, context menu and shortcuts share
them). Edits become commands on the document's undo stack; the scene, outline and
inspector follow the document's signals. Every text shown from a map or a file is plain.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from argmap.core.bulk import bulk, settle, unsettle
from argmap.core.errors import EditRejected, ExportCancelled, ExportError, MapFileError
from argmap.core.layout import Direction
from argmap.core.mapfile import dumps_fragment, parse_fragment, read_map
from argmap.core.model import ArgumentMap, Kind, Node, allowed_child_kinds, new_id, new_map
from argmap.core.store import Library, LibraryError
from argmap.editing import commands
from argmap.editing.autosave import Autosaver
from argmap.editing.document import MapDocument
from argmap.formats.export import export_map
from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.view import MapView
from argmap.gui.panels.inspector import Inspector
from argmap.gui.panels.library import LibraryPanel
from argmap.gui.panels.outline import OutlineModel, OutlineView
from argmap.look import DETAIL_ZOOM

CLIPBOARD_MIME = "application/x-argmap-fragment+json"
DEFAULT_TEXT = {
    Kind.CLAIM: "New claim",
    Kind.EVIDENCE: "New evidence",
    Kind.OBJECTION: "New objection",
    Kind.REBUTTAL: "New rebuttal",
}
BACKUP_MINUTES = 10
STORE_DELAY_MS = 50  # an opened file reaches the library this long after it is shown
OUTLINE_EXPAND_ALL = 5_000  # larger maps open with the outline's top levels expanded
KIND_KEYS = {Kind.CLAIM: "1", Kind.EVIDENCE: "2", Kind.OBJECTION: "3", Kind.REBUTTAL: "4"}


def plain_message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str,
                      text: str) -> QMessageBox:
    """A message box that shows `text` literally: map and file text is never rich text."""
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    return box


class FindBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.field = QLineEdit()
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText("Find in map (Enter: next, Shift+Enter: previous)")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setTextFormat(Qt.PlainText)
        self.prev_button = QToolButton(text="▲")
        self.next_button = QToolButton(text="▼")
        self.close_button = QToolButton(text="✕")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        self.hide()


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: QSettings):
        super().__init__()
        self.library = library
        self.settings = settings
        self.doc: MapDocument | None = None
        self.scene: MapScene | None = None
        self.outline_model: OutlineModel | None = None
        self._syncing = False
        self._matches: list[str] = []
        self._match_index = -1
        self.undo_group = QUndoGroup(self)
        self.autosaver = Autosaver(library, self)
        self.autosaver.failed.connect(self._autosave_failed)
        self.autosaver.saved.connect(self._refresh_library)

        self.view = MapView()
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
        self.history = QUndoView(self.undo_group)
        self.history.setObjectName("history")
        self.history.setEmptyLabel("<map opened>")
        self.docks = {
            "library": self._dock("Library", self.library_panel, Qt.LeftDockWidgetArea),
            "outline": self._dock("Outline", self.outline, Qt.LeftDockWidgetArea),
            "inspector": self._dock("Inspector", self.inspector, Qt.RightDockWidgetArea),
            "history": self._dock("History", self.history, Qt.RightDockWidgetArea),
        }
        self.tabifyDockWidget(self.docks["library"], self.docks["outline"])
        self.tabifyDockWidget(self.docks["inspector"], self.docks["history"])
        self.docks["outline"].raise_()
        self.docks["inspector"].raise_()
        self.docks["history"].hide()
        self.zoom_label = QLabel("100%")
        self.zoom_label.setTextFormat(Qt.PlainText)
        self.statusBar().addPermanentWidget(self.zoom_label)

        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self._make_actions()
        self._make_menus()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_MINUTES * 60_000)
        self.backup_timer.timeout.connect(self.make_backup)
        self.backup_timer.start()
        self._connect()
        self._restore_settings()
        self._refresh_library()
        self._update_title()
        self._update_actions()

    # -- construction ------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, *, canvas: bool = False,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if canvas:  # only while the canvas or outline itself has focus, not an editor in it
            action.setShortcutContext(Qt.WidgetShortcut)
            self.view.addAction(action)
            self.outline.addAction(action)
        else:
            self.addAction(action)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        a = self._action
        self.act_new_map = a("&New Map", self.new_map, QKeySequence.New)
        self.act_open = a("&Open Map File…", self.open_file_dialog, QKeySequence.Open,
                          tip="Add a map file to the library as a new map")
        self.act_export_json = a("&Export…", self.export_dialog, QKeySequence("Ctrl+E"),
                                 tip="Export as PNG, SVG, PDF or an argmap map file")
        self.act_trash = a("Restore from &Trash…", self.restore_from_trash)
        self.act_restore_backup = a("Restore Library from &Backup…", self.restore_from_backup)
        self.act_rename_map = a("&Rename Map…", self.rename_current_map)
        self.act_quit = a("&Quit", self.close, QKeySequence.Quit)

        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.Undo)
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_cut = a("Cu&t", self.cut, QKeySequence.Cut, canvas=True)
        self.act_copy = a("&Copy", self.copy, QKeySequence.Copy, canvas=True)
        self.act_paste = a("&Paste", self.paste, QKeySequence.Paste, canvas=True)
        self.act_delete = a("&Delete", self.delete_selected, [QKeySequence.Delete, "Backspace"],
                            canvas=True)
        self.act_select_all = a("Select &All", self.select_all, QKeySequence.SelectAll,
                                canvas=True)
        self.act_find = a("&Find…", self.show_find, QKeySequence.Find)
        self.act_find_next = a("Find &Next", self.find_next,
                               [QKeySequence.FindNext, "Ctrl+G"])
        self.act_find_prev = a("Find Pre&vious", self.find_previous,
                               [QKeySequence.FindPrevious, "Ctrl+Shift+G"])
        self.act_history = self.docks["history"].toggleViewAction()
        self.act_history.setText("&History")

        self.act_add_child = a("Add &Child…", self.choose_child_kind, ["Tab", "Insert"],
                               canvas=True, tip="Add a child of a chosen kind")
        self.act_add_sibling = a("Add &Sibling", self.add_sibling, ["Return", "Enter"],
                                 canvas=True)
        self.act_add_root = a("Add &Root Claim", self.add_root, "Ctrl+Shift+N")
        self.add_kind_actions = {
            kind: a(f"Add {kind.value.title()}", lambda k=kind: self.add_child(k))
            for kind in Kind
        }
        self.act_edit = a("&Edit Text", self.edit_current, "F2", canvas=True)
        self.kind_actions = {
            kind: a(f"Make {kind.value.title()}", lambda k=kind: self.set_kind(k),
                    f"Ctrl+{KIND_KEYS[kind]}", canvas=True)
            for kind in Kind
        }
        self.act_move_up = a("Move &Up", lambda: self.reorder(-1), "Alt+Up", canvas=True)
        self.act_move_down = a("Move Do&wn", lambda: self.reorder(1), "Alt+Down", canvas=True)
        self.act_promote = a("&Promote", self.promote, ["Alt+Left", "Shift+Tab"], canvas=True,
                             tip="Move the node up a level, after its parent")
        self.act_demote = a("D&emote", self.demote, "Alt+Right", canvas=True,
                            tip="Move the node under its previous sibling")
        self.act_collapse = a("Collapse/E&xpand", self.toggle_collapse, "Space", canvas=True)
        self.act_expand_all = a("Expand &All", self.expand_all, "Ctrl+Shift+E")

        self.act_zoom_in = a("Zoom &In", self.view.zoom_in, [QKeySequence.ZoomIn, "Ctrl+="])
        self.act_zoom_out = a("Zoom &Out", self.view.zoom_out, QKeySequence.ZoomOut)
        self.act_zoom_fit = a("Zoom to &Fit", self.view.zoom_to_fit, "Ctrl+0")
        self.act_zoom_sel = a("Zoom to &Selection", self.view.zoom_to_selection, "Ctrl+Alt+0")
        self.act_zoom_100 = a("&Actual Size", self.view.zoom_reset, "Ctrl+Alt+1")
        self.direction_group = QActionGroup(self)
        self.direction_actions: dict[Direction, QAction] = {}
        for direction, label in ((Direction.DOWN, "Top &Down"), (Direction.RIGHT, "Left to &Right")):
            act = a(label, lambda d=direction: self.set_direction(d))
            act.setCheckable(True)
            self.direction_group.addAction(act)
            self.direction_actions[direction] = act
        self.act_about = a("&About argmap", self.about)
        self.act_keys = a("&Keyboard Shortcuts", self.show_shortcuts, QKeySequence.HelpContents)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.act_new_map, self.act_open])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addAction(self.act_export_json)
        file.addSeparator()
        file.addActions([self.act_rename_map, self.act_trash, self.act_restore_backup])
        file.addSeparator()
        file.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete,
                         self.act_select_all])
        edit.addSeparator()
        edit.addActions([self.act_find, self.act_find_next, self.act_find_prev])
        edit.addSeparator()
        edit.addAction(self.act_history)
        node = bar.addMenu("&Node")
        node.addActions([self.act_add_child, self.act_add_sibling, self.act_add_root])
        add_menu = node.addMenu("Add Child of &Kind")
        add_menu.addActions(list(self.add_kind_actions.values()))
        node.addSeparator()
        node.addAction(self.act_edit)
        kind_menu = node.addMenu("Change &Kind")
        kind_menu.addActions(list(self.kind_actions.values()))
        node.addSeparator()
        node.addActions([self.act_move_up, self.act_move_down, self.act_promote, self.act_demote])
        node.addSeparator()
        node.addActions([self.act_collapse, self.act_expand_all])
        view = bar.addMenu("&View")
        view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_fit,
                         self.act_zoom_sel, self.act_zoom_100])
        view.addSeparator()
        view.addActions(list(self.direction_actions.values()))
        view.addSeparator()
        for dock in self.docks.values():
            if dock is not self.docks["history"]:
                view.addAction(dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_keys, self.act_about])

        tools = self.addToolBar("Main")
        tools.setObjectName("toolbar-main")
        tools.addActions([self.act_new_map, self.act_open])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])
        tools.addSeparator()
        tools.addActions(list(self.add_kind_actions.values()))
        tools.addAction(self.act_delete)
        tools.addSeparator()
        tools.addActions([self.act_zoom_fit, self.act_find])

    def _connect(self) -> None:
        self.view.zoom_changed.connect(self._zoom_changed)
        self.view.editor.committed.connect(self._inline_committed)
        self.inspector.edit_requested.connect(self._inspector_edit)
        lib = self.library_panel
        lib.open_requested.connect(self.open_map)
        lib.new_requested.connect(self.new_map)
        lib.rename_requested.connect(self.rename_map)
        lib.duplicate_requested.connect(self.duplicate_map)
        lib.delete_requested.connect(self.delete_map)
        self.find_bar.field.textChanged.connect(self._find_changed)
        self.find_bar.field.returnPressed.connect(self.find_next)
        self.find_bar.next_button.clicked.connect(self.find_next)
        self.find_bar.prev_button.clicked.connect(self.find_previous)
        self.find_bar.close_button.clicked.connect(self.hide_find)
        self.find_bar.field.installEventFilter(self)
        self.undo_group.cleanChanged.connect(self._update_title)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.find_bar.field and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key_Escape:
                self.hide_find()
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ShiftModifier:
                self.find_step(-1)
                return True
        return super().eventFilter(watched, event)

    # -- settings ------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
            self.resizeDocks([self.docks["outline"], self.docks["inspector"]], [300, 300],
                             Qt.Horizontal)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        direction = self.settings.value("view/direction", Direction.DOWN.value)
        self._direction = Direction(direction) if direction in ("down", "right") else Direction.DOWN
        self.direction_actions[self._direction].setChecked(True)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/direction", self._direction.value)
        if self.doc is not None:
            self.settings.setValue("library/last_map", self.doc.map_id)
        self.settings.sync()

    def open_initial_map(self) -> None:
        """The map open at the last exit, else the first in the library (the seed map)."""
        maps = self.library.list_maps()
        last = self.settings.value("library/last_map")
        ids = [m.id for m in maps]
        if last in ids:
            self.open_map(last)
        elif maps:
            seed = "seed-iran-proxies"
            self.open_map(seed if seed in ids else ids[0])

    # -- opening maps -----------------------------------------------------------------------------
    @bulk
    def open_map(self, map_id: str, amap: ArgumentMap | None = None) -> bool:
        """Show a library map; `amap` is its current content when the caller has it."""
        if self.doc is not None and self.doc.map_id == map_id:
            return True
        if not self.autosaver.flush():
            return False
        try:
            amap = amap if amap is not None else self.library.load(map_id)
        except (LibraryError, ValueError) as exc:
            self.error("Cannot open map", str(exc))
            return False
        self._show_document(MapDocument(amap, self))
        return True

    def _show_document(self, doc: MapDocument) -> None:
        unsettle()
        old_doc, old_scene = self.doc, self.scene
        self.view.editor.finish(commit=False)
        self.doc = doc
        self.scene = MapScene(doc, self._direction, self)
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        self.autosaver.watch(doc)
        self.view.setScene(self.scene)
        self.outline_model = OutlineModel(doc, self.outline)
        self.outline.setModel(self.outline_model)
        self._expand_outline()
        self.outline_model.modelReset.connect(self._outline_reset)
        self.outline_model.edit_requested.connect(self._outline_edit)
        self.outline.selectionModel().selectionChanged.connect(self._outline_selection)
        self.scene.selectionChanged.connect(self._canvas_selection)
        self.scene.move_requested.connect(self._move_requested)
        self.scene.edit_requested.connect(self.view.start_editing)
        self.scene.context_requested.connect(self._context_menu)
        doc.nodes_changed.connect(self.inspector.refresh)
        doc.structure_changed.connect(self.inspector.refresh)
        doc.info_changed.connect(self._update_title)
        doc.undo_stack.indexChanged.connect(self._update_actions)
        if old_doc is not None:
            self.undo_group.removeStack(old_doc.undo_stack)
            old_doc.deleteLater()
        if old_scene is not None:
            old_scene.deleteLater()
        self.inspector.show_node(doc, None)
        self.hide_find()
        roots = doc.roots()
        if roots:
            self.scene.select_only([roots[0]])
        self.view.zoom_reset()
        self._show_opening_view()
        self.view.setFocus()
        self._refresh_library()
        self._update_title()
        self._update_actions()
        settle()

    def _show_opening_view(self) -> None:
        """The whole map if its text stays legible that way; else the top of it at 100%.

        A 10,000-node map fitted into the window is a smear of boxes with no text (and
        painting all of them costs ~0.4 s): its root claim, readable, is a better start.
        Zoom to Fit (Ctrl+0) still shows the whole map.
        """
        if self.scene is None:
            return
        if self.view.fit_factor(self.scene.content_rect) >= DETAIL_ZOOM:
            self.view.zoom_to_fit()
        else:
            self._show_top()

    def _show_top(self) -> None:
        """The map at 100%, centred if it fits, else with the first root near the top."""
        if self.scene is None or self.doc is None or not self.doc.roots():
            return
        rect = self.scene.content_rect
        viewport = self.view.viewport().rect()
        if rect.width() <= viewport.width() and rect.height() <= viewport.height():
            self.view.centerOn(rect.center())
            return
        root = self.scene.nodes[self.doc.roots()[0]].sceneBoundingRect()
        self.view.centerOn(root.center().x(), root.top() - 40 + viewport.height() / 2)

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%" if zoom >= 0.01 else f"{zoom * 100:.2g}%")

    def _outline_edit(self, node_id: str, text: str) -> None:
        self.edit_node(node_id, text=text)

    def find_next(self) -> None:
        self.find_step(1)

    def find_previous(self) -> None:
        self.find_step(-1)

    def _refresh_library(self, *_: object) -> None:
        try:
            maps = self.library.list_maps()
        except LibraryError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.library_panel.set_maps(maps, self.doc.map_id if self.doc else None)

    def _update_title(self, *_: object) -> None:
        if self.doc is None:
            self.setWindowTitle("argmap")
            return
        # "[*]" is Qt's modified marker; the map title is plain text in a window title.
        title = self.doc.info.title.replace("[*]", "[ * ]")
        self.setWindowTitle(f"{title}[*] — argmap")
        self.setWindowModified(not self.doc.undo_stack.isClean())

    # -- selection sync -----------------------------------------------------------------------------
    def current_id(self) -> str | None:
        return self.view.current_node()

    def selected_ids(self) -> list[str]:
        return self.scene.selected_ids() if self.scene else []

    def _canvas_selection(self) -> None:
        if self._syncing or self.scene is None or self.outline_model is None:
            return
        ids = self.scene.selected_ids()
        current = self.current_id()
        self.inspector.show_node(self.doc, current)
        self._syncing = True
        try:
            model = self.outline.selectionModel()
            model.clearSelection()
            for node_id in ids:
                index = self.outline_model.index_of(node_id)
                model.select(index, model.SelectionFlag.Select)
            if current:
                index = self.outline_model.index_of(current)
                model.setCurrentIndex(index, model.SelectionFlag.NoUpdate)
                self.outline.scrollTo(index)
        finally:
            self._syncing = False
        self._update_actions()

    def _outline_selection(self, *_: object) -> None:
        if self._syncing or self.scene is None or self.outline_model is None:
            return
        ids = [self.outline_model.node_id(i) for i in self.outline.selectionModel().selectedRows()]
        current = self.outline_model.node_id(self.outline.currentIndex())
        ordered = [i for i in ids if i and i != current] + ([current] if current in ids else [])
        self._syncing = True
        try:
            self.scene.select_only(ordered)
            if ordered:
                self.view.ensure_node_visible(ordered[-1])
        finally:
            self._syncing = False
        self.inspector.show_node(self.doc, ordered[-1] if ordered else None)
        self._update_actions()

    def _expand_outline(self) -> None:
        """Expand everything on ordinary maps; the top levels only on very large ones."""
        if self.doc is not None and len(self.doc) > OUTLINE_EXPAND_ALL:
            self.outline.expandToDepth(1)
        else:
            self.outline.expandAll()

    def _outline_reset(self) -> None:
        self._expand_outline()
        if self.scene is not None:
            for node_id in self.scene.collapsed:
                self.outline.collapse(self.outline_model.index_of(node_id))
        self._canvas_selection()

    def _update_actions(self, *_: object) -> None:
        has_doc = self.doc is not None
        current = self.current_id() if has_doc else None
        node_actions = [self.act_add_child, self.act_add_sibling, self.act_edit, self.act_cut,
                        self.act_copy, self.act_delete, self.act_move_up, self.act_move_down,
                        self.act_promote, self.act_demote, self.act_collapse,
                        *self.add_kind_actions.values(), *self.kind_actions.values()]
        for act in node_actions:
            act.setEnabled(current is not None)
        for act in (self.act_add_root, self.act_paste, self.act_rename_map, self.act_export_json,
                    self.act_find, self.act_zoom_fit, self.act_select_all):
            act.setEnabled(has_doc)
        if current is not None and self.doc is not None:
            node = self.doc.node(current)
            allowed = allowed_child_kinds(node.kind)
            for kind, act in self.add_kind_actions.items():
                act.setEnabled(kind in allowed)
            kinds = self.doc.allowed_kinds(current)
            for kind, act in self.kind_actions.items():
                act.setEnabled(kind in kinds and kind is not node.kind)

    # -- running commands --------------------------------------------------------------------------
    def push(self, command) -> bool:
        """Push a command; False (and a status message) if the document refused it."""
        if command is None or self.doc is None:
            return False
        self.doc.undo_stack.push(command)
        refusal = commands.refusal(command)
        if refusal:
            self.statusBar().showMessage(f"Not done: {refusal}", 6000)
            return False
        return True

    def _rejected(self, exc: Exception) -> None:
        self.statusBar().showMessage(f"Not allowed: {exc}", 6000)

    def add_child(self, kind: Kind, parent: str | None = None, index: int | None = None,
                  edit: bool = True) -> str | None:
        if self.doc is None:
            return None
        parent = self.current_id() if parent is None else parent
        if parent is None:
            return None
        self.scene.set_collapsed(parent, False)
        return self._add(parent, kind, index, edit)

    def _add(self, parent: str | None, kind: Kind, index: int | None, edit: bool) -> str | None:
        try:
            cmd, node_id = commands.add_child(self.doc, parent, kind, DEFAULT_TEXT[kind], index)
        except EditRejected as exc:
            self._rejected(exc)
            return None
        if not self.push(cmd):
            return None
        self.view.select_node(node_id)
        if edit:
            self.view.start_editing(node_id)
        return node_id

    def add_sibling(self) -> str | None:
        current = self.current_id()
        if self.doc is None or current is None:
            return None
        node = self.doc.node(current)
        index = self.doc.siblings(current).index(current) + 1
        return self._add(node.parent, node.kind, index, True)

    def add_root(self) -> str | None:
        if self.doc is None:
            return None
        return self._add(None, Kind.CLAIM, None, True)

    def choose_child_kind(self) -> None:
        """Tab/Insert: a small menu of the kinds allowed here; type C, E, O or R."""
        current = self.current_id()
        if self.doc is None or current is None:
            return
        menu = QMenu(self)
        menu.setObjectName("kind-chooser")
        for kind in allowed_child_kinds(self.doc.node(current).kind):
            act = menu.addAction(f"&{kind.value.title()}")
            act.triggered.connect(lambda _c=False, k=kind: self.add_child(k, current))
        menu.aboutToHide.connect(menu.deleteLater)
        item = self.scene.nodes[current]
        pos = self.view.mapToGlobal(self.view.mapFromScene(item.sceneBoundingRect().bottomLeft()))
        menu.popup(pos)

    def edit_current(self) -> None:
        current = self.current_id()
        if current is None:
            return
        if self.outline.hasFocus() and self.outline_model is not None:
            self.outline.edit(self.outline_model.index_of(current))
        else:
            self.view.start_editing(current)

    def edit_node(self, node_id: str, **changes) -> bool:
        if self.doc is None or node_id not in self.doc:
            return False
        try:
            cmd = commands.edit_node(self.doc, node_id, **changes)
        except EditRejected as exc:
            self._rejected(exc)
            return False
        return self.push(cmd)

    def _inline_committed(self, node_id: str, text: str) -> None:
        if not text.strip():
            self._rejected(ValueError("a node's text cannot be empty"))
            return
        self.edit_node(node_id, text=text)

    def _inspector_edit(self, node_id: str, changes: dict) -> None:
        if not self.edit_node(node_id, **changes):
            self.inspector.refresh()

    def set_kind(self, kind: Kind) -> None:
        current = self.current_id()
        if current is not None:
            self.edit_node(current, kind=kind)

    def delete_selected(self) -> None:
        if self.doc is None:
            return
        ids = self.selected_ids()
        if not ids:
            return
        # select something sensible afterwards: the parent, or a neighbour
        first = commands.top_level(self.doc, ids)[0]
        node = self.doc.node(first)
        siblings = self.doc.siblings(first)
        after = node.parent
        if after is None:
            others = [s for s in siblings if s not in ids]
            after = others[0] if others else None
        try:
            self.push(commands.delete_subtrees(self.doc, ids))
        except EditRejected as exc:
            self._rejected(exc)
            return
        if after is not None and after in self.doc:
            self.view.select_node(after)

    def _move_requested(self, node_id: str, parent: str | None, index: int | None) -> None:
        self.move(node_id, parent, index)

    def move(self, node_id: str, parent: str | None, index: int | None,
             label: str | None = None) -> None:
        try:
            cmd = commands.move_node(self.doc, node_id, parent, index, label)
        except EditRejected as exc:
            self._rejected(exc)
            return
        if self.push(cmd):
            self.view.select_node(node_id)

    def reorder(self, step: int) -> None:
        current = self.current_id()
        if self.doc is None or current is None:
            return
        node = self.doc.node(current)
        position = self.doc.siblings(current).index(current) + step
        if 0 <= position < len(self.doc.siblings(current)):
            self.move(current, node.parent, position, "Reorder")

    def promote(self) -> None:
        current = self.current_id()
        if self.doc is None or current is None:
            return
        parent = self.doc.node(current).parent
        if parent is None:
            return
        grand = self.doc.node(parent).parent
        index = [i for i in self.doc.children(grand) if i != current].index(parent) + 1
        self.move(current, grand, index, "Promote")

    def demote(self) -> None:
        current = self.current_id()
        if self.doc is None or current is None:
            return
        siblings = self.doc.siblings(current)
        position = siblings.index(current)
        if position == 0:
            self._rejected(ValueError("there is no previous sibling to move under"))
            return
        self.move(current, siblings[position - 1], None, "Demote")

    def toggle_collapse(self) -> None:
        current = self.current_id()
        if self.scene is None or current is None:
            return
        self.scene.set_collapsed(current, current not in self.scene.collapsed)
        if self.outline_model is not None:
            index = self.outline_model.index_of(current)
            self.outline.setExpanded(index, current not in self.scene.collapsed)
        self.view.ensure_node_visible(current)

    def expand_all(self) -> None:
        if self.scene is not None and self.scene.collapsed:
            self.scene.collapsed.clear()
            self.scene.relayout()
            self._expand_outline()

    def select_all(self) -> None:
        if self.scene is not None:
            for item in self.scene.nodes.values():
                if item.isVisible():
                    item.setSelected(True)

    def set_direction(self, direction: Direction) -> None:
        self._direction = direction
        self.direction_actions[direction].setChecked(True)
        if self.scene is not None:
            self.scene.set_direction(direction)
            current = self.current_id()
            if current:
                self.view.center_on_node(current)

    # -- clipboard ------------------------------------------------------------------------------
    def copy(self) -> bool:
        if self.doc is None or not self.selected_ids():
            return False
        fragment = commands.fragment_of(self.doc, self.selected_ids())
        mime = QMimeData()
        mime.setData(CLIPBOARD_MIME, QByteArray(dumps_fragment(fragment)))
        depth = {n.id: 0 for n in fragment if n.parent is None}
        lines = []
        for n in fragment:
            if n.parent is not None:
                depth[n.id] = depth[n.parent] + 1
            lines.append("  " * depth[n.id] + f"[{n.kind.value}] {n.text}")
        mime.setText("\n".join(lines))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selected()

    def paste(self) -> None:
        if self.doc is None:
            return
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(CLIPBOARD_MIME):
            self.statusBar().showMessage("The clipboard holds no argmap nodes", 4000)
            return
        try:
            fragment = parse_fragment(bytes(mime.data(CLIPBOARD_MIME).data()))
        except MapFileError as exc:
            self._rejected(exc)
            return
        target = self.current_id()
        try:
            cmd, tops = commands.add_subtrees(self.doc, fragment, target)
        except EditRejected as exc:
            self._rejected(exc)
            return
        if self.push(cmd) and tops:
            self.scene.select_only(tops)
            self.view.ensure_node_visible(tops[-1])

    # -- find -----------------------------------------------------------------------------------
    def show_find(self) -> None:
        if self.doc is None:
            return
        self.find_bar.show()
        self.find_bar.field.setFocus()
        self.find_bar.field.selectAll()
        self._find_changed(self.find_bar.field.text())

    def hide_find(self) -> None:
        self.find_bar.hide()
        self._set_matches([])
        self.view.setFocus()

    def _find_changed(self, text: str) -> None:
        if self.doc is None:
            return
        needle = text.casefold().strip()
        found = []
        if needle:
            for root in self.doc.roots():
                for node_id in self.doc.subtree(root):
                    node = self.doc.node(node_id)
                    haystack = node.text.casefold()
                    if needle in haystack or (node.source and needle in node.source.quote.casefold()):
                        found.append(node_id)
        self._set_matches(found)
        if found:
            self.find_step(1, from_start=True)

    def _set_matches(self, found: list[str]) -> None:
        if self.scene is not None:
            for node_id in self._matches:
                item = self.scene.nodes.get(node_id)
                if item is not None:
                    item.matched = item.current_match = False
                    item.update()
            for node_id in found:
                self.scene.nodes[node_id].matched = True
                self.scene.nodes[node_id].update()
        self._matches = found
        self._match_index = -1
        text = f"{len(found)} found" if self.find_bar.field.text().strip() else ""
        self.find_bar.count.setText(text)

    def find_step(self, step: int, from_start: bool = False) -> None:
        if not self._matches:
            if not self.find_bar.isVisible():
                self.show_find()
            return
        old = self._matches[self._match_index] if self._match_index >= 0 else None
        if old and old in self.scene.nodes:
            self.scene.nodes[old].current_match = False
            self.scene.nodes[old].update()
        self._match_index = 0 if from_start else (self._match_index + step) % len(self._matches)
        node_id = self._matches[self._match_index]
        item = self.scene.nodes[node_id]
        item.current_match = True
        self.scene.select_only([node_id])
        self.view.center_on_node(node_id)
        item.update()
        self.find_bar.count.setText(f"{self._match_index + 1} of {len(self._matches)}")

    # -- library actions -----------------------------------------------------------------------
    def ask(self, title: str, text: str) -> bool:
        box = plain_message_box(self, QMessageBox.Question, title, text)
        box.setStandardButtons(QMessageBox.Yes | QMessageBox.Cancel)
        box.setDefaultButton(QMessageBox.Cancel)
        return box.exec() == QMessageBox.Yes

    def prompt_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.Normal, text)
        return value if ok else None

    def error(self, title: str, text: str) -> None:
        plain_message_box(self, QMessageBox.Warning, title, text).exec()

    def new_map(self) -> None:
        title = self.prompt_text("New map", "Title of the new map:", "Untitled map")
        if title is None:
            return
        try:
            amap = new_map(title.strip() or "Untitled map")
            amap = amap.model_copy(update={"nodes": (
                Node(id=new_id(), kind=Kind.CLAIM, text="Main claim"),)})
            self.library.save(amap)
        except (LibraryError, ValueError) as exc:
            self.error("Cannot create map", str(exc))
            return
        self.open_map(amap.info.id)
        roots = self.doc.roots() if self.doc else []
        if roots:
            self.view.select_node(roots[0])
            self.view.start_editing(roots[0])

    def rename_current_map(self) -> None:
        if self.doc is not None:
            self.rename_map(self.doc.map_id)

    def rename_map(self, map_id: str) -> None:
        if self.doc is not None and self.doc.map_id == map_id:
            title = self.prompt_text("Rename map", "New title:", self.doc.info.title)
            if title is None or title.strip() == self.doc.info.title:
                return
            try:
                self.push(commands.RenameMap(self.doc, title.strip()))
            except ValueError as exc:
                self.error("Cannot rename map", str(exc))
            return
        current = self.library.load(map_id).info.title
        title = self.prompt_text("Rename map", "New title:", current)
        if title is None:
            return
        try:
            self.library.rename(map_id, title.strip())
        except (LibraryError, ValueError) as exc:
            self.error("Cannot rename map", str(exc))
        self._refresh_library()

    def duplicate_map(self, map_id: str) -> None:
        self.autosaver.flush()
        try:
            copy = self.library.duplicate(map_id)
        except (LibraryError, ValueError) as exc:
            self.error("Cannot duplicate map", str(exc))
            return
        self.open_map(copy.info.id)

    def delete_map(self, map_id: str) -> None:
        maps = {m.id: m for m in self.library.list_maps()}
        if map_id not in maps:
            return
        summary = maps[map_id]
        if not self.ask("Delete map",
                        f"Delete the map “{summary.title}” and its {summary.node_count} nodes "
                        "from the library? It stays in the trash (File ▸ Restore from Trash)."):
            return
        if self.doc is not None and self.doc.map_id == map_id:
            self.autosaver.flush()
            self._close_document()
        try:
            self.library.delete(map_id)
        except LibraryError as exc:
            self.error("Cannot delete map", str(exc))
        self._refresh_library()
        if self.doc is None:
            self.open_initial_map()
        self._update_title()
        self._update_actions()

    @bulk
    def open_file(self, path: str) -> bool:
        """Add a map file to the library and open it. The file itself is only ever read.

        A map whose id the library already holds (the same map sent back and forth) opens
        as a separate copy, or replaces the user's version, which goes to the trash.
        """
        try:
            amap = read_map(path)
        except MapFileError as exc:
            self.error("Cannot open map file", str(exc))
            return False
        self._remember_recent(path)
        if not self.autosaver.flush():  # the open map, maybe itself just opened, is stored first
            self.error("Cannot open map file", f"Your open map cannot be saved: {self.autosaver.error}")
            return False
        try:
            if self.library.has_map(amap.info.id):
                choice = self.choose_conflict(amap.info.title)
                if choice is None:
                    return False
                if choice == "replace":
                    if self.doc is not None and self.doc.map_id == amap.info.id:
                        self.autosaver.flush()
                        self._close_document()
                    self.library.replace(amap)
                    added = amap
                else:
                    added = self.library.add_new(amap)
            else:
                # A new map is shown first and written to the library just after its first
                # paint (STORE_DELAY_MS): importing 50,000 rows would delay the paint by 0.6 s.
                if not self.open_map(amap.info.id, amap):
                    return False
                self.autosaver.mark_unsaved()
                QTimer.singleShot(STORE_DELAY_MS, self._store_opened)
                self.statusBar().showMessage(
                    f"Opened {Path(path).name} as a map in your library", 5000)
                return True
        except LibraryError as exc:
            self.error("Cannot open map file", str(exc))
            return False
        self.open_map(added.info.id, added)
        self.statusBar().showMessage(f"Opened {Path(path).name} as a map in your library", 5000)
        return True

    def _store_opened(self) -> None:
        """Second half of opening a new map file: write it to the library (unless a switch
        of map or the window closing already did)."""
        if not self.autosaver.flush():
            self.error("Cannot add the map to your library",
                       f"{self.autosaver.error}\n\nThe map stays open; argmap will try again "
                       "after your next change and when you close it.")

    def choose_conflict(self, title: str) -> str | None:
        """'copy', 'replace' or None (cancel) when an opened file's map is already here."""
        box = plain_message_box(
            self, QMessageBox.Question, "Map already in your library",
            f"Your library already has the map “{title}”.\n\nOpen the file as a separate "
            "copy, or replace your version with it? A replaced version is kept in the trash "
            "(File ▸ Restore from Trash).")
        copy = box.addButton("Open as Copy", QMessageBox.AcceptRole)
        replace = box.addButton("Replace My Version", QMessageBox.DestructiveRole)
        box.addButton(QMessageBox.Cancel)
        box.setDefaultButton(copy)
        box.exec()
        clicked = box.clickedButton()
        return "copy" if clicked is copy else "replace" if clicked is replace else None

    def _close_document(self) -> None:
        if self.doc is None:
            return
        self.autosaver.watch(None)
        self.view.setScene(None)
        self.undo_group.removeStack(self.doc.undo_stack)
        self.outline.setModel(None)
        self.doc.deleteLater()
        self.doc = None
        self.scene = None
        self.inspector.show_node(None, None)

    def _remember_recent(self, path: str) -> None:
        recent = [str(Path(path).resolve())]
        stored = self.settings.value("files/recent", [])
        if isinstance(stored, str):
            stored = [stored]
        recent += [p for p in (stored or []) if p != recent[0]]
        self.settings.setValue("files/recent", recent[:10])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        stored = self.settings.value("files/recent", [])
        paths = [stored] if isinstance(stored, str) else list(stored or [])
        for path in paths:
            act = self.recent_menu.addAction(Path(path).name)
            act.setStatusTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_file(p))
        if not paths:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open map file", "",
                                              "argmap files (*.argmap.json *.json)")
        if path:
            self.open_file(path)

    def export_dialog(self) -> None:
        if self.doc is None:
            return
        from argmap.gui.panels.export_dialog import ExportDialog

        current = self.current_id()
        dialog = ExportDialog(self, current is not None, self._direction.value)
        if dialog.exec() != ExportDialog.Accepted:
            return
        suffix = dialog.suffix()
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.doc.info.title)
        path, _ = QFileDialog.getSaveFileName(self, "Export map", f"{name.strip()}{suffix}",
                                              f"*{suffix}")
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.export_to(path, dialog.options(current))

    def export_to(self, path: str, options, progress_dialog: QProgressDialog | None = None) -> bool:
        """Export the open map; a progress dialog with Cancel shows for anything slow."""
        dialog = progress_dialog or QProgressDialog(
            f"Exporting {Path(path).name}…", "Cancel", 0, 100, self)
        dialog.setWindowTitle("Export")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setValue(0)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        failure = None
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            export_map(self.doc.to_map(), path, options, progress)
        except ExportCancelled:
            self.statusBar().showMessage("Export cancelled; nothing was written", 5000)
            return False
        except (ExportError, MapFileError) as exc:
            failure = str(exc)
        finally:
            QApplication.restoreOverrideCursor()
            dialog.reset()
        if failure is not None:
            self.error("Export failed", failure)
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def choose(self, title: str, when_empty: str, prompt: str, labels: list[str]) -> int | None:
        """Index of the item the user picks from `labels`; None if cancelled or empty."""
        if not labels:
            plain_message_box(self, QMessageBox.Information, title, when_empty).exec()
            return None
        choice, ok = QInputDialog.getItem(self, title, prompt, labels, 0, False)
        return labels.index(choice) if ok else None

    def make_backup(self) -> None:
        """Rolling backup of the library (on start and every BACKUP_MINUTES)."""
        self.autosaver.flush()
        try:
            self.library.backup()
        except LibraryError as exc:
            self.statusBar().showMessage(f"Backup failed: {exc}", 8000)

    def restore_from_backup(self) -> None:
        backups = self.library.list_backups()
        index = self.choose("Restore from backup", "There are no backups yet.",
                            "Backup to restore (newest first):", [p.name for p in backups])
        if index is None or not self.ask(
            "Restore from backup",
            f"Replace the whole library with the backup {backups[index].name}? The library as "
            "it is now is backed up first, so this can be reversed."):
            return
        self.autosaver.flush()
        self._close_document()
        try:
            self.library.restore_backup(backups[index])
        except LibraryError as exc:
            self.error("Cannot restore the backup", str(exc))
        self._refresh_library()
        self.open_initial_map()
        self._update_title()
        self._update_actions()

    def restore_from_trash(self) -> None:
        entries = self.library.trash()
        index = self.choose("Restore from trash", "The trash is empty.", "Map to restore:",
                            [f"{e.title} — {e.reason} {e.trashed:%Y-%m-%d %H:%M}" for e in entries])
        if index is None:
            return
        entry = entries[index]
        try:
            restored = self.library.restore(entry.id)
        except (LibraryError, MapFileError) as exc:
            self.error("Cannot restore", str(exc))
            return
        self.open_map(restored.info.id)

    # -- drag and drop of map files -------------------------------------------------------------
    def _dropped_files(self, event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith(".json")]

    def dragEnterEvent(self, event) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        files = self._dropped_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.open_file(path)

    def _context_menu(self, node_id: str, screen_pos: QPointF) -> None:
        menu = QMenu(self)
        if node_id:
            add = menu.addMenu("Add Child")
            add.addActions(list(self.add_kind_actions.values()))
            menu.addActions([self.act_add_sibling, self.act_edit])
            kind = menu.addMenu("Change Kind")
            kind.addActions(list(self.kind_actions.values()))
            menu.addSeparator()
            menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete])
            menu.addSeparator()
            menu.addAction(self.act_collapse)
        else:
            menu.addActions([self.act_add_root, self.act_paste, self.act_zoom_fit])
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(screen_pos.toPoint())

    def _autosave_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Autosave failed: {message}")
        self._update_title()

    def about(self) -> None:
        from argmap import __version__

        plain_message_box(self, QMessageBox.Information, "About argmap",
                          f"argmap {__version__}\nArgument maps: claims, evidence, objections "
                          "and rebuttals.\nYour maps live in:\n" + str(self.library.path)).exec()

    def show_shortcuts(self) -> None:
        lines = []
        for act in self.findChildren(QAction):
            keys = ", ".join(k.toString(QKeySequence.NativeText) for k in act.shortcuts())
            if keys and act.text():
                lines.append(f"{act.text().replace('&', '')}: {keys}")
        plain_message_box(self, QMessageBox.Information, "Keyboard shortcuts",
                          "\n".join(sorted(set(lines)))).exec()

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.editor.finish(commit=True)
        if not self.autosaver.flush() and not self.ask(
            "Close without saving?",
            "The last changes could not be saved to the library. Close anyway and lose them?",
        ):
            event.ignore()
            return
        self._save_settings()
        event.accept()
