"""After any run of edits the scene shows what a scene built afresh from the document shows.

The scene updates incrementally (only moved items are placed, only edges at moved,
resized or re-parented nodes are routed again), so these tests compare it, after each
edit and undo, with a new MapScene of the same document.
"""

from __future__ import annotations

import random

import pytest

from argmap.core.layout import Direction
from argmap.core.model import ATTACKS, Kind
from argmap.editing import commands
from argmap.editing.document import MapDocument
from argmap.gui.canvas.scene import MapScene
from benchmarks.generate import generate
from tests.helpers import random_edit


def picture(scene: MapScene) -> dict:
    nodes = {i: (item.isVisible(), item.pos().toTuple() if item.isVisible() else None)
             for i, item in scene.nodes.items()}
    edges = {i: (edge.isVisible(), edge.parent_id, edge._ends if edge.isVisible() else None)
             for i, edge in scene.edges.items()}
    return {"nodes": nodes, "edges": edges, "bounds": scene.content_rect.getRect()}


def assert_fresh(scene: MapScene) -> None:
    fresh = MapScene(scene.doc, scene.direction)
    for node_id in scene.collapsed:
        fresh.set_collapsed(node_id, True)
    assert picture(scene) == picture(fresh)
    assert scene.sceneRect().contains(scene.content_rect)


@pytest.mark.slow
@pytest.mark.parametrize("direction", list(Direction))
def test_edits_and_undo_leave_the_scene_as_if_built_afresh(qapp, direction):
    doc = MapDocument(generate(300, seed=5))
    scene = MapScene(doc, direction)
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


def test_collapse_and_direction_changes_match_a_fresh_scene(qapp):
    doc = MapDocument(generate(300, seed=6))
    scene = MapScene(doc)
    parents = [i for i in doc.children_index() if i is not None][:12]
    for node_id in parents[::3]:
        scene.set_collapsed(node_id, True)
        assert_fresh(scene)
    scene.set_direction(Direction.RIGHT)
    assert_fresh(scene)
    for node_id in parents[::3]:
        scene.set_collapsed(node_id, False)
        assert_fresh(scene)


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
