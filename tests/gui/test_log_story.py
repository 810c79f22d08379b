"""argmap.log tells what happened in the editor: a file read with losses, a map reloaded
after another program changed it, a backup made and restored, a map trashed and restored
(one line each, at INFO: nothing here is a warning)."""

from __future__ import annotations

from argmap.core.log import setup_logging
from argmap.core.model import MapInfo, now
from argmap.core.store import Library
from argmap.gui.outside import OutsideWatcher

SEEN_MS = 5000  # the poll runs every second; this only bounds a failing wait


def test_the_log_tells_what_happened(controllers, qtbot, tmp_path):
    path = setup_logging()
    c = controllers
    OutsideWatcher(c.workspace, c.dialogs, c.view, c.host)
    sent = tmp_path / "sent.argdown"
    sent.write_text("# A section\n\nCars out.\n  + Air improves.\n", encoding="utf-8")
    assert c.files.open_file(str(sent))
    assert c.workspace.autosaver.flush()
    doc = c.workspace.doc
    assert doc is not None
    map_id = doc.map_id

    with Library(c.workspace.library.path) as other:  # another program, as SQLite sees it
        amap = other.load(map_id)
        info = MapInfo.model_validate({**amap.info.model_dump(), "title": "Retitled elsewhere",
                                       "modified": now()})
        other.save(amap.model_copy(update={"info": info}))
    qtbot.waitUntil(lambda: c.workspace.doc is not None
                    and c.workspace.doc.info.title == "Retitled elsewhere", timeout=SEEN_MS)

    c.files.make_backup()
    c.dialogs.answer("choose_item", 0)
    c.dialogs.answer("ask", True)
    c.files.restore_from_backup()
    c.workspace.library.delete(map_id)
    [entry] = c.workspace.library.trash()
    c.workspace.library.restore(entry.id)

    told = path.read_text(encoding="utf-8")
    for line in (
        f"INFO argmap.gui.library_actions: {sent}: read as argdown, with losses: "
        "1 heading (section) dropped",
        f"INFO argmap.gui.outside: map {map_id} changed by another program, nothing "
        "unsaved here: reloaded (2 nodes)",
        "INFO argmap.core.backups: backup ",
        f"INFO argmap.core.backups: {c.workspace.library.path} restored from the backup ",
        f"INFO argmap.core.trash: map {map_id} (2 nodes) deleted: kept in the trash",
        f"INFO argmap.core.trash: trash #{entry.id} restored as map {map_id}",
    ):
        assert line in told, line
    assert " WARNING " not in told and " ERROR " not in told
