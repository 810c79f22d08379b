"""The Source pane (a dock beside the canvas): the open map's source document as plain text
with its paragraph numbers, every quoted passage of the map highlighted, and a chooser when
the map has several sources.

It mirrors the document and never writes it (one-way flow): it follows the document's
signals through QuoteChecks (gui/source_checks.py) and the selection through `show_node`;
what the user does here (New Evidence from Selection, a drag onto a node) goes through
gui/source_actions.py as undo commands. Selecting a node scrolls to its passage and flashes
it for FLASH_MS. Highlights: a verified quote on a yellow ground; a quote found elsewhere
than its locator says on an orange ground, underlined (told apart by more than colour).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from argmap.core.model import SourceRecord
from argmap.editing.document import MapDocument
from argmap.gui.canvas.tooltip import plain_tooltip
from argmap.gui.panels.passage_text import PassageText
from argmap.gui.source_checks import QuoteChecks

FLASH_MS = 1500
VERIFIED_FILL = QColor("#fef08a")
MISPLACED_FILL = QColor("#fed7aa")
FLASH_FILL = QColor("#60a5fa")


def _format(fill: QColor, underline: bool = False) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setBackground(fill)
    if underline:
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        char_format.setUnderlineColor(QColor("#9a3412"))
    return char_format


def record_label(record: SourceRecord) -> str:
    name = record.title or record.url or record.id
    return name if record.text is not None else f"{name} (no text attached)"


class SourcePane(QWidget):
    record_shown = Signal(str)  # the record id now shown ("" for none)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("source-pane")
        self.doc: MapDocument | None = None
        self.checks: QuoteChecks | None = None
        self.record_id = ""
        self.chooser = QComboBox()
        self.chooser.setObjectName("source-chooser")
        self.chooser.activated.connect(self._chosen)
        self.note = QLabel()
        self.note.setObjectName("source-note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.reader = PassageText()
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.chooser)
        layout.addWidget(self.note)
        layout.addWidget(self.reader, 1)
        layout.addLayout(self.buttons)
        self._flash: tuple[int, int] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.show_document(None, None)

    def add_buttons(self, actions: list[tuple[str, QAction]]) -> None:
        """Buttons under the text that trigger these actions (the action table's own),
        each with a short label; the action's name and shortcut are its tooltip."""
        for label, action in actions:
            button = QPushButton(label)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(plain_tooltip(f"{action.text().replace('&', '')} ({keys})"))
            button.clicked.connect(action.trigger)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)

    # -- following the open map ---------------------------------------------------------------
    def show_document(self, doc: MapDocument | None, checks: QuoteChecks | None) -> None:
        self.doc, self.checks = doc, checks
        self.record_id = ""
        if doc is not None and checks is not None:
            doc.sources_changed.connect(self._sources_changed)
            checks.changed.connect(self._checks_changed)
        self._fill_chooser()
        self.show_record(self._first_record())

    def _records(self) -> list[SourceRecord]:
        return list(self.doc.sources().values()) if self.doc is not None else []

    def _first_record(self) -> str:
        records = self._records()
        with_text = [r for r in records if r.text is not None]
        return (with_text or records)[0].id if records else ""

    def _fill_chooser(self) -> None:
        records = self._records()
        self.chooser.clear()
        for record in records:
            self.chooser.addItem(record_label(record), record.id)
        self.chooser.setVisible(len(records) > 1)
        index = self.chooser.findData(self.record_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def _chosen(self, row: int) -> None:
        self.show_record(self.chooser.itemData(row) or "")

    def show_record(self, record_id: str) -> None:
        """Show this record's text (or say it has none), highlighted."""
        record = self.doc.sources().get(record_id) if self.doc is not None and record_id else None
        self.record_id = record.id if record is not None else ""
        index = self.chooser.findData(self.record_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)
        map_id = self.doc.map_id if self.doc is not None else ""
        self._flash = None
        if record is None or record.text is None:
            self.reader.show_text(map_id, self.record_id, "")
            self.reader.setEnabled(False)
            if self.doc is None:
                self.note.setText("No map is open.")
            elif record is None:
                self.note.setText("This map cites no source yet: give a node a source title, "
                                  "then attach the document's text (Node ▸ Attach Source Text…).")
            else:
                self.note.setText(f"“{record.title or record.url}” has no text attached: "
                                  "Node ▸ Attach Source Text… pastes or opens it, so its "
                                  "quotes are checked and shown here.")
        else:
            self.reader.setEnabled(True)
            self.reader.show_text(map_id, record.id, record.text)
            self.note.setText(self._summary())
        self._highlight()
        self.record_shown.emit(self.record_id)

    def _summary(self) -> str:
        if self.checks is None:
            return ""
        mine = {(n.source.quote, n.source.locator): r for i, r in self.checks.results().items()
                if r.record_id == self.record_id and (n := self.doc.get(i)) is not None
                and n.source is not None} if self.doc is not None else {}
        wrong = sum(not r.verified for r in mine.values())
        said = f"{len(mine)} quote{'s' if len(mine) != 1 else ''}"
        if wrong:
            said += f", {wrong} with a problem (marked on the map)"
        return said + ". Select text, then New Evidence from Selection, or drag it onto a node."

    def _sources_changed(self, record_ids: list[str]) -> None:
        """A record added, removed or edited: the chooser lists them again; the shown one
        is shown anew if it changed, or the first with a text if it is gone."""
        self._fill_chooser()
        kept = self.doc is not None and self.record_id in self.doc.sources()
        if not kept or not self.record_id:
            self.show_record(self._first_record())
        elif self.record_id in record_ids:
            self.show_record(self.record_id)

    def _checks_changed(self, _ids: list[str]) -> None:
        if self.record_id:
            self.note.setText(self._summary())
        self._highlight()

    # -- highlights ---------------------------------------------------------------------------
    def passages(self) -> list[tuple[int, int, bool]]:
        """Every quoted passage of the shown text: (start, end, verified), in text order."""
        if self.checks is None or not self.record_id or self.doc is None:
            return []
        record = self.doc.sources().get(self.record_id)
        if record is None or record.text is None or record.text != self.reader.text:
            return []  # the pane follows the document's change next
        spans = {(a, b, r.verified) for r in self.checks.results().values()
                 if r.record_id == self.record_id and r.found is not None
                 for a, b in r.found.spans}
        return sorted(spans)

    def _highlight(self) -> None:
        verified, misplaced = _format(VERIFIED_FILL), _format(MISPLACED_FILL, underline=True)
        spans = [(a, b, verified if ok else misplaced) for a, b, ok in self.passages()]
        if self._flash is not None:
            spans.append((*self._flash, _format(FLASH_FILL)))
        self.reader.highlight(spans)

    def show_node(self, node_id: str | None) -> bool:
        """Scroll to the node's passage and flash it; True when there is one to show."""
        if self.doc is None or self.checks is None or node_id is None or node_id not in self.doc:
            return False
        result = self.checks.check(node_id)
        if result is None or result.found is None:
            return False
        if result.record_id != self.record_id:
            self.show_record(result.record_id)
        start, end = result.found.spans[0][0], result.found.spans[-1][1]
        self.reader.scroll_to(start)
        self._flash = (start, end)
        self._flash_timer.start()
        self._highlight()
        return True

    def flashing(self) -> tuple[int, int] | None:
        """The passage flashing now, as text offsets; None when none is."""
        return self._flash

    def _end_flash(self) -> None:
        self._flash = None
        self._highlight()
