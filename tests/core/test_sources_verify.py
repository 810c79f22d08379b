"""Quotes checked against their source's text (issue 21): paragraph numbering, locators and
the matching rules of docs/sources.md, on the project's own article (tests/data/sources) and,
when it is beside the repository, the seeded map's article."""

from __future__ import annotations

import pytest

from argmap.core.locators import Place, locator_for, read_locator
from argmap.core.mapfile import read_map
from argmap.core.model import ArgumentMap
from argmap.core.paragraphs import blocks
from argmap.core.quotes import TextIndex, quote_parts
from argmap.core.seed import seed_map
from argmap.core.verify import check_map, check_quote
from tests.shared_files import REPO, SHARED

OWN = REPO / "tests" / "data" / "sources"
FERRY = (OWN / "night-ferry.txt").read_text(encoding="utf-8")
#: The seeded map's article, when ../shared has it (it is not the project's to ship).
ARTICLE = SHARED / "seed" / "article.txt"


def with_text(amap: ArgumentMap, text: str) -> ArgumentMap:
    [record] = amap.sources
    return amap.model_copy(update={"sources": (record.model_copy(update={"text": text}),)})


def ferry() -> ArgumentMap:
    return with_text(read_map(OWN / "night-ferry.argmap.json"), FERRY)


def edited(amap: ArgumentMap, node_id: str, **source: str) -> ArgumentMap:
    nodes = tuple(n.model_copy(update={"source": n.source.model_copy(update=source)})
                  if n.id == node_id else n for n in amap.nodes)
    return amap.model_copy(update={"nodes": nodes})


def paragraph(text: str, number: int) -> str:
    [block] = [b for b in blocks(text) if b.number == number]
    return text[block.start:block.end]


def test_paragraphs_are_counted_as_a_reader_counts_them():
    found = blocks(FERRY)
    assert [b.number for b in found] == [None, None, 1, 2, 3, 4, 5, 6, 7, None, 8]
    assert paragraph(FERRY, 1).startswith("For forty years")
    assert paragraph(FERRY, 7).startswith("Not everyone") and "\n" in paragraph(FERRY, 7)
    assert paragraph(FERRY, 8).startswith("In February")  # after the heading, not the 9th


def test_headings_pages_and_blank_lines_of_spaces():
    text = "# Title\n\nOne.\n  \t\nTwo lines\nof one paragraph.\fPage two, first.\n\n12\n\nSecond."
    assert [(b.page, b.number) for b in blocks(text)] == [
        (1, None), (1, 1), (1, 2), (2, 1), (2, None), (2, 2)]
    assert [b.where() for b in blocks(text)][3:] == [
        "page 2, paragraph 1", "a heading on page 2", "page 2, paragraph 2"]


@pytest.mark.parametrize(("locator", "place"), [
    ("paragraph 6", Place(paragraphs=((6, 6),))),
    ("paragraphs 4, 10", Place(paragraphs=((4, 4), (10, 10)))),
    ("paragraphs 1–2", Place(paragraphs=((1, 2),))),
    ("Paras. 3 and 5", Place(paragraphs=((3, 3), (5, 5)))),
    ("¶ 7", Place(paragraphs=((7, 7),))),
    ("p. 3, para. 2", Place(pages=((3, 3),), paragraphs=((2, 2),))),
    ("pp. 4-6", Place(pages=((4, 6),))),
    ("the title", Place(heading=True)),
    ("section 2", Place()),
    ("top 3 reasons", Place()),
    ("", Place()),
])
def test_locators(locator: str, place: Place):
    assert read_locator(locator) == place


def test_every_verified_quote_has_its_place():
    assert all(q.found is not None for q in check_map(ferry()).quotes)


def test_a_quote_altered_and_a_locator_moved_are_both_reported():
    amap = edited(ferry(), "fridays", quote="on Fridays the number rises to well over two hundred")
    amap = edited(amap, "subsidy", locator="paragraph 2")
    lines = check_map(amap).lines()
    assert lines[-1] == "7 of 9 quotes verified"
    fridays, subsidy = (next(ln.split("\t") for ln in lines if ln.startswith(i))
                        for i in ("fridays", "subsidy"))
    assert fridays[1].startswith("“on Fridays the number")
    assert fridays[2] == ("not in the text: it matches up to “…number rises to well over” in "
                          "paragraph 3, then differs")
    assert subsidy[2] == "found in paragraph 5, but the locator says “paragraph 2”"


