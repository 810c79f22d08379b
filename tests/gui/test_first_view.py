"""The seeded argument is readable on first start, and the overview never hides the node
worked on (issue 23). Screen sizes are fixed: MainWindow.fit_to_screen gets the free area
a 1280x800 or 1920x1080 screen would give."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from argmap.core.model import Kind
from argmap.editing.document import MapDocument
from argmap.gui.app import create_window
from argmap.gui.canvas.overview import SILHOUETTE
from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.view import MapView, body_px
from argmap.gui.mainwindow import MainWindow
from argmap.gui.settings import make_settings
from tests.generate import generate
from tests.gui.fakes import FakeDialogs


def _first_start(qtbot, tmp_path: Path, width: int, height: int) -> MainWindow:
    """A first start (fresh library, no saved window) on a screen of that size."""
    window = create_window(tmp_path / "library.db", make_settings(tmp_path / "s.ini"), FakeDialogs())
    qtbot.addWidget(window)
    window.fit_to_screen(QRect(0, 0, width, height))
    window.show()
    qtbot.waitExposed(window)
    window.files.open_initial_map()
    qtbot.wait(10)  # the dock and canvas sizes settle
    return window


def _readable_nodes(window: MainWindow) -> list[str]:
    """The non-root nodes on the canvas (at least 85 % of the box: its text, at the top of
    the box, shows; a cut-off source line below may not) and not under the overview."""
    view, scene, doc = window.view, window.scene, window.doc
    assert scene is not None and doc is not None
    port = view.viewport().rect()
    cover = view.overview_rect()
    shown = []
    for node_id, item in scene.nodes.items():
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        inside = box.intersected(port)
        mostly = inside.width() * inside.height() >= 0.85 * box.width() * box.height()
        if doc.node(node_id).parent is not None and mostly and not box.intersects(cover):
            shown.append(node_id)
    return shown


def test_the_first_view_at_1280x800_reads_at_9px_and_shows_most_of_the_seeded_map(
        qtbot, tmp_path, no_modal_dialogs):
    window = _first_start(qtbot, tmp_path, 1280, 800)
    assert window.width() == 1280 and window.height() == 800
    assert window.view.zoom() * body_px() >= 9.0 - 1e-6
    assert len(_readable_nodes(window)) >= 15
    # one tabbed column of panels, the Inspector in front
    assert window.dockWidgetArea(window.docks["inspector"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert not window.docks["inspector"].visibleRegion().isEmpty()


def test_the_first_view_at_1920x1080_shows_all_19_nodes_readable(qtbot, tmp_path, no_modal_dialogs):
    window = _first_start(qtbot, tmp_path, 1920, 1080)
    assert window.view.zoom() * body_px() >= 9.0
    assert len(_readable_nodes(window)) == 19
    assert window.dockWidgetArea(window.docks["inspector"]) == Qt.DockWidgetArea.RightDockWidgetArea


def _under_the_overview(window: MainWindow, qtbot) -> str:
    """Zoom in and scroll so a non-root node sits right under the overview; its id."""
    view, doc, scene = window.view, window.doc, window.scene
    assert doc is not None and scene is not None
    view.set_zoom(1.5)
    qtbot.waitUntil(view.overview.isVisible)
    node_id = doc.roots()[0]
    node_id = doc.children(node_id)[0]
    item = scene.nodes[node_id]
    box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    delta: QPoint = box.center() - view.overview_rect().center()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + delta.x())
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + delta.y())
    assert _covered(window, node_id)
    return node_id


def _covered(window: MainWindow, node_id: str) -> bool:
    view, scene = window.view, window.scene
    assert scene is not None
    box = view.mapFromScene(scene.nodes[node_id].sceneBoundingRect()).boundingRect()
    return box.intersects(view.overview_rect())


# (A find match is centred, find.py: never under the overview.)
@pytest.mark.parametrize("path", ["select", "click", "new child"])
def test_the_node_worked_on_never_sits_under_the_overview(qtbot, tmp_path, no_modal_dialogs, path):
    window = _first_start(qtbot, tmp_path, 1280, 800)
    scene = window.scene
    assert scene is not None
    node_id = _under_the_overview(window, qtbot)
    if path == "select":  # arrow keys, the outline, the why-list
        window.view.select_node(node_id)
    elif path == "click":  # a click selects through the scene
        scene.select_only([node_id])
    else:
        window.view.select_node(node_id)
        new = window.map_editor.add_child(Kind.EVIDENCE, node_id, edit=False)
        assert new is not None
        node_id = new
    qtbot.waitUntil(lambda: not _covered(window, node_id))
    assert scene.nodes[node_id].isSelected()
    port = window.view.viewport().rect()
    assert port.intersects(window.view.mapFromScene(scene.nodes[node_id].sceneBoundingRect())
                           .boundingRect())


def test_a_big_maps_overview_is_its_silhouette_not_a_stripe_pattern(qtbot):
    """2,000 nodes: kind-coloured blocks of a pixel or two were an unreadable stripe pattern;
    the overview draws where the map is, in one grey, under the frame of what is shown."""
    doc = MapDocument(generate(2_000, seed=5))
    scene = MapScene(doc)
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.setScene(scene)
    view.show_from_root()
    overview = view.overview
    qtbot.waitUntil(lambda: overview.isVisible() and overview._pixmap is not None)
    image = overview._pixmap.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2)}
    assert colours == {"#ffffff", SILHOUETTE.name()}
    small = MapDocument(generate(12, seed=5))  # a small map keeps its boxes in kind colours
    assert not overview.silhouette(MapScene(small), 0.1)


def test_the_smoke_tests_quit_timer_closes_the_windows(qtbot, qapp, monkeypatch):
    """ARGMAP_QUIT_AFTER_MS (argmap.gui.app): the stand-alone build's smoke test starts the
    editor offscreen and needs it to end by itself (.ci/build-app)."""
    from PySide6.QtWidgets import QWidget

    from argmap.gui import app

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    monkeypatch.setenv(app.QUIT_AFTER_ENV, "10")
    app._quit_after(qapp)
    qtbot.waitUntil(lambda: not widget.isVisible())
