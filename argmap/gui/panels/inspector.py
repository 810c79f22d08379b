"""The inspector: kind, text and source of the selected node, edited through commands,
and what the map concludes about it (evaluation_panel.py: assessment, strength, why).

Fields commit when they lose focus (or on Ctrl+Enter in the text); the panel emits
`edit_requested` and never writes the document itself. All fields are plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from argmap.core.model import PREMISES, Kind, Source
from argmap.editing.document import MapDocument
from argmap.editing.evaluation import DocumentEvaluation
from argmap.gui.canvas.inline_editor import LimitedPlainEdit
from argmap.gui.canvas.tooltip import plain_tooltip
from argmap.gui.panels.evaluation_panel import EvaluationPanel
from argmap.gui.panels.outline import role_label
from argmap.gui.source_checks import NodeCheck


class PlainField(LimitedPlainEdit):
    """A multi-line plain-text field that reports when editing is finished; it holds at
    most the model's limit (a longer paste is refused with a message, never cut)."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.editing_finished.emit()
            return
        super().keyPressEvent(event)


def heading(doc: MapDocument, node_id: str) -> str:
    """What the inspector is showing, in words: the kind and where it sits (no ids); for an
    argument also its premises and undercuts, for a premise its argument."""
    node = doc.node(node_id)
    kind = node.kind.value.title()
    if node.parent is None:
        return f"{kind} — a root of the map"
    parent = doc.node(node.parent)
    where = f"the {parent.kind.value} “{excerpt_text(parent.text)}”"
    if node.kind is Kind.ARGUMENT:
        kids = [doc.node(k) for k in doc.children(node_id)]
        premises = [k for k in kids if k.kind in PREMISES]
        lines = [f"{role_label(doc, node_id)} {where}", "Its premises, which hold only together:"]
        lines += [f"• {excerpt_text(p.text)}" for p in premises]
        undercuts = len(kids) - len(premises)
        if undercuts:
            lines.append(f"{undercuts} undercut{'s' if undercuts != 1 else ''}: "
                         "objections to the inference itself")
        return "\n".join(lines)
    if parent.kind is Kind.ARGUMENT:
        role = role_label(doc, node_id)
        if node.kind in PREMISES:
            others = sum(doc.node(k).kind in PREMISES for k in doc.children(parent.id)) - 1
            together = f", with {others} other premise{'s' if others != 1 else ''}" if others else ""
            return f"{role} — of the argument “{excerpt_text(parent.text)}”{together}"
        return f"{role} — attacks the inference of the argument “{excerpt_text(parent.text)}”"
    return f"{kind} — under {where}"


