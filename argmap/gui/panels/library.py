"""The library panel: the maps in the SQLite library, filterable, with map actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.core.store import MapSummary
from argmap.gui.canvas.tooltip import plain_tooltip
from argmap.gui.dialogs import plural


class LibraryPanel(QWidget):
    open_requested = Signal(str)  # map id
    new_requested = Signal()
    rename_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("library")
        self.filter = QLineEdit()
        self.filter.setObjectName("library-filter")
        self.filter.setPlaceholderText("Filter maps by title")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("library-list")
        # A long title is cut in its middle with "…", keeping its end and the node count in
        # view (the list used to scroll sideways, cutting titles mid-word with no marker).
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QHBoxLayout()  # "Ne&w": Alt+N is the Node menu's
        self.buttons: dict[str, QPushButton] = {}
        for name, label in (("new", "Ne&w"), ("rename", "Rena&me"), ("duplicate", "D&uplicate"),
                            ("delete", "Delete")):
            button = QPushButton(label)
            button.setObjectName(f"library-{name}")
            buttons.addWidget(button)
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemActivated.connect(lambda item: self.open_requested.emit(self._id(item)))
        self.buttons["new"].clicked.connect(self.new_requested)
        for name, signal in (("rename", self.rename_requested),
                             ("duplicate", self.duplicate_requested),
                             ("delete", self.delete_requested)):
            self.buttons[name].clicked.connect(
                lambda _=False, s=signal: self.selected_id() and s.emit(self.selected_id()))
        # Delete (or Backspace) on the list deletes the selected map, after the same
        # question as the button; the canvas's Delete is bound to the canvas only.
        self.delete_key = QAction("Delete Map", self.list)
        self.delete_key.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete),
                                      QKeySequence("Backspace")])
        self.delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_key.triggered.connect(self.buttons["delete"].click)
        self.list.addAction(self.delete_key)

    @staticmethod
    def _id(item: QListWidgetItem) -> str:
        return item.data(Qt.ItemDataRole.UserRole)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return self._id(item) if item is not None else None

    def set_maps(self, maps: list[MapSummary], current: str | None) -> None:
        self.list.clear()
        for m in maps:
            item = QListWidgetItem(f"{m.title}  ({m.node_count})")  # list items: plain text
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setToolTip(plain_tooltip(f"{plural(m.node_count, 'node')}", m.title))
            self.list.addItem(item)
            if m.id == current:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.list.setCurrentItem(item)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
