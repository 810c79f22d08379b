"""Linear-time matchers for the Argdown tokens whose regular expressions scan ahead.

Comments, front matter, data, titles, mentions, links and bracketed tags are lazy or greedy
scans to a closing mark. Tried with a regex at every position where they might start, a
hostile file (a million `[` with no `]`, `{` with no `}`) costs quadratic time. Here each
matcher finds its closing mark with str.find and remembers the answer: the lexer only moves
forward, so "the next `]` at or after p" stays valid until p passes it, and the whole file
is scanned a bounded number of times per kind of mark.

Each method returns the end offset of the token starting at `pos`, or None, exactly as the
regular expression in argdown_lexer would (tests/formats/test_argdown_scan.py checks them
against each other).
"""

from __future__ import annotations

import re

#: JavaScript's line terminators (what `.` does not match).
_LT = ("\n", "\r", "\u2028", "\u2029")
_WS = frozenset("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | frozenset(
    chr(c) for c in range(0x2000, 0x200B))
_DATA_BLOCK = re.compile("[\\r\\u2028\\u2029]|\\}(?=[" + "".join(sorted(_WS)) + "][^,}])")
_TAG_CHARS = re.compile("[a-zA-z0-9\\-\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]+")
_TRAILING_ALL = re.compile(r"(?:[ \t]*\r\n|\n|\r)*")
_TRAILING_ONE = re.compile(r"(?:[ \t]*(?:\r\n|\n|\r)(?!([ \t]*(\r\n|\n|\r))))?")


class Scanner:
    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        self._next: dict[str, tuple[int, int]] = {}
        self._block: tuple[int, int] = (-1, -1)
        self._best: dict[int, tuple[int, int]] = {}

    # -- cached searches -------------------------------------------------------------------
    def find(self, needle: str, pos: int) -> int:
        """First index >= pos where needle occurs, or len(text)."""
        hit = self._next.get(needle)
        if hit is not None and hit[0] <= pos <= hit[1]:
            return hit[1]
        i = self.text.find(needle, pos)
        i = self.n if i < 0 else i
        self._next[needle] = (pos, i)
        return i

    def line_end(self, pos: int) -> int:
        return min(self.find(c, pos) for c in _LT)

    def _block_at(self, pos: int) -> int:
        start, end = self._block
        if start <= pos <= end:
            return end
        m = _DATA_BLOCK.search(self.text, pos)
        end = m.start() if m else self.n
        self._block = (pos, end)
        return end

    # -- tokens ----------------------------------------------------------------------------
    def comment(self, pos: int, trailing: str | None) -> int | None:
        """<!-- … -->, /* … */ or // … up to a line break; then trailing line breaks."""
        text = self.text
        if text.startswith("<!--", pos):
            end = self.find("-->", pos + 4)
            if end >= self.n or min(self.find("\u2028", pos + 4), self.find("\u2029", pos + 4)) < end:
                return None
            end += 3
        elif text.startswith("/*", pos):
            end = self.find("*/", pos + 2)
            if end >= self.n or min(self.find("\u2028", pos + 2), self.find("\u2029", pos + 2)) < end:
                return None
            end += 2
        elif text.startswith("//", pos):
            end = min(self.find("\n", pos + 2), self.find("\r", pos + 2))
            if end >= self.n or min(self.find("\u2028", pos + 2), self.find("\u2029", pos + 2)) < end:
                return None
        else:
            return None
        if trailing == "all":
            m = _TRAILING_ALL.match(text, end)
            return m.end() if m else end
        if trailing == "one":
            m = _TRAILING_ONE.match(text, end)
            return m.end() if m else end
        return end

    def front_matter(self, pos: int) -> int | None:
        """===+ … ===+ (lazy): the next run of three or more "=" closes it."""
        run = self._equals(pos)
        if run < 3:
            return None
        j = self.find("===", pos + run)
        if j < self.n:
            return j + self._equals(j)
        return pos + run if run >= 6 else None

    def _equals(self, pos: int) -> int:
        end = pos
        while end < self.n and self.text[end] == "=":
            end += 1
        return end - pos

    def data(self, pos: int) -> int | None:
        """{…} up to the last "}" that no "," or "}" follows, before "} x" or a CR."""
        if pos >= self.n or self.text[pos] != "{":
            return None
        block = min(self._block_at(pos + 1), self.n - 1)
        best = self._best.get(block)
        if best is None or best[0] > pos + 1:
            q = self.text.rfind("}", pos + 1, block + 1)
            while q >= 0 and not self._closes(q):
                q = self.text.rfind("}", pos + 1, q)
            best = (pos + 1, q)
            self._best[block] = best
        q = best[1]
        return q + 1 if q >= pos + 1 else None

    def _closes(self, q: int) -> bool:
        i = q + 1
        while i < self.n and self.text[i] in _WS:
            i += 1
        return i >= self.n or self.text[i] not in ",}"

    def titled(self, pos: int, opener: str, closer: str, first_any: bool = False) -> int | None:
        """opener + at least one character + closer, all on one line (lazy).

        first_any: the first character after the opener is [^-] (may even be a line break).
        """
        text = self.text
        if not text.startswith(opener, pos):
            return None
        start = pos + len(opener)
        if start >= self.n:
            return None
        if first_any:
            if text[start] == "-":
                return None
            limit = self.line_end(start + 1)
        else:
            if text[start] in _LT:
                return None
            limit = self.line_end(start)
        q = self.find(closer, start + 1)
        return q + len(closer) if q < limit else None

    def link(self, pos: int) -> int | None:
        """[text](url) then one optional space or tab; text and url may span lines."""
        text = self.text
        if not text.startswith("[", pos):
            return None
        q = self.find("]", pos + 1)
        if q <= pos + 1 or q + 1 >= self.n or text[q + 1] != "(":
            return None
        r = self.find(")", q + 2)
        if r <= q + 2 or r >= self.n:
            return None
        return r + 1 + (r + 1 < self.n and text[r + 1] in " \t")

    def tag(self, pos: int) -> int | None:
        """#(any text) or #word, then one optional space or tab."""
        text = self.text
        if not text.startswith("#", pos):
            return None
        end: int | None = None
        if text.startswith("(", pos + 1):
            r = self.find(")", pos + 2)
            if pos + 2 < r < self.n:
                end = r + 1
        if end is None:
            m = _TAG_CHARS.match(text, pos + 1)
            if m is None:
                return None
            end = m.end()
        return end + (end < self.n and text[end] in " \t")

    def mention(self, pos: int, opener: str, closer: str) -> int | None:
        """@[title] or @<title>, then one optional space or tab."""
        end = self.titled(pos, opener, closer)
        if end is None:
            return None
        return end + (end < self.n and self.text[end] in " \t")
