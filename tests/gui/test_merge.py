"""Merging a teammate's file in the editor, and File ▸ Compare with File…, driven through the
real controllers and widgets; FakeDialogs answers the questions and records what was asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPlainTextEdit, QPushButton

from argmap.cli import main
from argmap.core.mapfile import read_map, write_map
from argmap.core.model import ArgumentMap
from argmap.core.store import Library
from argmap.formats.options import ExportOptions
from argmap.gui.dialogs import QtDialogs
from argmap.gui.merge_dialog import CONFLICT_BUTTONS, ConflictDialog
from argmap.teams.bases import FileBases
from tests.helpers import small_map
from tests.teams.maps import add, change

MERGE, COPY, REPLACE = 0, 1, 2
MINE, THEIRS, BOTH = 0, 1, 2


def import_file(controllers, qtbot, path: Path, amap: ArgumentMap) -> None:
    """Open a map file that is new to the library, and wait until it is stored."""
    write_map(amap, path)
    assert controllers.files.open_file(str(path))
    qtbot.waitUntil(lambda: FileBases(controllers.files.library).base_for(path, amap.info.id)
                    is not None)


def highlighted(controllers) -> set[str]:
    return {i for i, item in controllers.workspace.scene.nodes.items() if item.matched}


def test_teammates_added_and_reworded_node_merge_with_no_question_but_merge(controllers, qtbot,
                                                                            tmp_path):
    files, editor, dialogs = controllers.files, controllers.editor, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    shared = small_map("Team map")
    import_file(controllers, qtbot, path, shared)
    assert editor.edit_node("e1", text="My better evidence.")  # my edit since the import
    theirs = add(change(shared, "r1", text="Footfall rose in Oslo and Ghent."),
                 "e2", "root", "evidence", "Fewer accidents.")
    write_map(theirs, path)
    seen_highlighted: list[set[str]] = []

    def merge(title, text, buttons):
        seen_highlighted.append(highlighted(controllers))
        assert list(buttons) == ["Merge", "Open as Copy", "Replace My Version"]
        return MERGE

    dialogs.answer("choose", merge)
    assert files.open_file(str(path))
    [question] = dialogs.texts("choose")  # the only question asked
    assert [m for m, _t, _x in dialogs.shown if m != "progress"] == ["choose"]
    assert "1 added" in question and "1 re-worded" in question
    assert "“Footfall rose in Oslo and Ghent.”" in question and "“Fewer accidents.”" in question
    assert seen_highlighted == [{"r1"}]  # the changed node that is on my canvas
    doc = controllers.workspace.doc
    got = {n.id: n.text for n in doc.nodes()}
    assert got["e1"] == "My better evidence."  # mine kept
    assert got["r1"] == "Footfall rose in Oslo and Ghent."  # theirs re-worded
    assert got["e2"] == "Fewer accidents." and doc.node("e2").parent == "root"  # theirs added
    assert len(doc) == len(shared.nodes) + 1
    controllers.workspace.autosaver.flush()
    stored = files.library.load(shared.info.id)
    assert {n.id: n.text for n in stored.nodes} == got
    # The file is now the common version: the next merge with it is three-way again.
    assert FileBases(files.library).base_for(path, shared.info.id) == theirs


def test_undo_of_the_merge_restores_my_map_in_one_step(controllers, qtbot, tmp_path):
    files, editor, dialogs = controllers.files, controllers.editor, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    shared = small_map("Team map")
    import_file(controllers, qtbot, path, shared)
    assert editor.edit_node("e1", text="My better evidence.")
    doc = controllers.workspace.doc
    mine = doc.to_map()
    theirs = add(change(change(shared, "r1", text="Re-worded."), "o1", text="Shops object."),
                 "e2", "root", "evidence", "Fewer accidents.")
    theirs = theirs.model_copy(update={"info": theirs.info.model_copy(update={"title": "Renamed"})})
    write_map(theirs, path)
    dialogs.answer("choose", MERGE)
    steps = doc.undo_stack.count()
    assert files.open_file(str(path))
    assert doc.undo_stack.count() == steps + 1
    assert doc.info.title == "Renamed" and "e2" in doc
    doc.undo_stack.undo()
    assert doc.to_map().nodes == mine.nodes and doc.info.title == "Team map"
    assert FileBases(files.library).base_for(path, shared.info.id) == shared  # base as before
    doc.undo_stack.redo()
    assert doc.node("r1").text == "Re-worded." and doc.node("e1").text == "My better evidence."
    controllers.workspace.autosaver.flush()
    stored = files.library.load(shared.info.id)
    assert stored.info.title == "Renamed" and stored.nodes == doc.to_map().nodes


def test_an_identical_file_opens_the_map_without_a_question(controllers, tmp_path):
    files, workspace, dialogs = controllers.files, controllers.workspace, controllers.dialogs
    seed = workspace.doc.to_map()
    path = tmp_path / "same.argmap.json"
    write_map(seed, path)
    other = tmp_path / "other-map.argmap.json"
    write_map(small_map("Another map"), other)
    assert files.open_file(str(other))  # a different map is open now
    steps = workspace.doc.undo_stack.count()
    assert files.open_file(str(path))
    assert [m for m, _t, _x in dialogs.shown if m != "error"] == []  # no question at all
    assert workspace.doc.map_id == seed.info.id and workspace.doc.to_map().nodes == seed.nodes
    assert workspace.doc.undo_stack.count() == 0 and steps == 0
    assert controllers.workspace.scene is not None and highlighted(controllers) == set()
    assert FileBases(files.library).base_for(path, seed.info.id) == seed


def test_conflicts_resolved_theirs_and_both(controllers, qtbot, tmp_path):
    files, editor, dialogs = controllers.files, controllers.editor, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    shared = small_map("Team map")
    import_file(controllers, qtbot, path, shared)
    assert editor.edit_node("e1", text="Mine: air quality improves a lot.")
    assert editor.edit_node("r1", text="Mine: footfall rose.")
    theirs = change(change(shared, "e1", text="Theirs: air is cleaner."),
                    "r1", text="Theirs: Oslo footfall rose 10%.")
    write_map(theirs, path)
    dialogs.answer("choose", MERGE, THEIRS, BOTH)  # Merge; e1: theirs; r1: both
    assert files.open_file(str(path))
    _merge, first, second = dialogs.texts("choose")
    assert "Mine:\n[evidence]\nMine: air quality improves a lot." in first
    assert "Theirs:\n[evidence]\nTheirs: air is cleaner." in first
    assert "Mine: footfall rose." in second and "Theirs: Oslo footfall rose 10%." in second
    doc = controllers.workspace.doc
    assert doc.node("e1").text == "Theirs: air is cleaner."
    assert doc.node("r1").text == "Mine: footfall rose."
    assert doc.children("o1") == ["r1", "r1-theirs"]
    assert doc.node("r1-theirs").text == "Theirs: Oslo footfall rose 10%."
    doc.undo_stack.undo()
    assert doc.node("e1").text == "Mine: air quality improves a lot." and "r1-theirs" not in doc


def test_cancel_in_a_conflict_changes_nothing(controllers, qtbot, tmp_path):
    files, editor, dialogs = controllers.files, controllers.editor, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    shared = small_map("Team map")
    import_file(controllers, qtbot, path, shared)
    assert editor.edit_node("e1", text="Mine.")
    doc = controllers.workspace.doc
    mine, steps = doc.to_map(), doc.undo_stack.count()
    write_map(change(shared, "e1", text="Theirs."), path)
    dialogs.answer("choose", MERGE, None)
    assert not files.open_file(str(path))
    assert doc.to_map().nodes == mine.nodes and doc.undo_stack.count() == steps
    assert FileBases(files.library).base_for(path, shared.info.id) == shared


@pytest.mark.parametrize("deletion", [0, 1])
def test_without_a_common_version_the_teammates_deletion_is_a_choice(controllers, tmp_path,
                                                                       deletion):
    """The seed map never went through a file: a two-way merge. The re-worded node asks,
    and so does the node their version lacks (they deleted it, or I added it): Keep Mine
    keeps it, Keep Theirs deletes it. The question says the versions differ, not that
    both sides changed it."""
    files, workspace, dialogs = controllers.files, controllers.workspace, controllers.dialogs
    seed = workspace.doc.to_map()
    theirs = add(change(seed, "qaani", text="Theirs about Qaani."), "new-point", "thesis",
                 "evidence", "A new point.")
    gone = next(n for n in seed.nodes if n.parent is not None and n.id != "qaani"
                and not seed.children_index().get(n.id))
    theirs = theirs.model_copy(update={"nodes": tuple(n for n in theirs.nodes if n.id != gone.id)})
    path = tmp_path / "seed.argmap.json"
    write_map(theirs, path)
    dialogs.answer("choose", MERGE, THEIRS, deletion)
    assert files.open_file(str(path))
    questions = dialogs.texts("choose")
    assert len(questions) == 3  # Merge, the re-worded node, the node they lack
    assert all("both changed" not in q and "differ" in q for q in questions[1:])
    assert "they deleted it, or you added it" in questions[2]
    doc = workspace.doc
    assert doc.node("qaani").text == "Theirs about Qaani."
    assert doc.node("new-point").parent == "thesis"
    assert (gone.id in doc) == (deletion == 0)


@pytest.mark.parametrize("answer", [COPY, REPLACE, None])
def test_copy_replace_and_cancel_still_work_beside_merge(controllers, qtbot, tmp_path, answer):
    files, dialogs = controllers.files, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    shared = small_map("Team map")
    import_file(controllers, qtbot, path, shared)
    assert controllers.editor.edit_node("o1", text="Mine: shops lose trade.")  # not a fast-forward
    seed_id = "seed-iran-proxies"
    assert files.open_map(seed_id)
    write_map(change(shared, "e1", text="Theirs."), path)
    dialogs.answer("choose", answer)
    files.open_file(str(path))
    doc = controllers.workspace.doc
    if answer == COPY:
        assert doc.map_id not in (shared.info.id, seed_id) and doc.node("e1").text == "Theirs."
    elif answer == REPLACE:
        assert doc.map_id == shared.info.id and doc.node("e1").text == "Theirs."
        assert FileBases(files.library).base_for(path, shared.info.id).by_id()["e1"].text == "Theirs."
    else:
        assert doc.map_id == seed_id  # back where the user was
        assert files.library.load(shared.info.id).by_id()["e1"].text == "Air quality improves."


def test_export_remembers_the_file_version(controllers, tmp_path):
    path = tmp_path / "out.argmap.json"
    assert controllers.exports.export_to(str(path), ExportOptions())
    amap = controllers.workspace.doc.to_map()
    assert FileBases(controllers.files.library).base_for(path, amap.info.id) == read_map(path)


def test_compare_with_file_shows_the_differences_and_changes_nothing(controllers, tmp_path):
    files, workspace, dialogs = controllers.files, controllers.workspace, controllers.dialogs
    seed = workspace.doc.to_map()
    theirs = add(change(seed, "qaani", text="Theirs about Qaani."), "new-point", "thesis",
                 "evidence", "A new point.")
    path = tmp_path / "theirs.argmap.json"
    write_map(theirs, path)
    before_file, before_rows = path.read_bytes(), files.library.load(seed.info.id)
    dialogs.answer("open_file_name", str(path))
    files.compare_file_dialog()
    [shown] = [text for m, _t, text in dialogs.shown if m == "info"]
    assert "1 added, 1 re-worded" in shown
    assert "“Theirs about Qaani.”" in shown and "“A new point.”" in shown
    assert highlighted(controllers) == {"qaani"}
    assert workspace.doc.to_map() == seed and workspace.doc.undo_stack.count() == 0
    assert not workspace.autosaver.pending
    assert files.library.load(seed.info.id) == before_rows and path.read_bytes() == before_file
    assert FileBases(files.library).base_for(path, seed.info.id) is None
    controllers.editor.edit_node("thesis", text="My next edit clears the highlight.")
    assert highlighted(controllers) == set()


def test_compare_with_file_is_in_the_file_menu(window):
    action = window.action_table.act_compare
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    assert action in file_menu.actions() and action.isEnabled()
    window.dialogs.answer("open_file_name", None)  # cancelled: nothing shown, nothing changed
    action.trigger()
    assert [m for m, _t, _x in window.dialogs.shown] == ["open_file_name"]


def test_the_conflict_dialog_shows_both_sides_side_by_side_as_plain_text(qtbot):
    dialog = ConflictDialog(None, "Merge conflict 1 of 1", "why <b>bold</b>",
                            "<b>mine</b>", "<img src='/etc/passwd'>")
    qtbot.addWidget(dialog)
    mine, theirs = (dialog.findChild(QPlainTextEdit, name) for name in ("mine", "theirs"))
    assert mine.toPlainText() == "<b>mine</b>" and theirs.toPlainText() == "<img src='/etc/passwd'>"
    assert mine.isReadOnly() and theirs.isReadOnly()
    grid = dialog.layout()
    rows = [grid.getItemPosition(grid.indexOf(box))[:2] for box in (mine, theirs)]
    assert rows == [(2, 0), (2, 1)]  # one row, two columns
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in dialog.findChildren(QLabel))
    assert [b.text() for b in dialog.buttons] == list(CONFLICT_BUTTONS)
    dialog.buttons[1].click()
    assert dialog.choice == 1 and dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize(("label", "expected"), [("Keep Both", 2), ("Cancel", None)])
def test_the_real_dialogs_ask_a_conflict_in_the_side_by_side_dialog(qtbot, label, expected):
    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(10, click)
            return
        [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == label]
        button.click()

    QTimer.singleShot(0, click)
    assert QtDialogs().resolve_conflict("Merge conflict", "why", "mine", "theirs",
                                        CONFLICT_BUTTONS) == expected


def test_the_command_line_import_and_export_keep_the_file_version(tmp_path, capsys):
    db = tmp_path / "cli.db"
    shared = small_map("Team map")
    imported, exported = tmp_path / "in.argmap.json", tmp_path / "out.argmap.json"
    write_map(shared, imported)
    assert main(["--db", str(db), "import", str(imported)]) == 0
    assert main(["--db", str(db), "export", shared.info.id, "-o", str(exported)]) == 0
    assert main(["--db", str(db), "export", shared.info.id, "-o", str(tmp_path / "x.png")]) == 0
    with Library(db) as library:
        bases = FileBases(library)
        assert bases.base_for(imported, shared.info.id) == shared
        assert bases.base_for(exported, shared.info.id) == read_map(exported)
        assert bases.base_for(tmp_path / "x.png", shared.info.id) is None


def test_a_title_conflict_and_the_rest_answered_at_once(controllers, qtbot, tmp_path):
    files, workspace, dialogs = controllers.files, controllers.workspace, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    shared = small_map("Team map")
    import_file(controllers, qtbot, path, shared)
    dialogs.answer("prompt_text", "My title")
    files.rename_current_map()
    for node_id in ("e1", "o1", "r1"):
        assert controllers.editor.edit_node(node_id, text=f"Mine {node_id}.")
    theirs = shared.model_copy(update={"info": shared.info.model_copy(update={"title": "Their title"})})
    for node_id in ("e1", "o1", "r1"):
        theirs = change(theirs, node_id, text=f"Theirs {node_id}.")
    write_map(theirs, path)
    offered: list[list[str]] = []

    def pick(label: str):
        def answer(title, text, buttons):
            offered.append(list(buttons))
            return list(buttons).index(label)
        return answer

    dialogs.answer("choose", MERGE, pick("Keep Theirs"), pick("Mine for the Rest"))
    assert files.open_file(str(path))
    assert offered == [
        ["Keep Mine", "Keep Theirs", "Mine for the Rest", "Theirs for the Rest"],  # the title
        ["Keep Mine", "Keep Theirs", "Keep Both", "Mine for the Rest", "Theirs for the Rest"],
    ]
    _merge, title_question, _e1 = dialogs.texts("choose")
    assert "Mine:\nMy title" in title_question and "Theirs:\nTheir title" in title_question
    doc = workspace.doc
    assert doc.info.title == "Their title"
    assert [doc.node(i).text for i in ("e1", "o1", "r1")] == ["Mine e1.", "Mine o1.", "Mine r1."]
