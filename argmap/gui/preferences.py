"""Edit ▸ Preferences…: what a user used to change by hand, over the one settings spec
(gui/settings.py): the layout every map opens in, the evaluation marks on the map, what
File ▸ Export… starts with, and where the library is (read at start: it takes effect when
argmap next starts, and the dialog says so).

`Preferences` is the dialog's values, read from and written to Settings; the dialog itself
only shows and edits them (a test drives it without a modal loop).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from argmap.core.layout import LayoutStyle
from argmap.gui.panels.export_dialog import PAGES, SCALES, ExportDialog
from argmap.gui.settings import (
    EXPORT_LEGEND,
    EXPORT_PAGE,
    EXPORT_SCALE,
    EXPORT_SOURCES,
    EXPORT_TITLE,
    LAYOUT,
    LIBRARY_FILE,
    SHOW_EVALUATION,
    ExportPage,
    ExportScale,
    Settings,
)

#: The layouts by their menu names (View ▸ Layout's order).
LAYOUT_NAMES = {LayoutStyle.COMPACT_SLIDE: "Compact for slides",
                LayoutStyle.COMPACT_PAGE: "Compact for pages",
                LayoutStyle.DOWN: "Tidy top-down", LayoutStyle.RIGHT: "Tidy left-to-right"}
#: The export dialog's own labels for each choice (panels/export_dialog.py).
SCALE_VALUES = {ExportScale.SCREEN: 1.0, ExportScale.RETINA: 2.0, ExportScale.PRINT: 300 / 96}
SCALE_LABELS = {choice: next(label for label, v in SCALES.items() if v == value)
                for choice, value in SCALE_VALUES.items()}
PAGE_VALUES = {ExportPage.LOCALE: None, ExportPage.A4: "A4", ExportPage.LETTER: "Letter",
               ExportPage.MAP: "map"}
PAGE_LABELS = {choice: next(label for label, v in PAGES.items() if v == value)
               for choice, value in PAGE_VALUES.items()}
RESTART_NOTE = "A new library location takes effect when argmap next starts."


@dataclass(frozen=True)
class Preferences:
    layout: LayoutStyle
    show_evaluation: bool
    export_scale: ExportScale
    export_page: ExportPage
    export_title: bool
    export_legend: bool
    export_sources: bool
    library: str  # "" = the default place

    @classmethod
    def read(cls, settings: Settings) -> Preferences:
        return cls(settings.get(LAYOUT), settings.get(SHOW_EVALUATION),
                   settings.get(EXPORT_SCALE), settings.get(EXPORT_PAGE),
                   settings.get(EXPORT_TITLE), settings.get(EXPORT_LEGEND),
                   settings.get(EXPORT_SOURCES), settings.get(LIBRARY_FILE))

    def write(self, settings: Settings) -> None:
        settings.set(LAYOUT, self.layout)
        settings.set(SHOW_EVALUATION, self.show_evaluation)
        settings.set(EXPORT_SCALE, self.export_scale)
        settings.set(EXPORT_PAGE, self.export_page)
        settings.set(EXPORT_TITLE, self.export_title)
        settings.set(EXPORT_LEGEND, self.export_legend)
        settings.set(EXPORT_SOURCES, self.export_sources)
        settings.set(LIBRARY_FILE, self.library.strip())
        settings.sync()


def start_export_dialog(dialog: ExportDialog, settings: Settings | None) -> None:
    """File ▸ Export… starts with the export choices of Preferences."""
    if settings is None:
        return
    prefs = Preferences.read(settings)
    dialog.scale.setCurrentText(SCALE_LABELS[prefs.export_scale])
    dialog.page.setCurrentText(PAGE_LABELS[prefs.export_page])
    dialog.header.setChecked(prefs.export_title)
    dialog.legend.setChecked(prefs.export_legend)
    dialog.sources.setChecked(prefs.export_sources)


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: Preferences, default_library: str):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.current = current
        self.layout_choice = QComboBox()
        for style, name in LAYOUT_NAMES.items():
            self.layout_choice.addItem(name, style)
        self.layout_choice.setCurrentIndex(list(LAYOUT_NAMES).index(current.layout))
        self.evaluation = QCheckBox("Mark each box with its strength and standing")
        self.evaluation.setChecked(current.show_evaluation)
        self.scale = QComboBox()
        for scale, label in SCALE_LABELS.items():
            self.scale.addItem(label, scale)
        self.scale.setCurrentIndex(list(SCALE_LABELS).index(current.export_scale))
        self.page = QComboBox()
        for page, label in PAGE_LABELS.items():
            self.page.addItem(label, page)
        self.page.setCurrentIndex(list(PAGE_LABELS).index(current.export_page))
        self.header = QCheckBox("Title header")
        self.header.setChecked(current.export_title)
        self.legend = QCheckBox("Legend of kinds")
        self.legend.setChecked(current.export_legend)
        self.sources = QCheckBox("Source line")
        self.sources.setChecked(current.export_sources)
        self.library = QLineEdit(current.library)
        self.library.setPlaceholderText(default_library)
        self.library.setClearButtonEnabled(True)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_library)
        where = QHBoxLayout()
        where.addWidget(self.library, 1)
        where.addWidget(browse)
        note = QLabel(RESTART_NOTE + " Empty: the default place.")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Layout of maps", self.layout_choice)
        form.addRow("Evaluation", self.evaluation)
        form.addRow("Export scale (PNG)", self.scale)
        form.addRow("Export paper (PDF)", self.page)
        form.addRow("Export adds", self.header)
        form.addRow("", self.legend)
        form.addRow("", self.sources)
        form.addRow("Library file", where)
        form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Library file", self.library.text() or self.library.placeholderText(),
            "argmap library (*.db)", options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.library.setText(path)

    def preferences(self) -> Preferences:
        return replace(
            self.current, layout=self.layout_choice.currentData(),
            show_evaluation=self.evaluation.isChecked(), export_scale=self.scale.currentData(),
            export_page=self.page.currentData(), export_title=self.header.isChecked(),
            export_legend=self.legend.isChecked(), export_sources=self.sources.isChecked(),
            library=self.library.text().strip())

