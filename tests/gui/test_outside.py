"""Changes made outside the editor are seen, and saves are verified (issue 11, items 5 and 6).

Another process (the CLI) or a second Library connection writes the library while the
controllers are running; the watcher must notice within its poll interval (waitUntil,
never a sleep), reload a clean map, ask when there are unsaved edits and lose nothing
either way. A save that does not land brings the `*` back and warns.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.mapfile import write_map
from argmap.core.model import ArgumentMap, Kind, MapInfo, Node, new_map, now
from argmap.core.store import Library
from argmap.editing import commands
from argmap.gui.outside import OutsideWatcher
from tests.gui.conftest import Controllers

SEEN_MS = 5000  # the poll runs every second; this only bounds a failing wait


@pytest.fixture
def watched(controllers: Controllers) -> tuple[Controllers, OutsideWatcher]:
    c = controllers
    watcher = OutsideWatcher(c.workspace, c.dialogs, c.view, c.host)
    watcher.library_changed.connect(c.files.refresh)
    return c, watcher


@pytest.fixture
def other(controllers: Controllers):
    """A second connection to the same library: another process, as far as SQLite knows."""
    library = Library(controllers.workspace.library.path)
    yield library
    library.close()


def panel_titles(c: Controllers) -> list[str]:
    items = (c.files.panel.list.item(row) for row in range(c.files.panel.list.count()))
    return [item.text() for item in items if item is not None]


def change_text(library: Library, map_id: str, node_id: str, text: str) -> None:
    """What another program does to the open map: one node's text, a new modified time."""
    amap = library.load(map_id)
    nodes = tuple(n.model_copy(update={"text": text}) if n.id == node_id else n for n in amap.nodes)
    info = MapInfo.model_validate({**amap.info.model_dump(), "modified": now()})
    library.save(amap.model_copy(update={"info": info, "nodes": nodes}))


def text_of(amap: ArgumentMap, node_id: str) -> str:
    return next(n.text for n in amap.nodes if n.id == node_id)


def some_node(c: Controllers) -> str:
    doc = c.workspace.doc
    assert doc is not None
    return doc.children(doc.roots()[0])[0]


def test_cli_import_is_listed_within_the_poll_interval(watched, qtbot, tmp_path: Path,
                                                       monkeypatch) -> None:
    c, _watcher = watched
    loads: list[str] = []
    real_load = c.workspace.library.load
    monkeypatch.setattr(c.workspace.library, "load",
                        lambda map_id: loads.append(map_id) or real_load(map_id))
    amap = new_map("Imported from a terminal")
    amap = amap.model_copy(update={"nodes": (Node(id="r", kind=Kind.CLAIM, text="Claim"),)})
    path = tmp_path / "outside.argmap.json"
    write_map(amap, path)
    done = subprocess.run([sys.executable, "-m", "argmap", "--db", str(c.workspace.library.path),
                           "import", str(path)], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=120)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: any(t.startswith("Imported from a terminal") for t in panel_titles(c)),
                    timeout=SEEN_MS)
    assert c.dialogs.shown == []  # another map changed: the open one is left alone
    assert loads == []  # its row says so: the open map is not even read again


def test_open_map_changed_elsewhere_reloads_when_nothing_is_unsaved(watched, other, qtbot) -> None:
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    node = some_node(c)
    c.workspace.push(commands.edit_node(doc, node, text="Mine, saved"))
    assert c.workspace.autosaver.flush()
    c.view.select_node(node)
    zoom = c.view.zoom()

    change_text(other, doc.map_id, node, "Theirs")
    qtbot.waitUntil(lambda: c.workspace.doc is not None
                    and c.workspace.doc.node(node).text == "Theirs", timeout=SEEN_MS)
    new_doc = c.workspace.doc
    assert new_doc.undo_stack.count() == 0  # the old version's history is not replayed over theirs
    assert new_doc.undo_stack.isClean() and not c.workspace.autosaver.pending
    assert c.workspace.scene is not None and c.workspace.scene.selected_ids() == [node]
    assert c.view.zoom() == pytest.approx(zoom)
    assert c.dialogs.shown == []


def test_unsaved_edits_keep_mine_as_a_copy(watched, other, qtbot) -> None:
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    map_id, node, title = doc.map_id, some_node(c), doc.info.title
    change_text(other, map_id, node, "Theirs")
    c.workspace.push(commands.edit_node(doc, node, text="Mine, unsaved"))
    c.dialogs.answer("choose", 0)  # Keep Mine as a Copy

    qtbot.waitUntil(lambda: bool(c.dialogs.texts("choose")), timeout=SEEN_MS)
    assert other.load(map_id).info.title == title
    assert text_of(other.load(map_id), node) == "Theirs"  # theirs untouched
    copies = [m for m in other.list_maps() if m.title == f"{title} (my version)"]
    assert len(copies) == 1
    assert text_of(other.load(copies[0].id), node) == "Mine, unsaved"
    shown = c.workspace.doc
    assert shown is not None and shown.map_id == copies[0].id
    assert shown.node(node).text == "Mine, unsaved"
    assert c.workspace.autosaver.flush()
    assert text_of(other.load(map_id), node) == "Theirs"  # no later save writes mine over theirs


def test_unsaved_edits_take_theirs_keeps_mine_in_the_trash(watched, other, qtbot) -> None:
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    map_id, node, title = doc.map_id, some_node(c), doc.info.title
    change_text(other, map_id, node, "Theirs")
    c.workspace.push(commands.edit_node(doc, node, text="Mine, unsaved"))
    c.dialogs.answer("choose", 1)  # Take Theirs

    qtbot.waitUntil(lambda: bool(c.dialogs.texts("choose")), timeout=SEEN_MS)
    shown = c.workspace.doc
    assert shown is not None and shown.map_id == map_id
    assert shown.node(node).text == "Theirs"
    assert c.workspace.autosaver.flush()
    assert text_of(other.load(map_id), node) == "Theirs"
    trashed = [e for e in other.trash() if e.title == f"{title} (my version)"]
    assert len(trashed) == 1
    assert text_of(other.restore(trashed[0].id), node) == "Mine, unsaved"


