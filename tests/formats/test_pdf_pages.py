"""A PDF painted as several pages and joined (how a huge map stays within memory) is one
page that looks exactly like the map painted on one page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from argmap.core.mapfile import read_map
from argmap.formats import raster
from argmap.formats.picture import picture

SEED = Path(__file__).resolve().parents[2] / "resources" / "seed-iran-proxies.argmap.json"


def pages_and_first_page(data: bytes, path: Path, width: int) -> tuple[int, QImage]:
    path.write_bytes(data)
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(width, round(width * size.height() / size.width())))
    count = doc.pageCount()
    doc.close()
    return count, image


@pytest.mark.parametrize("page", [None, "A4"])
def test_joined_pages_look_like_one_page(qapp, tmp_path: Path, monkeypatch, page):
    pic = picture(read_map(SEED))
    whole = raster.render_pdf(pic, "seed", page)
    monkeypatch.setattr(raster, "PAGE_ITEMS", 7)  # the seed's 39 items in 6 shares
    joined = raster.render_pdf(pic, "seed", page)
    assert joined != whole
    count_whole, image_whole = pages_and_first_page(whole, tmp_path / "whole.pdf", 1600)
    count_joined, image_joined = pages_and_first_page(joined, tmp_path / "joined.pdf", 1600)
    assert count_whole == count_joined == 1
    assert not image_whole.isNull() and image_joined == image_whole
