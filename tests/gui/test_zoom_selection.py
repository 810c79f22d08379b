"""Zoom to Selection fits the selection at a readable zoom, capped (issue 23: it jumped to
200 %), and is where it ends at once, at 2,000 nodes too; the collapse badge is never
covered by the next box."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication

from argmap.core.mapfile import write_map
from argmap.gui.canvas.view import readable_zoom
from tests.generate import generate


def _shown(view) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def _state(view) -> tuple[float, int, int]:
    return view.zoom(), view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def _zoom_to_selection_settles(window, qtbot, node_id: str) -> None:
    view, scene = window.view, window.scene
    view.zoom_reset()
    view.select_node(node_id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_0, Qt.ControlModifier | Qt.AltModifier)
    assert readable_zoom() - 1e-9 <= view.zoom() <= 1.0 + 1e-9, view.zoom()
    assert _shown(view).contains(scene.nodes[node_id].sceneBoundingRect())
    settled = _state(view)
    QApplication.processEvents()
    assert _state(view) == settled  # nothing moves after it
    view.zoom_to_selection()
    assert _state(view) == settled  # asked again: already there


def test_zoom_to_selection_fits_one_box_without_jumping_to_200(window, qtbot):
    _zoom_to_selection_settles(window, qtbot, "qaani")


def test_zoom_to_selection_settles_at_once_at_2000_nodes(window, qtbot, tmp_path):
    path = tmp_path / "big.argmap.json"
    write_map(generate(2_000), path)
    assert window.files.open_file(str(path))
    _zoom_to_selection_settles(window, qtbot, window.doc.children(window.doc.roots()[0])[-1])


def test_a_wide_selection_stays_readable(window, qtbot, tmp_path):
    path = tmp_path / "big.argmap.json"
    write_map(generate(2_000), path)
    assert window.files.open_file(str(path))
    view, doc = window.view, window.doc
    ids = [n.id for n in doc.nodes()]
    window.scene.select_only([ids[1], ids[len(ids) // 2], ids[-1]])  # far apart
    view.zoom_to_selection()
    assert view.zoom() >= readable_zoom() - 1e-9
    current = window.scene.nodes[view.current_node()].sceneBoundingRect()
    assert _shown(view).contains(current)  # what is shown is the current node, readable


def test_the_collapse_badge_is_inside_its_box(window, qtbot):
    scene, view = window.scene, window.view
    for node_id in ("ambiguity", "funding", "accident"):
        view.select_node(node_id)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key_Space)
        assert scene.nodes[node_id].hidden_counts
    scene.relayout()
    for node_id in ("ambiguity", "funding", "accident"):
        item = scene.nodes[node_id]
        w, h = item.size()
        x, y, bw, bh = item.box.badge_rect
        assert y >= 0 and y + bh <= h and x >= 0 and x + bw <= w  # in its own box
        badge = QRectF(x, y, bw, bh).translated(item.pos())
        covered = [other.node_id for other in scene.nodes.values()
                   if other is not item and other.isVisible()
                   and other.sceneBoundingRect().intersects(badge)]
        assert covered == [], (node_id, covered)
