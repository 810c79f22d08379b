from __future__ import annotations

from pathlib import Path

import pytest

from argmap.core.mapfile import read_map
from argmap.core.model import Kind
from argmap.core.seed import ensure_seeded, open_library, seed_map
from argmap.core.store import Library
from tests.conftest import ARTICLE, REPO


def test_seeded_map_structure():
    amap = seed_map()
    by_id = amap.by_id()
    roots = [n for n in amap.nodes if n.parent is None]
    assert len(roots) == 1 and roots[0].kind is Kind.CLAIM
    root = roots[0]
    assert "out of Tehran’s control" in root.text
    under_root = [n for n in amap.nodes if n.parent == root.id]
    evidence = [n for n in under_root if n.kind is Kind.EVIDENCE]
    assert any("doesn’t have Soleimani’s charisma" in n.source.quote for n in evidence)
    assert any("We can never accept this." in n.source.quote for n in evidence)
    objections = [n for n in under_root if n.kind is Kind.OBJECTION]
    rebuttals = [n for n in amap.nodes if n.kind is Kind.REBUTTAL]
    assert len(objections) >= 4 and len(rebuttals) >= 3
    assert all(by_id[r.parent].kind is Kind.OBJECTION for r in rebuttals)
    assert all(any(r.parent == o.id for r in rebuttals) for o in objections)


def test_every_non_root_node_quotes_the_article_with_a_paragraph():
    for node in seed_map().nodes:
        if node.parent is None:
            continue
        assert node.source is not None, node.id
        assert node.source.locator.startswith("paragraph"), node.id
        assert node.source.quote, node.id
        assert node.source.title.startswith("Iran’s Proxies Are Out of Control")


@pytest.mark.skipif(not ARTICLE.exists(), reason="../shared/seed/article.txt is not beside the repo")
def test_quotes_are_verbatim():
    article = ARTICLE.read_text(encoding="utf-8")
    for node in seed_map().nodes:
        if node.source is not None:
            assert node.source.quote in article, node.id


def test_saved_maps_copy_matches_the_resource():
    assert read_map(REPO / "saved_maps" / "iran-proxies.argmap.json") == seed_map()


def test_seeded_once_only(db_path: Path):
    with open_library(db_path) as lib:
        [summary] = lib.list_maps()
        lib.delete(summary.id)
    with Library(db_path) as lib:
        assert ensure_seeded(lib) is False
        assert lib.list_maps() == []
