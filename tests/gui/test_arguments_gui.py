"""The window with a map that holds argument nodes (format version 2): it opens, selects,
collapses and saves them while the argument editor is still to come."""

from __future__ import annotations

from argmap.core.model import Kind
from argmap.gui.mainwindow import MainWindow
from tests.helpers import argument_map


def test_the_window_shows_and_saves_a_map_with_arguments(window: MainWindow, qtbot):
    amap = argument_map("with arguments")
    window.workspace.library.save(amap)
    assert window.workspace.open_map(amap.info.id)
    for node_id in ("a1", "p1", "u1", "a2"):
        window.view.select_node(node_id)
        qtbot.wait(1)
        assert window.view.current_node() == node_id
    window.view.select_node("a1")
    window.action_table.refresh()
    assert not window.action_table.kind_actions[Kind.CLAIM].isEnabled()  # an argument stays one
    window.map_editor.toggle_collapse()
    window.workspace.autosaver.flush()
    stored = window.workspace.library.load(amap.info.id)
    assert stored.by_id()["a1"].polarity == "supports"
    assert stored.by_id()["p2"].assessment == 0.9
