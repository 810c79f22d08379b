"""The canvas's gestures (gui/canvas/interactions.py), driven with real mouse events on the
view: the drop outline while a node is dragged, a press that never becomes a drag,
double-click to edit and the context menu's request."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import mouse, node_point


def test_a_dragged_node_outlines_its_drop_target_green_or_red(window):
    scene, view = window.scene, window.view
    view.zoom_to_fit()
    viewport = view.viewport()
    start = node_point(window, "balance")  # a rebuttal: it may answer an objection only
    mouse(viewport, "press", start)
    over_evidence = node_point(window, "qaani")
    mouse(viewport, "move", over_evidence, buttons=Qt.LeftButton)
    assert scene.nodes["qaani"].drop_state is False  # red: refused
    assert scene.nodes["balance"].opacity() < 1
    over_objection = node_point(window, "funding")
    mouse(viewport, "move", over_objection, buttons=Qt.LeftButton)
    assert scene.nodes["qaani"].drop_state is None  # left behind: no outline
    assert scene.nodes["funding"].drop_state is True  # green: a rebuttal may answer it
    mouse(viewport, "release", over_objection)
    assert window.doc.node("balance").parent == "funding"
    assert all(item.drop_state is None for item in scene.nodes.values())
    assert scene.nodes["balance"].opacity() == 1.0
    assert scene.nodes["balance"].zValue() == 0


def test_a_press_that_barely_moves_is_no_drag(window):
    scene, view = window.scene, window.view
    view.zoom_to_fit()
    item = scene.nodes["tower22"]
    before = item.pos()
    start = node_point(window, "tower22")
    nudge = max(1, QApplication.startDragDistance() // 2 - 1)
    mouse(view.viewport(), "press", start)
    mouse(view.viewport(), "move", start + QPoint(nudge, 0), buttons=Qt.LeftButton)
    assert item.pos() == before and item.opacity() == 1.0
    mouse(view.viewport(), "release", start + QPoint(nudge, 0))
    assert window.doc.undo_stack.count() == 0
    assert item.pos() == before


def test_double_click_edits_the_node_in_place(window):
    view = window.view
    view.zoom_to_fit()
    point = node_point(window, "qaani")
    mouse(view.viewport(), "press", point)
    mouse(view.viewport(), "release", point)
    mouse(view.viewport(), "double", point)
    assert view.editor.isVisible()
    assert view.editor.toPlainText() == window.doc.node("qaani").text


def test_right_click_selects_the_node_and_asks_for_its_menu(window, qtbot):
    scene, view = window.scene, window.view
    view.zoom_to_fit()
    asked: list[str] = []
    scene.context_requested.connect(lambda node_id, _pos: asked.append(node_id))
    point = node_point(window, "khazali")
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert asked == ["khazali"] and scene.selected_ids() == ["khazali"]
    corner = QPoint(2, 2)  # empty space: the background's menu
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, corner, view.viewport().mapToGlobal(corner))
    QApplication.sendEvent(view.viewport(), event)
    assert asked == ["khazali", ""]
    for menu in QApplication.topLevelWidgets():
        if menu.inherits("QMenu") and menu.isVisible():
            menu.close()


def test_the_drag_ghost_leaves_the_target_in_view(window):
    """The dragged box does not cover the box it is aimed at: it hangs off the pointer and
    is drawn under the other boxes."""
    scene, view = window.scene, window.view
    view.zoom_to_fit()
    viewport = view.viewport()
    mouse(viewport, "press", node_point(window, "tower22"))
    aim = node_point(window, "khazali")
    mouse(viewport, "move", aim, buttons=Qt.LeftButton)
    ghost, target = scene.nodes["tower22"], scene.nodes["khazali"]
    assert target.drop_state is True
    assert not ghost.sceneBoundingRect().contains(view.mapToScene(aim))
    assert ghost.zValue() < target.zValue()  # drawn under it wherever they overlap
    mouse(viewport, "release", aim)
    assert window.doc.node("tower22").parent == "khazali"
    assert ghost.zValue() == 0 and ghost.scale() == 1.0


def test_drop_onto_and_drop_beside_look_different(window):
    scene, view = window.scene, window.view
    view.zoom_to_fit()
    viewport = view.viewport()
    mouse(viewport, "press", node_point(window, "beholden"))
    mouse(viewport, "move", node_point(window, "qaani"), buttons=Qt.LeftButton)  # the middle
    drag = scene.gestures.current
    target = scene.nodes["qaani"]
    assert target.drop_state is True  # onto: the target's outline, no bar
    assert drag.beside is None or not drag.beside.isVisible()
    mouse(viewport, "move", node_point(window, "qaani", 0.5, 0.1), buttons=Qt.LeftButton)
    assert target.drop_state is None  # beside: no outline (it would not be the parent) ...
    bar = drag.beside
    assert bar is not None and bar.isVisible() and bar.scene() is scene  # ... but a bar
    line = bar.line()
    assert line.y1() == line.y2() <= target.pos().y()  # along the top edge: before it
    mouse(viewport, "release", node_point(window, "qaani", 0.5, 0.1))
    assert bar.scene() is None
    assert window.doc.children("thesis")[0] == "beholden"
