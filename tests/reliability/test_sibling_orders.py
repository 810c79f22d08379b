"""Editing one node never reorders its siblings (issue 11): the library stores exactly the
order values the editor shows, whatever orders the file used (gapped, tied or missing),
across sessions: import, close, reopen, edit, autosave, close, reopen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.core.store import Library
from argmap.editing import commands
from argmap.editing.autosave import Autosaver
from argmap.editing.document import MapDocument
from tests.helpers import import_map_file

ORDERS = {
    "gapped": [10, 20, 30, 40],
    "tied": [5, 5, 5, 5],
    "missing": [None, None, None, None],
    "descending ids": [3, 1, 2, 0],
}


def map_file(tmp_path: Path, orders: list[int | None]) -> Path:
    nodes: list[dict[str, object]] = [{"id": "root", "kind": "claim", "text": "root"}]
    for i, order in enumerate(orders):
        node: dict[str, object] = {"id": f"c{i}", "parent": "root", "kind": "claim",
                                   "text": f"child {i}"}
        if order is not None:
            node["order"] = order
        nodes.append(node)
    doc = {"format": "argmap", "version": 1,
           "map": {"id": "orders", "title": "orders", "created": "2026-01-01T00:00:00Z",
                   "modified": "2026-01-01T00:00:00Z"},
           "nodes": nodes}
    path = tmp_path / "orders.argmap.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def sibling_ids(db: Path) -> list[str]:
    with Library(db) as lib:
        return MapDocument(lib.load("orders")).children("root")


def edit_in_a_session(db: Path, node_id: str, text: str) -> None:
    with Library(db) as lib:
        doc = MapDocument(lib.load("orders"))
        saver = Autosaver(lib)
        saver.watch(doc)
        doc.undo_stack.push(commands.edit_node(doc, node_id, text=text))
        assert saver.flush()
        saver.watch(None)


@pytest.mark.parametrize("kind", ORDERS)
def test_editing_text_keeps_sibling_order_across_sessions(qapp, tmp_path: Path, kind: str):
    db = tmp_path / "library.db"
    with Library(db) as lib:
        import_map_file(lib, map_file(tmp_path, ORDERS[kind]))
    shown = sibling_ids(db)  # what the editor shows after the import
    with Library(db) as lib:  # normalised on import: 0, 1, 2, ... in the order shown
        orders = {n.id: n.order for n in lib.load("orders").nodes}
    assert [orders[i] for i in shown] == list(range(len(shown)))
    for node_id in reversed(shown):  # the last sibling first: the edit that used to move it
        edit_in_a_session(db, node_id, f"edited {node_id}")
        assert sibling_ids(db) == shown
    with Library(db) as lib:
        assert {n.text for n in lib.load("orders").nodes if n.parent} == {
            f"edited {i}" for i in shown}


@pytest.mark.parametrize("kind", ORDERS)
def test_a_library_holding_the_files_own_orders_is_edited_in_place(qapp, tmp_path: Path, kind: str):
    """Libraries written before orders were normalised hold the file's values."""
    db = tmp_path / "library.db"
    with Library(db) as lib:
        import_map_file(lib, map_file(tmp_path, ORDERS[kind]))
        for i, order in enumerate(ORDERS[kind]):
            lib.db.execute("UPDATE nodes SET ord = ? WHERE map_id = 'orders' AND id = ?",
                           [order or 0, f"c{i}"])
    shown = sibling_ids(db)
    edit_in_a_session(db, shown[-1], "edited")
    assert sibling_ids(db) == shown
