"""A URL too long for a line breaks where a reader expects it (after / & =, before ? . -),
never leaving a lone fragment; other words break as before (anywhere)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from argmap.core.model import Kind, Node, Source, new_map
from argmap.formats.svg import map_svg
from argmap.look import (
    MIN_FRAGMENT,
    NODE_WIDTH,
    PAD,
    QUOTE_INDENT,
    URL_BREAK_AFTER,
    URL_BREAK_BEFORE,
    Fonts,
)

SVG = "{http://www.w3.org/2000/svg}"
WIDTH = NODE_WIDTH - 2 * PAD - QUOTE_INDENT  # where a box's source lines wrap
URL = "https://www.theatlantic.com/international/archive/2024/02/iran-proxies-militias-war/677312/"


@pytest.fixture
def wrap(qapp):
    return Fonts.get().wrap_label  # the source lines' font


def _at_boundary(line: str, following: str) -> bool:
    return line[-1] in URL_BREAK_AFTER or following[0] in URL_BREAK_BEFORE


def test_a_url_breaks_at_its_boundaries(wrap):
    lines, cut = wrap.split(URL, WIDTH, 50)
    assert not cut and len(lines) > 1 and "".join(lines) == URL
    assert all(wrap.metrics.horizontalAdvance(line) <= WIDTH for line in lines)
    assert all(_at_boundary(a, b) for a, b in itertools.pairwise(lines)), lines
    assert not any(a.endswith(":/") or a.endswith("https:") for a in lines)  # "://" whole


@pytest.mark.parametrize("ending", [".html", "/", "?id=12345", ""])
def test_no_url_leaves_a_lone_fragment(wrap, ending):
    """Whatever its length, no piece of a URL is shorter than MIN_FRAGMENT characters
    (breaking anywhere left "l" of ".html" alone on a line)."""
    for length in range(20, 140):
        url = "https://example.org/" + "abcdefghij" * (length // 10) + "abcdefghij"[:length % 10] + ending
        lines, _cut = wrap.split(url, WIDTH, 50)
        assert "".join(lines) == url
        assert min(map(len, lines)) >= MIN_FRAGMENT, lines
        assert wrap.lines(url, WIDTH, 50) == len(lines) == wrap.count(url, WIDTH)  # one count


def test_words_that_are_not_urls_still_break_anywhere(wrap):
    for word in ("x" * 200, "example.org/" + "y" * 100 + ".html"):  # no scheme, no www.
        lines, _cut = wrap.split(word, WIDTH, 50)
        assert "".join(lines) == word and len(lines) > 1
        for line, following in itertools.pairwise(lines):  # as full as can be
            assert wrap.metrics.horizontalAdvance(line + following[0]) > WIDTH, lines


def test_a_box_draws_its_url_in_pieces_at_boundaries(qapp):
    source = Source(title="The Atlantic", url=URL, quote="Many worry.", locator="p. 3")
    amap = new_map("urls", [Node(id="r", kind=Kind.CLAIM, text="A claim.", source=source)])
    texts = [t.text or "" for t in ET.fromstring(map_svg(amap)).iter(f"{SVG}text")]
    start = next(i for i, t in enumerate(texts) if t.startswith("https://"))
    pieces = [texts[start]]
    while "".join(pieces) != URL:
        pieces.append(texts[start + len(pieces)])
    assert len(pieces) > 1 and all(len(p) >= MIN_FRAGMENT for p in pieces)
    assert all(_at_boundary(a, b) for a, b in itertools.pairwise(pieces)), pieces
