"""File ▸ Export…: format, scope and image options, then where to save.

Pictures are report-ready by default: title header, legend and source line on, PNG at 2×,
PDF on the locale's paper (A4, or Letter in US/Canada-style locales), fitted when its text
stays readable and tiled otherwise. They carry the evaluation marks when the canvas shows
them (View ▸ Show Evaluation), unless unticked here.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from argmap.core.layout import LayoutStyle
from argmap.formats import registry
from argmap.formats.options import ExportOptions
from argmap.formats.registry import Format
from argmap.gui.canvas.tooltip import plain_tooltip

#: The Format list: every format argmap writes (formats.registry), by label.
FORMATS = {fmt.label: fmt for fmt in registry.writable()}
SCALES = {"1× (screen)": 1.0, "2× (retina, slides)": 2.0, "300 dpi (print)": 300 / 96}
DEFAULT_SCALE = "2× (retina, slides)"
PAGES = {"A4 or Letter, by locale": None, "A4": "A4", "Letter": "Letter",
         "One page, the map's size": "map"}
FITS = {"Fit on one page when readable, else tile": None, "Fit on one page": False,
        "Several pages at reading size": True}


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, has_selection: bool, direction: str,
                 evaluation: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Export map")
        self.direction = direction
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.scope = QComboBox()
        self.scope.addItem("Whole map")
        if has_selection:
            self.scope.addItem("Selected node and its subtree")
        self.scale = QComboBox()
        self.scale.addItems(list(SCALES))
        self.scale.setCurrentText(DEFAULT_SCALE)
        self.transparent = QCheckBox("Transparent background")
        self.page = QComboBox()
        self.page.addItems(list(PAGES))
        self.tile = QComboBox()
        self.tile.addItems(list(FITS))
        self.header = QCheckBox("Title header")
        self.legend = QCheckBox("Legend of kinds")
        self.sources = QCheckBox("Source line")
        for box in (self.header, self.legend, self.sources):
            box.setChecked(True)
        self.evaluation = QCheckBox("Strength and standing of each box")
        self.evaluation.setToolTip(plain_tooltip(
            "As View ▸ Show Evaluation marks the map, with a legend saying how they are computed"))
        self.evaluation.setChecked(evaluation)
        form = QFormLayout(self)
        form.addRow("&Format", self.format)
        form.addRow("&What", self.scope)
        form.addRow("&Scale", self.scale)
        form.addRow("", self.transparent)
        form.addRow("&Page", self.page)
        form.addRow("Pa&ges", self.tile)
        form.addRow("Add", self.header)
        form.addRow("", self.legend)
        form.addRow("", self.sources)
        form.addRow("", self.evaluation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentTextChanged.connect(self._update)
        self.page.currentTextChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        fmt = self.chosen()
        self.scale.setEnabled("scale" in fmt.options)
        self.transparent.setEnabled("transparent" in fmt.options)
        self.page.setEnabled("page" in fmt.options)
        self.evaluation.setEnabled("evaluation" in fmt.options)
        self.tile.setEnabled("tile" in fmt.options and PAGES[self.page.currentText()] != "map")
        for box in (self.header, self.legend, self.sources):
            box.setEnabled(fmt.picture)

    def chosen(self) -> Format:
        return FORMATS[self.format.currentText()]

    def suffix(self) -> str:
        return self.chosen().suffix

    def _layout(self) -> str:
        """The view's layout, except that a paper PDF packs the slide-shaped compact layout for
        a portrait page instead (as the CLI does): a slide-shaped map tiled a 21-node map
        over four mostly blank A4 pages."""
        paper = "page" in self.chosen().options and PAGES[self.page.currentText()] != "map"
        if paper and self.direction == LayoutStyle.COMPACT_SLIDE:
            return LayoutStyle.COMPACT_PAGE.value
        return self.direction

    def options(self, selected: str | None) -> ExportOptions:
        subtree = selected if self.scope.currentIndex() == 1 else None
        return ExportOptions(
            scale=SCALES[self.scale.currentText()],
            transparent=self.transparent.isChecked(),
            subtree=subtree,
            layout=self._layout(),
            page=PAGES[self.page.currentText()],
            tile=FITS[self.tile.currentText()] if self.tile.isEnabled() else None,
            title=self.header.isChecked(),
            legend=self.legend.isChecked(),
            sources=self.sources.isChecked(),
            evaluation=self.evaluation.isEnabled() and self.evaluation.isChecked(),
        )
