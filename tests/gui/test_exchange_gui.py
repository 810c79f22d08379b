"""Teammates' work is never lost in the editor: exporting over a changed file merges first,
git's two rounds keep round one, and a linked file changed on disk comes into the map."""

from __future__ import annotations

from pathlib import Path

from argmap.core.mapfile import read_map, write_map
from argmap.formats.options import ExportOptions
from argmap.gui.merge_dialog import ConflictDialog
from argmap.teams.gitstages import unmerged_stages
from tests.teams.git import driver_repo, git
from tests.teams.maps import add, change

MERGE_AND_EXPORT, OVERWRITE = 0, 1
MERGE, IGNORE = 0, 1
KEEP_MINE, KEEP_THEIRS = 0, 1


def teammate_edit(path: Path) -> None:
    write_map(add(change(read_map(path), "qaani", text="A teammate's Qaani."),
                  "their-point", "thesis", "evidence", "Their new point."), path)


def test_exporting_over_a_changed_file_merges_their_changes_in(controllers, tmp_path):
    exports, editor, dialogs = controllers.exports, controllers.editor, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    assert exports.export_to(str(path), ExportOptions())
    teammate_edit(path)
    assert editor.edit_node("khazali", text="My Khazali.")
    dialogs.answer("choose", MERGE_AND_EXPORT)
    assert exports.export_to(str(path), ExportOptions())
    [question] = dialogs.texts("choose")
    assert "holds changes made elsewhere" in question and "1 re-worded" in question
    for nodes in (controllers.workspace.doc.to_map().by_id(), read_map(path).by_id()):
        assert nodes["qaani"].text == "A teammate's Qaani." and "their-point" in nodes
        assert nodes["khazali"].text == "My Khazali."
    controllers.workspace.doc.undo_stack.undo()  # the merge is one undo step
    assert "their-point" not in controllers.workspace.doc


def test_overwrite_and_cancel_do_what_they_say(controllers, tmp_path):
    exports, dialogs = controllers.exports, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    assert exports.export_to(str(path), ExportOptions())
    teammate_edit(path)
    before = path.read_bytes()
    dialogs.answer("choose", None)
    assert not exports.export_to(str(path), ExportOptions())
    assert path.read_bytes() == before
    dialogs.answer("choose", OVERWRITE)
    assert exports.export_to(str(path), ExportOptions())
    assert "their-point" not in read_map(path).by_id()


def _commit(root: Path, path: Path, edit, message: str) -> None:
    write_map(edit(read_map(path)), path)
    git(root, "commit", "-q", "-am", message)


def test_resolving_round_two_in_the_editor_keeps_round_one(controllers, tmp_path):
    """The README's git flow, two rounds: round 1 merges cleanly through the driver, round 2
    stops on qaani; `argmap FILE`, Merge, Keep Theirs. Nothing of round 1 is reverted, in the
    map or in the file, and git can commit the file."""
    files, dialogs = controllers.files, controllers.dialogs
    root = driver_repo(tmp_path)
    path = root / "team.argmap.json"
    assert controllers.exports.export_to(str(path), ExportOptions())
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    git(root, "checkout", "-q", "-b", "topic-1")
    _commit(root, path, lambda m: add(change(m, "khazali", text="Topic-1 on Khazali."),
                                      "t1-point", "thesis", "evidence", "Topic-1 point."), "t1")
    git(root, "checkout", "-q", "main")
    _commit(root, path, lambda m: change(m, "thesis", text="Main's thesis."), "main 1")
    assert git(root, "merge", "--no-edit", "topic-1", check=False).returncode == 0
    git(root, "checkout", "-q", "-b", "topic-2")
    _commit(root, path, lambda m: change(m, "qaani", text="Topic-2 on Qaani."), "t2")
    git(root, "checkout", "-q", "main")
    _commit(root, path, lambda m: change(m, "qaani", text="Main on Qaani."), "main 2")
    assert git(root, "merge", "--no-edit", "topic-2", check=False).returncode != 0

    dialogs.answer("choose", MERGE, KEEP_THEIRS)
    assert files.open_file(str(path))
    question = dialogs.texts("choose")[0]
    assert "git left team.argmap.json unmerged" in question
    assert "Topic-1" not in question.split("This branch's changes")[0]  # round 1 is not theirs
    for nodes in (controllers.workspace.doc.to_map().by_id(), read_map(path).by_id()):
        assert nodes["khazali"].text == "Topic-1 on Khazali." and nodes["t1-point"].parent == "thesis"
        assert nodes["thesis"].text == "Main's thesis."
        assert nodes["qaani"].text == "Topic-2 on Qaani."
    git(root, "add", "team.argmap.json")
    git(root, "commit", "-q", "--no-edit")
    assert unmerged_stages(path) is None
    # and the file and the map are one version again: exporting just writes
    assert controllers.exports.export_to(str(path), ExportOptions())
    assert len(dialogs.texts("choose")) == 2


def test_a_linked_file_changed_on_disk_is_taken_in_place(controllers, qtbot, tmp_path):
    exports, workspace, dialogs = controllers.exports, controllers.workspace, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    assert exports.export_to(str(path), ExportOptions())
    teammate_edit(path)
    qtbot.waitUntil(lambda: "their-point" in workspace.doc, timeout=5000)
    assert workspace.doc.node("qaani").text == "A teammate's Qaani."
    assert dialogs.texts("choose") == []


