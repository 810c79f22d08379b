"""A source's text from .txt, .md, .html and .pdf files (issue 21): the same article in each
form gives the same paragraph numbers, so every quote of the project's own map verifies
against each; hostile documents are refused in one line."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.errors import MapFileError
from argmap.core.mapfile import read_map
from argmap.core.model import MAX_SOURCE_TEXT, ArgumentMap
from argmap.core.paragraphs import blocks
from argmap.core.verify import check_map
from argmap.formats.source_text import text_from_file, text_from_paste
from tests.shared_files import REPO

OWN = REPO / "tests" / "data" / "sources"
FERRY = (OWN / "night-ferry.txt").read_text(encoding="utf-8")
PARAGRAPHS = [p for p in FERRY.split("\n\n") if p.strip()]


def with_text(text: str) -> ArgumentMap:
    amap = read_map(OWN / "night-ferry.argmap.json")
    [record] = amap.sources
    return amap.model_copy(update={"sources": (record.model_copy(update={"text": text}),)})


def as_html() -> bytes:
    body = []
    for i, p in enumerate(PARAGRAPHS):
        escaped = html.escape(p).replace("’", "&rsquo;")
        if i == 0:
            body.append(f"<header><h1 class='t'>{escaped}</h1></header>")
        elif p == "What the vote means":
            body.append(f"<h2>{escaped}</h2>")
        else:
            body.append(f"<div><p>{escaped}</p></div>")
        if i == 3:
            body.append("<script>document.write('<p>Injected paragraph.</p>')</script>"
                        "<style>p { color: red }</style><div hidden><p>Hidden.</p></div>"
                        "<!-- a comment --><img src='https://example.org/x.png'>")
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Ferry</title>"
            "<link rel='stylesheet' href='https://example.org/s.css'></head><body>"
            + "\n".join(body) + "</body></html>").encode()


def as_pdf(path: Path, pages: list[list[str]]) -> None:
    """A PDF made with Qt's own writer: each paragraph word-wrapped, a gap between them."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 9))
    for number, paragraphs in enumerate(pages):
        if number:
            writer.newPage()
        y = 40.0
        for paragraph in paragraphs:
            rect = QRectF(40, y, 500, 400)
            flags = int(Qt.TextFlag.TextWordWrap)
            used = painter.boundingRect(rect, flags, paragraph.replace("\n", " "))
            painter.drawText(rect, flags, paragraph.replace("\n", " "))
            y += used.height() + 14
    painter.end()


@pytest.mark.parametrize("form", ["txt", "md", "html", "pdf"])
def test_every_form_of_the_article_numbers_paragraphs_alike(form: str, tmp_path: Path, qapp):
    path = tmp_path / f"ferry.{form}"
    if form == "txt":
        path.write_text(FERRY, encoding="utf-8")
    elif form == "md":
        path.write_text("# " + FERRY.replace("\n\nWhat the vote", "\n\n## What the vote"),
                        encoding="utf-8")
    elif form == "html":
        path.write_bytes(as_html())
    else:
        as_pdf(path, [PARAGRAPHS])
    text = text_from_file(path)
    assert [b.number for b in blocks(text)] == [None, None, 1, 2, 3, 4, 5, 6, 7, None, 8]
    assert "Injected" not in text and "Hidden" not in text and "color" not in text
    assert check_map(with_text(text)).lines() == ["9 of 9 quotes verified"]


def test_a_pdf_has_pages_and_paragraphs_on_each(tmp_path: Path, qapp):
    path = tmp_path / "two-pages.pdf"
    as_pdf(path, [PARAGRAPHS[2:4], PARAGRAPHS[4:7]])
    text = text_from_file(path)
    assert [(b.page, b.number) for b in blocks(text)] == [
        (1, 1), (1, 2), (2, 1), (2, 2), (2, 3)]
    amap = with_text(text)
    lines = check_map(amap).lines()
    assert ("fridays\t“on Fridays the number rises to well over a hundre…”\tthe text has "
            "pages, and the locator names none: the quote is in page 2, paragraph 1") in lines
    assert "keep\t“In February the council voted, eleven to four, to…”\tnot in the text" in lines


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "not a PDF argmap can read"),
    ("fake.pdf", b"<html>not a pdf</html>", "not a PDF file (it does not start with %PDF-)"),
    ("latin.txt", "Café".encode("latin-1"), "not UTF-8 text (byte 3)"),
    ("nul.txt", b"one\x00two", "not a text file: it holds NUL characters"),
    ("empty.md", b"  \n\n ", "has no text to attach"),
    ("big.txt", b"x" * (MAX_SOURCE_TEXT + 1), "a source's text holds at most 2,000,000"),
    ("page.docx", b"PK\x03\x04", "argmap reads a source's text from .txt, .md"),
    ("bad.html", b"<meta charset='utf-8'><p>\xff</p>", "not utf-8 text as the page says"),
])
def test_bad_documents_are_refused_in_one_line(name: str, data: bytes, problem: str,
                                               tmp_path: Path, qapp):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(MapFileError, match=re.escape(problem)) as caught:
        text_from_file(path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))


def test_texts_are_cleaned_the_same_way_wherever_they_come_from(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffCafe\u0301 soft\u00adhyphen\r\nline".encode("utf-16"))
    assert text_from_file(path) == "Café softhyphen\nline"
    assert text_from_paste("a\r\nb\u200b") == "a\nb"


def test_hostile_html_stays_flat_and_quiet(tmp_path: Path):
    deep = tmp_path / "deep.html"
    deep.write_bytes(b"<div>" * 200_000 + b"<p>Deep text.</p>" + b"</div>" * 200_000
                     + b"<svg>" + b"<g>" * 100_000 + b"<text>drawn</text></svg><p>After.</p>")
    assert text_from_file(deep) == "Deep text.\n\nAfter."


def test_a_pdf_is_read_without_widgets(tmp_path: Path, qapp):
    pdf = tmp_path / "ferry.pdf"
    as_pdf(pdf, [PARAGRAPHS])
    script = ("import sys\nfrom argmap.formats.source_text import text_from_file\n"
              f"text = text_from_file({str(pdf)!r})\n"
              "print(len(text) > 1000, sorted(m for m in sys.modules if 'QtWidgets' in m))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True []"
