"""MapEditor: what the user means to do to the open map, turned into undo commands.

Keys, menus, the canvas (double-click, drags), the outline and the inspector all ask the
editor; it builds a command (argmap.editing.commands), pushes it on the document's undo
stack and selects the result. A command the rules refuse leaves the map unchanged and a
status-bar message says why. The clipboard holds a fragment of nodes as JSON under our
own MIME type, and an indented plain-text copy for other programs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QObject, QPoint, QPointF, QRect, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from argmap.core.errors import EditRejected, MapFileError
from argmap.core.evaluate_text import percent, standing
from argmap.core.mapfile import dumps_fragment, parse_fragment
from argmap.core.model import PREMISES, Kind, Polarity, allowed_child_kinds
from argmap.editing import commands
from argmap.editing.document import MapDocument
from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.view import MapView
from argmap.gui.sync import PanelSync
from argmap.gui.workspace import Workspace

CLIPBOARD_MIME = "application/x-argmap-fragment+json"
DEFAULT_TEXT = {
    Kind.CLAIM: "New claim",
    Kind.EVIDENCE: "New evidence",
    Kind.OBJECTION: "New objection",
    Kind.REBUTTAL: "New rebuttal",
}
EMPTY_CLIPBOARD_MS = 4000
LINKED_MS = 6000
ASSESSED_MS = 5000


class MapEditor(QObject):
    status = Signal(str, int)  # a status-bar message and how long it stays (ms)
    context_requested = Signal(str, QPointF)  # node id ("" for the background), screen pos

    def __init__(self, workspace: Workspace, view: MapView, sync: PanelSync,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.sync = sync
        workspace.document_changed.connect(self._attach)
        workspace.layout_changed.connect(self._layout_changed)
        view.editor.committed.connect(self._inline_committed)
        view.editor.cancelled.connect(self._inline_cancelled)
        #: The node just added and now typed into in place: its add is the top undo step,
        #: which its text joins (one step); Esc takes it back.
        self._fresh: str | None = None
        sync.inspector.edit_requested.connect(self._inspector_edit)

    def _attach(self) -> None:
        """Listen to the intents of the newly opened map's scene and outline."""
        scene, model = self.workspace.scene, self.sync.outline_model
        if scene is None or model is None:
            return
        model.edit_requested.connect(self._outline_edit)
        scene.move_requested.connect(self._move_requested)
        scene.edit_requested.connect(self.view.start_editing)
        scene.context_requested.connect(self.context_requested)

    def current_id(self) -> str | None:
        return self.view.current_node()

    def _open(self) -> tuple[MapDocument, MapScene] | None:
        """The open map and its scene; None when no map is open."""
        doc, scene = self.workspace.doc, self.workspace.scene
        return (doc, scene) if doc is not None and scene is not None else None

    def _here(self) -> tuple[MapDocument, MapScene, str] | None:
        """The open map, its scene and its current node; None without a current node (the
        actions that act on one are disabled then: ActionTable.refresh)."""
        opened, current = self._open(), self.current_id()
        return (*opened, current) if opened is not None and current is not None else None

    # -- adding nodes ---------------------------------------------------------------------------
    def add_child(self, kind: Kind, parent: str | None = None, index: int | None = None,
                  edit: bool = True) -> str | None:
        opened = self._open()
        parent = self.current_id() if parent is None else parent
        if opened is None or parent is None:
            return None
        opened[1].set_collapsed(parent, False)
        if index is None and kind in PREMISES and opened[0].node(parent).kind is Kind.ARGUMENT:
            index = self._premise_count(parent)  # a new premise comes before the undercuts
        return self._add(parent, kind, index, edit)

    def _add(self, parent: str | None, kind: Kind, index: int | None, edit: bool) -> str | None:
        self.view.editor.finish(commit=True)  # a text being typed is kept first
        if (opened := self._open()) is None:
            return None
        doc = opened[0]
        try:
            cmd, node_id = commands.add_child(doc, parent, kind, DEFAULT_TEXT[kind], index)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return None
        if not self.workspace.push(cmd):
            return None
        self.view.select_node(node_id)
        if edit:
            self.view.start_editing(node_id)
            self._fresh = node_id if self.view.editor.active else None
        return node_id

    def add_sibling(self) -> str | None:
        if (here := self._here()) is None:
            return None
        doc, _scene, current = here
        node = doc.node(current)
        index = doc.siblings(current).index(current) + 1
        return self._add(node.parent, node.kind, index, True)

    def add_root(self) -> str | None:
        return self._add(None, Kind.CLAIM, None, True)

    def choose_child_kind(self) -> None:
        """Tab/Insert: a small menu of the kinds allowed here; type C, E, O or R. Under an
        argument: a premise (claim or evidence, after its premises) or an undercut."""
        if (here := self._here()) is None:
            return
        doc, scene, current = here
        menu = QMenu(self.view.window())
        menu.setObjectName("kind-chooser")
        argument = doc.node(current).kind is Kind.ARGUMENT
        for kind in allowed_child_kinds(doc.node(current).kind):
            label = kind.value.title()
            if argument:
                label = f"Premise: &{label}" if kind in PREMISES else f"Undercut (&{label})"
            act = menu.addAction(label if argument else f"&{label}")
            index = self._premise_count(current) if argument and kind in PREMISES else None
            act.triggered.connect(lambda _c=False, k=kind, i=index: self.add_child(k, current, i))
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self._chooser_position(menu, current, scene))

    def _chooser_position(self, menu: QMenu, node_id: str, scene: MapScene) -> QPoint:
        """Below the node, moved as little as needed to open wholly inside the window
        (above the node when there is no room below)."""
        self.view.ensure_node_visible(node_id)
        box = self.view.mapFromScene(scene.nodes[node_id].sceneBoundingRect()).boundingRect()
        box = QRect(self.view.viewport().mapToGlobal(box.topLeft()), box.size())
        window = self.view.window()
        area = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
        size = menu.sizeHint()
        x = min(max(box.left(), area.left()), area.right() - size.width())
        y = box.bottom()
        if y + size.height() > area.bottom():
            y = box.top() - size.height()
        y = min(max(y, area.top()), area.bottom() - size.height())
        return QPoint(x, y)

    def select_and_edit(self, node_id: str) -> None:
        self.view.select_node(node_id)
        self.view.start_editing(node_id)

    # -- changing nodes -------------------------------------------------------------------------
    def edit_current(self) -> None:
        current = self.current_id()
        if current is not None and not self.sync.edit_in_outline(current):
            self.view.start_editing(current)

    def edit_node(self, node_id: str, **changes: Any) -> bool:
        opened = self._open()
        if opened is None or node_id not in opened[0]:
            return False
        doc = opened[0]
        try:
            cmd = commands.edit_node(doc, node_id, **changes)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return False
        return self.workspace.push(cmd)

    def _inline_committed(self, node_id: str, text: str) -> None:
        added = self._take_fresh(node_id)
        if not text.strip():
            if added is not None:  # nothing typed in a new node: it goes again
                self._take_back(added, node_id)
                return
            self.workspace.refuse(ValueError("a node's text cannot be empty"))
            return
        if added is not None and (doc := self.workspace.doc) is not None:
            try:
                node = commands.added_with_text(doc, added, node_id, text)
            except EditRejected as exc:
                self.workspace.refuse(exc)
                return
            doc.undo_stack.undo()  # the add, pushed again with the text: one undo step
            if self.workspace.push(commands.readd(doc, added, node)):
                self.view.select_node(node_id)
            return
        self.edit_node(node_id, text=text)

    def _inline_cancelled(self) -> None:
        """Esc in the in-place editor: a node added for it goes again (no stray "New
        claim", and no step left in the history)."""
        node_id = self.view.editor.node_id
        added = self._take_fresh(node_id)
        if added is not None:
            self._take_back(added, node_id)

    def _take_fresh(self, node_id: str) -> commands.ChangeNodes | None:
        """The undo step that added node_id, if it was just added for typing into and that
        step is still the last one; None otherwise (then a commit is an edit as any)."""
        fresh, self._fresh = self._fresh, None
        doc = self.workspace.doc
        if fresh != node_id or doc is None:
            return None
        stack = doc.undo_stack
        if stack.index() == 0 or stack.index() != stack.count():
            return None
        top = stack.command(stack.index() - 1)
        return top if isinstance(top, commands.ChangeNodes) and commands.adds(top, node_id) else None

    def _take_back(self, added: commands.ChangeNodes, node_id: str) -> None:
        doc = self.workspace.doc
        assert doc is not None
        parent = doc.node(node_id).parent
        siblings = [s for s in doc.siblings(node_id) if s != node_id]
        doc.undo_stack.undo()
        commands.forget_redo(doc.undo_stack)
        after = parent if parent is not None else (siblings[0] if siblings else None)
        if after is not None and after in doc:
            self.view.select_node(after)

    def _outline_edit(self, node_id: str, text: str) -> None:
        self.edit_node(node_id, text=text)

    def _inspector_edit(self, node_id: str, changes: dict[str, Any]) -> None:
        if not self.edit_node(node_id, **changes):
            self.sync.inspector.refresh()

    def set_kind(self, kind: Kind) -> None:
        current = self.current_id()
        if current is not None:
            self.edit_node(current, kind=kind)

    def refuse_kind(self, kind: Kind) -> None:
        """Ctrl+1…4 on a node that may not become that kind (its action greyed out): why."""
        doc, current = self.workspace.doc, self.current_id()
        reason = doc.kind_refusal(current, kind) if doc is not None and current else None
        if reason:
            self.workspace.refuse(EditRejected(reason))

    def set_assessment(self, value: float | None) -> None:
        """Alt+0…Alt+4, Alt+Delete: the current node's assessment (None: not assessed)."""
        current = self.current_id()
        if current is not None and self.edit_node(current, assessment=value):
            evaluation = self.workspace.evaluation
            mark = evaluation.mark(current) if evaluation is not None else None
            if mark is not None:
                self.status.emit(f"{commands.assessment_label(value)}: strength now "
                                 f"{percent(mark[0])}, {standing(mark[1])}", ASSESSED_MS)

    def delete_selected(self) -> None:
        opened, ids = self._open(), self.sync.selected_ids()
        if opened is None or not ids:
            return
        doc = opened[0]
        # select something sensible afterwards: the parent, or a neighbour
        first = commands.top_level(doc, ids)[0]
        after = doc.node(first).parent
        if after is None:
            others = [s for s in doc.siblings(first) if s not in ids]
            after = others[0] if others else None
        try:
            self.workspace.push(commands.delete_subtrees(doc, ids))
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return
        if after is not None and after in doc:
            self.view.select_node(after)

    # -- arguments: linked premises ---------------------------------------------------------------
    def _premise_count(self, argument: str) -> int:
        doc = self.workspace.doc
        assert doc is not None
        return sum(doc.node(k).kind in PREMISES for k in doc.children(argument))

    def _argument_here(self) -> str | None:
        """The current argument, or the argument the current node is a premise or an
        undercut of; None (and a message) for any other node."""
        if (here := self._here()) is None:
            return None
        doc, _scene, current = here
        node = doc.node(current)
        if node.kind is Kind.ARGUMENT:
            return current
        up = doc.get(node.parent)
        if up is not None and up.kind is Kind.ARGUMENT:
            return up.id
        self.workspace.refuse(ValueError("select an argument, or one of its premises"))
        return None

    def link_selected(self) -> str | None:
        """Ctrl+L: the selected sibling reasons become the premises of one new argument
        (one undo step), whose text is then edited in place."""
        opened, ids = self._open(), self.sync.selected_ids()
        if opened is None:
            return None
        try:
            cmd, argument = commands.link_premises(opened[0], ids)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return None
        if not self.workspace.push(cmd):
            return None
        self.status.emit("Linked: these premises now hold only together. Name the argument "
                         "and press Enter (Esc keeps “New argument”)", LINKED_MS)
        self.select_and_edit(argument)
        return argument

    def add_co_premise(self) -> str | None:
        """A new claim premise of the current argument (after its premises), or beside the
        current premise."""
        argument = self._argument_here()
        doc, current = self.workspace.doc, self.current_id()
        if argument is None or doc is None or current is None:
            return None
        index = self._premise_count(argument)
        node = doc.node(current)
        if current != argument and node.kind in PREMISES:
            index = doc.children(argument).index(current) + 1
        return self.add_child(Kind.CLAIM, argument, index)

    def unlink_current(self) -> None:
        """Ctrl+Shift+L: the current argument (or the one the current node belongs to)
        dissolves, its premises back in its place as reasons of their own."""
        argument = self._argument_here()
        if argument is None or (doc := self.workspace.doc) is None:
            return
        try:
            cmd, premises = commands.unlink_argument(doc, argument)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return
        if self.workspace.push(cmd) and premises and (scene := self.workspace.scene):
            scene.select_only(premises)

    def set_polarity(self, polarity: Polarity) -> None:
        argument = self._argument_here()
        if argument is not None:
            self.edit_node(argument, polarity=polarity)

    # -- moving nodes ---------------------------------------------------------------------------
    def _move_requested(self, node_id: str, parent: str | None, index: int | None) -> None:
        self.move(node_id, parent, index)

    def move(self, node_id: str, parent: str | None, index: int | None,
             label: str | None = None) -> None:
        if (opened := self._open()) is None:
            return
        try:
            cmd = commands.move_node(opened[0], node_id, parent, index, label)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return
        if self.workspace.push(cmd):
            self.view.select_node(node_id)

    def reorder(self, step: int) -> None:
        if (here := self._here()) is None:
            return
        doc, _scene, current = here
        position = doc.siblings(current).index(current) + step
        if 0 <= position < len(doc.siblings(current)):
            self.move(current, doc.node(current).parent, position, "Reorder")

    def promote(self) -> None:
        if (here := self._here()) is None:
            return
        doc, _scene, current = here
        parent = doc.node(current).parent
        if parent is None:
            return
        grand = doc.node(parent).parent
        index = [i for i in doc.children(grand) if i != current].index(parent) + 1
        self.move(current, grand, index, "Promote")

    def demote(self) -> None:
        if (here := self._here()) is None:
            return
        doc, _scene, current = here
        siblings = doc.siblings(current)
        position = siblings.index(current)
        if position == 0:
            self.workspace.refuse(ValueError("there is no previous sibling to move under"))
            return
        self.move(current, siblings[position - 1], None, "Demote")

    # -- what is shown --------------------------------------------------------------------------
    def toggle_collapse(self) -> None:
        if (here := self._here()) is None:
            return
        _doc, scene, current = here
        scene.set_collapsed(current, current not in scene.collapsed)
        self.sync.set_expanded(current, current not in scene.collapsed)
        self.view.ensure_node_visible(current)

    def expand_all(self) -> None:
        scene = self.workspace.scene
        if scene is not None and scene.collapsed:
            scene.collapsed.clear()
            scene.relayout()
            self.sync.expand_outline()

    def select_all(self) -> None:
        scene = self.workspace.scene
        if scene is not None:
            for item in scene.nodes.values():
                if item.isVisible():
                    item.setSelected(True)

    def _layout_changed(self) -> None:
        current = self.current_id()
        if current:
            self.view.center_on_node(current)

    # -- clipboard ------------------------------------------------------------------------------
    def copy(self) -> bool:
        opened, ids = self._open(), self.sync.selected_ids()
        if opened is None or not ids:
            return False
        fragment = commands.fragment_of(opened[0], ids)
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
        if (opened := self._open()) is None:
            return
        doc, scene = opened
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(CLIPBOARD_MIME):
            self.status.emit("The clipboard holds no argmap nodes", EMPTY_CLIPBOARD_MS)
            return
        try:
            fragment = parse_fragment(bytes(mime.data(CLIPBOARD_MIME).data()))
        except MapFileError as exc:
            self.workspace.refuse(exc)
            return
        try:
            cmd, tops = commands.add_subtrees(doc, fragment, self.current_id())
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return
        if self.workspace.push(cmd) and tops:
            scene.select_only(tops)
            self.view.ensure_node_visible(tops[-1])
