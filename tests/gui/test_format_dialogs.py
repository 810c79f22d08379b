"""The Export dialog, the save and Open dialogs and drag and drop offer what the format
registry says: every format argmap writes, every file it reads, nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl

from argmap.formats import registry
from argmap.formats.options import ExportOptions
from argmap.gui.panels.export_dialog import ExportDialog

#: Qt's own reading of a name filter (qt_file_dialog_filter_reg_exp): "label (patterns)".
QT_FILTER = re.compile(r"^(.*)\(([a-zA-Z0-9_.,*? +;#\-\[\]@\{\}/!<>\$%&=^~:\|]*)\)$")


def _filters(text: str) -> dict[str, list[str]]:
    found = {}
    for entry in text.split(";;"):
        match = QT_FILTER.match(entry)
        assert match, entry
        found[match.group(1).strip()] = match.group(2).split()
    return found


def test_the_export_dialog_lists_every_writable_format_with_its_own_options(qtbot):
    dialog = ExportDialog(None, False, "down")
    qtbot.addWidget(dialog)
    labels = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert labels == [fmt.label for fmt in registry.writable()]
    knobs = {"scale": dialog.scale, "transparent": dialog.transparent, "page": dialog.page,
             "tile": dialog.tile, "evaluation": dialog.evaluation}
    for fmt in registry.writable():
        dialog.format.setCurrentText(fmt.label)
        assert dialog.suffix() == fmt.suffix
        assert {name for name, widget in knobs.items() if widget.isEnabled()} == fmt.options
        assert dialog.legend.isEnabled() == fmt.picture


@pytest.mark.parametrize("fmt", [registry.PNG, registry.ARGDOWN], ids=lambda f: f.key)
def test_file_export_saves_with_the_chosen_formats_filter_and_suffix(controllers, tmp_path: Path,
                                                                     fmt: registry.Format):
    dialogs = controllers.dialogs
    dialogs.answer("export_options", (fmt.suffix, ExportOptions()))
    chosen = tmp_path / "report"  # typed without its suffix
    filters: list[str] = []

    def save_as(_title: str, _suggested: str, filter_: str) -> str:
        filters.append(filter_)
        return str(chosen)

    dialogs.answer("save_file_name", save_as)
    controllers.exports.export_dialog()
    assert filters == [fmt.dialog_filter]
    written = chosen.with_name(chosen.name + fmt.suffix)
    assert written.stat().st_size > 0 and registry.for_output(written) is fmt


def test_the_open_dialog_filters_every_readable_format(controllers):
    dialogs = controllers.dialogs
    dialogs.answer("open_file_name", None)  # the user cancels
    controllers.files.open_file_dialog()
    [(method, _title, filter_text)] = dialogs.shown
    assert method == "open_file_name"
    filters = _filters(filter_text)
    first, *each = filters
    assert each == [fmt.label for fmt in registry.readable()]
    for fmt in registry.readable():
        assert filters[fmt.label] == [f"*{s}" for s in fmt.suffixes]
        assert set(filters[fmt.label]) <= set(filters[first])
    assert set(filters[first]) == {f"*{s}" for s in registry.input_suffixes()}


def test_files_of_every_readable_format_may_be_dropped_and_no_others(controllers):
    mime = QMimeData()
    readable = [f"/tmp/map{s.upper() if i % 2 else s}"
                for i, s in enumerate(registry.input_suffixes())]
    mime.setUrls([QUrl.fromLocalFile(p) for p in [*readable, "/tmp/a.png", "/tmp/b.txt"]])
    assert controllers.files.dropped_files(mime) == readable
