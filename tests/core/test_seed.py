from __future__ import annotations

import re
from pathlib import Path

from argmap.core.mapfile import read_map
from argmap.core.model import Kind
from argmap.core.seed import ensure_seeded, open_library, seed_map
from argmap.core.store import Library
from tests.shared_files import REPO, SHARED

ARTICLE = SHARED / "seed" / "article.txt"


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


def paragraphs_named(locator: str) -> set[int]:
    """The paragraph numbers a locator names: "paragraph 6", "paragraphs 4, 10", "paragraphs 1–2"."""
    m = re.fullmatch(r"paragraphs? (\d+)(?:(, |–)(\d+))?", locator)
    assert m, locator
    first, sep, last = int(m.group(1)), m.group(2), m.group(3)
    if last is None:
        return {first}
    assert first < int(last), locator
    return {first, int(last)} if sep == ", " else set(range(first, int(last) + 1))


def test_quotes_and_locators_are_well_formed():
    amap = seed_map()
    sources = [n.source for n in amap.nodes if n.source is not None]
    assert len([n for n in amap.nodes if n.parent is not None and n.source]) == 19
    assert all(s.quote == " ".join(s.quote.split()) for s in sources)  # one line, trimmed
    assert all(min(paragraphs_named(s.locator)) >= 1 for s in sources)
    assert len({s.title for s in sources}) == 1


# The article is not committed (it is The Atlantic's text): when ../shared/seed has it, the
# quotes are also checked word for word against it (tests/shared_files.py: an extra case).
if ARTICLE.is_file():

    def test_quotes_are_verbatim_in_the_paragraphs_they_name():
        text = ARTICLE.read_text(encoding="utf-8")
        # title, byline, then the body's paragraphs, one per blank-line-separated block
        body = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()][2:]
        for node in seed_map().nodes:
            if node.source is not None:
                named = paragraphs_named(node.source.locator)
                assert any(node.source.quote in body[i - 1] for i in named), node.id


def test_saved_maps_copy_matches_the_resource():
    assert read_map(REPO / "saved_maps" / "iran-proxies.argmap.json") == seed_map()


def test_seeded_once_only(db_path: Path):
    with open_library(db_path) as lib:
        [summary] = lib.list_maps()
        lib.delete(summary.id)
    with Library(db_path) as lib:
        assert ensure_seeded(lib) is False
        assert lib.list_maps() == []