def test_autosave_within_the_poll_interval_does_not_write_over_theirs(watched, other) -> None:
    """The outside change lands, then an autosave runs before the next poll: the save asks
    first (Autosaver.guard) instead of writing mine row by row over theirs."""
    c, watcher = watched
    watcher.timer.stop()
    doc = c.workspace.doc
    assert doc is not None
    map_id, node = doc.map_id, some_node(c)
    second = doc.children(doc.roots()[0])[1]
    change_text(other, map_id, node, "Theirs")
    c.workspace.push(commands.edit_node(doc, second, text="Mine, unsaved"))
    c.dialogs.answer("choose", 0)
    c.workspace.autosaver.flush()
    assert len(c.dialogs.texts("choose")) == 1
    assert text_of(other.load(map_id), node) == "Theirs"
    assert text_of(other.load(map_id), second) != "Mine, unsaved"


def test_open_map_deleted_elsewhere_can_be_kept(watched, other, qtbot) -> None:
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    map_id, node = doc.map_id, some_node(c)
    c.workspace.push(commands.edit_node(doc, node, text="Mine, unsaved"))
    other.delete(map_id)
    c.dialogs.answer("choose", 0)  # Keep It

    qtbot.waitUntil(lambda: bool(c.dialogs.texts("choose")), timeout=SEEN_MS)
    assert other.has_map(map_id)
    assert text_of(other.load(map_id), node) == "Mine, unsaved"
    assert c.workspace.doc is not None and c.workspace.doc.undo_stack.isClean()


def test_open_map_deleted_elsewhere_can_be_closed_edits_kept_in_trash(watched, other,
                                                                      qtbot) -> None:
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    map_id, node, title = doc.map_id, some_node(c), doc.info.title
    c.workspace.push(commands.edit_node(doc, node, text="Mine, unsaved"))
    other.delete(map_id)
    c.dialogs.answer("choose", 1)  # Close It

    qtbot.waitUntil(lambda: c.workspace.doc is None, timeout=SEEN_MS)
    assert not other.has_map(map_id)
    mine = [e for e in other.trash() if e.title == f"{title} (my version)"]
    assert len(mine) == 1
    assert text_of(other.restore(mine[0].id), node) == "Mine, unsaved"


def test_no_autosave_writes_while_the_question_is_open(watched, other, qtbot) -> None:
    """A real dialog runs an event loop: the autosave timer fires under it. It must wait
    for the answer, not write mine over the version being asked about."""
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    map_id, node = doc.map_id, some_node(c)
    change_text(other, map_id, node, "Theirs")
    c.workspace.push(commands.edit_node(doc, node, text="Mine, unsaved"))
    during: list[tuple[bool, str]] = []

    def answer(*_args: object) -> int:
        saved = c.workspace.autosaver.flush()
        during.append((saved, text_of(other.load(map_id), node)))
        return 1  # Take Theirs

    c.dialogs.answer("choose", answer)
    qtbot.waitUntil(lambda: bool(during), timeout=SEEN_MS)
    assert during == [(False, "Theirs")]
    assert c.workspace.doc is not None and c.workspace.doc.node(node).text == "Theirs"


def test_restore_by_another_process_reloads_the_open_map(watched, other, qtbot) -> None:
    c, _watcher = watched
    doc = c.workspace.doc
    assert doc is not None
    node = some_node(c)
    before = doc.node(node).text
    backup = other.backup()
    c.workspace.push(commands.edit_node(doc, node, text="After the backup"))
    assert c.workspace.autosaver.flush()
    other.restore_backup(backup)
    qtbot.waitUntil(lambda: c.workspace.doc is not None
                    and c.workspace.doc.node(node).text == before, timeout=SEEN_MS)
    assert c.dialogs.shown == []


@pytest.mark.logs_warnings("the library changed elsewhere but cannot be read: 3 validation errors for Node$")
def test_status_messages_are_one_line_and_quote_titles_as_excerpts(watched, other, qtbot,
                                                                   monkeypatch) -> None:
    """A long title is quoted cut short; an error that runs to several lines shows one."""
    c, watcher = watched
    watcher.timer.stop()
    doc = c.workspace.doc
    assert doc is not None
    statuses: list[str] = []
    watcher.status.connect(lambda text, _ms: statuses.append(text))
    long_title = "T" * 400
    c.workspace.push(commands.edit_node(doc, some_node(c), text="Saved first"))
    assert c.workspace.autosaver.flush()
    amap = other.load(doc.map_id)
    info = MapInfo.model_validate({**amap.info.model_dump(), "title": long_title, "modified": now()})
    other.save(amap.model_copy(update={"info": info}))
    watcher.check()
    assert statuses and long_title not in statuses[-1] and "TTTT…" in statuses[-1]
    assert len(statuses[-1]) < 200

    def broken(_map_id: str) -> ArgumentMap:
        raise ValueError("3 validation errors for Node\ntext\n  " + "x" * 5000)

    monkeypatch.setattr(c.workspace.library, "load", broken)
    change_text(other, doc.map_id, some_node(c), "Theirs")
    watcher.check()
    assert "cannot be read" in statuses[-1]
    assert "\n" not in statuses[-1] and "x" * 300 not in statuses[-1]
