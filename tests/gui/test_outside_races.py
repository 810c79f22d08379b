"""Another program commits in the gap between the editor's look and its write.

The outside watcher looks (PRAGMA data_version) before each autosave, but the look and
the write are two transactions: these tests commit from a second connection exactly in
between, and nothing of the other program's may be overwritten."""

from __future__ import annotations

from pathlib import Path

from argmap.core.mapfile import write_map
from argmap.core.model import Kind, Node, new_map
from argmap.editing import commands
from tests.gui.test_outside import change_text, other, some_node, text_of, watched

__all__ = ["other", "watched"]  # the fixtures, shared with test_outside


def commit_after_the_look(c, commit) -> None:
    """The autosaver's guard runs as before, then `commit` (once): another program's commit
    lands after the watcher looked and before the autosaver writes."""
    autosaver = c.workspace.autosaver
    real_guard = autosaver.guard
    done: list[bool] = []

    def guard() -> bool:
        ok = real_guard() if real_guard is not None else True
        if not done:
            done.append(True)
            commit()
        return ok

    autosaver.guard = guard


def test_their_commit_between_the_look_and_the_write_is_kept_and_asked_about(watched,
                                                                             other) -> None:
    c, watcher = watched
    watcher.timer.stop()
    doc = c.workspace.doc
    assert doc is not None
    map_id, node, title = doc.map_id, some_node(c), doc.info.title
    commit_after_the_look(c, lambda: change_text(other, map_id, node, "Theirs"))
    c.workspace.push(commands.edit_node(doc, node, text="Mine, unsaved"))
    c.dialogs.answer("choose", 0)  # Keep Mine as a Copy

    c.workspace.autosaver.flush()
    assert len(c.dialogs.texts("choose")) == 1  # the user was asked
    assert text_of(other.load(map_id), node) == "Theirs"  # theirs survives
    copies = [m for m in other.list_maps() if m.title == f"{title} (my version)"]
    assert len(copies) == 1 and text_of(other.load(copies[0].id), node) == "Mine, unsaved"


def test_a_commit_to_another_map_in_the_gap_does_not_stop_the_save(watched, other) -> None:
    c, watcher = watched
    watcher.timer.stop()
    doc = c.workspace.doc
    assert doc is not None
    map_id, node = doc.map_id, some_node(c)
    commit_after_the_look(c, lambda: other.add_new(new_map("Imported elsewhere")))
    c.workspace.push(commands.edit_node(doc, node, text="Mine"))

    assert c.workspace.autosaver.flush()
    assert c.dialogs.shown == []
    assert text_of(other.load(map_id), node) == "Mine"
    assert doc.undo_stack.isClean()


def test_an_id_taken_before_the_opened_file_is_stored_is_not_overwritten(controllers, other,
                                                                         tmp_path: Path) -> None:
    """A file's map is shown first and stored a moment later; the CLI imports a map with
    the same id in between. Theirs stays; the file's map is added under a fresh id."""
    c = controllers
    mine = new_map("From a file", [Node(id="r", kind=Kind.CLAIM, text="Mine")])
    path = tmp_path / "mine.argmap.json"
    write_map(mine, path)
    assert c.files.open_file(str(path))
    map_id = mine.info.id
    assert c.workspace.doc is not None and c.workspace.doc.map_id == map_id
    theirs = new_map("Imported elsewhere", [Node(id="r", kind=Kind.CLAIM, text="Theirs")])
    theirs = theirs.model_copy(update={"info": theirs.info.model_copy(update={"id": map_id})})
    assert other.add_new(theirs).info.id == map_id
    statuses: list[str] = []
    c.workspace.status.connect(lambda text, _ms: statuses.append(text))

    assert c.workspace.autosaver.flush()
    assert any("same id" in text for text in statuses)  # the user is told
    assert text_of(other.load(map_id), "r") == "Theirs"
    shown = c.workspace.doc
    assert shown is not None and shown.map_id != map_id
    assert text_of(other.load(shown.map_id), "r") == "Mine"
    assert shown.undo_stack.isClean()
