"""The text of a PDF, page by page and paragraph by paragraph, with Qt's QtPdf (QtGui only).

Why QtPdf: PySide6, which argmap already needs, ships it (PDFium, the PDF engine of
Chromium, built to open untrusted files), it runs without widgets and without a
QGuiApplication (tests/formats/test_source_text.py checks that no widget module loads),
and it gives each line's position on the page, which is what tells paragraphs apart in a
PDF. A pure-Python reader (pypdf) would be one more dependency and gives no positions.

Each page's text comes from PDFium line by line, with the line's box. A new paragraph
starts where the gap above a line is more than GAP times the page's usual line height, or
where a line is indented by more than a line height after a line that was not (a first-line
indent). A word broken at a line's end (a hyphen, or PDFium's soft-hyphen mark, before a
lower-case letter; PDFium joins most of them itself) is joined. Paragraphs are separated by
a blank line and pages by a form feed, the layout core/paragraphs.py numbers as "page 3,
paragraph 2". The file is loaded
from memory (the bytes mapfile.read_input read): nothing else is opened or fetched.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

from argmap.core.errors import MapFileError
from argmap.core.model import MAX_SOURCE_TEXT

#: A gap above a line of more than this many line heights starts a paragraph.
GAP = 0.6
#: PDFs with more pages than this are refused (the text limit would stop them anyway).
MAX_PAGES = 10_000
_LINE = re.compile(r"[^\r\n]+")
_BROKEN = re.compile(r"[A-Za-zÀ-ÿ][-\x02]$")


def pdf_text(data: bytes, name: str) -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise MapFileError(name, "not a PDF file (it does not start with %PDF-)")
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    try:
        doc.load(buffer)
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
            raise MapFileError(name, _why(doc.error(), QPdfDocument.Error))
        if doc.pageCount() > MAX_PAGES:
            raise MapFileError(name, f"has {doc.pageCount():,} pages; argmap reads PDFs of at "
                                     f"most {MAX_PAGES:,}")
        pages: list[str] = []
        size = 0
        for page in range(doc.pageCount()):
            pages.append(_page(doc, page))
            size += len(pages[-1]) + 1
            if size > MAX_SOURCE_TEXT:
                raise MapFileError(name, f"its text is over {MAX_SOURCE_TEXT:,} characters "
                                         f"by page {page + 1}; a source's text holds at most "
                                         f"{MAX_SOURCE_TEXT:,}")
    finally:
        doc.close()
        buffer.close()
    return "\f".join(pages)


def _why(error: object, errors: object) -> str:
    if error == getattr(errors, "IncorrectPassword", None):
        return "the PDF is protected by a password; argmap cannot read it"
    if error == getattr(errors, "UnsupportedSecurityScheme", None):
        return "the PDF is encrypted in a way argmap cannot read"
    return "not a PDF argmap can read (damaged, or not a PDF)"


def _page(doc: object, page: int) -> str:
    """One page's paragraphs, separated by blank lines."""
    # PDFium joins a word hyphenated at a line's end itself, marking the join with U+FFFE
    text = doc.getAllText(page).text()  # type: ignore[attr-defined]
    lines: list[tuple[str, float, float, float]] = []  # text, top, bottom, left
    for match in _LINE.finditer(text):
        line = match.group(0)
        if not line.strip():
            continue
        box = doc.getSelectionAtIndex(page, match.start(), len(line)).boundingRectangle()  # type: ignore[attr-defined]
        lines.append((line.strip().replace("\ufffe", ""), box.top(), box.bottom(), box.left()))
    if not lines:
        return ""
    height = median(b - t for _s, t, b, _l in lines) or 1.0
    margin = median(left for *_x, left in lines)
    paragraphs: list[list[str]] = [[lines[0][0]]]
    for (_text, _top, bottom, left), (line, top, _bottom, now) in pairwise(lines):
        gap = top - bottom
        indented = now - margin > height and left - margin <= height / 2
        if gap > GAP * height or gap < -2 * height or indented:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(_join(p) for p in paragraphs)


def _join(lines: list[str]) -> str:
    pieces = [lines[0]]
    for line in lines[1:]:
        if _BROKEN.search(pieces[-1]) and line[:1].islower():
            pieces[-1] = pieces[-1][:-1]  # a word broken at the line's end
        else:
            pieces.append("\n")
        pieces.append(line)
    return "".join(pieces)
