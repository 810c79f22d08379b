"""Pictures' source lines (issues 21 and 23): a map with one or a few sources numbers its
citations and lists the sources once under the map; a quote that fails its check against
the attached text is marked in its box's source lines, in words, in PNG, SVG and PDF alike."""

from __future__ import annotations

from pathlib import Path

from argmap.core.mapfile import read_map
from argmap.core.model import ArgumentMap, Source
from argmap.formats.decor import decorate
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.formats.picture_sources import MARK, NUMBERED_MAX, cite_for_picture, cited_picture
from argmap.formats.raster import render_png
from tests.shared_files import REPO

OWN = REPO / "tests" / "data" / "sources"
TITLE = "The Night Ferry Stays (Kessel Harbour Gazette)"


def ferry(text: bool = True) -> ArgumentMap:
    amap = read_map(OWN / "night-ferry.argmap.json")
    if not text:
        return amap
    [record] = amap.sources
    with_text = record.model_copy(update={"text": (OWN / "night-ferry.txt").read_text("utf-8")})
    return amap.model_copy(update={"sources": (with_text,)})


def edited(amap: ArgumentMap, node_id: str, **source: str) -> ArgumentMap:
    nodes = tuple(n.model_copy(update={"source": n.source.model_copy(update=source)})
                  if n.id == node_id else n for n in amap.nodes)
    return ArgumentMap.model_validate(amap.model_copy(update={"nodes": nodes}).model_dump())


def broken() -> ArgumentMap:
    """One quote altered, another's locator wrong."""
    amap = edited(ferry(), "fridays", quote="on Fridays the number rises to well over two hundred")
    return edited(amap, "bikes", locator="paragraph 2")


def test_one_source_is_numbered_and_listed_once(qapp):
    shown, notes = cite_for_picture(ferry())
    assert notes == [f"[1] {TITLE}"]
    lines = {n.id: n.source.locator for n in shown.nodes}
    assert lines["subsidy"] == "paragraph 5 [1]"
    assert all(n.source.title == "" and n.source.url == "" for n in shown.nodes)
    pic = cited_picture(ferry(), "down", ExportOptions())
    assert all(TITLE not in box.locator for box in pic.boxes)
    assert pic.notes == notes


def test_the_svg_names_the_source_once_and_marks_the_two_bad_quotes(tmp_path: Path, qapp):
    out = tmp_path / "ferry.svg"
    export_map(broken(), out, ExportOptions())
    svg = out.read_text(encoding="utf-8")
    assert svg.count("The Night Ferry Stays (Kessel Harbour Gazette)") == 1
    assert svg.count("— paragraph 5 [1]") == 1
    assert svg.count(f"{MARK} quote check:") == 2
    shown, _notes = cite_for_picture(broken())
    assert shown.by_id()["bikes"].source.locator == (
        "paragraph 2 [1]\n⚠ quote check: found in paragraph 7, but the locator says “paragraph 2”")
    assert f"{MARK} 2 quotes do not match the source" in svg


def test_marks_widen_the_boxes_in_png_and_pdf(tmp_path: Path, qapp):
    good = cited_picture(ferry(), "down", ExportOptions())
    bad = cited_picture(broken(), "down", ExportOptions())
    heights = {n.id: b.height for n, b in zip(good.nodes, good.boxes, strict=True)}
    marked = {n.id: b for n, b in zip(bad.nodes, bad.boxes, strict=True)}
    assert marked["bikes"].height > heights["bikes"] and MARK in marked["bikes"].locator
    assert marked["shifts"].height == heights["shifts"]
    decor = decorate(bad.frame(), "t", bad.nodes, False, False, True, notes=bad.notes)
    said = " ".join(p.text for block in decor.blocks for p in block.pieces)
    assert "[1] The Night Ferry Stays" in said and "2 quotes do not match" in said
    assert render_png(bad, 1.0, False, None, decor)[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = tmp_path / "ferry.pdf"
    export_map(broken(), pdf, ExportOptions())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_many_sources_keep_their_titles_in_the_boxes(qapp):
    amap = ferry(text=False)
    nodes = tuple(n.model_copy(update={"source": Source(title=f"Source {i}", quote=n.source.quote,
                                                         locator=n.source.locator)})
                  for i, n in enumerate(amap.nodes))
    many = ArgumentMap(info=amap.info, nodes=nodes)
    assert len(many.sources) > NUMBERED_MAX
    shown, notes = cite_for_picture(many)
    assert shown is many and notes == []


def test_without_the_source_line_the_titles_stay_in_the_boxes(qapp):
    pic = cited_picture(ferry(), "down", ExportOptions(sources=False))
    assert pic.notes == [] and all(TITLE in box.locator for box in pic.boxes)


def test_a_source_without_text_is_not_marked(qapp):
    amap = edited(ferry(text=False), "fridays", quote="not in any text at all")
    shown, notes = cite_for_picture(amap)
    assert notes == [f"[1] {TITLE}"]
    assert not any(MARK in n.source.locator for n in shown.nodes)
