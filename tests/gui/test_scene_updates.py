"""After any run of edits the scene shows what a scene built afresh from the document shows.

The scene updates incrementally (only moved items are placed, only edges at moved,
resized or re-parented nodes, or those the compact layout re-routed, are routed again;
only re-trunked parents' trunks are rebuilt), so these tests compare it, after each edit
and undo, in every layout, with a new MapScene of the same document.
"""

from __future__ import annotations

import random

import pytest

from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle
from argmap.core.model import ATTACKS, PREMISES, Kind
from argmap.editing import commands
from argmap.editing.document import MapDocument
from argmap.gui.canvas.scene import MapScene
from tests.generate import generate
from tests.helpers import random_edit


def picture(scene: MapScene) -> dict:
    nodes = {i: (item.isVisible(), item.pos().toTuple() if item.isVisible() else None)
             for i, item in scene.nodes.items()}
    edges = {i: (edge.isVisible(), edge.parent_id, edge.geometry() if edge.isVisible() else None)
             for i, edge in scene.edges.items()}
    trunks = {i: (trunk.lines, trunk.scene() is scene) for i, trunk in scene.trunks.items()}
    return {"nodes": nodes, "edges": edges, "trunks": trunks,
            "bounds": scene.content_rect.getRect()}


def assert_fresh(scene: MapScene) -> None:
    fresh = MapScene(scene.doc, scene.layout_style)
    for node_id in scene.collapsed:
        fresh.set_collapsed(node_id, True)
    assert picture(scene) == picture(fresh)
    assert scene.sceneRect().contains(scene.content_rect)


@pytest.mark.slow
@pytest.mark.parametrize("style", list(LayoutStyle))
def test_edits_and_undo_leave_the_scene_as_if_built_afresh(qapp, style):
    doc = MapDocument(generate(300, seed=5))
    scene = MapScene(doc, style)
    rng = random.Random(11)
    done = []
    for _ in range(40):
        cmd = random_edit(doc, rng)
        if cmd is None:
            continue
        doc.undo_stack.push(cmd)
        done.append(cmd)
        assert_fresh(scene)
    for _ in done:
        doc.undo_stack.undo()
        assert_fresh(scene)


def test_collapse_and_layout_changes_match_a_fresh_scene(qapp):
    doc = MapDocument(generate(300, seed=6))
    scene = MapScene(doc)
    assert scene.layout_style is DEFAULT_LAYOUT is LayoutStyle.COMPACT_SLIDE
    parents = [i for i in doc.children_index() if i is not None][:12]
    for node_id in parents[::3]:
        scene.set_collapsed(node_id, True)
        assert_fresh(scene)
    for style in (LayoutStyle.RIGHT, LayoutStyle.COMPACT_PAGE, LayoutStyle.DOWN,
                  LayoutStyle.COMPACT_SLIDE):
        scene.set_layout(style)
        assert_fresh(scene)
    for node_id in parents[::3]:
        scene.set_collapsed(node_id, False)
        assert_fresh(scene)
    assert not any(trunk.scene() is not scene for trunk in scene.trunks.values())


def test_every_child_has_its_branch_and_every_fan_its_trunk(qapp):
    """Compact: a visible edge per child, drawn from the layout's branch; a trunk item per
    parent of two or more, none for a lone child; after switching to tidy, no trunks."""
    doc = MapDocument(generate(300, seed=8))
    scene = MapScene(doc, LayoutStyle.COMPACT_PAGE)
    tree = scene._layout
    for node in doc.nodes():
        if node.parent is not None:
            edge = scene.edges[node.id]
            assert edge.isVisible() and edge.geometry() == tree.branch(node.id)
    fans = {p for p in doc.children_index() if p is not None and len(doc.children(p)) > 1}
    assert set(scene.trunks) == fans
    assert all(item.lines == tree.trunks[p] for p, item in scene.trunks.items())
    scene.set_layout(LayoutStyle.DOWN)
    assert not scene.trunks
    assert not [i for i in scene.items() if i.zValue() == -2]


def test_a_small_edit_keeps_the_scene_rect(qapp):
    """Each new scene rect makes Qt rebuild its item index: a leaf added inside the map
    must not change it."""
    doc = MapDocument(generate(300, seed=7))
    scene = MapScene(doc)
    before = scene.sceneRect()
    leaf = next(n.id for n in doc.nodes() if not doc.children(n.id) and n.kind not in ATTACKS)
    doc.undo_stack.push(commands.add_child(doc, leaf, Kind.EVIDENCE, "a new leaf")[0])
    assert scene.sceneRect() == before
    assert_fresh(scene)


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.DOWN])
def test_a_taller_premise_stretches_its_row_through_the_layout_hint(qapp, style):
    """The layout is told only what an edit touched (MapScene.relayout): a premise grown
    taller stretches the other premises of its row, whose sizes the edit did not name."""
    doc = MapDocument(generate(300, seed=5))
    scene = MapScene(doc, style)
    parent = next(p for p in doc.children_index() if p is not None
                  and len([k for k in doc.children(p) if doc.node(k).kind in PREMISES]) >= 2)
    pair = [k for k in doc.children(parent) if doc.node(k).kind in PREMISES][:2]
    doc.undo_stack.push(commands.link_premises(doc, pair)[0])
    for premise in pair:
        doc.undo_stack.push(commands.edit_node(doc, premise, text="short"))
        assert_fresh(scene)
    before = scene.nodes[pair[1]].size()
    doc.undo_stack.push(commands.edit_node(doc, pair[0], text="a taller premise " * 9))
    assert scene.nodes[pair[1]].size()[1] > before[1]  # stretched to the row's height
    assert_fresh(scene)
    doc.undo_stack.undo()
    assert_fresh(scene)
