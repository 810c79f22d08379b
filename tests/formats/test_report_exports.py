"""Exports ready for a report: nothing cut (every character of every text and source field,
long ones included), the title header, legend and source line, PDF paper and fit-or-tile
choice, tiles that never cut a box, and the GUI dialog's defaults."""

from __future__ import annotations

import random
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage
from PySide6.QtPdf import QPdfDocument

from argmap.cli import main
from argmap.core.model import ArgumentMap, Kind, Node, Source, new_map
from argmap.formats import raster
from argmap.formats.decor import source_line
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions, default_page
from argmap.formats.picture import picture
from argmap.formats.svg import map_svg
from argmap.formats.tiles import plan_tiles
from argmap.look import MAX_TEXT_LINES, MORE, Fonts, measure
from argmap.paint import NodeText

SVG = "{http://www.w3.org/2000/svg}"
PLAIN = ExportOptions(title=False, legend=False, sources=False)


def words(rng: random.Random, count: int) -> str:
    vocab = ["office", "affine", "fluffy", "argument", "the", "of", "Tehran", "militia",
             "x" * 45, "naïve", "déjà", "q", "2024", "ﬁ-ligature"]
    return " ".join(rng.choice(vocab) for _ in range(count))


def long_map() -> ArgumentMap:
    """A 10,000-character text, a 3,000-character quote, long title, URL and locator."""
    rng = random.Random(3)
    text = (words(rng, 1800) + "\n\nEND-OF-TEXT")[:9_990] + " LASTWORD"
    quote = (words(rng, 600))[:2_990] + " QUOTEEND"
    source = Source(title="A very long source title " + words(rng, 40) + " TITLEEND",
                    url="https://example.org/" + "path/" * 80 + "URLEND",
                    quote=quote, locator="paragraphs 4–10 " + words(rng, 20) + " LOCEND")
    return new_map("Long texts", [
        Node(id="root", kind=Kind.CLAIM, text="Short claim."),
        Node(id="long", parent="root", kind=Kind.EVIDENCE, text=text, source=source),
        Node(id="o1", parent="root", order=1, kind=Kind.OBJECTION, text=words(rng, 60)),
    ])


def fields(amap: ArgumentMap) -> list[str]:
    out = []
    for node in amap.nodes:
        out.append(node.text)
        if node.source is not None:
            out += [node.source.quote, node.source.title, node.source.url, node.source.locator]
    return [f for f in out if f]


def squash(text: str) -> str:
    """Text without whitespace (where lines break) and without line separators, in NFKC
    (PDF text extraction gives a ligature character such as U+FB01 as its letters)."""
    return re.sub(r"[\s\u2028]+", "", unicodedata.normalize("NFKC", text))


def test_svg_contains_every_character_of_every_field(qapp):
    amap = long_map()
    root = ET.fromstring(map_svg(amap, options=PLAIN))
    drawn = squash("".join(t.text or "" for t in root.iter(f"{SVG}text")))
    for field in fields(amap):
        assert squash(field) in drawn, field[:40]
    assert "…" not in drawn  # nothing ends cut short


def pdf_texts(path: Path) -> list[str]:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    texts = [doc.getAllText(i).text() for i in range(doc.pageCount())]
    doc.close()
    return texts


@pytest.mark.parametrize("tile", [False, True])
def test_pdf_contains_every_character_of_every_field(qapp, tmp_path: Path, tile):
    amap = long_map()
    out = tmp_path / "long.pdf"
    export_map(amap, out, ExportOptions(page="A4", tile=tile))
    pages = [squash(t) for t in pdf_texts(out)]
    for field in fields(amap):
        assert any(squash(field) in page for page in pages), field[:40]  # whole on one page


def test_png_boxes_hold_every_line_of_every_field(qapp, tmp_path: Path):
    """By geometry: the export's box for the long node holds all the lines its text,
    quote and source wrap to, they are painted from exactly those lines, and ink reaches
    the box's last source line in the PNG."""
    amap = long_map()
    pic = picture(amap)
    i = [n.id for n in pic.nodes].index("long")
    node, box = pic.nodes[i], pic.boxes[i]
    fonts = Fonts.get()
    lines, cut = fonts.wrap_body.split(node.text, box.text_width, box.text_lines)
    assert not cut and squash("".join(lines)) == squash(node.text)
    painted = NodeText(node.text, box)
    assert painted.body.lineCount() == box.text_lines > MAX_TEXT_LINES
    assert squash(painted.body.text()) == squash(node.text)
    assert painted.quote is not None and squash(painted.quote.text()) == squash(box.quote)
    assert painted.locator is not None
    for part in (node.source.title, node.source.url, node.source.locator):
        assert squash(part) in squash(painted.locator.text())
    ox, oy = box.locator_origin
    bottom = oy + box.locator_lines * box.locator_line_height
    assert bottom <= box.height - box.badge_h / 2  # the last source line is inside the box
    out = tmp_path / "long.png"
    export_map(amap, out, PLAIN)
    image = QImage(str(out))
    frame = pic.frame()
    x0, y0 = pic.places[i][0] - frame.left(), pic.places[i][1] - frame.top()
    row = round(y0 + bottom - box.locator_line_height / 2)
    colours = {QColor(image.pixel(round(x0 + ox + dx), row)).name() for dx in range(0, 120)}
    assert len(colours) > 3  # text drawn there, not an empty box


