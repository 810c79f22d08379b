"""The Inspector's evaluation part: the selected node's assessment (set it here), its
strength and standing, and why: its base score, then each child with its strength and its
impact, largest first. Clicking a child selects it (`node_chosen`), so the user can follow
a number down the map.

Shown for every selected node whether or not View ▸ Show Evaluation is on: a new user finds
the seeded thesis's strength and standing here as soon as the map opens. All text is plain.
The panel never writes the document: it emits `assessment_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from argmap.core.evaluate import UNASSESSED, Why
from argmap.core.evaluate_text import percent
from argmap.core.model import Kind, Node
from argmap.editing.document import MapDocument
from argmap.editing.evaluation import DocumentEvaluation
from argmap.gui.canvas.tooltip import plain_tooltip

#: Children listed at most; a longer why list ends with a line saying how many more.
WHY_ROWS = 50
STEP = 5  # the slider's single step, in percent; a page step is 25
#: One why entry: impact (signed points, "" for the base score), strength, text, node id.
Row = tuple[str, str, str, str | None]


class WhyEntry(QLabel):
    """One entry of the why list: plain text, wrapped; a child's entry is clicked (or, with
    the keyboard, focused and Enter or Space pressed) to go to that child."""

    chosen = Signal(str)

    def __init__(self, shaded: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("why-entry")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setMargin(3)
        self.row: Row = ("", "", "", None)
        # Every other entry shaded, the focused one highlighted: by palette, as a style sheet
        # made showing an entry cost ~2 ms (a polish each time).
        self.setAutoFillBackground(True)
        self._shade = self.palette().color(QPalette.ColorRole.AlternateBase if shaded
                                           else QPalette.ColorRole.Base)
        self._paint(self._shade)

    def _paint(self, colour: QColor) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, colour)
        self.setPalette(palette)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._paint(self.palette().color(QPalette.ColorRole.Highlight).lighter(170))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._paint(self._shade)

    def set_row(self, row: Row) -> None:
        impact, strength, text, node_id = row
        shown = text if node_id is None else f"{impact} points · strength {strength}\n{text}"
        if shown != self.text():  # an unchanged entry costs nothing (no new layout)
            self.setText(shown)
        if (node_id is None) != (self.row[3] is None) or not self.row[2]:
            chosen = node_id is not None
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if chosen else Qt.FocusPolicy.NoFocus)
            self.setCursor(Qt.CursorShape.PointingHandCursor if chosen
                           else Qt.CursorShape.ArrowCursor)
            self.setToolTip(plain_tooltip("Click to go to this node" if chosen else ""))
        self.row = row

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.row[3] is not None:
            self.chosen.emit(self.row[3])
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.row[3] is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                       Qt.Key.Key_Space):
            self.chosen.emit(self.row[3])
            return
        super().keyPressEvent(event)


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def points(impact: float) -> str:
    """An impact in percentage points, signed: "+0.3", "−7.2" (a true minus), "0.0"."""
    text = f"{impact * 100:+.1f}"
    if text in ("+0.0", "-0.0"):
        return "0.0"
    return text.replace("-", "\u2212")


def excerpt(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def base_text(node: Node, base: float) -> str:
    """The base score and where it comes from, in words."""
    head = f"Base score {percent(base)}"
    if node.kind is Kind.ARGUMENT:
        if node.assessment is None:
            return f"{head}: its weakest premise"
        return f"{head}: its weakest premise × your {percent(node.assessment)}"
    if node.assessment is None:
        return f"{head}: not assessed"
    return f"{head}: your assessment"


def standing_text(stands: bool, kind: Kind) -> str:
    if kind is Kind.ARGUMENT:
        return ("Stands: all its premises stand and no undercut stands" if stands
                else "Falls: a premise falls or an undercut stands")
    return ("Stands: every objection against it falls" if stands
            else "Falls: an objection against it stands")


class EvaluationPanel(QWidget):
    assessment_requested = Signal(str, object)  # node id, 0..1 or None (not assessed)
    node_chosen = Signal(str)  # a why-list entry was clicked: select that node

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evaluation")
        self.doc: MapDocument | None = None
        self.source: DocumentEvaluation | None = None
        self.node_id: str | None = None
        self._loading = False
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("assessment-slider")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(STEP)
        self.slider.setPageStep(25)
        self.slider.setTickInterval(25)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName("Assessment")
        self.value = _plain(QLabel())
        self.value.setObjectName("assessment-value")
        self.value.setWordWrap(False)
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("100 %") + 4)
        self.unassessed = QCheckBox("Not assessed")
        self.unassessed.setObjectName("assessment-none")
        self.unassessed.setToolTip(plain_tooltip("Counts as 50 %: no opinion either way"))
        self.summary = _plain(QLabel())
        self.summary.setObjectName("evaluation-summary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.standing = _plain(QLabel())
        self.standing.setObjectName("evaluation-standing")
        self.why = QWidget()  # WhyEntry labels, made as needed and reused
        self.why.setObjectName("evaluation-why")
        self.why.setToolTip(plain_tooltip(
            "Each child's strength, and how many points this node would lose (or gain) "
            "without it. Click one to go there."))
        self._why_rows = QVBoxLayout(self.why)
        self._why_rows.setContentsMargins(0, 0, 0, 0)
        self._why_rows.setSpacing(0)
        self._entries: list[WhyEntry] = []  # made as needed, kept: the first _shown are shown
        self._shown = 0
        self.show_on_map = QCheckBox("Show on every box")
        self.show_on_map.setObjectName("evaluation-on-map")
        self.show_on_map.setToolTip(plain_tooltip(
            "View ▸ Show Evaluation: each box's strength and standing"))
        self.show_on_map.hide()  # until the window gives it View ▸ Show Evaluation

        heading = _plain(QLabel("What the map concludes"))
        heading.setObjectName("evaluation-heading")
        heading.setFont(font)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Assessment")
        label.setBuddy(self.slider)
        row.addWidget(label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.show_on_map)
        layout.addLayout(row)
        layout.addWidget(self.unassessed)
        layout.addWidget(self.standing)
        layout.addWidget(self.why)
        layout.addStretch(1)
        self.slider.valueChanged.connect(self._slid)
        self.slider.sliderReleased.connect(self._commit_slider)
        self.unassessed.clicked.connect(self._none_clicked)
        self.show_node(None, None, None)

    def set_map_action(self, action: QAction) -> None:
        """The box under the heading is View ▸ Show Evaluation, ticked as it is."""
        box = self.show_on_map
        box.setChecked(action.isChecked())
        box.toggled.connect(action.setChecked)
        action.toggled.connect(box.setChecked)
        box.show()

    # -- showing a node -------------------------------------------------------------------------
    def show_node(self, doc: MapDocument | None, source: DocumentEvaluation | None,
                  node_id: str | None) -> None:
        self.doc, self.source = doc, source
        self.node_id = node_id if doc is not None and node_id in doc else None
        self.refresh()

    def refresh(self) -> None:
        self._loading = True
        try:
            doc, source, node_id = self.doc, self.source, self.node_id
            node = doc.get(node_id) if doc is not None else None
            for w in (self.slider, self.unassessed, self.why):
                w.setEnabled(node is not None)
            if node is None or source is None:
                self._show_rows([])
                self.slider.setValue(round(UNASSESSED * 100))
                self.unassessed.setChecked(False)
                self.value.setText("")
                self.summary.setText("")
                self.standing.setText("")
                return
            assessed = node.assessment
            self.slider.setValue(round((UNASSESSED if assessed is None else assessed) * 100))
            self.unassessed.setChecked(assessed is None)
            self._show_value()
            why = source.why(node.id)
            mark = source.mark(node.id)
            stands = bool(mark and mark[1])
            self.summary.setText(f"Strength {percent(why.strength)} ({why.strength:.3f}) · "
                                 f"{'stands' if stands else 'falls'}")
            self.standing.setText(standing_text(stands, node.kind))
            self._fill_why(doc, why, node)
        finally:
            self._loading = False

    def _fill_why(self, doc: MapDocument | None, why: Why, node: Node) -> None:
        rows: list[Row] = [("", percent(why.base), base_text(node, why.base), None)]
        for entry in why.children[:WHY_ROWS]:
            child = doc.get(entry.node_id) if doc is not None else None
            if child is not None:
                rows.append((points(entry.impact), percent(entry.strength),
                             f"{child.kind.value.title()}: {excerpt(child.text)}", entry.node_id))
        more = len(why.children) - WHY_ROWS
        if more > 0:
            rows.append(("", "", f"… and {more:,} more, with smaller impacts", None))
        self._show_rows(rows)

    def _show_rows(self, rows: list[Row]) -> None:
        """One entry per row, reusing the labels already made (an edit costs no widgets)."""
        while len(self._entries) < len(rows):
            label = WhyEntry(len(self._entries) % 2 == 1, self.why)
            label.chosen.connect(self.node_chosen)
            self._why_rows.addWidget(label)
            self._entries.append(label)
        for label, row in zip(self._entries, rows, strict=False):
            label.set_row(row)
            if label.isHidden():
                label.show()
        for label in self._entries[len(rows):self._shown]:
            label.hide()
        self._shown = len(rows)

    def entries(self) -> list[Row]:
        """The why list as shown: (impact, strength, text, node id or None)."""
        return [entry.row for entry in self._entries[:self._shown]]

    def entry_widgets(self) -> list[WhyEntry]:
        return self._entries[:self._shown]

    def _show_value(self) -> None:
        if self.unassessed.isChecked():
            self.value.setText("—")
        else:
            self.value.setText(f"{self.slider.value()} %")

    # -- the user's gestures --------------------------------------------------------------------
    def _slid(self, value: int) -> None:
        if self._loading:
            return
        self.unassessed.setChecked(False)
        self._show_value()
        if not self.slider.isSliderDown():  # keys, clicks on the groove: one step each
            self._request(value / 100)

    def _commit_slider(self) -> None:
        if not self._loading:
            self._request(self.slider.value() / 100)

    def _none_clicked(self, checked: bool) -> None:
        if not self._loading:
            self._request(None if checked else self.slider.value() / 100)

    def _request(self, value: float | None) -> None:
        doc, node_id = self.doc, self.node_id
        if doc is None or node_id is None or node_id not in doc:
            return
        if value != doc.node(node_id).assessment:
            self.assessment_requested.emit(node_id, value)