@pytest.mark.parametrize(("quote", "ok"), [
    ("thirty-one passengers — fewer than a bus", True),
    ("thirty-one passengers -- fewer than a bus", False),  # a dash is one character
    ("thirty‑one   passengers\n– fewer than a bus", True),  # whitespace and dashes
    ('"It is the only way home after a late shift,"', True),  # straight for curly
    ("‘the only way home’", False),  # quotes are folded, not invented
    ("it is the only way home", False),  # case matters
    ("Within a month ... most of them from people", True),
    ("Within a month [...] most of them from people", True),
    ("Within a month . . . had never written to it before.", True),
    ("most of them … Within a month", False),  # parts in the text's order
    ("before. … the far bank.", True),
    ("the far bank. The council’s own figures", True),  # across a paragraph break
    ("the far bank. … own figures", False),  # an omission stays inside one paragraph
])
def test_matching_rules(quote: str, ok: bool):
    found = TextIndex(FERRY).find(quote_parts(quote))
    assert (found is not None) is ok


def test_each_part_has_its_span_in_the_text():
    index = TextIndex(FERRY)
    found = index.find(quote_parts("Shift workers keep their jobs … the roads stay quieter"))
    assert found is not None
    assert [FERRY[a:b] for a, b in found.spans] == ["Shift workers keep their jobs",
                                                    "the roads stay quieter"]
    assert [b.number for b in found.blocks] == [4]
    assert locator_for(list(found.blocks)) == "paragraph 4"
    spanning = index.find(quote_parts("the far bank. The council’s own figures"))
    assert spanning is not None and locator_for(list(spanning.blocks)) == "paragraphs 2–3"


@pytest.mark.parametrize(("locator", "problem"), [
    ("", "no locator: the quote is in paragraph 6"),
    ("section 2", "the locator “section 2” names no page or paragraph; the quote is in "
                  "paragraph 6"),
    ("page 1", "the locator names a page, but the text has none: the quote is in paragraph 6"),
    ("paragraphs 5–7", None),
    ("paragraph 5", "found in paragraph 6, but the locator says “paragraph 5”"),
])
def test_locator_problems(locator: str, problem: str | None):
    assert check_quote(TextIndex(FERRY), "cutting fuel costs", locator)[0] == problem


def test_pages_need_a_page_in_the_locator():
    index = TextIndex("One.\n\nTwo words here.\fThree.\n\nFour words here.")
    assert check_quote(index, "Four words", "page 2, paragraph 2")[0] is None
    assert check_quote(index, "Four words", "p. 2")[0] is None
    assert check_quote(index, "Four words", "page 1, paragraph 2")[0] == (
        "found in page 2, paragraph 2, but the locator says “page 1, paragraph 2”")
    assert check_quote(index, "Four words", "paragraph 2")[0] == (
        "the text has pages, and the locator names none: the quote is in page 2, paragraph 2")


def test_quotes_shared_by_nodes_are_one_quote_and_sources_without_text_are_named():
    amap = read_map(OWN / "night-ferry.argmap.json")
    lines = check_map(amap).lines()
    assert lines == ["source\tThe Night Ferry Stays (Kessel Harbour Gazette)\tno text attached: "
                     "9 quotes not checked (argmap attach MAP FILE)", "0 of 9 quotes verified"]
    seed = check_map(seed_map())
    assert len(seed.quotes) == 19  # 20 nodes: two quote the same sentence of paragraph 7
    assert {q.node_ids for q in seed.quotes if len(q.node_ids) > 1} == {("coffers", "own-money")}


def _maps_with_texts() -> list[tuple[str, ArgumentMap, int]]:
    """The project's own map and text, and the seeded map with its article when present."""
    cases = [("own", ferry(), 9)]
    if ARTICLE.is_file():
        cases.append(("seed", with_text(seed_map(), ARTICLE.read_text(encoding="utf-8")), 19))
    return cases


@pytest.mark.parametrize(("amap", "count"), [c[1:] for c in _maps_with_texts()],
                         ids=[c[0] for c in _maps_with_texts()])
def test_every_quote_verifies_against_its_text(amap: ArgumentMap, count: int):
    assert check_map(amap).lines() == [f"{count} of {count} quotes verified"]


def test_hostile_texts_and_quotes_stay_linear():
    """A 2,000,000-character text of one letter against a 10,000-character quote that fails at
    its last character: a backtracking matcher takes hours, str.find a fraction of a second."""
    text = "a" * 2_000_000
    index = TextIndex(text)
    assert index.find(quote_parts("a" * 9_999 + "b")) is None
    assert check_quote(index, "a" * 9_999 + "b", "paragraph 1")[0] == "not in the text"
    words = " ".join(["a"] * 4_999) + " b"  # the longest prefix, found by binary search
    assert check_quote(TextIndex(" ".join(["a"] * 1_000_000)), words, "")[0].startswith(
        "not in the text: it matches up to “…a a a a a” in paragraph 1")
    many = " … ".join(["a" * 50] * 20) + " … b"
    assert check_quote(index, many, "paragraph 1")[0] == "more than 19 omissions (…): not checked"
    spaced = TextIndex(" \n" * 500_000 + "x.")
    assert [b.number for b in spaced.blocks.list] == [1]
