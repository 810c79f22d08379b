"""`.argmap` files in the window: the Open dialog offers them, a drop opens them, and the
Export dialog writes one when its name is typed (tests/formats/test_argmap_suffix.py: the rest)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl

from argmap.core.mapfile import read_map, write_map
from argmap.formats import registry
from argmap.formats.options import ExportOptions
from tests.helpers import small_map


def test_the_open_dialog_lists_dot_argmap(controllers):
    controllers.dialogs.answer("open_file_name", None)
    controllers.files.open_file_dialog()
    [filters] = controllers.dialogs.texts("open_file_name")
    every, argmap_files = filters.split(";;")[:2]
    assert "*.argmap " in every and argmap_files.startswith(registry.ARGMAP.label)
    assert "*.argmap.json *.argmap " in argmap_files


def test_a_dropped_dot_argmap_file_is_accepted_and_opened(controllers, tmp_path: Path, qtbot):
    path = tmp_path / "team.argmap"
    write_map(small_map("Dropped"), path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert controllers.files.dropped_files(mime) == [str(path)]
    controllers.files.open_files([str(path)])
    qtbot.waitUntil(lambda: "Dropped" in [m.title for m in controllers.workspace.library.list_maps()])
    assert controllers.workspace.doc.info.title == "Dropped"


def test_file_export_keeps_a_typed_dot_argmap_name(controllers, tmp_path: Path):
    chosen = tmp_path / "for-windows.argmap"
    controllers.dialogs.answer("export_options", (registry.ARGMAP.suffix, ExportOptions()))
    controllers.dialogs.answer("save_file_name", str(chosen))
    controllers.exports.export_dialog()
    assert read_map(chosen) == controllers.workspace.doc.to_map()
    assert not chosen.with_name(chosen.name + ".argmap.json").exists()
