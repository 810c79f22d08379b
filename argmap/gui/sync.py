"""PanelSync: the open map in the canvas, the outline and the inspector, one selection in all.

The canvas and the outline are two views of one document; whichever the user selects
in, the other follows and the inspector shows the current node. `_syncing` stops the
echo (the canvas selecting in the outline selecting in the canvas ...).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Signal

from argmap.gui.canvas.view import MapView
from argmap.gui.panels.inspector import Inspector
from argmap.gui.panels.outline import OutlineModel, OutlineView
from argmap.gui.workspace import Workspace

OUTLINE_EXPAND_ALL = 5_000  # larger maps open with the outline's top levels expanded


class PanelSync(QObject):
    selection_changed = Signal()  # the selection or the current node changed, in either view

    def __init__(self, workspace: Workspace, view: MapView, outline: OutlineView,
                 inspector: Inspector, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.outline = outline
        self.inspector = inspector
        self.outline_model: OutlineModel | None = None
        self._syncing = False
        workspace.document_changed.connect(self._attach)
        inspector.evaluation.node_chosen.connect(view.select_node)  # a why-list entry
        # The workspace goes first when the window is destroyed; its scene, deleted with
        # it, still reports its selection cleared: nothing is left to follow it by then.
        workspace.destroyed.connect(self._stop)

    def _stop(self) -> None:
        self._syncing = True

    def _attach(self) -> None:
        """Show the newly opened map (or nothing) in every view, its first root selected."""
        doc, scene = self.workspace.doc, self.workspace.scene
        self.view.editor.finish(commit=False)
        old_model = self.outline_model
        if doc is None or scene is None:
            self.view.setScene(None)
            self.outline.setModel(None)
            self.outline_model = None
        else:
            self.view.setScene(scene)
            self.outline_model = model = OutlineModel(doc, self.outline)
            self.outline.setModel(model)
            self.expand_outline()
            model.modelReset.connect(self._outline_reset)
            self.outline.selectionModel().selectionChanged.connect(self._outline_selection)
            scene.selectionChanged.connect(self._canvas_selection)
            doc.nodes_changed.connect(self.inspector.refresh)
            doc.structure_changed.connect(self.inspector.refresh)
        if old_model is not None:
            old_model.deleteLater()
        self.inspector.source = self.workspace.evaluation
        self.inspector.show_node(doc, None)
        if doc is None or scene is None:
            return
        roots = doc.roots()
        if roots:
            scene.select_only([roots[0]])
        self.view.zoom_reset()
        self.show_opening_view()
        self.view.setFocus()

    def current_id(self) -> str | None:
        return self.view.current_node()

    def selected_ids(self) -> list[str]:
        scene = self.workspace.scene
        return scene.selected_ids() if scene is not None else []

    # -- the first view of a map ----------------------------------------------------------------
    def show_opening_view(self) -> None:
        """The whole map if its text can be read that way; else a readable zoom from its
        root (MapView.zoom_to_fit, the same view as Ctrl+0)."""
        if self.workspace.scene is not None:
            self.view.zoom_to_fit()

    # -- selection ------------------------------------------------------------------------------
    def _canvas_selection(self) -> None:
        scene, model = self.workspace.scene, self.outline_model
        if self._syncing or scene is None or model is None:
            return
        ids = scene.selected_ids()
        current = self.current_id()
        self.inspector.show_node(self.workspace.doc, current)
        self._syncing = True
        try:
            selection = self.outline.selectionModel()
            selection.clearSelection()
            for node_id in ids:
                selection.select(model.index_of(node_id), QItemSelectionModel.SelectionFlag.Select)
            if current:
                index = model.index_of(current)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.outline.scrollTo(index)
        finally:
            self._syncing = False
        self.selection_changed.emit()

    def _outline_selection(self, *_: object) -> None:
        scene, model = self.workspace.scene, self.outline_model
        if self._syncing or scene is None or model is None:
            return
        ids = [model.node_id(i) for i in self.outline.selectionModel().selectedRows()]
        current = model.node_id(self.outline.currentIndex())
        ordered = [i for i in ids if i and i != current]
        if current is not None and current in ids:
            ordered.append(current)
        self._syncing = True
        try:
            scene.select_only(ordered)
            if ordered:
                self.view.ensure_node_visible(ordered[-1])
        finally:
            self._syncing = False
        self.inspector.show_node(self.workspace.doc, ordered[-1] if ordered else None)
        self.selection_changed.emit()

    # -- the outline's expansion ----------------------------------------------------------------
    def expand_outline(self) -> None:
        """Expand everything on ordinary maps; the top levels only on very large ones."""
        doc = self.workspace.doc
        if doc is not None and len(doc) > OUTLINE_EXPAND_ALL:
            self.outline.expandToDepth(1)
        else:
            self.outline.expandAll()

    def set_expanded(self, node_id: str, expanded: bool) -> None:
        if self.outline_model is not None:
            self.outline.setExpanded(self.outline_model.index_of(node_id), expanded)

    def edit_in_outline(self, node_id: str) -> bool:
        """Start editing the node's row if the outline has focus; False if it has not."""
        if not self.outline.hasFocus() or self.outline_model is None:
            return False
        self.outline.edit(self.outline_model.index_of(node_id))
        return True

    def _outline_reset(self) -> None:
        self.expand_outline()
        scene, model = self.workspace.scene, self.outline_model
        if scene is not None and model is not None:
            for node_id in scene.collapsed:
                self.outline.collapse(model.index_of(node_id))
        self._canvas_selection()
