"""The SVG writer: valid SVG that Qt renders, the same boxes as the canvas, text never markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from argmap.core.layout import Direction
from argmap.core.model import Kind, Node, new_map
from argmap.formats.svg import map_svg
from argmap.gui.canvas.items import NodeItem
from argmap.look import STYLES, measure
from tests.helpers import chain, small_map

SVG = "{http://www.w3.org/2000/svg}"

STATEMENTS = [k for k in Kind if k is not Kind.ARGUMENT]


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def test_one_box_per_node_sized_like_the_canvas(qapp):
    amap = small_map()
    root = parse(map_svg(amap))
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("rx") == "6"]
    assert len(rects) == len(amap.nodes)
    heights = sorted(float(r.get("height")) for r in rects)
    expected = sorted(round(measure(n, full=True).height, 1) for n in amap.nodes)
    assert heights == expected  # the export's full boxes: every source field drawn
    canvas = {n.id: NodeItem(n).height for n in amap.nodes}
    assert canvas["root"] == measure(amap.by_id()["root"], full=True).height  # nothing cut
    fills = {g.get("fill") for g in root.iter(f"{SVG}g") if any(c.get("rx") for c in g)}
    assert fills == {STYLES[k].fill.name() for k in STATEMENTS}


def test_texts_wrap_into_lines_and_quotes_and_sources_appear(qapp):
    root = parse(map_svg(small_map()))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Cities should ban cars downtown." in texts
    assert "“NO2 fell 40%”" in texts and "— p. 3" in texts
    assert texts.count("OBJECTION") == 1 and texts.count("REBUTTAL") == 1


def test_qt_renders_it_with_the_map_colours(qapp):
    data = map_svg(small_map(), Direction.RIGHT)
    renderer = QSvgRenderer(data)
    assert renderer.isValid()
    image = QImage(renderer.defaultSize(), QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    seen = {QColor(image.pixel(x, y)).name()
            for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)}
    for kind in STATEMENTS:  # the maps have no argument node
        assert STYLES[kind].fill.name() in seen, kind


def test_hostile_text_stays_text(qapp):
    evil = ('<img src="/etc/passwd"/>&amp; <table><tr><td>x</td></tr></table> '
            '"quoted" \x01\x08\ufffe\U0001F600')
    amap = new_map('T<i>itle</i> & "co"', [Node(id="r", kind=Kind.CLAIM, text=evil)])
    data = map_svg(amap)
    root = parse(data)  # well-formed despite markup in the text
    assert not [e for e in root.iter() if e.tag in (f"{SVG}img", f"{SVG}table", "img", "table")]
    assert root.find(f"{SVG}title").text == 'T<i>itle</i> & "co"'
    shown = " ".join(t.text for t in root.iter(f"{SVG}text"))
    assert "<img" in shown and "&amp;" in shown and "\U0001F600" in shown
    assert "\x01" not in shown  # characters XML cannot hold are dropped, not written


def test_a_5000_deep_chain_exports(qapp):
    root = parse(map_svg(chain(5_000), Direction.RIGHT))
    assert sum(1 for r in root.iter(f"{SVG}rect") if r.get("rx") == "6") == 5_001
