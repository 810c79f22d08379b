"""Finding a quote in a source's text (no Qt): where each quote is, as spans of the text.

A quote matches when it is in the text verbatim after both are normalised:
- every run of whitespace (spaces, line and paragraph breaks, no-break spaces) is one space;
- curly quotes and apostrophes (‘ ’ “ ” „ ′ ″ « » …) are straight ones, every dash and
  hyphen (‐ ‑ ‒ – — ― −) is `-`;
- nothing else: case, letters and punctuation must be as the source has them.
An ellipsis in the quote (`…`, `...`, `. . .`, also in brackets: `[…]`, `(...)`) stands for
an omitted stretch: the parts around it must come in order within one paragraph (block).
A quote without one may run across paragraphs.

Matching is linear in the text: str.find (two-way search in C) over the normalised text
once per part, and for a quote with omissions one greedy pass per block, each part looked
for only after the one before. No regular expression is built from a quote.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass

from argmap.core.paragraphs import Block, Blocks

_FOLD = str.maketrans({
    **dict.fromkeys("‘’‚‛′ʼ‹›", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
})
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"[\[(]\s*(?:…|\.\s?\.\s?\.)\s*[\])]|…|\.\s?\.\s?\.")
#: A quote cut into more parts than this by ellipses is not checked (each part is a search).
MAX_PARTS = 20


def fold(text: str) -> str:
    """Straight quotes and hyphens for curly ones and dashes (the same length)."""
    return text.translate(_FOLD)


def quote_parts(quote: str) -> list[str]:
    """The quote's normalised parts, split at its ellipses (empty parts dropped)."""
    text = fold(unicodedata.normalize("NFC", quote))
    parts = (" ".join(p.split()) for p in _ELLIPSIS.split(text))
    return [p for p in parts if p]


@dataclass(frozen=True)
class Found:
    """Where a quote is: one [start, end) span of the text per part, and the blocks (and
    so the paragraphs) they touch."""

    spans: tuple[tuple[int, int], ...]
    blocks: tuple[Block, ...]


class TextIndex:
    """A source text normalised once, with the way back from normalised offsets to the
    text's own (two arrays per run of whitespace: a few MB for a 2 MB text)."""

    def __init__(self, text: str):
        self.text = text
        self.blocks = Blocks(text)
        folded = fold(text)
        pieces: list[str] = []
        self._norm = array("q")  # where each run of whitespace became one space
        self._start = array("q")  # where that run starts in the text
        self._end = array("q")  # and ends
        at = out = 0
        for match in _SPACE.finditer(folded):
            pieces.append(folded[at:match.start()])
            out += match.start() - at
            self._norm.append(out)
            self._start.append(match.start())
            self._end.append(match.end())
            pieces.append(" ")
            out += 1
            at = match.end()
        pieces.append(folded[at:])
        self.norm = "".join(pieces)
        self._bounds = [(self._to_norm(b.start), self._to_norm(b.end - 1) + 1)
                        for b in self.blocks.list]
        self._position = {b: i for i, b in enumerate(self.blocks.list)}

    def _to_text(self, n: int) -> int:
        k = bisect_right(self._norm, n) - 1
        if k < 0:
            return n
        if self._norm[k] == n:
            return self._start[k]
        return n + self._end[k] - self._norm[k] - 1

    def _to_norm(self, offset: int) -> int:
        k = bisect_right(self._start, offset) - 1
        if k < 0:
            return offset
        if offset < self._end[k]:
            return self._norm[k]
        return offset - (self._end[k] - self._norm[k] - 1)

    def _found(self, spans: list[tuple[int, int]]) -> Found:
        text_spans = tuple((self._to_text(a), self._to_text(b - 1) + 1) for a, b in spans)
        touched = self.blocks.between(text_spans[0][0], text_spans[-1][1])
        return Found(text_spans, tuple(touched))

    def find(self, parts: list[str], within: list[Block] | None = None) -> Found | None:
        """The first place the quote's parts are, only in `within` (blocks of this text;
        runs of neighbouring blocks are searched as one stretch) or anywhere. None if not
        found, or if it has more than MAX_PARTS parts."""
        if not parts or len(parts) > MAX_PARTS:
            return None
        chosen = (range(len(self._bounds)) if within is None
                  else sorted(self._position[b] for b in within))
        if len(parts) == 1:
            stretches = [(0, len(self.norm))] if within is None else self._stretches(list(chosen))
            for lo, hi in stretches:
                at = self.norm.find(parts[0], lo, hi)
                if at >= 0:
                    return self._found([(at, at + len(parts[0]))])
            return None
        for i in chosen:
            spans = self._in_block(parts, *self._bounds[i])
            if spans is not None:
                return self._found(spans)
        return None

    def _stretches(self, chosen: list[int]) -> list[tuple[int, int]]:
        """The normalised stretches of these blocks (sorted), neighbours joined."""
        out: list[tuple[int, int]] = []
        for k, i in enumerate(chosen):
            lo, hi = self._bounds[i]
            if k and chosen[k - 1] == i - 1:  # the next block: one stretch with the last
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return out

    def _in_block(self, parts: list[str], lo: int, hi: int) -> list[tuple[int, int]] | None:
        spans = []
        at = lo
        for part in parts:
            found = self.norm.find(part, at, hi)
            if found < 0:
                return None
            spans.append((found, found + len(part)))
            at = found + len(part)
        return spans

    def longest_prefix(self, part: str) -> tuple[str, Block | None]:
        """The most words of `part`'s beginning that the text holds, as the text writes them
        (a binary search over the word count: O(text × log words)), and their block."""
        words = part.split(" ")
        lo, hi = 0, len(words)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.norm.find(" ".join(words[:mid])) >= 0:
                lo = mid
            else:
                hi = mid - 1
        if lo == 0:
            return "", None
        prefix = " ".join(words[:lo])
        at = self.norm.find(prefix)
        start, end = self._to_text(at), self._to_text(at + len(prefix) - 1) + 1
        return self.text[start:end], self.blocks.at(start)
