"""Every quote of a map checked against its source's text (no Qt): what `argmap check`
prints, and what the editor will mark.

A quote is a node's source quote (nodes with an empty quote have none). Nodes that cite the
same record with the same quote and locator share one quote, checked once and counted once
(the seeded map's 20 nodes carry 19 quotes: two quote the same sentence of paragraph 7).
A quote is verified when it is found in its record's text (core/quotes.py) and every
paragraph it touches is one its locator names (core/locators.py); a quote whose record has
no text is not checked. See docs/sources.md for the rules with examples.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.core.locators import locator_for, read_locator
from argmap.core.model import ArgumentMap, SourceRecord
from argmap.core.paragraphs import Block
from argmap.core.quotes import MAX_PARTS, Found, TextIndex, quote_parts

#: How much of a quote a problem line shows.
EXCERPT = 50
#: A quote not found names how far it matches when at least this many words do.
HINT_WORDS = 3


@dataclass(frozen=True)
class QuoteCheck:
    """One quote: the nodes that carry it, and whether it checks out. `found` is where the
    quote is in the text (even when the locator is wrong), None when it is not there."""

    node_ids: tuple[str, ...]
    source_id: str | None
    quote: str
    locator: str
    problem: str | None  # None: verified
    found: Found | None = None

    @property
    def verified(self) -> bool:
        return self.problem is None

    @property
    def checked(self) -> bool:
        """False when the quote has no text to be checked against."""
        return self.problem not in (NO_TEXT, NO_RECORD)


NO_TEXT = "its source has no attached text"
NO_RECORD = "it names no source (no title or URL)"


@dataclass(frozen=True)
class MapCheck:
    quotes: tuple[QuoteCheck, ...]
    #: Records some quote cites that have no text, with how many quotes they hold.
    without_text: tuple[tuple[SourceRecord, int], ...]

    @property
    def verified(self) -> int:
        return sum(q.verified for q in self.quotes)

    def lines(self) -> list[str]:
        """`argmap check`'s output: one tab-separated line per failing quote (its node ids,
        an excerpt, what is wrong), one per source without a text, then the count."""
        out = [f"{','.join(q.node_ids)}\t{excerpt(q.quote)}\t{q.problem}"
               for q in self.quotes if q.problem is not None and q.checked]
        out += [f"{','.join(q.node_ids)}\t{excerpt(q.quote)}\t{q.problem}"
                for q in self.quotes if q.problem == NO_RECORD]
        for record, count in self.without_text:
            out.append(f"source\t{record.title or record.url or record.id}\tno text attached: "
                       f"{count} quote{'s' if count != 1 else ''} not checked (argmap attach "
                       "MAP FILE)")
        out.append(f"{self.verified} of {len(self.quotes)} quotes verified")
        return out


def excerpt(quote: str) -> str:
    line = " ".join(quote.split())
    return f"“{line[:EXCERPT - 1]}…”" if len(line) > EXCERPT else f"“{line}”"


def check_map(amap: ArgumentMap) -> MapCheck:
    """Check every quote of the map (see the module docstring); each text is indexed once."""
    groups: dict[tuple[str | None, str, str], list[str]] = {}
    for node, _depth in amap.preorder():
        s = node.source
        if s is not None and s.quote.strip():
            groups.setdefault((s.source_id, s.quote, s.locator), []).append(node.id)
    records = {r.id: r for r in amap.sources}
    indexes: dict[str, TextIndex] = {}
    checks: list[QuoteCheck] = []
    missing: dict[str, int] = {}
    for (source_id, quote, locator), node_ids in groups.items():
        record = records.get(source_id) if source_id is not None else None
        if record is None:
            checks.append(QuoteCheck(tuple(node_ids), source_id, quote, locator, NO_RECORD))
            continue
        if record.text is None:
            missing[record.id] = missing.get(record.id, 0) + 1
            checks.append(QuoteCheck(tuple(node_ids), source_id, quote, locator, NO_TEXT))
            continue
        if record.id not in indexes:
            indexes[record.id] = TextIndex(record.text)
        problem, found = check_quote(indexes[record.id], quote, locator)
        checks.append(QuoteCheck(tuple(node_ids), source_id, quote, locator, problem, found))
    without = tuple((records[i], n) for i, n in missing.items())
    return MapCheck(tuple(checks), without)


def check_quote(index: TextIndex, quote: str, locator: str) -> tuple[str | None, Found | None]:
    """(what is wrong or None, where the quote is) for one quote and locator."""
    parts = quote_parts(quote)
    if not parts:
        return "the quote is only an ellipsis", None
    if len(parts) > MAX_PARTS:
        return f"more than {MAX_PARTS - 1} omissions (…): not checked", None
    place = read_locator(locator)
    named = [b for b in index.blocks.list if place.names(b)] if not place.empty else []
    if named:
        found = index.find(parts, named)
        if found is not None and all(place.names(b) for b in found.blocks):
            return None, found
    found = index.find(parts)
    if found is None:
        return _not_found(index, parts), None
    where = _where(list(found.blocks))
    if not locator.strip():
        return f"no locator: the quote is in {where}", found
    if place.empty:
        return f"the locator “{locator.strip()}” names no page or paragraph; the quote is " \
               f"in {where}", found
    if index.blocks.paged and not place.pages and place.paragraphs:
        return f"the text has pages, and the locator names none: the quote is in {where}", found
    if not index.blocks.paged and place.pages and not place.paragraphs:
        return f"the locator names a page, but the text has none: the quote is in {where}", found
    return f"found in {where}, but the locator says “{locator.strip()}”", found


def _where(blocks: list[Block]) -> str:
    said = locator_for(blocks)
    return "a heading" if said == "title" else said


def _not_found(index: TextIndex, parts: list[str]) -> str:
    if len(parts) > 1:
        for part in parts:
            if index.find([part]) is None:
                return f"not in the text: the part {excerpt(part)} is not there"
        return "not in the text: its parts are not in one paragraph in this order"
    prefix, block = index.longest_prefix(parts[0])
    if len(prefix.split()) < HINT_WORDS:
        return "not in the text"
    tail = " ".join(prefix.split()[-5:])
    where = f" in {block.where()}" if block is not None else ""
    return f"not in the text: it matches up to “…{tail}”{where}, then differs"