def test_a_linked_file_changed_beside_my_edits_asks_merge_or_ignore(controllers, qtbot, tmp_path):
    exports, workspace, dialogs = controllers.exports, controllers.workspace, controllers.dialogs
    path = tmp_path / "team.argmap.json"
    assert exports.export_to(str(path), ExportOptions())
    assert controllers.editor.edit_node("khazali", text="My Khazali.")
    dialogs.answer("choose", IGNORE)
    teammate_edit(path)
    qtbot.waitUntil(lambda: len(dialogs.texts("choose")) == 1, timeout=5000)
    assert "changed on disk" in dialogs.texts("choose")[0]
    assert "their-point" not in workspace.doc
    dialogs.answer("choose", MERGE)
    write_map(change(read_map(path), "thesis", text="Their thesis."), path)
    qtbot.waitUntil(lambda: "their-point" in workspace.doc, timeout=5000)
    doc = workspace.doc
    assert doc.node("thesis").text == "Their thesis." and doc.node("khazali").text == "My Khazali."


def test_the_conflict_dialog_answers_enter_with_its_first_button(qtbot):
    dialog = ConflictDialog(None, "Merge conflict 1 of 1", "why", "mine", "theirs")
    qtbot.addWidget(dialog)
    assert dialog.buttons[0].isDefault() and dialog.buttons[0].text() == "Keep Mine"


# -- from the review of issue 17 ----------------------------------------------------------------
def test_enter_in_the_conflict_dialog_keeps_mine(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = ConflictDialog(None, "Merge conflict 1 of 1", "why", "mine", "theirs")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.choice == KEEP_MINE


def _conflicted(controllers, tmp_path: Path) -> Path:
    """A git conflict on qaani; their branch also adds t-point. The watcher is off: these
    tests drive each step themselves."""
    controllers.files.watcher.stop()
    root = driver_repo(tmp_path)
    path = root / "team.argmap.json"
    assert controllers.exports.export_to(str(path), ExportOptions())
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    git(root, "checkout", "-q", "-b", "topic")
    _commit(root, path, lambda m: add(change(m, "qaani", text="Topic on Qaani."), "t-point",
                                      "thesis", "evidence", "Topic point."), "t")
    git(root, "checkout", "-q", "main")
    _commit(root, path, lambda m: change(m, "qaani", text="Main on Qaani."), "m")
    assert git(root, "merge", "--no-edit", "topic", check=False).returncode != 0
    return path


def test_cancelling_the_merge_into_my_map_never_overwrites_gits_resolution(controllers, tmp_path):
    dialogs = controllers.dialogs
    path = _conflicted(controllers, tmp_path)
    assert controllers.editor.edit_node("qaani", text="Library's Qaani.")
    # Merge and Export; git's conflict: Keep Theirs; the merge into my map: Cancel
    dialogs.answer("choose", MERGE_AND_EXPORT, KEEP_THEIRS, None)
    assert not controllers.exports.export_to(str(path), ExportOptions())
    nodes = read_map(path).by_id()
    assert "t-point" in nodes and nodes["qaani"].text == "Topic on Qaani."
    # and a later export still sees their changes, so it asks again instead of overwriting
    dialogs.answer("choose", None)
    assert not controllers.exports.export_to(str(path), ExportOptions())
    assert "t-point" in read_map(path).by_id()


def test_the_watcher_waits_while_a_merge_asks(controllers, tmp_path):
    files, dialogs = controllers.files, controllers.dialogs
    path = _conflicted(controllers, tmp_path)
    files.watcher.stopped = False
    files.watcher.rearm()
    assert controllers.editor.edit_node("qaani", text="Library's Qaani.")

    def meanwhile(*_args):  # the debounce fires while the second question is open
        files.watcher.check()
        return KEEP_MINE

    dialogs.answer("choose", MERGE, KEEP_THEIRS, meanwhile)
    assert files.open_file(str(path))
    titles = [title for method, title, _text in dialogs.shown if method == "choose"]
    assert titles == ["Resolve git's conflicts", "Merge conflict 1 of 1", "Merge conflict 1 of 1"]
    files.watcher.check()  # afterwards: the merge's own write is not a change to take
    assert [t for m, t, _x in dialogs.shown if m == "choose"] == titles


def test_a_part_of_the_map_never_overwrites_a_teammates_changes_silently(controllers, tmp_path):
    files, dialogs = controllers.files, controllers.dialogs
    files.watcher.stop()
    path = tmp_path / "team.argmap.json"
    assert controllers.exports.export_to(str(path), ExportOptions())
    teammate_edit(path)
    before = path.read_bytes()
    dialogs.answer("choose", None)
    assert not controllers.exports.export_to(str(path), ExportOptions(subtree="thesis"))
    assert path.read_bytes() == before
    dialogs.answer("choose", 0)  # overwrite it with the part
    done = controllers.exports.export_to(str(path), ExportOptions(subtree="thesis"))
    assert done, dialogs.shown[-3:]
    from argmap.teams.exchange import linked_files

    doc = controllers.workspace.doc
    assert str(path.resolve()) not in linked_files(files.library, doc.map_id)  # not its version
