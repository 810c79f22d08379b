"""What a locator ("paragraph 6", "paragraphs 4, 10", "p. 3, ¶ 2") says about where a quote
is, and the locator that says where it is (no Qt).

A locator is free text. argmap reads the page and paragraph numbers in it: `page`/`pages`/
`p.`/`pp.` and `paragraph`/`paragraphs`/`para.`/`paras.`/`par.`/`¶`, each followed by
numbers, lists ("4, 10", "4 and 10") and ranges ("1–2", "1-2", "1 to 2"); and the words
`title`, `heading` or `headline` for a quote from a heading. Any other words (an author, a
section name) are left alone; a locator with no number or heading word argmap can read
cannot be checked. Locators are at most 2,000 characters (the model's limit), and the
expressions below have no nested repetition, so reading one is linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.core.paragraphs import Block

Ranges = tuple[tuple[int, int], ...]

_NUMBERS = r"\d{1,9}(?:\s*(?:-|–|—|to|,|and|&)\s*\d{1,9})*"
_PAGE = re.compile(r"(?<![a-z])(?:pages?|pp?\.?)\s*(" + _NUMBERS + ")")
_PARAGRAPH = re.compile(
    r"(?:(?<![a-z])(?:paragraphs?|paras?\.?|pars?\.)|¶+)\s*(" + _NUMBERS + ")")
_HEADING = re.compile(r"(?<![a-z])(?:title|heading|headline)(?![a-z])")
_PART = re.compile(r"(\d{1,9})(?:\s*(?:-|–|—|to)\s*(\d{1,9}))?")


@dataclass(frozen=True)
class Place:
    """Where a locator says a quote is. Empty ranges: it names none of that kind."""

    pages: Ranges = ()
    paragraphs: Ranges = ()
    heading: bool = False

    @property
    def empty(self) -> bool:
        return not (self.pages or self.paragraphs or self.heading)

    def names(self, block: Block) -> bool:
        """Whether this place covers `block` (a page the text has, a paragraph on it)."""
        if block.heading:
            return self.heading and (not self.pages or _inside(block.page, self.pages))
        if self.pages and not _inside(block.page, self.pages):
            return False
        if block.page is not None and not self.pages:
            return False  # in a text with pages, a paragraph number needs its page
        if self.paragraphs:
            return _inside(block.number, self.paragraphs)
        return bool(self.pages)


def _inside(value: int | None, ranges: Ranges) -> bool:
    return value is not None and any(lo <= value <= hi for lo, hi in ranges)


def _ranges(pattern: re.Pattern[str], text: str) -> Ranges:
    out: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        for part in _PART.finditer(match.group(1)):
            lo = int(part.group(1))
            hi = int(part.group(2)) if part.group(2) else lo
            out.append((min(lo, hi), max(lo, hi)))
    return tuple(out)


def read_locator(locator: str) -> Place:
    """The pages, paragraphs and heading a locator names (see the module docstring)."""
    text = locator.casefold()
    return Place(_ranges(_PAGE, text), _ranges(_PARAGRAPH, text),
                 _HEADING.search(text) is not None)


def locator_for(found: list[Block]) -> str:
    """The locator argmap writes for a quote found in these blocks: "paragraph 6",
    "paragraphs 6–7", "page 2, paragraph 3", "title" (a heading)."""
    numbered = [b for b in found if b.number is not None]
    if not numbered:
        return "title"
    first, last = numbered[0], numbered[-1]
    if first.page != last.page:
        return f"pages {first.page}–{last.page}"
    span = (f"paragraph {first.number}" if first.number == last.number
            else f"paragraphs {first.number}–{last.number}")
    return span if first.page is None else f"page {first.page}, {span}"
