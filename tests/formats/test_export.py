"""Image and file exports from the command line, checked by decoding what was written."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from argmap.cli import main
from argmap.core.model import Kind
from argmap.core.seed import seed_map
from argmap.formats.options import ExportOptions
from argmap.gui.canvas.items import STYLES

SAVED = Path(__file__).resolve().parents[2] / "saved_maps" / "iran-proxies.argmap.json"

STATEMENTS = [k for k in Kind if k is not Kind.ARGUMENT]


def export(capsys, out: Path, *extra: str) -> None:
    assert main(["export", str(SAVED), "-o", str(out), *extra]) == 0
    assert capsys.readouterr() == ("", "")


def colours(image: QImage, step: int = 3) -> set[str]:
    found = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            found.add(QColor(image.pixel(x, y)).name())
    return found


def test_png_has_the_map_colours_and_size(capsys, tmp_path: Path, qapp):
    out = tmp_path / "map.png"
    export(capsys, out)
    image = QImage(str(out))
    assert not image.isNull()
    assert 1.2 < image.width() / image.height() < 2.5  # compact, packed towards 16:9
    seen = colours(image)
    for kind in STATEMENTS:  # the maps have no argument node
        assert STYLES[kind].fill.name() in seen, kind
    assert QColor(image.pixel(2, 2)).name() == "#ffffff"


@pytest.mark.slow
def test_png_scale_and_transparency(capsys, tmp_path: Path, qapp):
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    export(capsys, one)
    export(capsys, two, "--scale", "2", "--transparent")
    a, b = QImage(str(one)), QImage(str(two))
    assert abs(b.width() - 2 * a.width()) <= 2 and abs(b.height() - 2 * a.height()) <= 2
    assert QColor.fromRgba(b.pixel(2, 2)).alpha() == 0


def test_subtree_export(capsys, tmp_path: Path, qapp):
    out = tmp_path / "sub.png"
    export(capsys, out, "--subtree", "accident")
    image = QImage(str(out))
    assert image.width() < 1200
    assert STYLES[Kind.REBUTTAL].fill.name() in colours(image)
    assert STYLES[Kind.EVIDENCE].fill.name() not in colours(image)


def test_svg_is_xml_with_the_node_texts(capsys, tmp_path: Path):
    out = tmp_path / "map.svg"
    export(capsys, out)
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    for word in ("OBJECTION", "REBUTTAL", "Qaani", "Khazali"):
        assert word in text


def test_pdf_has_real_text(capsys, tmp_path: Path, qapp):
    from PySide6.QtPdf import QPdfDocument

    out = tmp_path / "map.pdf"
    export(capsys, out, "--page", "A4", "--fit")
    doc = QPdfDocument()
    assert doc.load(str(out)) == QPdfDocument.Error.None_
    assert doc.pageCount() == 1
    text = doc.getAllText(0).text()
    assert "Khazali" in text and "EVIDENCE" in text


def test_json_export_round_trips(capsys, tmp_path: Path):
    out = tmp_path / "copy.argmap.json"
    export(capsys, out)
    assert out.read_bytes() == SAVED.read_bytes()


def test_failed_export_keeps_the_existing_file(capsys, tmp_path: Path, monkeypatch):
    out = tmp_path / "keep.png"
    out.write_bytes(b"previous export")
    monkeypatch.setattr("argmap.core.atomic.os.write", lambda fd, data: 0)
    assert main(["export", str(SAVED), "-o", str(out)]) == 1
    assert "cannot be written" in capsys.readouterr().err
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png"]


@pytest.mark.slow
def test_cli_export_works_without_a_display(tmp_path: Path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ARGMAP_DB"] = str(tmp_path / "l.db")
    for suffix in ("png", "svg", "pdf"):
        out = tmp_path / f"seed.{suffix}"
        proc = subprocess.run(
            [sys.executable, "-m", "argmap", "export", "seed-iran-proxies", "-o", str(out)],
            env=env, capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        assert (proc.stdout, proc.stderr) == ("", "")
        assert out.stat().st_size > 1000


@pytest.mark.parametrize("path", sorted((SAVED.parent).glob("*.argmap.json")))
def test_every_saved_map_opens(path: Path):
    from argmap.core.mapfile import read_map

    assert read_map(path).nodes


def test_saved_maps_has_more_than_the_seed():
    assert len(list(SAVED.parent.glob("*.argmap.json"))) >= 2
    assert seed_map().info.id == "seed-iran-proxies"


def test_tiled_pdf_spreads_the_map_over_pages(capsys, tmp_path: Path, qapp):
    from PySide6.QtPdf import QPdfDocument

    out = tmp_path / "tiles.pdf"
    export(capsys, out, "--page", "A4", "--tile", "--layout", "down")  # a wide, shallow tree
    doc = QPdfDocument()
    assert doc.load(str(out)) == QPdfDocument.Error.None_
    assert doc.pageCount() >= 3
    assert all(doc.getAllText(i).text().strip() for i in range(doc.pageCount()))
    assert doc.pagePointSize(0).width() == pytest.approx(842, abs=1)  # landscape A4


def test_png_cap_scales_a_huge_export_down(qapp):
    from PySide6.QtCore import QRectF

    from argmap.formats.raster import (
        MAX_PIXELS,
        MAX_SIDE,
        PNG_DETAIL_ZOOM,
        TEXTLESS_PIXELS,
        png_scale,
    )

    rect = QRectF(0, 0, 1_500_000, 3_000)
    scale = png_scale(rect, 1.0)
    assert rect.width() * scale <= MAX_SIDE
    assert rect.width() * scale * rect.height() * scale <= MAX_PIXELS
    assert png_scale(QRectF(0, 0, 1000, 800), 2.0) == 2.0
    # with text (scale 0.45): the whole cap; without (0.22 at the cap): the lower one
    readable, blocks = QRectF(0, 0, 20_000, 20_000), QRectF(0, 0, 40_000, 40_000)
    assert png_scale(readable, 1.0) ** 2 * 20_000**2 == pytest.approx(MAX_PIXELS)
    assert png_scale(blocks, 1.0) ** 2 * 40_000**2 == pytest.approx(TEXTLESS_PIXELS)
    assert png_scale(blocks, 1.0) < PNG_DETAIL_ZOOM


def test_cancelled_export_writes_nothing(tmp_path: Path, qapp):
    from argmap.core.errors import ExportCancelled
    from argmap.core.mapfile import read_map
    from argmap.formats.export import export_map

    out = tmp_path / "c.png"
    out.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        export_map(read_map(SAVED), out, ExportOptions(), lambda done, total: done < 1)
    assert out.read_bytes() == b"old"


def test_tiled_pdf_of_a_huge_map_is_refused_with_advice(capsys, tmp_path: Path, qapp,
                                                         monkeypatch):
    from argmap.formats import raster

    monkeypatch.setattr(raster, "MAX_PAGES", 3)  # the seed needs more pages than that
    out = tmp_path / "big.pdf"
    assert main(["export", str(SAVED), "-o", str(out), "--page", "A4", "--tile",
                 "--layout", "down"]) == 1
    err = capsys.readouterr().err
    assert "pages" in err and "subtree" in err
    assert not out.exists()
    # Not asked to tile: a map too big to tile is one page the picture's size instead.
    monkeypatch.setattr(raster, "MIN_PDF_PT", 100.0)  # whatever the layout: too small to fit
    assert main(["export", str(SAVED), "-o", str(out), "--page", "A4"]) == 0
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(out)) == QPdfDocument.Error.None_
    assert doc.pageCount() == 1 and doc.pagePointSize(0).width() > 842
