"""An SVG's text lines fit their boxes in any renderer that picks the named face: each
line's extent, measured in the face's own (unrounded) widths at the size and spacing the
SVG declares, stays inside its box's padding (formats/svg_fonts.py says how and why)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

from argmap.core.seed import seed_map
from argmap.formats.svg import map_svg
from argmap.formats.svg_fonts import FALLBACK_FAMILIES
from argmap.look import NODE_WIDTH, PAD

SVG = "{http://www.w3.org/2000/svg}"
URL = "https://www.theatlantic.com/international/archive/2024/02/iran-proxies-militias-war/677312/"
BIG = 64  # measuring at 64 times the size: the face's design widths, as renderers use


def _with_urls():
    """The seed map with a URL on every source: the line that ran past its box."""
    amap = seed_map()
    nodes = tuple(n.model_copy(update={"source": n.source.model_copy(update={"url": URL})})
                  if n.source is not None else n for n in amap.nodes)
    return amap.model_copy(update={"nodes": nodes})


def _width(family: str, group: dict[str, str], text: str) -> float:
    """The line's width as an SVG renderer lays it out: design widths at the declared
    size, plus letter-spacing after every character."""
    font = QFont(family)
    size = float(group["font-size"])
    font.setPixelSize(round(size * BIG))
    font.setBold(group.get("font-weight") == "bold")
    font.setItalic(group.get("font-style") == "italic")
    design = QFontMetricsF(font).horizontalAdvance(text) * size / font.pixelSize()
    return design + float(group.get("letter-spacing", "0")) * len(text)


def _overruns(data: bytes, family: str | None = None) -> list[tuple[str, float]]:
    root = ET.fromstring(data)
    family = family or root.get("font-family", "").split(",")[0]
    boxes = [tuple(float(r.get(k, "nan")) for k in ("x", "y", "height"))
             for r in root.iter(f"{SVG}rect") if r.get("rx") == "6"]
    out: list[tuple[str, float]] = []
    seen = 0
    for group in root.iter(f"{SVG}g"):
        if "font-size" not in group.attrib:
            continue
        for line in group.iter(f"{SVG}text"):
            x, y, text = float(line.get("x", "nan")), float(line.get("y", "nan")), line.text or ""
            left = next(bx for bx, by, bh in boxes if bx <= x <= bx + NODE_WIDTH and by <= y <= by + bh)
            seen += 1
            over = x + _width(family, dict(group.attrib), text) - (left + NODE_WIDTH - PAD)
            if over > 0.5:
                out.append((text, round(over, 1)))
    assert seen > 100  # every line of every box was looked at
    return out


def test_no_line_runs_past_its_box(qapp):
    amap = _with_urls()
    assert _overruns(map_svg(amap)) == []
    assert _overruns(map_svg(seed_map())) == []


def test_the_fallback_faces_are_no_wider(qapp):
    """Each listed fallback installed here draws every line inside its box too."""
    data = map_svg(_with_urls())
    root = ET.fromstring(data)
    named = [f.strip() for f in root.get("font-family", "").split(",")]
    assert named[-1] == "sans-serif" and set(FALLBACK_FAMILIES) <= set(named)
    assert "Verdana" not in named  # as wide as DejaVu Sans or wider
    for family in named[1:-1]:  # here: Nimbus Sans (Helvetica's and Arial's metrics)
        if QFontInfo(QFont(family)).family().split(" [")[0] == family:
            assert _overruns(data, family) == [], family
