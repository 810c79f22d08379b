"""Word wrap from cached widths agrees with Qt's own layout, which paints the text."""

from __future__ import annotations

import pytest

from argmap.core.model import Kind, Node
from argmap.gui.canvas.items import NodeItem
from argmap.look import MAX_TEXT_LINES, NODE_WIDTH, PAD, Fonts, Wrapper
from argmap.paint import lay_out as _lay_out
from tests.generate import generate

INNER = NODE_WIDTH - 2 * PAD  # a box's text width (look.Box.text_width)


@pytest.fixture
def fonts(qapp) -> Fonts:
    return Fonts.get()


def test_line_counts_match_qt_text_layout(fonts):
    texts = [n.text for n in generate(2_000, seed=4).nodes]
    texts += ["x" * 500, "a " + "y" * 300 + " b", "one\ntwo\n\nthree", "  double  space "]
    wrong = 0
    for text in texts:
        count = fonts.wrap_body.lines(text, INNER, 50)
        lines, cut = fonts.wrap_body.split(text, INNER, 50)
        assert len(lines) == count and not cut, text
        assert fonts.wrap_body.count(text, INNER) == count, text  # the full box's count
        wrong += count != _lay_out(text, fonts.body, INNER, 50, 10.0).lineCount()
    assert wrong <= len(texts) // 500  # word-width sums can differ from shaping at the edge


def test_split_stops_at_max_lines_and_says_so(fonts):
    text = " ".join(["word"] * 400)
    lines, cut = fonts.wrap_body.split(text, INNER, 3)
    assert len(lines) == 3 and cut
    assert fonts.wrap_body.split("one\ntwo", INNER, 1) == (["one"], True)
    assert fonts.wrap_body.split("one\ntwo", INNER, 2) == (["one", "two"], False)


class CountingMetrics:
    """QFontMetricsF that counts the characters it is asked to measure."""

    def __init__(self, metrics):
        self.metrics, self.measured = metrics, 0

    def horizontalAdvance(self, text: str) -> float:
        self.measured += len(text)
        return self.metrics.horizontalAdvance(text)

    def __getattr__(self, name):
        return getattr(self.metrics, name)


def test_a_huge_word_costs_only_the_lines_shown(fonts):
    metrics = CountingMetrics(fonts.body_metrics)
    wrapper = Wrapper(metrics)
    word = "w" * 10_000
    lines, cut = wrapper.split(word, INNER, MAX_TEXT_LINES)
    assert len(lines) == MAX_TEXT_LINES and cut
    assert wrapper.lines(word, INNER, MAX_TEXT_LINES) == MAX_TEXT_LINES
    assert metrics.measured < 20 * len(word)  # wrapping it all would measure ~10^7 characters


def test_newlines_in_node_text_break_painted_lines(qapp):
    item = NodeItem(Node(id="n1", kind=Kind.CLAIM, text="first\nsecond\nthird"))
    assert item.text_layout().lineCount() == 3 == item.box.text_lines
