"""A big map's items are built a part at a time (gui/canvas/progressive.py): what the view
shows first, the rest in idle slices; whatever happens meanwhile sees the whole map, and
the finished scene is the scene built whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from argmap.core.layout import LayoutStyle
from argmap.core.model import PREMISES, ArgumentMap, Kind, Node
from argmap.editing import commands
from argmap.editing.document import MapDocument
from argmap.gui.canvas import progressive as progressive_module
from argmap.gui.canvas import scene as scene_module
from argmap.gui.canvas.items import NodeItem
from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.view import MapView
from tests.generate import generate
from tests.gui.test_scene_updates import assert_fresh, picture

NODES = 600


@pytest.fixture
def progressive(monkeypatch):
    """Maps of 100+ nodes build progressively, 50 nodes a slice."""
    monkeypatch.setattr(scene_module, "PROGRESSIVE_NODES", 100)
    monkeypatch.setattr(progressive_module, "SLICE_NODES", 50)


def _whole(doc: MapDocument, style: LayoutStyle, monkeypatch) -> MapScene:
    """The scene built whole at once, as a small map's is."""
    with monkeypatch.context() as m:
        m.setattr(scene_module, "PROGRESSIVE_NODES", 10**9)
        scene = MapScene(doc, style)
    assert not scene.building()
    return scene


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.DOWN])
def test_the_idle_slices_end_with_the_scene_built_whole(qapp, qtbot, progressive, style,
                                                        monkeypatch):
    doc = MapDocument(generate(NODES, seed=3))
    scene = MapScene(doc, style)
    assert scene.building() and not scene._nodes  # nothing built before it is asked for
    scene.build_region(QRectF(0, 0, 1200, 800))
    first = len(scene._nodes)
    assert 0 < first < NODES
    qtbot.waitUntil(lambda: not scene.building(), timeout=10_000)
    assert len(scene._nodes) == NODES
    assert picture(scene) == picture(_whole(doc, style, monkeypatch))
    assert_fresh(scene)


def test_the_view_builds_what_it_shows_before_painting(qapp, qtbot, progressive):
    doc = MapDocument(generate(NODES, seed=4))
    scene = MapScene(doc)
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.setScene(scene)
    view.show_from_root()
    shown = view.visible_scene_rect()
    boxes = [QRectF(x, y, w, h) for x, y, w, h, _kind in scene.node_boxes()]
    meeting = sum(1 for box in boxes if box.intersects(shown))
    built = [i for i in scene.items(shown) if isinstance(i, NodeItem)]
    assert scene.building() and meeting and len(built) == meeting
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 2000)
    shown = view.visible_scene_rect()
    assert len([i for i in scene.items(shown) if isinstance(i, NodeItem)]) == sum(
        1 for box in boxes if box.intersects(shown))


def test_edits_selection_and_find_while_building_see_every_node(qapp, progressive):
    doc = MapDocument(generate(NODES, seed=5))
    scene = MapScene(doc)
    last = doc.roots()[0]
    for node in doc.nodes():
        last = node.id  # the map's last node: built last
    scene.select_only([last])  # built on demand, with its ancestors
    assert scene.building() and scene.selected_ids() == [last]
    assert len(list(scene.node_boxes())) == NODES  # the overview draws every node
    scene.set_matches([last, doc.roots()[0]])
    assert not scene.building()  # asking for every item finished the build
    assert scene.nodes[last].matched

    doc = MapDocument(generate(NODES, seed=5))
    scene = MapScene(doc)
    doc.undo_stack.push(commands.add_child(doc, last, Kind.EVIDENCE, "a new leaf")[0])
    assert not scene.building() and len(scene.nodes) == NODES + 1
    assert_fresh(scene)


def test_a_scene_deleted_while_building_stops_its_slices(qapp, progressive):
    doc = MapDocument(generate(NODES, seed=6))
    scene = MapScene(doc)
    scene.deleteLater()
    for _ in range(5):
        QApplication.processEvents()
    del scene  # nothing more to build, no error from a slice of a deleted scene


def _with_arguments(amap: ArgumentMap) -> ArgumentMap:
    """The map with some of its claims turned into arguments (linked premises: their claim
    and evidence children), none under another argument."""
    nodes = {n.id: n for n in amap.nodes}
    kids: dict[str, list[Node]] = {}
    for node in amap.nodes:
        if node.parent is not None:
            kids.setdefault(node.parent, []).append(node)
    argued: set[str] = set()
    for node in amap.nodes:
        below = kids.get(node.id, [])
        if (node.kind is Kind.CLAIM and node.parent is not None and node.parent not in argued
                and sum(k.kind in PREMISES for k in below) >= 2 and len(argued) < 40
                and int(node.id[1:]) % 3 == 0):
            argued.add(node.id)
            nodes[node.id] = node.model_copy(update={"kind": Kind.ARGUMENT,
                                                     "polarity": "supports"})
    assert len(argued) >= 10
    return ArgumentMap.model_validate({**amap.model_dump(), "nodes": [
        n.model_dump() for n in (nodes[m.id] for m in amap.nodes)]})


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.RIGHT])
def test_arguments_built_in_slices_get_the_frames_and_rows_of_a_whole_build(
        qapp, qtbot, progressive, style, monkeypatch):
    doc = MapDocument(_with_arguments(generate(NODES, seed=7)))
    scene = MapScene(doc, style)
    scene.build_region(QRectF(0, 0, 1200, 800))
    assert scene.building()
    qtbot.waitUntil(lambda: not scene.building(), timeout=10_000)
    whole = _whole(doc, style, monkeypatch)
    assert picture(scene) == picture(whole)
    assert {i: item.size() for i, item in scene.nodes.items()} == {
        i: item.size() for i, item in whole.nodes.items()}  # premises stretched to their rows
    assert {a: f.rect().getRect() for a, f in scene.arguments.items.items() if f.isVisible()} \
        == {a: f.rect().getRect() for a, f in whole.arguments.items.items() if f.isVisible()}
    assert sum(f.isVisible() for f in scene.arguments.items.values()) >= 10
