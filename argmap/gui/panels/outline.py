"""The outline: the map as an indented list, a second view of the same document.

A QAbstractItemModel over the document's children index (no copy of the tree), so a
50,000-node map costs nothing until rows are shown. Text edits go through `edit_requested`
to the same commands the canvas uses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QWidget,
)

from argmap.core.evaluate_text import percent
from argmap.core.model import MAX_TEXT, PREMISES, Kind
from argmap.editing.document import MapDocument
from argmap.gui.canvas.items import STYLES

Index = QModelIndex | QPersistentModelIndex


def role_label(doc: MapDocument, node_id: str) -> str:
    """What a node is in the map's structure, in words: "Claim", "Argument — supports", and
    under an argument "Premise · Evidence" or "Undercut · Objection"."""
    node = doc.node(node_id)
    kind = STYLES[node.kind].label.title()
    if node.kind is Kind.ARGUMENT:
        return f"{kind} — {node.polarity}"
    up = doc.get(node.parent)
    if up is not None and up.kind is Kind.ARGUMENT:
        return f"{'Premise' if node.kind in PREMISES else 'Undercut'} · {kind}"
    return kind


class OutlineModel(QAbstractItemModel):
    edit_requested = Signal(str, str)  # node id, new text

    def __init__(self, doc: MapDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._key: dict[str, int] = {}
        self._id: list[str] = []
        doc.structure_changed.connect(self._reset)
        doc.nodes_changed.connect(self._changed)

    def _key_of(self, node_id: str) -> int:
        key = self._key.get(node_id)
        if key is None:
            key = len(self._id)
            self._key[node_id] = key
            self._id.append(node_id)
        return key

    def node_id(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        return self._id[index.internalId()]

    def index_of(self, node_id: str) -> QModelIndex:
        if node_id not in self.doc:
            return QModelIndex()
        row = self.doc.siblings(node_id).index(node_id)
        return self.createIndex(row, 0, self._key_of(node_id))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        kids = self.doc.children(self.node_id(parent))
        if column != 0 or not 0 <= row < len(kids):
            return QModelIndex()
        return self.createIndex(row, 0, self._key_of(kids[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node_id = self.node_id(index)
        if node_id is None or node_id not in self.doc:
            return QModelIndex()
        parent = self.doc.node(node_id).parent
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        parent_id = self.node_id(parent)
        if parent_id is not None and parent_id not in self.doc:
            return 0
        return len(self.doc.children(parent_id))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node_id = self.node_id(index)
        if node_id is None or node_id not in self.doc:
            return None
        node = self.doc.node(node_id)
        if role == Qt.ItemDataRole.DisplayRole:  # item views draw DisplayRole as plain text
            first_line = node.text.split("\n", 1)[0]
            label = role_label(self.doc, node_id)
            if node.assessment is not None:  # the user's own judgement, as the Inspector sets it
                return f"{label} ({percent(node.assessment)}): {first_line}"
            return f"{label}: {first_line}"
        if role == Qt.ItemDataRole.EditRole:
            return node.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return STYLES[node.kind].fill
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node_id = self.node_id(index)
        if node_id is None or role != Qt.ItemDataRole.EditRole:
            return False
        self.edit_requested.emit(node_id, str(value))
        return False  # the document's signal updates the row

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _changed(self, ids: list[str]) -> None:
        for node_id in ids:
            index = self.index_of(node_id)
            if index.isValid():
                self.dataChanged.emit(index, index)


class LengthLimit(QValidator):
    """Refuses any change that would make the text longer than MAX_TEXT, typed or pasted,
    and says so (`refused`): a QLineEdit's maxLength would cut a paste silently."""

    refused = Signal(int)  # the length the change would have made

    def __init__(self, parent: QObject | None = None, limit: int = MAX_TEXT):
        super().__init__(parent)
        self.limit = limit

    def validate(self, text: str, pos: int) -> object:
        if len(text) > self.limit:
            self.refused.emit(len(text))
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class OutlineDelegate(QStyledItemDelegate):
    """Edits a row's text in a line edit that holds at most MAX_TEXT characters."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(MAX_TEXT + 1)  # the validator, not a silent cut, enforces the limit
        limit = LengthLimit(editor)
        limit.refused.connect(lambda length: QToolTip.showText(
            editor.mapToGlobal(QPoint(0, editor.height())),
            f"A node holds at most {MAX_TEXT:,} characters; this would make {length:,}. "
            "Nothing was pasted. Split it over several nodes.", editor))
        editor.setValidator(limit)
        return editor


class OutlineView(QTreeView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outline")
        self.setItemDelegate(OutlineDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
