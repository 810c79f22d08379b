"""Argdown and AIF in the editor: opened like map files, with what was lost said once."""

from __future__ import annotations

import json

from argmap.formats.interchange import import_file
from argmap.formats.options import ExportOptions

ARGDOWN = """[Thesis]: Cities should ban cars from the centre.
  + <Cleaner air>: Fewer cars mean cleaner air.
  - [Shops]: Shops lose customers. #objection

# A section heading argmap has no place for

[Other]: A statement reached twice.
  + [Shops]
"""


def test_an_argdown_file_opens_as_a_map_and_its_losses_are_shown_once(controllers, qtbot, tmp_path):
    files, workspace, dialogs = controllers.files, controllers.workspace, controllers.dialogs
    path = tmp_path / "teammate.argdown"
    path.write_text(ARGDOWN, encoding="utf-8")
    expected = import_file(path)
    assert expected.report_lines  # this sample loses something (a section, a second parent)
    assert files.open_file(str(path))
    texts = {node.text for node in workspace.doc.to_map().nodes}
    assert "Cities should ban cars from the centre." in texts
    assert any(text.startswith("Shops lose customers.") for text in texts)
    qtbot.waitUntil(lambda: dialogs.texts("info") != [])
    shown = dialogs.texts("info")
    assert len(shown) == 1 and all(line in shown[0] for line in expected.report_lines)
    qtbot.waitUntil(lambda: files.library.has_map(workspace.doc.map_id))


def test_dropped_argdown_files_are_accepted(controllers):
    from PySide6.QtCore import QMimeData, QUrl

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/a.argdown"), QUrl.fromLocalFile("/tmp/b.txt"),
                  QUrl.fromLocalFile("/tmp/c.aif.json")])
    assert controllers.files.dropped_files(mime) == ["/tmp/a.argdown", "/tmp/c.aif.json"]


def test_export_to_argdown_and_aif_from_the_editor_round_trips(controllers, tmp_path):
    seed = controllers.workspace.doc.to_map()
    for name in ("out.argdown", "out.aif.json"):
        out = tmp_path / name
        assert controllers.exports.export_to(str(out), ExportOptions())
        back = import_file(out).map
        assert {(n.id, n.parent, n.kind, n.text) for n in back.nodes} == {
            (n.id, n.parent, n.kind, n.text) for n in seed.nodes}
    assert "nodes" in json.loads((tmp_path / "out.aif.json").read_text(encoding="utf-8"))
