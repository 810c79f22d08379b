"""Pictures outline things with the map's own pens: the legend's swatches as the boxes they
stand for, and an attack's arrow head and bar solid, its dashes starting whole at the head
(SVG, and PNG/PDF, which share one painter)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from argmap.core.connectors import Curve, arrow, curve_shape
from argmap.core.layout import LayoutStyle
from argmap.core.model import Kind
from argmap.core.seed import seed_map
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.formats.picture import picture
from argmap.formats.svg import map_svg
from argmap.look import ATTACK_EDGE, STYLES

SVG = "{http://www.w3.org/2000/svg}"
PEN = ("stroke", "stroke-width", "stroke-dasharray")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _pen(element: ET.Element) -> tuple[str | None, ...]:
    return tuple(element.get(k) for k in PEN)


def test_legend_swatches_are_outlined_like_their_boxes(qapp):
    root = ET.fromstring(map_svg(seed_map(), options=ExportOptions()))
    box_pens = {g.get("fill"): _pen(g) for g in root.iter(f"{SVG}g")
                if any(r.get("rx") == "6" for r in g.iter(f"{SVG}rect"))}
    swatches = {r.get("fill"): _pen(r) for r in root.iter(f"{SVG}rect") if r.get("rx") == "3"}
    for kind in (Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION, Kind.REBUTTAL):  # the seed's kinds
        fill = STYLES[kind].fill.name()
        assert swatches[fill] == box_pens[fill], kind
    assert box_pens[STYLES[Kind.OBJECTION].fill.name()][2]  # dashed boxes, dashed swatches
    assert box_pens[STYLES[Kind.REBUTTAL].fill.name()][2]
    edge_pens = {g.get("stroke"): _pen(g) for g in root.iter(f"{SVG}g") if g.get("fill") == "none"}
    samples = [_pen(p) for p in root.findall(f"{SVG}path")  # the legend's, outside any group
               if p.get("fill") == "none" and p.get("stroke") == ATTACK_EDGE.name()]
    assert samples == [edge_pens[ATTACK_EDGE.name()]]


def _points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in NUMBER.findall(d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


@pytest.mark.parametrize("style", list(LayoutStyle))
def test_svg_attack_lines_start_at_the_head_which_carries_the_bar(qapp, style):
    root = ET.fromstring(map_svg(seed_map(), style))
    groups = {(g.get("fill"), g.get("stroke")): [p.get("d", "") for p in g.iter(f"{SVG}path")]
              for g in root.iter(f"{SVG}g")}
    lines = groups["none", ATTACK_EDGE.name()]
    heads = groups[ATTACK_EDGE.name(), "none"]
    assert len(lines) == len(heads) > 0
    for line, head in zip(lines, heads, strict=True):
        assert line.count("M") == 1, line  # no bar in the dashed line
        assert head.count("M") == 2 and head.count("Z") == 2, head  # head, then the bar
        (sx, sy), (tx, ty) = _points(line)[0], _points(head)[0]
        assert 5 <= math.hypot(sx - tx, sy - ty) <= 9, (line, head)  # starts under the head


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= tolerance


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.DOWN])
def test_png_attack_bars_and_the_dash_behind_the_head_are_solid(qapp, tmp_path: Path, style):
    amap = seed_map()
    out = tmp_path / "map.png"
    export_map(amap, out, ExportOptions(title=False, legend=False, sources=False,
                                        layout=style.value))
    image = QImage(str(out))
    pic = picture(amap, style)
    left, top = pic.frame().left(), pic.frame().top()

    def red(x: float, y: float) -> bool:
        return _close(QColor(image.pixel(int(x - left), int(y - top))), ATTACK_EDGE)

    attacks = [edge for edge, attack in pic.edges if attack]
    assert attacks
    for edge in attacks:
        shape = curve_shape(edge, True) if isinstance(edge, Curve) else arrow(edge)
        assert shape.bar is not None
        (ax, ay), (bx, by) = shape.bar
        gaps = [t for t in (i / 10 for i in range(1, 10))
                if not red(ax + (bx - ax) * t, ay + (by - ay) * t)]
        assert not gaps, (edge, gaps)  # the whole bar, no dash gap in it
        if isinstance(edge, Curve):  # a curve bends away from its axis behind the head
            continue
        (tx, ty), (lx, ly), (rx, ry) = shape.head
        ux, uy = ((lx + rx) / 2 - tx) / 9, ((ly + ry) / 2 - ty) / 9  # back from the tip
        behind = [d for d in (9.5, 11.0, 12.5, 14.0) if not red(tx + ux * d, ty + uy * d)]
        assert not behind, (edge, behind)  # a whole dash leaves the head
