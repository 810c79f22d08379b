"""The text of an HTML document, one block per paragraph, with the standard library's
html.parser (no Qt, nothing fetched: a document may be hostile).

Each block element (p, div, li, blockquote, td rows, pre…) is a block of its own; h1–h6
become `# ` … `###### ` lines, which paragraph numbering (core/paragraphs.py) counts as
headings, as a reader does. Text in script, style, template, noscript, head, svg, math,
iframe and object elements, and in elements marked `hidden` or `aria-hidden="true"`, is
skipped. Whitespace is collapsed as a browser shows it, except inside pre. Entities are
decoded; nothing else of the markup is kept, so no link, image or style can reach the
editor. html.parser is a tokenizer without recursion: nesting depth costs nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from html.parser import HTMLParser

from argmap.core.errors import MapFileError

_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup",
    "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "ul"})
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "svg", "math",
                      "iframe", "object"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)


def html_text(data: bytes, name: str) -> str:
    """The document's text (see the module docstring); MapFileError if it cannot be read."""
    parser = _Text()
    parser.feed(_decode(data, name))
    parser.close()
    return parser.result()


def _decode(data: bytes, name: str) -> str:
    """UTF-8 unless a BOM or a <meta charset> near the start says otherwise."""
    codec = "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif not data.startswith(b"\xef\xbb\xbf"):
        declared = _CHARSET.search(data[:4096])
        if declared is not None:
            with contextlib.suppress(LookupError):  # an unknown name: UTF-8
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise MapFileError(name, f"not {codec} text as the page says (byte {exc.start})") from None


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []  # open elements whose text is skipped
        self.open_count: dict[str, int] = {}  # how many of each are in `skipping`
        self.pre = 0

    def _break(self) -> None:
        text = "".join(self.current)
        self.current = []
        text = text.strip() if self.pre else " ".join(text.split())
        if text:
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = any(k == "hidden" or (k == "aria-hidden" and v == "true") for k, v in attrs)
        if (self.skipping or tag in _SKIPPED or hidden) and tag not in _VOID:
            self.skipping.append(tag)
            self.open_count[tag] = self.open_count.get(tag, 0) + 1
            return
        if self.skipping:
            return
        if tag == "br":
            self.current.append("\n" if self.pre else " ")
        elif tag in _BLOCKS or tag in _HEADINGS:
            self._break()
            if tag in _HEADINGS:
                self.current.append("#" * _HEADINGS[tag] + " ")
            if tag == "pre":
                self.pre += 1
        elif tag in ("td", "th"):
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            # The innermost open element of that name closes, and what was left open inside
            # it: each element is pushed and popped once, so this is linear however deep.
            if self.open_count.get(tag):
                while True:
                    popped = self.skipping.pop()
                    self.open_count[popped] -= 1
                    if popped == tag:
                        break
            return
        if tag in _BLOCKS or tag in _HEADINGS:
            if tag in _HEADINGS and "".join(self.current).strip("# ") == "":
                self.current = []  # an empty heading
            self._break()
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def result(self) -> str:
        self._break()
        return "\n\n".join(self.blocks)