def test_compact_box_marks_more_on_its_own_line(qapp):
    """The canvas's compact box: a "more" marker below the text, never over its last word
    (the old "…" was drawn on the last line)."""
    node = long_map().by_id()["long"]
    box = measure(node)
    assert box.more and box.text_lines == MAX_TEXT_LINES
    marker_top = box.more_rect[1]
    _ox, oy = box.locator_origin
    assert marker_top >= oy + box.locator_lines * box.locator_line_height
    assert marker_top >= box.text_origin[1] + box.text_height
    assert marker_top + box.more_rect[3] <= box.height - box.badge_h / 2
    assert MORE.startswith("…")
    short = measure(Node(id="s", kind=Kind.CLAIM, text="Fits."))
    assert not short.more and not measure(node, full=True).more


def test_tiles_never_cut_a_box():
    rng = random.Random(5)
    for _ in range(30):
        boxes = []
        for _ in range(rng.randint(1, 80)):
            x, y = rng.uniform(0, 3000), rng.uniform(0, 3000)
            boxes.append((x, y, x + 240, y + rng.choice([40, 120, 300, 1500])))
        frame = (-30.0, -30.0, 3300.0, 4600.0)
        tiles = plan_tiles(boxes, frame, 700, 1000)
        placed = sorted(m for t in tiles for m in t.members)
        assert placed == list(range(len(boxes)))  # each box on exactly one page
        for tile in tiles:
            left, top, right, bottom = tile.source
            assert right - left >= 700 - 1e-6 and bottom - top >= 1000 - 1e-6
            for m in tile.members:
                bl, bt, br, bb = boxes[m]
                assert left <= bl and br <= right and top <= bt and bb <= bottom


def test_tiled_pdf_shows_each_box_whole_on_one_page(qapp, tmp_path: Path):
    nodes = [Node(id="root", kind=Kind.CLAIM, text="ROOT claim")]
    for i in range(40):
        nodes.append(Node(id=f"n{i}", parent="root", order=i, kind=Kind.EVIDENCE,
                          text=f"Start{i} " + "words " * (10 + 7 * (i % 5)) + f"End{i}"))
    out = tmp_path / "tiles.pdf"
    export_map(new_map("Tiles", nodes), out, ExportOptions(page="A4", tile=True))
    pages = [squash(t) for t in pdf_texts(out)]
    assert len(pages) > 2
    for node in nodes[1:]:
        whole = [p for p in pages if squash(node.text) in p]
        assert len(whole) == 1, node.id


def test_pdf_fits_when_text_stays_6_pt_else_tiles(qapp, tmp_path: Path):
    small = new_map("Small", [Node(id="r", kind=Kind.CLAIM, text="One claim.")])
    out = tmp_path / "small.pdf"
    export_map(small, out, ExportOptions(page="A4"))
    assert len(pdf_texts(out)) == 1
    wide = new_map("Wide", [Node(id="r", kind=Kind.CLAIM, text="Root")] + [
        Node(id=f"c{i}", parent="r", order=i, kind=Kind.EVIDENCE, text=f"Child {i}")
        for i in range(300)])  # too many to read on one page, in any layout
    export_map(wide, out, ExportOptions(page="A4"))
    assert len(pdf_texts(out)) > 1
    # The rule itself, at its edge: 6 pt fitted is fitted, a hair under is tiled.
    from PySide6.QtCore import QRectF

    _orient, fit = raster.fit_on(QRectF(0, 0, 1000, 100), "A4")
    width_at_6 = 1000 * raster.body_pt(fit) / 6
    assert raster.pdf_plan(QRectF(0, 0, width_at_6 * 0.999, 100), "A4", None) == ("A4", False)
    assert raster.pdf_plan(QRectF(0, 0, width_at_6 * 1.01, 100), "A4", None) == ("A4", True)
    assert raster.pdf_plan(QRectF(0, 0, 99_999, 100), "A4", False) == ("A4", False)
    assert raster.pdf_plan(QRectF(0, 0, 99_999, 100), "map", None) == ("map", False)