def excerpt_text(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


class Inspector(QWidget):
    edit_requested = Signal(str, dict)  # node id, {"text"|"kind"|"source"|"assessment": value}
    fix_locator_requested = Signal(str)  # node id: its locator made to say where its quote is
    attach_requested = Signal()  # Attach Source Text… for the node's source

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.doc: MapDocument | None = None
        self.node_id: str | None = None
        self.source: DocumentEvaluation | None = None  # the open map's evaluation
        #: The node's quote checked against its source's text (gui/source_checks.py)
        self.quote_check: Callable[[str], NodeCheck | None] | None = None
        self._loading = False
        self.heading = QLabel("No node selected")
        self.heading.setObjectName("inspector-heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setObjectName("inspector-kind")
        for kind in Kind:
            self.kind.addItem(kind.value.title(), kind)
        self.polarity = QComboBox()  # an argument's: does its inference support or attack?
        self.polarity.setObjectName("inspector-polarity")
        self.polarity.addItem("Supports its parent", "supports")
        self.polarity.addItem("Attacks its parent", "attacks")
        self.text = PlainField()
        self.text.setObjectName("inspector-text")
        self.source_title = QLineEdit()
        self.source_url = QLineEdit()
        self.source_locator = QLineEdit()
        self.source_locator.setPlaceholderText("e.g. paragraph 6")
        self.quote = PlainField()
        self.quote.setObjectName("inspector-quote")
        self.quote.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Argument", self.polarity)
        form.addRow("&Text", self.text)
        form.addRow("Source t&itle", self.source_title)
        form.addRow("&URL", self.source_url)
        form.addRow("&Quote", self.quote)
        form.addRow("&Locator", self.source_locator)
        self.check_note = QLabel()  # what is wrong with the quote, or that it is verified
        self.check_note.setObjectName("inspector-quote-check")
        self.check_note.setTextFormat(Qt.TextFormat.PlainText)
        self.check_note.setWordWrap(True)
        self.fix_locator = QPushButton("Fix Locator")
        self.fix_locator.setObjectName("inspector-fix-locator")
        self.fix_locator.setToolTip(plain_tooltip("Make the locator name where the quote is"))
        self.attach_text = QPushButton("Attach Source Text…")
        self.attach_text.setObjectName("inspector-attach-text")
        checks = QHBoxLayout()
        checks.addWidget(self.fix_locator)
        checks.addWidget(self.attach_text)
        checks.addStretch(1)
        form.addRow(self.check_note)
        form.addRow(checks)
        self.fix_locator.clicked.connect(
            lambda: self.node_id and self.fix_locator_requested.emit(self.node_id))
        self.attach_text.clicked.connect(lambda: self.attach_requested.emit())
        self.limit_note = QLabel()
        self.limit_note.setObjectName("inspector-limit")
        self.limit_note.setTextFormat(Qt.TextFormat.PlainText)
        self.limit_note.setWordWrap(True)
        self.limit_note.setStyleSheet("color: #7c2d12;")
        self.limit_note.hide()
        for plain in (self.text, self.quote):
            plain.limit_hit.connect(self._limit_hit)
        # In a scroll area: a short window still shows all of it (the fields need ~500 px).
        body = QWidget()
        scroll = QScrollArea()
        scroll.setObjectName("inspector-scroll")
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        self.evaluation = EvaluationPanel()
        layout.addWidget(self.heading)
        layout.addWidget(self.evaluation.summary)  # strength and standing, at the top
        layout.addWidget(self.limit_note)
        layout.addLayout(form)
        layout.addWidget(self.evaluation, 1)
        self.evaluation.assessment_requested.connect(
            lambda node_id, value: self.edit_requested.emit(node_id, {"assessment": value}))
        self.form = form
        self.kind.activated.connect(self._kind_chosen)
        self.polarity.activated.connect(self._polarity_chosen)
        self.text.editing_finished.connect(self._text_done)
        for field in (self.source_title, self.source_url, self.source_locator):
            field.editingFinished.connect(self._source_done)
        self.quote.editing_finished.connect(self._source_done)
        self.show_node(None, None)

    def show_node(self, doc: MapDocument | None, node_id: str | None) -> None:
        self.doc = doc
        shown = node_id if doc is not None and node_id in doc else None
        if shown != self.node_id:
            self.limit_note.hide()
        self.node_id = shown
        self.refresh()

    def refresh(self, *_: object) -> None:
        self._refresh_fields()
        self.evaluation.show_node(self.doc, self.source, self.node_id)

    def _refresh_fields(self) -> None:
        self._loading = True
        try:
            doc = self.doc
            node = doc.node(self.node_id) if doc and self.node_id else None
            for w in (self.kind, self.text, self.source_title, self.source_url, self.quote,
                      self.source_locator):
                w.setEnabled(node is not None)
            self._show_check(node.id if node is not None else None)
            if doc is None or node is None:
                self.heading.setText("No node selected")
                self.form.setRowVisible(self.polarity, False)
                self.kind.setCurrentIndex(-1)  # no stale kind with nothing to describe
                for w in (self.text, self.quote):
                    w.setPlainText("")
                for w in (self.source_title, self.source_url, self.source_locator):
                    w.setText("")
                return
            self.heading.setText(heading(doc, node.id))
            self.form.setRowVisible(self.polarity, node.kind is Kind.ARGUMENT)
            if node.polarity is not None:
                self.polarity.setCurrentIndex(self.polarity.findData(node.polarity))
            allowed = doc.allowed_kinds(node.id)
            model = self.kind.model()
            assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
            for row in range(self.kind.count()):
                model.item(row).setEnabled(self.kind.itemData(row) in allowed)
            self.kind.setCurrentIndex(self.kind.findData(node.kind))
            if self.text.toPlainText() != node.text:
                self.text.setPlainText(node.text)
            src = node.source or Source()
            if self.quote.toPlainText() != src.quote:
                self.quote.setPlainText(src.quote)
            self.source_title.setText(src.title)
            self.source_url.setText(src.url)
            self.source_locator.setText(src.locator)
        finally:
            self._loading = False

    def _show_check(self, node_id: str | None) -> None:
        """The quote's check in words, Fix Locator when the quote is elsewhere, and Attach
        Source Text… for a quote whose source has no text yet."""
        doc = self.doc
        node = doc.get(node_id) if doc is not None else None
        source = node.source if node is not None else None
        result = self.quote_check(node.id) if self.quote_check and node is not None else None
        record = doc.sources().get(source.source_id or "") if doc and source else None
        quoted = source is not None and bool(source.quote.strip())
        if result is not None:
            said = "✓ Quote verified in the source's text" if result.verified else \
                f"⚠ Quote check: {result.problem}"
        elif quoted and record is not None and record.text is None:
            said = "The quote is not checked: its source has no text attached"
        else:
            said = ""
        self.check_note.setText(said)
        self.check_note.setVisible(bool(said))
        self.check_note.setStyleSheet("" if result is None or result.verified
                                      else "color: #7c2d12; font-weight: bold;")
        self.fix_locator.setVisible(result is not None and result.found is not None
                                    and not result.verified)
        self.attach_text.setVisible(record is not None and record.text is None)

    def _limit_hit(self, message: str) -> None:
        self.limit_note.setText(message)
        self.limit_note.show()

    def _kind_chosen(self, row: int) -> None:
        if not self._loading and self.node_id:
            self.edit_requested.emit(self.node_id, {"kind": self.kind.itemData(row)})

    def _polarity_chosen(self, row: int) -> None:
        if not self._loading and self.node_id:
            self.edit_requested.emit(self.node_id, {"polarity": self.polarity.itemData(row)})

    def _text_done(self) -> None:
        if self._loading or not self.node_id or not self.doc or self.node_id not in self.doc:
            return
        if self.text.toPlainText().strip() != self.doc.node(self.node_id).text:
            self.edit_requested.emit(self.node_id, {"text": self.text.toPlainText()})

    def _source_done(self) -> None:
        if self._loading or not self.node_id or not self.doc or self.node_id not in self.doc:
            return
        values = {
            "title": self.source_title.text(),
            "url": self.source_url.text(),
            "quote": self.quote.toPlainText(),
            "locator": self.source_locator.text(),
        }
        source = Source(**values) if any(v.strip() for v in values.values()) else None
        if source != self.doc.node(self.node_id).source:
            self.edit_requested.emit(self.node_id, {"source": source})
