"""Every layout hands out its connectors through one protocol (core/layout_protocol.py): after
any run of edits they equal a fresh layout's, and what the last run says it changed covers
every edge, trunk and parent that did change, so the scene can route only those."""

from __future__ import annotations

import random

import pytest

from argmap.core.connectors import Curve
from argmap.core.layout import Layout, LayoutStyle, make_layout
from tests.core.test_layout import _random_tree_edit
from tests.generate import generate


def _snapshot(tree: Layout, ids: list[str]) -> tuple[dict, dict]:
    links = tree.connectors()
    return ({i: links.edge(i) for i in ids}, {i: links.trunk(i) for i in ids})


def _parents(roots: list[str], children: dict[str, list[str]]) -> dict[str, str | None]:
    parent: dict[str, str | None] = dict.fromkeys(roots)
    for up, kids in children.items():
        for k in kids:
            parent[k] = up
    return parent


@pytest.mark.parametrize("hinted", [False, True])
@pytest.mark.parametrize("style", list(LayoutStyle))
def test_connectors_match_a_fresh_layout_and_report_every_change(style, hinted):
    amap = generate(300, seed=12)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    rng = random.Random(5)
    sizes = {n.id: (240.0, rng.choice([60.0, 80.0, 120.0])) for n in amap.nodes}
    roots = [n.id for n in index[None]]
    tree = make_layout(style)
    tree.full(roots, children, sizes)
    edges, trunks = _snapshot(tree, sorted(sizes))
    parents = _parents(roots, children)
    counter = [0]
    incremental = 0
    for step in range(150):
        touched = _random_tree_edit(children, sizes, rng, counter)
        collapsed = {"n3"} if step % 50 == 49 and "n3" in sizes else set()
        tree.update(roots, children, sizes, collapsed, touched if hinted else None)
        fresh = make_layout(style)
        fresh.full(roots, children, sizes, collapsed)
        ids = sorted(sizes)
        now_edges, now_trunks = _snapshot(tree, ids)
        assert (now_edges, now_trunks) == _snapshot(fresh, ids), step
        links = tree.connectors()
        now_parents = _parents(roots, children)
        if links.rerouted is not None:
            incremental += 1
            assert {i for i in ids if now_edges[i] != edges.get(i)} <= set(links.rerouted), step
        if links.retrunked is not None:
            assert {i for i in ids if now_trunks[i] != trunks.get(i, ())} <= set(links.retrunked)
        else:
            assert {i for i in ids if now_trunks[i]} <= set(links.trunked())
        if links.reparented is not None:
            moved = {i for i in ids if i in parents and parents[i] != now_parents[i]}
            assert moved <= set(links.reparented), step
        edges, trunks, parents = now_edges, now_trunks, now_parents
    assert incremental > 50  # most edits were checked against what the run reported


@pytest.mark.parametrize("style", list(LayoutStyle))
def test_every_child_gets_its_edge_and_only_compact_parents_trunks(style):
    amap = generate(200, seed=3)
    index = amap.children_index()
    children = {k: [n.id for n in v] for k, v in index.items() if k is not None}
    sizes = {n.id: (240.0, 80.0) for n in amap.nodes}
    tree = make_layout(style)
    tree.full([n.id for n in index[None]], children, sizes)
    links = tree.connectors()
    tidy = style in (LayoutStyle.DOWN, LayoutStyle.RIGHT)
    for node in amap.nodes:
        edge = links.edge(node.id)
        assert (edge is None) == (node.parent is None)
        assert edge is None or isinstance(edge, Curve) == tidy
    fans = {p for p, kids in children.items() if len(kids) > 1}
    assert {p for p in links.trunked() if links.trunk(p)} == (set() if tidy else fans)
