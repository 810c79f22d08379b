"""The analysed text of an OVA3 save, imported as the map's source (issue 21).

An OVA3 save ({"AIF": …, "text": …, "OVA": …}) carries the text the analyst marked up, as
HTML in which each highlighted passage is a `<span id="nodeN_…">` naming the locution
(L-node) "N_…" it became (or, in some saves, the statement itself). A locution asserts its
statement through an illocution: L -> YA -> I. So each statement whose locution OVA
highlighted gets that passage as its quote, with the locator of where it is (the
paragraphs of the text as formats/html_text.py reads it: <br> and block elements), and the
map gets one source record holding the text (title TITLE, OVA's `url` if it has one).

The text is read like any attached document (formats/source_text.py: html.parser, nothing
fetched, the size limit). A save whose text cannot be kept (empty, or too long) imports
without it, and the loss report says so. A statement with a source of argmap's own keeps
it; a statement highlighted twice quotes its first passage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

from argmap.core.errors import MapFileError
from argmap.core.locators import locator_for
from argmap.core.model import ArgumentMap, SourceRecord
from argmap.core.quotes import TextIndex, quote_parts
from argmap.formats.graph_tree import GraphNode
from argmap.formats.html_text import html_text
from argmap.formats.loss import LossReport
from argmap.formats.source_text import clean

TITLE = "The text analysed in OVA"


class _Spans(HTMLParser):
    """The text inside each <span id="node…">, by the id after "node" (linear: a tokenizer)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.spans: dict[str, list[str]] = {}
        self._open: list[str | None] = []  # per open span: its node id, or None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "span":
            return
        ident = dict(attrs).get("id") or ""
        self._open.append(ident[4:] if ident.startswith("node") and len(ident) > 4 else None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            if ident is not None:
                self.spans.setdefault(ident, []).append(data)


@dataclass
class OvaText:
    text: str
    url: str
    quotes: dict[str, tuple[str, str]]  # I-node id -> (quote, locator)

    def cite(self, graph: list[GraphNode]) -> list[GraphNode]:
        """The statements with their quotes (a source of argmap's own stays)."""
        out = []
        for g in graph:
            quoted = self.quotes.get(g.key)
            if quoted is not None and g.source is None:
                g = replace(g, source={"title": TITLE, "url": self.url, "quote": quoted[0],
                                       "locator": quoted[1]})
            out.append(g)
        return out

    def attach(self, amap: ArgumentMap) -> ArgumentMap:
        """The map with the text in its OVA record (a new record if no statement quotes)."""
        records = list(amap.sources)
        found = next((r for r in records if (r.title, r.url) == (TITLE, self.url)), None)
        if found is None:
            record = SourceRecord(id="ova-text", title=TITLE, url=self.url, text=self.text)
            records.append(record)
        else:
            records = [r.model_copy(update={"text": self.text}) if r is found else r
                       for r in records]
        return ArgumentMap.model_validate({**amap.model_dump(), "sources": [
            r.model_dump() for r in records]})


def ova_text(raw: dict[str, Any], types: dict[str, str], edges: list[Any], name: str,
             report: LossReport) -> OvaText | None:
    """The save's analysed text and its quotes; None when it has none (or none it can keep)."""
    html = raw.get("text")
    if not isinstance(raw.get("OVA"), dict) or not isinstance(html, str) or not html.strip():
        return None
    try:
        text = clean(html_text(html.encode("utf-8"), name), name)
    except MapFileError as exc:
        report.note(f"the analysed text was not kept: it {exc.problem}")
        return None
    ova = raw["OVA"]
    url = ova.get("url") if isinstance(ova.get("url"), str) else ""
    asserts: dict[str, list[str]] = {}  # node -> the nodes it points to
    for edge in edges:
        if isinstance(edge, dict):
            src, dst = edge.get("fromID"), edge.get("toID")
            if isinstance(src, str | int) and isinstance(dst, str | int):
                asserts.setdefault(str(src), []).append(str(dst))
    spans = _Spans()
    spans.feed(html)
    spans.close()
    index = TextIndex(text)
    quotes: dict[str, tuple[str, str]] = {}
    for ident, pieces in spans.spans.items():
        quote = " ".join("".join(pieces).split())
        if not quote:
            continue
        for statement in _statements(ident, types, asserts):
            if statement in quotes:
                continue
            found = index.find(quote_parts(quote))
            quotes[statement] = (quote, locator_for(list(found.blocks)) if found else "")
    return OvaText(text, url.strip(), quotes)


def _statements(ident: str, types: dict[str, str], asserts: dict[str, list[str]]) -> list[str]:
    """The I-nodes a highlighted span stands for: itself, or what its locution asserts."""
    kind = types.get(ident)
    if kind == "I":
        return [ident]
    if kind != "L":
        return []
    return [i for ya in asserts.get(ident, []) if types.get(ya) == "YA"
            for i in asserts.get(ya, []) if types.get(i) == "I"]
