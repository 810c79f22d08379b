"""Exports pick their layout in one place (formats/picture.py) and draw the compact layout's
connectors: every child's branch with its head, every parent's trunks; the seed map's
default picture is readable on a slide and on a page."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from argmap.cli import build_parser, main
from argmap.core.connectors import Curve
from argmap.core.layout import LayoutStyle
from argmap.core.mapfile import write_map
from argmap.core.model import ATTACKS
from argmap.core.seed import seed_map
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.formats.picture import Picture, picture, picture_layout
from argmap.formats.svg import map_svg
from argmap.look import ATTACK_EDGE, SUPPORT_EDGE, TRUNK_EDGE, Fonts
from tests.generate import generate

SVG = "{http://www.w3.org/2000/svg}"
SLIDE = (1920.0, 1080.0)
A4_150_DPI = (1240.0, 1754.0)


def test_exports_default_to_compact_for_a_slide_or_a_page():
    assert picture_layout(None) is LayoutStyle.COMPACT_SLIDE  # PNG and SVG
    assert picture_layout(None, page=True) is LayoutStyle.COMPACT_PAGE  # PDF
    assert picture_layout("down", page=True) is LayoutStyle.DOWN
    parser = build_parser()
    for style in LayoutStyle:  # the CLI offers every layout
        args = parser.parse_args(["export", "MAP", "-o", "map.png", "--layout", style.value])
        assert args.layout == style.value


def test_tidy_layouts_draw_curves_and_compact_ones_branches_and_trunks(qapp):
    amap = seed_map()
    children = len(amap.nodes) - 1
    for style in (LayoutStyle.DOWN, LayoutStyle.RIGHT):
        pic = picture(amap, style)
        assert len(pic.edges) == children and not pic.trunks
        assert all(isinstance(edge, Curve) for edge, _attack in pic.edges)
    for style in (LayoutStyle.COMPACT_SLIDE, LayoutStyle.COMPACT_PAGE):
        pic = picture(amap, style)
        assert len(pic.edges) == children
        assert not any(isinstance(edge, Curve) for edge, _attack in pic.edges)
        fans = sum(1 for n in amap.nodes if sum(c.parent == n.id for c in amap.nodes) > 1)
        assert len(pic.trunks) == fans > 0


def _paths(root: ET.Element, **attrs: str) -> list[str]:
    """The d of every path in the groups that have these attributes."""
    out: list[str] = []
    for group in root.iter(f"{SVG}g"):
        if all(group.get(k.replace("_", "-")) == v for k, v in attrs.items()):
            out.extend(p.get("d", "") for p in group.iter(f"{SVG}path"))
    return out


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.COMPACT_PAGE])
def test_svg_draws_every_trunk_branch_and_head(qapp, style):
    amap = seed_map()
    pic = picture(amap, style)
    root = ET.fromstring(map_svg(amap, style))
    trunk_lines = [line for lines in pic.trunks for line in lines]
    trunks = _paths(root, fill="none", stroke=TRUNK_EDGE.name())
    assert len(trunks) == len(trunk_lines) > 0
    assert all(d.count("L") == len(line) - 1 for d, line in zip(trunks, trunk_lines, strict=True))
    attacks = sum(1 for n in amap.nodes if n.parent is not None and n.kind in ATTACKS)
    supports = len(amap.nodes) - 1 - attacks
    for colour, count in ((SUPPORT_EDGE, supports), (ATTACK_EDGE, attacks)):
        lines = _paths(root, fill="none", stroke=colour.name())
        heads = _paths(root, fill=colour.name(), stroke="none")
        assert len(lines) == len(heads) == count > 0
        assert all(d.endswith("Z") for d in heads)
    bars = [d for d in _paths(root, fill="none", stroke=ATTACK_EDGE.name()) if d.count("M") == 2]
    assert len(bars) == attacks  # every attack's branch carries its bar


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= tolerance


def _drawn(image: QImage, pic: Picture, line: tuple[tuple[float, float], ...],
           colour: QColor) -> bool:
    """Some pixel on the line's centre, away from its ends, has the colour (dashes leave
    gaps, and an arrow head or a box may cover an end)."""
    frame = pic.frame()
    for (x1, y1), (x2, y2) in itertools.pairwise(line):
        for t in (0.3, 0.4, 0.5, 0.6, 0.7):
            x, y = x1 + (x2 - x1) * t - frame.left(), y1 + (y2 - y1) * t - frame.top()
            if _close(QColor(image.pixel(int(x), int(y))), colour):
                return True
    return False


def test_png_draws_every_trunk_and_branch(qapp, tmp_path: Path):
    amap = seed_map()
    out = tmp_path / "map.png"
    export_map(amap, out, ExportOptions(title=False, legend=False, sources=False))  # map alone
    image = QImage(str(out))
    pic = picture(amap, picture_layout(None))
    assert (image.width(), image.height()) == (round(pic.frame().width()),
                                               round(pic.frame().height()))
    for lines in pic.trunks:
        for line in lines:
            if line[0] != line[-1]:
                assert _drawn(image, pic, line, TRUNK_EDGE), line
    for branch, attack in pic.edges:
        assert _drawn(image, pic, branch, ATTACK_EDGE if attack else SUPPORT_EDGE), branch


def _fitted(pic: Picture, screen: tuple[float, float]) -> tuple[float, float]:
    """(body text in pixels, share of the picture that boxes cover) when the exported
    picture is fitted onto the screen."""
    frame = pic.frame()
    scale = min(screen[0] / frame.width(), screen[1] / frame.height())
    body_px = Fonts.get().body.pointSizeF() * 96 / 72 * scale
    boxes = sum(b.width * b.height for b in pic.boxes)
    return body_px, boxes / (frame.width() * frame.height())


def test_the_seed_maps_default_pictures_are_readable_on_a_slide_and_a_page(qapp):
    """The issue's bar: body text ≥ 10 px and boxes ≥ 35% of the picture, for the PNG on a
    1920×1080 slide and for the PDF on an A4 page at 150 dpi (the tidy layout: 6.9 px, 29%)."""
    amap = seed_map()
    for page, screen in ((False, SLIDE), (True, A4_150_DPI)):
        body_px, covered = _fitted(picture(amap, picture_layout(None, page)), screen)
        assert body_px >= 10 and covered >= 0.35, (page, body_px, covered)
    body_px, covered = _fitted(picture(amap, LayoutStyle.DOWN), SLIDE)
    assert body_px < 10 and covered < 0.35  # what the default was before


@pytest.mark.slow
def test_a_big_maps_default_picture_is_neither_strip_nor_tower(qapp):
    """10,000 nodes: aspect within 1:3 … 3:1 and boxes covering ≥ 30% (tidy: 27:1, 0%)."""
    pic = picture(generate(10_000), picture_layout(None))
    frame = pic.frame()
    assert 1 / 3 <= frame.width() / frame.height() <= 3
    assert sum(b.width * b.height for b in pic.boxes) >= 0.3 * frame.width() * frame.height()


def test_cli_layout_flag_picks_the_picture(capsys, tmp_path: Path, qapp):
    path = tmp_path / "seed.argmap.json"
    write_map(seed_map(), path)
    sizes = {}
    for layout in ("compact-slide", "compact-page", "down", None):
        out = tmp_path / f"{layout}.svg"
        extra = ["--layout", layout] if layout else []
        assert main(["export", str(path), "-o", str(out), *extra]) == 0
        root = ET.fromstring(out.read_bytes())
        sizes[layout] = float(root.get("width", "0")) / float(root.get("height", "1"))
    assert capsys.readouterr().err == ""
    assert sizes[None] == sizes["compact-slide"] > 1 > sizes["compact-page"]
    assert sizes["down"] > 3  # the tidy strip


@pytest.mark.parametrize("style", [LayoutStyle.COMPACT_SLIDE, LayoutStyle.DOWN])
def test_item_bounds_are_what_the_canvas_items_report(qapp, style):
    """Picture.item_bounds works in floats; it must give each item's bounding rect exactly
    as the canvas items build it (QRectF), or an export paints other items per strip."""
    from PySide6.QtCore import QRectF

    from argmap.look import OUTLINE
    from argmap.paint import edge_bounds, route_bounds

    pic = picture(generate(300, seed=9), style)

    def corners(r: QRectF) -> tuple[float, float, float, float]:
        return r.left(), r.top(), r.right(), r.bottom()

    expected = [corners(route_bounds(lines)) for lines in pic.trunks]
    expected += [corners(edge_bounds(edge)) for edge, _attack in pic.edges]
    expected += [corners(QRectF(0, 0, box.width, box.height).adjusted(
        -OUTLINE, -OUTLINE, OUTLINE, OUTLINE).translated(x, y))
        for (x, y), box in zip(pic.places, pic.boxes, strict=True)]
    assert pic.item_bounds() == expected
