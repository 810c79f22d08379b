"""Another program commits in the gap between the editor's look and its write.

The outside watcher looks (PRAGMA data_version) before each autosave, but the look and
the write are two transactions: these tests commit from a second connection exactly in
between, and nothing of the other program's may be overwritten."""

from __future__ import annotations

from argmap.core.model import new_map
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