def test_pdf_paper_follows_the_locale(qapp, tmp_path: Path, monkeypatch):
    assert default_page(QLocale("en_US")) == "Letter"
    assert default_page(QLocale("fr_CA")) == "Letter"
    assert default_page(QLocale("en_GB")) == default_page(QLocale("de_DE")) == "A4"
    small = new_map("Small", [Node(id="r", kind=Kind.CLAIM, text="One claim.")])
    out = tmp_path / "p.pdf"
    for locale, long_side in (("en_US", 792), ("de_DE", 842)):
        monkeypatch.setattr(QLocale, "system", staticmethod(lambda name=locale: QLocale(name)))
        export_map(small, out, ExportOptions())
        doc = QPdfDocument()
        assert doc.load(str(out)) == QPdfDocument.Error.None_
        size = doc.pagePointSize(0)
        assert max(size.width(), size.height()) == pytest.approx(long_side, abs=1)
        doc.close()
    out_a4 = tmp_path / "a4.pdf"
    export_map(small, out_a4, ExportOptions(page="A4"))  # --page overrides the locale
    doc = QPdfDocument()
    assert doc.load(str(out_a4)) == QPdfDocument.Error.None_
    assert max(doc.pagePointSize(0).width(), doc.pagePointSize(0).height()) == pytest.approx(842, abs=1)
    doc.close()


def svg_strings(amap: ArgumentMap, options: ExportOptions) -> list[str]:
    root = ET.fromstring(map_svg(amap, options=options))
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("part", ["title", "legend", "sources"])
def test_header_legend_and_source_line_toggle(qapp, tmp_path: Path, part):
    amap = long_map()
    on = ExportOptions(**{"title": False, "legend": False, "sources": False, part: True})
    marker = {"title": "Long texts", "legend": "Objection",
              "sources": source_line("Long texts", list(amap.nodes))[:30]}[part]
    with_part = svg_strings(amap, on)
    without = svg_strings(amap, PLAIN)
    assert any(s.startswith(marker) for s in with_part)
    assert not any(s.startswith(marker) for s in without)
    sizes = []
    for options in (PLAIN, on):
        out = tmp_path / f"{part}.png"
        export_map(amap, out, options)
        sizes.append(QImage(str(out)).height())
    assert sizes[1] > sizes[0]  # the part takes room of its own: the map is not covered
    out = tmp_path / f"{part}.pdf"
    export_map(amap, out, ExportOptions(page="map", **{"title": False, "legend": False,
                                                       "sources": False, part: True}))
    assert squash(marker) in squash("".join(pdf_texts(out)))


def test_cli_flags_turn_the_parts_off(capsys, tmp_path: Path):
    saved = Path(__file__).resolve().parents[2] / "saved_maps" / "iran-proxies.argmap.json"
    heights = []
    for flags in ([], ["--no-title", "--no-legend", "--no-sources"]):
        out = tmp_path / "m.svg"
        assert main(["export", str(saved), "-o", str(out), *flags]) == 0
        root = ET.parse(out).getroot()
        heights.append(float(root.get("height", "0")))
        texts = [t.text or "" for t in root.iter(f"{SVG}text")]
        assert any(t.startswith("Source: argument map") for t in texts) == (not flags)
    assert heights[0] > heights[1]
    out = tmp_path / "m.pdf"
    assert main(["export", str(saved), "-o", str(out), "--page", "Letter", "--fit"]) == 0
    assert len(pdf_texts(out)) == 1


def test_export_dialog_defaults_are_report_ready(qtbot):
    from argmap.gui.panels.export_dialog import ExportDialog

    dialog = ExportDialog(None, False, "down")
    qtbot.addWidget(dialog)
    options = dialog.options(None)
    assert options.scale == 2.0
    assert (options.title, options.legend, options.sources) == (True, True, True)
    dialog.format.setCurrentText("PDF document")
    options = dialog.options(None)
    assert (options.page, options.tile) == (None, None)  # locale paper, fit when readable
    dialog.legend.setChecked(False)
    dialog.page.setCurrentText("One page, the map's size")
    options = dialog.options(None)
    assert not options.legend and options.page == "map" and not dialog.tile.isEnabled()
    dialog.format.setCurrentText("argmap map file")
    assert not dialog.header.isEnabled()
