"""Paragraph numbers in a source's text, the way a reader counts them (no Qt).

A source's text is plain text (core/model.SourceRecord.text; formats/source_text.py makes it
from a .txt, .md, .html or .pdf file). Its rules, the same for every kind of file:

- A form feed (\\f) starts a new page; pages count from 1. Only texts taken from a PDF have
  them, and in a text with pages the paragraphs are counted again from 1 on each page
  ("page 3, paragraph 2").
- Blocks are separated by blank lines (lines of nothing but spaces count as blank).
- A block is a heading, and gets no number, when it is one line that starts with `#` (a
  Markdown heading; an HTML h1–h6 becomes one), or one line of at most HEADING_CHARS
  characters that does not end like a sentence (with . ! ? … : or ;, before any closing
  quotes or brackets): a title, a byline, a date, a section name, a page number.
- Every other block is the next paragraph.

So in an article that starts with its title and a "Published in …" line, paragraph 1 is
the first paragraph of prose, as a reader would say. Everything here is linear in the text:
one regular-expression pass for the blank lines, one for the page breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

#: The longest one-line block that can be a heading (a longer line is a paragraph).
HEADING_CHARS = 200
PAGE_BREAK = "\f"
#: A blank-line separator: a newline, then one or more lines holding only spaces or tabs.
_BLANK = re.compile(r"\n[^\S\n\f]*\n(?:[^\S\n\f]*\n)*")
_ENDS = frozenset(".!?…:;")
_CLOSERS = "\"'”’»)]*_ \t"


@dataclass(frozen=True)
class Block:
    """One block of a text: [start, end) in the text, trimmed of surrounding whitespace."""

    start: int
    end: int
    page: int | None  # 1-based, or None in a text without pages
    number: int | None  # its paragraph number (on its page), or None for a heading

    @property
    def heading(self) -> bool:
        return self.number is None

    def where(self) -> str:
        """"paragraph 6", "page 3, paragraph 2", "a heading", "a heading on page 3"."""
        said = f"paragraph {self.number}" if self.number is not None else "a heading"
        if self.page is None:
            return said
        return f"page {self.page}, {said}" if self.number is not None else f"{said} on page {self.page}"


def is_heading(line: str) -> bool:
    """The heading rule for a one-line block (see the module docstring)."""
    if line.startswith("#"):
        return True
    if len(line) > HEADING_CHARS:
        return False
    end = line.rstrip(_CLOSERS)
    return not end or end[-1] not in _ENDS


def blocks(text: str) -> list[Block]:
    """The blocks of `text` in order, numbered (see the module docstring)."""
    out: list[Block] = []
    paged = PAGE_BREAK in text
    page_start = 0
    page = 1
    while page_start <= len(text):
        page_end = text.find(PAGE_BREAK, page_start)
        if page_end < 0:
            page_end = len(text)
        number = 0
        start = page_start
        for gap in [*_BLANK.finditer(text, page_start, page_end), None]:
            stop = gap.start() if gap is not None else page_end
            block = _trimmed(text, start, stop)
            if block is not None:
                first, last = block
                one_line = text.find("\n", first, last) < 0
                heading = one_line and is_heading(text[first:last])
                if not heading:
                    number += 1
                out.append(Block(first, last, page if paged else None,
                                 None if heading else number))
            if gap is not None:
                start = gap.end()
        page_start = page_end + 1
        page += 1
    return out


def _trimmed(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """[start, stop) without leading and trailing whitespace, or None if nothing is left.
    str.strip on the slice keeps this linear in the block."""
    piece = text[start:stop]
    stripped = piece.lstrip()
    if not stripped:
        return None
    first = start + len(piece) - len(stripped)
    return first, first + len(stripped.rstrip())


class Blocks:
    """A text's blocks with a lookup by offset: which block holds a character."""

    def __init__(self, text: str):
        self.list = blocks(text)
        self.paged = PAGE_BREAK in text
        self._starts = [b.start for b in self.list]

    def at(self, offset: int) -> Block | None:
        """The block holding `offset`, or None (in the whitespace between blocks)."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        block = self.list[i]
        return block if offset < block.end else None

    def between(self, start: int, end: int) -> list[Block]:
        """The blocks that [start, end) overlaps, in order."""
        i = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self.list) and self.list[i].start < end:
            if self.list[i].end > start:
                out.append(self.list[i])
            i += 1
        return out
