"""The action table: every QAction, its shortcut, and where it appears (menus, toolbar,
context menu). Also the one place that enables and disables actions.

Menus, the toolbar, the context menu and shortcuts share the same QAction objects, so a
command is enabled or disabled everywhere at once, from `refresh`. "Canvas" actions
(editing keys such as Tab, Delete, Space) fire only while the canvas or the outline has
focus, never while a text field does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from argmap.core.layout import LayoutStyle
from argmap.core.model import Kind, allowed_child_kinds
from argmap.editing.document import a_kind
from argmap.gui.canvas.tooltip import plain_tooltip
from argmap.gui.canvas.view import MapView
from argmap.gui.dialogs import Dialogs
from argmap.gui.editor import MapEditor
from argmap.gui.evaluation_display import EvaluationDisplay
from argmap.gui.export_actions import ExportActions
from argmap.gui.find import FindController
from argmap.gui.help import Groups, about_text, shortcut_text
from argmap.gui.library_actions import LibraryActions
from argmap.gui.panels.outline import OutlineView
from argmap.gui.source_actions import SourceActions
from argmap.gui.workspace import Workspace

Key = QKeySequence | QKeySequence.StandardKey | str
KIND_KEYS = {Kind.CLAIM: "1", Kind.EVIDENCE: "2", Kind.OBJECTION: "3", Kind.REBUTTAL: "4"}
#: Node ▸ Assessment: Alt+0 … Alt+4 assess 0 %, 25 %, 50 %, 75 %, 100 %.
ASSESSMENT_KEYS = {f"Alt+{i}": i / 4 for i in range(5)}
StandardKey = QKeySequence.StandardKey
PRINTED_MS = 5000  # how long "Printed N pages" stays in the status bar
#: View ▸ Layout, in menu order: the compact layouts first (the default is the first).
LAYOUT_CHOICES = (
    (LayoutStyle.COMPACT_SLIDE, "&Compact for Slides",
     "Pack the map towards a 16:9 screen or slide (the default)"),
    (LayoutStyle.COMPACT_PAGE, "Compact for &Pages",
     "Pack the map towards a portrait page"),
    (LayoutStyle.DOWN, "Tidy &Top-Down", "One row per level, children below their parent"),
    (LayoutStyle.RIGHT, "Tidy &Left-to-Right",
     "One column per level, children right of their parent"),
)


class ActionTable(QObject):
    def __init__(self, window: QMainWindow, workspace: Workspace, view: MapView,
                 outline: OutlineView, docks: Mapping[str, QDockWidget], dialogs: Dialogs,
                 editor: MapEditor, finder: FindController, files: LibraryActions,
                 exports: ExportActions, marks: EvaluationDisplay):
        super().__init__(window)
        self.marks = marks
        self.window = window
        self.workspace = workspace
        self.view = view
        self.outline = outline
        self.dialogs = dialogs
        self.editor = editor
        self.files = files
        self._make_actions(editor, finder, files, exports, docks)
        self._make_menus(files, docks)
        workspace.document_changed.connect(self.refresh)
        workspace.edited.connect(self.refresh)
        workspace.layout_changed.connect(self._check_layout)
        editor.context_requested.connect(self.context_menu)

    def _action(self, text: str, slot: Callable[[], object], shortcut: Key | list[Key] | None = None,
                *, canvas: bool = False, tip: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if canvas:  # only while the canvas or outline itself has focus, not an editor in it
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(action)
            self.outline.addAction(action)
        else:
            self.window.addAction(action)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self, editor: MapEditor, finder: FindController, files: LibraryActions,
                      exports: ExportActions, docks: Mapping[str, QDockWidget]) -> None:
        a, view = self._action, self.view
        self.act_new_map = a("&New Map", files.new_map, StandardKey.New)
        self.act_open = a("&Open Map File…", files.open_file_dialog, StandardKey.Open,
                          tip="Add a map file to the library as a new map")
        self.act_compare = a("Co&mpare with File…", files.compare_file_dialog,
                             tip="Show how a map file differs from the open map; change nothing")
        self.act_export = a("&Export…", exports.export_dialog, "Ctrl+E",
                            tip="Export as PNG, SVG, PDF or an argmap map file")
        self.act_print = a("&Print…", self.print_map, StandardKey.Print,
                           tip="Print the map as its PDF export lays it out, with a preview")
        self.act_trash = a("Restore from &Trash…", files.restore_from_trash)
        self.act_restore_backup = a("Restore Library from &Backup…", files.restore_from_backup)
        self.act_rename_map = a("&Rename Map…", files.rename_current_map)
        self.act_quit = a("&Quit", self.window.close, StandardKey.Quit)
        self.act_save = a("&Save", self.save_now, StandardKey.Save,
                          tip="argmap saves every change automatically; this saves at once")

        undo_group = self.workspace.undo_group
        self.act_undo = undo_group.createUndoAction(self.window, "&Undo")
        self.act_undo.setShortcuts(StandardKey.Undo)
        self.act_redo = undo_group.createRedoAction(self.window, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.window.addAction(self.act_undo)
        self.window.addAction(self.act_redo)
        # The toolbar's Undo and Redo say just that (the menu says what): a button reading
        # "Undo Change text of node" pushes the rest of the toolbar into its overflow.
        self.tool_undo = QAction("Undo", self.window)
        self.tool_undo.setObjectName("toolbar-undo")
        self.tool_undo.triggered.connect(lambda _c=False: undo_group.undo())
        self.tool_redo = QAction("Redo", self.window)
        self.tool_redo.setObjectName("toolbar-redo")
        self.tool_redo.triggered.connect(lambda _c=False: undo_group.redo())
        for act, full in ((self.tool_undo, self.act_undo), (self.tool_redo, self.act_redo)):
            act.setEnabled(full.isEnabled())
            full.changed.connect(partial(self._follow, act, full))
            self._follow(act, full)
        self.act_cut = a("Cu&t", editor.cut, StandardKey.Cut, canvas=True)
        self.act_copy = a("&Copy", editor.copy, StandardKey.Copy, canvas=True)
        self.act_paste = a("&Paste", editor.paste, StandardKey.Paste, canvas=True)
        self.act_delete = a("&Delete", editor.delete_selected, [StandardKey.Delete, "Backspace"],
                            canvas=True)
        self.act_select_all = a("Select &All", editor.select_all, StandardKey.SelectAll,
                                canvas=True)
        self.act_find = a("&Find…", finder.show, StandardKey.Find)
        self.act_find_next = a("Find &Next", finder.next, [StandardKey.FindNext, "Ctrl+G"])
        self.act_find_prev = a("Find Pre&vious", finder.previous,
                               [StandardKey.FindPrevious, "Ctrl+Shift+G"])
        self.act_preferences = a("Pr&eferences…", self.preferences, "Ctrl+,",
                                 tip="Layout, evaluation marks, export choices, library location")
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_history = docks["history"].toggleViewAction()
        self.act_history.setText("&History")
        # Tabbed with the inspector, a shown dock would stay behind it: bring it forward.
        history = docks["history"]
        self.act_history.triggered.connect(lambda shown: self._raise_if_shown(history, shown))

        self.act_add_child = a("Add &Child…", editor.choose_child_kind, ["Tab", "Insert"],
                               canvas=True, tip="Add a child of a chosen kind")
        self.act_add_sibling = a("Add &Sibling", editor.add_sibling, ["Return", "Enter"],
                                 canvas=True)
        self.act_add_root = a("Add &Root Claim", editor.add_root, "Ctrl+Shift+N")
        self.add_kind_actions = {
            kind: a(f"Add {kind.value.title()}", partial(editor.add_child, kind))
            for kind in KIND_KEYS  # not an argument: it is never added empty
        }
        self.act_edit = a("&Edit Text", editor.edit_current, "F2", canvas=True)
        self.kind_actions = {
            kind: a(f"Make {kind.value.title()}", partial(editor.set_kind, kind),
                    f"Ctrl+{KIND_KEYS[kind]}", canvas=True)
            for kind in KIND_KEYS
        }
        # A refused change of kind still answers its key: while "Make Claim" is greyed out,
        # its twin (same key, in no menu) says why in the status bar (Qt fires no disabled
        # action's shortcut, and an enabled twin is then the only one bound to the key).
        self.kind_refusals = {
            kind: a(f"Make {kind.value.title()}", partial(editor.refuse_kind, kind),
                    f"Ctrl+{KIND_KEYS[kind]}", canvas=True)
            for kind in KIND_KEYS
        }
        self.act_move_up = a("Move &Up", lambda: editor.reorder(-1), "Alt+Up", canvas=True)
        self.act_move_down = a("Move Do&wn", lambda: editor.reorder(1), "Alt+Down", canvas=True)
        self.act_promote = a("&Promote", editor.promote, ["Alt+Left", "Shift+Tab"], canvas=True,
                             tip="Move the node up a level, after its parent")
        self.act_demote = a("D&emote", editor.demote, "Alt+Right", canvas=True,
                            tip="Move the node under its previous sibling")
        self.act_link = a("&Link as Co-premises", editor.link_selected, "Ctrl+L", canvas=True,
                          tip="The selected sibling reasons become the premises of one "
                              "argument: they hold only together")
        self.act_add_premise = a("Add Co-&premise", editor.add_co_premise,
                                 tip="A new premise of the selected argument, or beside the "
                                     "selected premise")
        self.act_unlink = a("&Unlink Argument", editor.unlink_current, "Ctrl+Shift+L",
                            canvas=True, tip="The argument's premises become reasons of "
                                             "their own again, in its place")
        self.act_attacks = a("Argument &Attacks", self._toggle_polarity,
                             tip="Whether the selected argument attacks its parent (or "
                                 "supports it)")
        self.act_attacks.setCheckable(True)
        self.assess_actions = [
            a(f"Assess {value * 100:.0f} %", partial(editor.set_assessment, value), key,
              canvas=True) for key, value in ASSESSMENT_KEYS.items()]
        self.act_unassess = a("&Not Assessed", partial(editor.set_assessment, None),
                              "Alt+Delete", canvas=True,
                              tip="Clear the assessment: the node counts as 50 %")
        self.act_collapse = a("Collapse/E&xpand", editor.toggle_collapse, "Space", canvas=True)
        self.act_expand_all = a("Expand &All", editor.expand_all, "Ctrl+Shift+E")

        self.act_zoom_in = a("Zoom &In", view.zoom_in, [StandardKey.ZoomIn, "Ctrl+="])
        self.act_zoom_out = a("Zoom &Out", view.zoom_out, StandardKey.ZoomOut)
        self.act_zoom_fit = a("&Readable View", view.zoom_to_fit, "Ctrl+0",
                              tip="The whole map if its text can be read that way, else as wide "
                                  "as fits at a readable size, from the root")
        self.act_zoom_sel = a("Zoom to &Selection", view.zoom_to_selection, "Ctrl+Alt+0")
        self.act_zoom_100 = a("&Actual Size", view.zoom_reset, "Ctrl+Alt+1")
        self.act_zoom_whole = a("Show &Whole Map", view.zoom_to_whole,
                                tip="The whole map in the window, even where its text is too "
                                    "small to read")
        self.act_overview = QAction("&Overview", self.window)
        self.act_overview.setCheckable(True)
        self.act_overview.setChecked(view.overview.enabled_by_user)
        self.act_overview.setStatusTip("A small picture of the whole map to move around in")
        self.act_overview.toggled.connect(view.set_overview_enabled)
        self.act_show_evaluation = QAction("Show &Evaluation", self.window)
        self.act_show_evaluation.setCheckable(True)
        self.act_show_evaluation.setChecked(self.marks.shown)
        self.act_show_evaluation.setStatusTip(
            "Mark each box with its strength (from your assessments) and whether it stands")
        self.act_show_evaluation.toggled.connect(self.marks.set_shown)
        self.marks.shown_changed.connect(self.act_show_evaluation.setChecked)
        self.layout_group = QActionGroup(self.window)
        self.layout_actions: dict[LayoutStyle, QAction] = {}
        for style, label, tip in LAYOUT_CHOICES:
            act = a(label, partial(self.workspace.set_layout, style), tip=tip)
            act.setCheckable(True)
            self.layout_group.addAction(act)
            self.layout_actions[style] = act
        self.act_about = a("&About argmap", self.about)
        self.act_keys = a("&Keyboard Shortcuts", self.show_shortcuts, StandardKey.HelpContents)

        #: Enabled when a node is current (the kind actions also follow the map's rules).
        self.node_actions = [
            self.act_add_child, self.act_add_sibling, self.act_edit, self.act_cut, self.act_copy,
            self.act_delete, self.act_move_up, self.act_move_down, self.act_promote,
            self.act_demote, self.act_collapse, self.act_link, self.act_unlink,
            self.act_add_premise, self.act_attacks, *self.add_kind_actions.values(),
            *self.assess_actions, self.act_unassess,
            *self.kind_actions.values()]
        #: Enabled when a map is open.
        self.map_actions = [self.act_add_root, self.act_paste, self.act_rename_map,
                            self.act_export, self.act_find, self.act_zoom_fit,
                            self.act_zoom_whole, self.act_save,
                            self.act_select_all, self.act_compare]
        self.map_actions.append(self.act_print)

    def _make_menus(self, files: LibraryActions, docks: Mapping[str, QDockWidget]) -> None:
        bar = self.window.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.act_new_map, self.act_open, self.act_save])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent(self.recent_menu))
        file.addActions([self.act_compare, self.act_export, self.act_print])
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
        edit.addSeparator()
        edit.addAction(self.act_preferences)
        node = self.node_menu = bar.addMenu("&Node")
        node.addActions([self.act_add_child, self.act_add_sibling, self.act_add_root])
        add_menu = node.addMenu("Add Child of &Kind")
        add_menu.addActions(list(self.add_kind_actions.values()))
        node.addSeparator()
        node.addAction(self.act_edit)
        kind_menu = node.addMenu("Change &Kind")
        kind_menu.setToolTipsVisible(True)  # a greyed-out kind says why
        kind_menu.addActions(list(self.kind_actions.values()))
        assess_menu = node.addMenu("Assess&ment")
        assess_menu.addActions([*self.assess_actions, self.act_unassess])
        node.addSeparator()
        node.addActions([self.act_link, self.act_add_premise, self.act_unlink, self.act_attacks])
        node.addSeparator()
        node.addActions([self.act_move_up, self.act_move_down, self.act_promote, self.act_demote])
        node.addSeparator()
        node.addActions([self.act_collapse, self.act_expand_all])
        view = self.view_menu = bar.addMenu("&View")
        view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_fit,
                         self.act_zoom_whole, self.act_zoom_sel, self.act_zoom_100])
        view.addSeparator()
        view.addActions([self.act_overview, self.act_show_evaluation])
        view.addSeparator()
        layout_menu = view.addMenu("&Layout")
        layout_menu.addActions(list(self.layout_actions.values()))
        view.addSeparator()
        for name, dock in docks.items():
            if name != "history":
                view.addAction(dock.toggleViewAction())
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_keys, self.act_about])

        self.toolbar = tools = QToolBar("Main", self.window)
        self.window.addToolBar(tools)
        tools.setObjectName("toolbar-main")
        tools.addActions([self.act_new_map, self.act_open])
        tools.addSeparator()
        tools.addActions([self.tool_undo, self.tool_redo])
        tools.addSeparator()
        tools.addActions(list(self.add_kind_actions.values()))
        tools.addAction(self.act_delete)
        tools.addSeparator()
        tools.addActions([self.act_zoom_fit, self.act_find])

    def add_source_actions(self, sources: SourceActions, pane_toggle: QAction) -> None:
        """Node ▸ Attach Source Text…, New Evidence / Objection from Selection (what the
        Source pane has selected) and View ▸ Source (gui/source_actions.py does them)."""
        a = self._action
        self.act_attach_text = a("Attach Source &Text…", sources.attach_text,
                                 tip="Paste or open the text of the selected node's source, "
                                     "so its quotes are checked and shown in the Source pane")
        self.act_evidence_from_selection = a(
            "New E&vidence from Selection", partial(sources.new_from_selection, Kind.EVIDENCE),
            "Ctrl+Shift+Q", tip="Evidence under the selected node, quoting the passage "
                                "selected in the Source pane")
        self.act_objection_from_selection = a(
            "New O&bjection from Selection", partial(sources.new_from_selection, Kind.OBJECTION),
            "Ctrl+Shift+O", tip="An objection under the selected node, quoting the passage "
                                "selected in the Source pane")
        self.act_fix_locator = a("Fi&x Locator", sources.fix_locator,
                                 tip="Make the locator name the paragraph the quote is in")
        self.act_source_pane = pane_toggle
        pane_toggle.setText("&Source")
        pane_toggle.setStatusTip("The source's text beside the map, its quoted passages "
                                 "highlighted")
        self.node_menu.addSeparator()
        self.node_menu.addActions([self.act_attach_text, self.act_evidence_from_selection,
                                   self.act_objection_from_selection, self.act_fix_locator])
        self.map_actions.append(self.act_attach_text)
        self.node_actions += [self.act_evidence_from_selection, self.act_objection_from_selection,
                              self.act_fix_locator]
        self._sources = sources
        self.refresh()

    def context_menu(self, node_id: str, screen_pos: QPointF) -> None:
        menu = QMenu(self.window)
        if node_id:
            add = menu.addMenu("Add Child")
            add.addActions(list(self.add_kind_actions.values()))
            menu.addActions([self.act_add_sibling, self.act_edit])
            kind = menu.addMenu("Change Kind")
            kind.setToolTipsVisible(True)
            kind.addActions(list(self.kind_actions.values()))
            assess = menu.addMenu("Assessment")
            assess.addActions([*self.assess_actions, self.act_unassess])
            menu.addSeparator()
            menu.addActions([self.act_link, self.act_add_premise, self.act_unlink])
            menu.addSeparator()
            menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete])
            menu.addSeparator()
            menu.addAction(self.act_collapse)
            if getattr(self, "_sources", None) is not None and self._sources.can_fix(node_id):
                menu.addAction(self.act_fix_locator)
        else:
            menu.addActions([self.act_add_root, self.act_paste, self.act_zoom_fit])
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(screen_pos.toPoint())

    def refresh(self, *_: object) -> None:
        """Enable what applies to the open map and its current node; the one place that does."""
        doc = self.workspace.doc
        current = self.view.current_node() if doc is not None else None
        for act in self.node_actions:
            act.setEnabled(current is not None)
        for act in self.map_actions:
            act.setEnabled(doc is not None)
        for act in self.kind_refusals.values():
            act.setEnabled(False)
        if current is not None and doc is not None:
            node = doc.node(current)
            allowed = allowed_child_kinds(node.kind)
            for kind, act in self.add_kind_actions.items():
                act.setEnabled(kind in allowed)
            for kind, act in self.kind_actions.items():
                reason = doc.kind_refusal(current, kind)
                act.setEnabled(reason is None)
                tip = f"Not possible here: {reason}" if reason else f"Make this node {a_kind(kind)}"
                act.setStatusTip(tip)
                act.setToolTip(plain_tooltip("Not possible here:", reason) if reason
                               else plain_tooltip(f"Make this node {a_kind(kind)}"))
                self.kind_refusals[kind].setEnabled(reason is not None)
            up = doc.get(node.parent)
            argument = node if node.kind is Kind.ARGUMENT else (
                up if up is not None and up.kind is Kind.ARGUMENT else None)
            for act in (self.act_add_premise, self.act_unlink, self.act_attacks):
                act.setEnabled(argument is not None)
            self.act_attacks.setChecked(argument is not None and argument.polarity == "attacks")

    def preferences(self) -> None:
        from argmap.gui.preferences_actions import edit_preferences

        edit_preferences(self.window, self.workspace, self.marks, self.dialogs, self.files.settings)

    def _toggle_polarity(self) -> None:
        self.editor.set_polarity("attacks" if self.act_attacks.isChecked() else "supports")
        self.refresh()  # a refused change unticks it again

    def _check_layout(self, style: LayoutStyle) -> None:
        self.layout_actions[style].setChecked(True)

    def print_map(self) -> None:
        """File ▸ Print… (QtPrintSupport loads at the first print, not at start-up)."""
        from argmap.gui.printing import print_open_map

        pages = print_open_map(self.workspace, self.dialogs)
        if pages is not None:
            self.window.statusBar().showMessage(
                f"Printed {pages} page{'s' if pages != 1 else ''}", PRINTED_MS)

    # -- help -------------------------------------------------------------------------------------
    def about(self) -> None:
        self.dialogs.about(about_text(self.workspace.library.path))

    def show_shortcuts(self) -> None:
        self.dialogs.info("Keyboard shortcuts",
                          shortcut_text(self.shortcut_groups(), (self.act_undo, self.act_redo)))

    def shortcut_groups(self) -> Groups:
        """F1's groups, in the order a new user needs them."""
        return [
            ("Adding nodes", [
                self.act_add_child, self.act_add_sibling, self.act_add_root,
                "Type C, E, O or R in the Tab menu: pick the kind"]),
            ("Editing text", [
                self.act_edit, "Double-click a node: edit its text",
                "Enter: finish editing", "Shift+Enter: a new line in the text",
                "Esc: cancel editing (the text stays as it was; a node just added goes)"]),
            ("Moving around", [
                "Arrow keys: to the parent, a child, or the next node beside",
                "Drag empty space: pan the map", "Ctrl+wheel: zoom at the mouse pointer",
                "Click in the overview (bottom right): go there",
                self.act_zoom_in, self.act_zoom_out, self.act_zoom_fit, self.act_zoom_sel,
                self.act_zoom_100, self.act_collapse, self.act_expand_all]),
            ("Changing the map", [
                *self.kind_actions.values(), self.act_move_up, self.act_move_down,
                self.act_promote, self.act_demote,
                "Drag a node onto another: move it under that node (onto its edge: beside it)",
                self.act_delete, self.act_undo, self.act_redo]),
            ("Arguments: premises that hold only together", [
                self.act_link, self.act_unlink, self.act_add_premise,
                "Tab on an argument: add a premise (C, E) or an undercut (O)",
                "Enter on a premise: add a co-premise beside it",
                "Drag a reason onto an argument or into its frame: make it a premise"]),
            ("Judging the map", [
                *self.assess_actions, self.act_unassess, self.act_show_evaluation,
                "Click an entry in the Inspector's why list: go to that node"]),
            ("Selecting and the clipboard", [
                "Shift+drag on empty space: select several nodes", self.act_select_all,
                self.act_cut, self.act_copy, self.act_paste]),
            *self._source_group(),
            ("Finding", [self.act_find, self.act_find_next, self.act_find_prev,
                         "Esc: close the find bar"]),
            ("Maps and files", [
                self.act_new_map, self.act_open, self.act_save, self.act_export, self.act_print,
                self.act_preferences, self.act_quit,
                "Delete in the library list: delete that map (to the trash)"]),
            ("Help", [self.act_keys]),
        ]

    def _source_group(self) -> Groups:
        if getattr(self, "_sources", None) is None:
            return []
        return [("Sources: quotes from the text beside the map", [
            self.act_source_pane, self.act_attach_text, self.act_evidence_from_selection,
            self.act_objection_from_selection, self.act_fix_locator,
            "Drag a passage from the Source pane onto a node: it quotes that passage"])]

    def save_now(self) -> None:
        """Ctrl+S: nothing to do but say so, after writing any change still waiting."""
        self.view.editor.finish(commit=True)
        autosaver = self.workspace.autosaver
        if autosaver.flush():
            self.window.statusBar().showMessage(
                "Saved — argmap saves automatically: every change is kept as you make it", 5000)
        else:
            self.window.statusBar().showMessage(f"Could not save: {autosaver.error}")

    @staticmethod
    def _raise_if_shown(dock: QDockWidget, shown: bool) -> None:
        if shown:
            dock.raise_()

    @staticmethod
    def _follow(short: QAction, full: QAction) -> None:
        """A toolbar Undo/Redo follows the menu's: enabled, and its text as tooltip."""
        short.setEnabled(full.isEnabled())
        text = full.text().replace("&", "")
        keys = full.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        short.setToolTip(plain_tooltip(f"{short.text()} ({keys})" if keys else short.text(), text))
