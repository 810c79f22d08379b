"""One box geometry: the canvas items, the SVG writer and the PNG/PDF painter all place a
node's parts where its look.Box says, so one padding changed in look moves all three."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from argmap import look
from argmap.core.model import ArgumentMap
from argmap.editing.document import MapDocument
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.formats.picture import MARGIN
from argmap.formats.raster import PNG_DETAIL_ZOOM
from argmap.formats.svg import map_svg
from argmap.gui.canvas.items import NodeItem
from argmap.gui.canvas.scene import MapScene
from tests.helpers import argument_map, small_map

SVG = "{http://www.w3.org/2000/svg}"


def same_boxes_map(amap: ArgumentMap | None = None) -> ArgumentMap:
    """small_map without its source's title: a map whose export boxes (full text, every
    source field) and canvas boxes (compact) are the same, so their pixels can agree."""
    amap = amap or small_map()
    nodes = tuple(n.model_copy(update={"source": n.source.model_copy(update={"title": ""})})
                  if n.source is not None else n for n in amap.nodes)
    return amap.model_copy(update={"nodes": nodes})


def canvas_image(amap: ArgumentMap, style: str = "compact-slide") -> QImage:
    """The editor's scene rendered over the area a PNG export shows, at scale 1, as the
    export did through the scene (one strip: the source is as tall as the image)."""
    scene = MapScene(MapDocument(amap), style)
    scene.detail_zoom = PNG_DETAIL_ZOOM
    rect = scene.content_rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    rect.setHeight(round(rect.height()))
    image = QImage(round(rect.width()), round(rect.height()), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), rect,
                 Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_RGB32)


def png_image(amap: ArgumentMap, path: Path, style: str | None = None) -> QImage:
    export_map(amap, path, ExportOptions(title=False, legend=False, sources=False, layout=style))
    return QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)


def svg_text_offset(amap: ArgumentMap, text: str) -> float:
    """How far right of its box's left edge the SVG starts a node's first body line."""
    root = ET.fromstring(map_svg(amap))
    first_word = text.split()[0]
    line = next(t for t in root.iter(f"{SVG}text") if (t.text or "").startswith(first_word))
    x, y = float(line.get("x", "nan")), float(line.get("y", "nan"))
    box = next(r for r in root.iter(f"{SVG}rect") if r.get("rx") == "6"
               and float(r.get("y", "nan")) < y < float(r.get("y", "nan")) + float(r.get("height", "0"))
               and float(r.get("x", "nan")) <= x <= float(r.get("x", "nan")) + look.NODE_WIDTH)
    return round(x - float(box.get("x", "nan")), 1)


def test_canvas_and_png_export_paint_the_same_pixels(qapp, tmp_path: Path):
    amap = same_boxes_map()
    assert png_image(amap, tmp_path / "m.png") == canvas_image(amap)


@pytest.mark.parametrize("style", ["compact-slide", "compact-page", "down", "right"])
def test_canvas_and_png_draw_the_same_argument_frames(qapp, tmp_path: Path, style: str):
    amap = same_boxes_map(argument_map())
    assert png_image(amap, tmp_path / "m.png", style) == canvas_image(amap, style)


def test_one_padding_moves_the_canvas_the_svg_and_the_png(qapp, tmp_path: Path, monkeypatch):
    amap = same_boxes_map()
    root_text = amap.nodes[0].text
    canvas_before, png_before = canvas_image(amap), png_image(amap, tmp_path / "a.png")
    assert svg_text_offset(amap, root_text) == look.PAD

    monkeypatch.setattr(look, "PAD", look.PAD + 6)
    item = NodeItem(amap.nodes[0])
    assert item.box.text_origin[0] == look.PAD == 16
    assert item.box.label_rect[0] == look.PAD
    canvas_after, png_after = canvas_image(amap), png_image(amap, tmp_path / "b.png")
    assert canvas_after != canvas_before  # the canvas follows ...
    assert png_after == canvas_after  # ... and the PNG with it, pixel for pixel
    assert png_after.size() != png_before.size()  # boxes grew by the padding
    assert svg_text_offset(amap, root_text) == 16  # the SVG follows too


@pytest.mark.parametrize("field", ["label_rect", "text_origin", "quote_bar", "quote_origin",
                                   "locator_origin", "badge_rect"])
def test_every_part_of_a_box_lies_inside_it(qapp, field):
    from argmap.look import measure

    node = small_map().nodes[1]  # evidence with a quote and a locator
    box = measure(node)
    x, y = getattr(box, field)[:2]
    assert 0 <= x < box.width
    assert 0 <= y <= box.height + 2 + (box.badge_h if field == "badge_rect" else 0)
