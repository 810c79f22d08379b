"""Find in the open map: the find bar above the canvas and the controller that steps matches.

A node matches when the search text is in its text or its source quote (case-folded).
The scene draws the matches (MapScene.set_matches / set_current_match); the controller
only decides which nodes they are and which one is current.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from argmap.editing.document import MapDocument
from argmap.gui.canvas.view import MapView
from argmap.gui.workspace import Workspace


class FindBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.field = QLineEdit()
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText("Find in map (Enter: next, Shift+Enter: previous)")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.prev_button = QToolButton()
        self.prev_button.setText("▲")
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        self.hide()


def find_nodes(doc: MapDocument, text: str) -> list[str]:
    """Ids of the nodes whose text or source quote holds `text`, in reading order."""
    needle = text.casefold().strip()
    found: list[str] = []
    if not needle:
        return found
    for root in doc.roots():
        for node_id in doc.subtree(root):
            node = doc.node(node_id)
            if needle in node.text.casefold() or (
                    node.source and needle in node.source.quote.casefold()):
                found.append(node_id)
    return found


class FindController(QObject):
    def __init__(self, bar: FindBar, workspace: Workspace, view: MapView,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.bar = bar
        self.workspace = workspace
        self.view = view
        self.matches: list[str] = []
        self.index = -1
        bar.field.textChanged.connect(self._changed)
        bar.field.returnPressed.connect(self.next)
        bar.next_button.clicked.connect(self.next)
        bar.prev_button.clicked.connect(self.previous)
        bar.close_button.clicked.connect(self.hide)
        bar.field.installEventFilter(self)
        workspace.document_changed.connect(self._document_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar.field and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.step(-1)
                return True
        return super().eventFilter(watched, event)

    def _document_changed(self) -> None:
        if self.workspace.doc is not None:
            self.hide()

    def show(self) -> None:
        if self.workspace.doc is None:
            return
        self.bar.show()
        self.bar.field.setFocus()
        self.bar.field.selectAll()
        self._changed(self.bar.field.text())

    def hide(self) -> None:
        self.bar.hide()
        self._set_matches([])
        self.view.setFocus()

    def next(self) -> None:
        self.step(1)

    def previous(self) -> None:
        self.step(-1)

    def _changed(self, text: str) -> None:
        doc = self.workspace.doc
        if doc is None:
            return
        found = find_nodes(doc, text)
        self._set_matches(found)
        if found:
            self.step(1, from_start=True)

    def _set_matches(self, found: list[str]) -> None:
        if self.workspace.scene is not None:
            self.workspace.scene.set_matches(found)
        self.matches = found
        self.index = -1
        self.bar.count.setText(f"{len(found)} found" if self.bar.field.text().strip() else "")

    def step(self, step: int, from_start: bool = False) -> None:
        scene = self.workspace.scene
        if not self.matches or scene is None:
            if not self.bar.isVisible():
                self.show()
            return
        self.index = 0 if from_start else (self.index + step) % len(self.matches)
        node_id = self.matches[self.index]
        scene.set_current_match(node_id)
        scene.select_only([node_id])
        self.view.center_on_node(node_id)
        self.bar.count.setText(f"{self.index + 1} of {len(self.matches)}")
