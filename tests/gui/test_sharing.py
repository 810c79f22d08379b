"""Opening teammates' files in the window: drag and drop, conflicts, broken files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from argmap.core.mapfile import write_map
from argmap.core.store import LibraryError
from argmap.formats.options import ExportOptions
from tests.badfiles import BAD_FILES, write_bad
from tests.helpers import small_map
from tests.teams.maps import change

REPO = Path(__file__).resolve().parents[2]


def drop_file(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    target = window.view
    pos = QPoint(target.width() // 2, target.height() // 2)
    enter = QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target.viewport(), drop)


def library_digest(window) -> str:
    rows = window.library.db.execute(
        "SELECT m.id, m.title, n.id, n.text FROM maps m JOIN nodes n ON n.map_id = m.id "
        "ORDER BY 1, 3").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_drag_and_drop_opens_a_file_as_a_new_map(window, qtbot, tmp_path):
    path = tmp_path / "teammate.argmap.json"
    write_map(small_map("From a teammate"), path)
    before = path.read_bytes()
    drop_file(window, path)
    assert window.doc.info.title == "From a teammate"
    qtbot.waitUntil(lambda: len(window.library.list_maps()) == 2)
    assert path.read_bytes() == before


def test_an_opened_file_is_shown_first_then_stored(controllers, qtbot, tmp_path):
    files, workspace = controllers.files, controllers.workspace
    path = tmp_path / "fresh.argmap.json"
    write_map(small_map("Fresh"), path)
    assert files.open_file(str(path))
    map_id = workspace.doc.map_id
    assert not files.library.has_map(map_id)  # on screen; the write follows the first paint
    qtbot.waitUntil(lambda: files.library.has_map(map_id))
    assert files.library.load(map_id).nodes == small_map("Fresh").nodes
    assert workspace.doc.undo_stack.isClean() and not workspace.autosaver.pending


def test_files_opened_back_to_back_are_both_stored(controllers, tmp_path):
    files, workspace = controllers.files, controllers.workspace
    first, second = tmp_path / "a.argmap.json", tmp_path / "b.argmap.json"
    write_map(small_map("First"), first)
    write_map(small_map("Second"), second)
    assert files.open_file(str(first))
    first_id = workspace.doc.map_id
    assert files.open_file(str(second))  # stores the first before anything else
    assert files.library.has_map(first_id)
    assert workspace.doc.info.title == "Second"
    workspace.autosaver.flush()
    assert {m.title for m in files.library.list_maps()} >= {"First", "Second"}


def test_the_same_map_changed_asks_merge_copy_or_replace(controllers, tmp_path):
    files, dialogs = controllers.files, controllers.dialogs
    path = tmp_path / "twice.argmap.json"
    first = small_map("Twice")
    write_map(first, path)
    assert files.open_file(str(path))
    assert controllers.editor.edit_node("o1", text="My own edit")  # else a fast-forward
    changed = first.nodes[-1].model_copy(update={"text": "Re-worded by a teammate"})
    write_map(first.model_copy(update={"nodes": (*first.nodes[:-1], changed)}), path)
    dialogs.answer("choose", always=1)  # Open as Copy
    assert files.open_file(str(path))
    [asked] = dialogs.texts("choose")
    assert "“Twice”" in asked and "1 re-worded" in asked
    controllers.workspace.autosaver.flush()
    # two maps, two titles: `argmap export "Twice (copy)"` names one map
    assert sorted(m.title for m in files.library.list_maps() if "Twice" in m.title) == [
        "Twice", "Twice (copy)"]


def test_a_file_changed_while_my_map_did_not_is_taken_as_it_is(controllers, tmp_path):
    """After a clean `git pull`: the library map has no changes since the last exchange, so
    opening the file takes its version without a question, as one undo step."""
    files, dialogs, workspace = controllers.files, controllers.dialogs, controllers.workspace
    path = tmp_path / "pulled.argmap.json"
    first = small_map("Pulled")
    write_map(first, path)
    assert files.open_file(str(path))
    workspace.autosaver.flush()
    write_map(change(first, "r1", text="Re-worded by a teammate"), path)
    assert files.open_file(str(path))
    assert dialogs.texts("choose") == []
    doc = workspace.doc
    assert doc.map_id == first.info.id and doc.node("r1").text == "Re-worded by a teammate"
    assert len([m for m in files.library.list_maps() if "Pulled" in m.title]) == 1
    doc.undo_stack.undo()
    assert doc.node("r1").text == "Footfall rose in Oslo."


@pytest.mark.logs_warnings("autosave of map .* failed, the edits stay unsaved .*: the disk is full")
def test_a_failed_store_says_so_and_keeps_the_map_open(controllers, qtbot, tmp_path, monkeypatch):
    files, workspace = controllers.files, controllers.workspace
    path = tmp_path / "full.argmap.json"
    write_map(small_map("Disk full"), path)

    disk_full = [True]
    real_add = files.library.add_new  # a map not in the library yet is added, not upserted

    def add_new(amap):
        if disk_full[0]:
            raise LibraryError("the disk is full")
        return real_add(amap)

    monkeypatch.setattr(files.library, "add_new", add_new)
    assert files.open_file(str(path))
    qtbot.waitUntil(lambda: bool(controllers.dialogs.errors))
    shown = controllers.dialogs.errors
    assert shown[0][0] == "Cannot add the map to your library"
    assert "the disk is full" in shown[0][1]
    assert workspace.doc.info.title == "Disk full" and workspace.autosaver.pending
    disk_full[0] = False  # space again: the next flush (a change, a switch, closing) stores it
    assert workspace.autosaver.flush() and files.library.has_map(workspace.doc.map_id)


def test_saved_example_opens_from_the_menu_path(controllers):
    assert controllers.files.open_file(str(REPO / "saved_maps" / "car-free-centre.argmap.json"))
    assert controllers.workspace.doc.map_id == "example-car-free-centre"


@pytest.mark.parametrize("choice", ["copy", "replace", None])
def test_same_map_shared_back(controllers, tmp_path, choice):
    files, workspace, dialogs = controllers.files, controllers.workspace, controllers.dialogs
    mine = workspace.doc.to_map()
    theirs = mine.model_copy(update={"nodes": mine.nodes[:3]})
    path = tmp_path / "back.argmap.json"
    write_map(theirs, path)
    dialogs.answer("choose", {"copy": 1, "replace": 2, None: None}[choice])
    files.open_file(str(path))
    maps = files.library.list_maps()
    if choice == "copy":
        assert len(maps) == 2 and workspace.doc.map_id != mine.info.id
    elif choice == "replace":
        assert len(maps) == 1 and len(workspace.doc) == 3
        [entry] = files.library.trash()
        assert entry.reason == "replaced"
        dialogs.answer("choose_item", 0)  # the first entry in the trash
        files.restore_from_trash()
        assert len(workspace.doc) == len(mine.nodes)
    else:
        assert len(maps) == 1 and len(workspace.doc) == len(mine.nodes)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_get_a_plain_dialog_and_change_nothing(window, tmp_path, name):
    before = library_digest(window)
    path, phrase = write_bad(tmp_path, name)
    drop_file(window, path)
    shown = window.dialogs.errors
    assert len(shown) == 1 and phrase in shown[0][1]
    assert library_digest(window) == before
    assert window.doc.map_id == "seed-iran-proxies"


def test_export_from_the_window(controllers, tmp_path):
    for suffix in (".png", ".svg", ".pdf", ".argmap.json"):
        out = tmp_path / f"out{suffix}"
        assert controllers.exports.export_to(str(out), ExportOptions())
        assert out.stat().st_size > 500


def test_cancel_in_the_progress_dialog_stops_the_export(controllers, qtbot, tmp_path):
    controllers.dialogs.cancel_progress = True
    out = tmp_path / "never.png"
    with qtbot.waitSignal(controllers.exports.status) as said:
        assert not controllers.exports.export_to(str(out), ExportOptions())
    assert not out.exists()
    assert "cancelled" in said.args[0]
    [progress] = controllers.dialogs.progresses
    assert progress.closed


def test_export_dialog_builds_the_options(window):
    from argmap.gui.panels.export_dialog import ExportDialog

    window.view.select_node("accident")
    dialog = ExportDialog(window, True, "down")
    dialog.format.setCurrentText("PDF document")
    dialog.page.setCurrentText("A4")
    dialog.tile.setCurrentText("Several pages at reading size")
    dialog.scope.setCurrentIndex(1)
    options = dialog.options("accident")
    assert (options.page, options.tile, options.subtree) == ("A4", True, "accident")
    assert dialog.suffix() == ".pdf" and not dialog.scale.isEnabled()


@pytest.mark.slow
def test_restore_library_from_backup_in_the_window(window, qtbot):
    qtbot.waitUntil(lambda: bool(window.library.list_backups()), timeout=5000)  # made at start
    window.map_editor.edit_node("qaani", text="Changed after the backup")
    window.workspace.autosaver.flush()
    # the oldest backup, last in the list: the start-up backup
    window.dialogs.answer("choose_item", lambda title, prompt, labels: len(labels) - 1)
    window.dialogs.answer("ask", True)
    window.files.restore_from_backup()
    assert window.doc.node("qaani").text.startswith("Since Soleimani")
