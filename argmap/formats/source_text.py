"""A source's text from a paste or a file: the one function that turns a document into the
plain text a source record holds (see docs/sources.md).

- `.txt`, `.md` (and a paste): the text as it is: UTF-8 (a byte-order mark, or UTF-16 with
  one, is accepted), line ends made `\\n`.
- `.html`, `.htm`: the text of its block elements, one block per paragraph
  (formats/html_text.py: the standard library's html.parser; nothing is fetched, scripts
  and styles are skipped).
- `.pdf`: page by page, paragraphs told apart by the gaps between lines, pages separated by
  a form feed (formats/pdf_text.py: Qt's QtPdf, which PySide6 ships, without widgets).

Whatever the source, the text is then cleaned the same way: Unicode NFC, soft hyphens and
zero-width spaces and byte-order marks removed, and it must hold a visible character and at
most MAX_SOURCE_TEXT characters. A document is input like any other: read through
mapfile.read_input (regular files only, at most 32 MiB), never shown as rich text, and every
failure is one MapFileError line.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from argmap.core.errors import MapFileError
from argmap.core.mapfile import read_input
from argmap.core.model import MAX_SOURCE_TEXT

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_from_file(path: str | os.PathLike[str]) -> str:
    """The plain text of a .txt, .md, .html or .pdf file (`-`: standard input, as text)."""
    name = str(path)
    suffix = Path(name).suffix.lower()
    if name != "-" and suffix not in SUFFIXES:
        raise MapFileError(name, f"argmap reads a source's text from {', '.join(SUFFIXES)} "
                                 "files (or a paste)")
    data = read_input(path, pipes=True)
    if suffix in (".html", ".htm"):
        from argmap.formats.html_text import html_text

        return clean(html_text(data, name), name)
    if suffix == ".pdf":
        from argmap.formats.pdf_text import pdf_text

        return clean(pdf_text(data, name), name)
    return clean(decode(data, name), name)


def text_from_paste(text: str, name: str = "the pasted text") -> str:
    """A pasted text, cleaned like a file's."""
    return clean(text.replace("\r\n", "\n").replace("\r", "\n"), name)


def decode(data: bytes, name: str) -> str:
    """Text file bytes as text: UTF-8 (with or without a BOM), or UTF-16 with its BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec, body = "utf-16", data
    else:
        codec, body = "utf-8", data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        raise MapFileError(name, f"not {codec.upper()} text (byte {exc.start}); save it as "
                                 "UTF-8 and attach it again") from None
    if "\x00" in text:
        raise MapFileError(name, "not a text file: it holds NUL characters")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean(text: str, name: str) -> str:
    """NFC, no invisible characters, the size limit, something visible (see the docstring)."""
    if len(text) > 4 * MAX_SOURCE_TEXT:  # refused before the copies below are made
        raise MapFileError(name, _too_long(len(text)))
    text = _SURROGATE.sub("\ufffd", text.replace("\x00", ""))  # what a library can store
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    if len(text) > MAX_SOURCE_TEXT:
        raise MapFileError(name, _too_long(len(text)))
    if not text.strip():
        raise MapFileError(name, "has no text to attach")
    return text


def _too_long(length: int) -> str:
    return (f"its text is {length:,} characters; a source's text holds at most "
            f"{MAX_SOURCE_TEXT:,}")
