"""Argdown's tokens, as the Argdown CLI (1.7.5) cuts a file into them.

Written from the grammar of argdown-core (lexer.ts), not copied: the same token kinds, tried
in the same order at each position (the first pattern that matches wins, as in chevrotain),
with the same context rules (relations and list items only at the start of a line, indent and
dedent tokens from a stack of indentation widths, bold/italic ends only after their start).
JavaScript regular expressions differ from Python's in `.`, `\\s`, `\\d` and `$`; the patterns
below spell those out so both read the same text the same way.

Everything here is a loop over the text: no recursion, whatever the input. Tokens are made
as the parser asks for them (`iter_tokens`), so a syntax error on line 2 is found without
lexing the rest of the file, and at each position only the kinds that can start with its
character are tried. Text made of many small tokens is lexed a whole run at a time
(argdown_runs).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from argmap.formats.argdown_runs import run_text, text_run
from argmap.formats.argdown_scan import Scanner

#: JavaScript's `.` (no line terminators) and `\s`.
DOT = "[^\\n\\r\\u2028\\u2029]"
WS = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"
NOT_WS = WS.replace("[", "[^", 1)


@dataclass(slots=True)
class Token:
    kind: str
    image: str
    offset: int
    line: int
    more_lines: int = 0  # a text run's line breaks (it ends on line + more_lines)


class LexError(ValueError):
    """No token matches at `line`: the Argdown CLI fails on such a file too."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


_COMMENT = f"(?:<!--(?:{DOT}|\\n|\\r)*?-->)|(?:/\\*(?:{DOT}|\\n|\\r)*?\\*/)|(?://{DOT}*?(?=\\r\\n|\\n|\\r))"
_RE = {
    "Comment": re.compile(_COMMENT),
    "CommentTrailing": re.compile(f"(?:{_COMMENT})(?:[ \\t]*\\r\\n|\\n|\\r)*"),
    "CommentOneTrailing": re.compile(
        f"(?:{_COMMENT})(?:[ \\t]*(?:\\r\\n|\\n|\\r)(?!([ \\t]*(\\r\\n|\\n|\\r))))?"
    ),
    "FrontMatter": re.compile(r"===+[\s\S]*?===+"),
    "Data": re.compile(f"{{((?!}}{WS}[^,}}])({DOT}|\\n))*}}(?!{WS}*(,|}}))"),
    "EscapedChar": re.compile(f"\\\\{DOT}(?: )*"),
    "SpecialChar": re.compile(f"(?:\\.{NOT_WS}+?\\.[ \\t]?)|(?::{NOT_WS}+?:[ \\t]?)"),
    "Emptyline": re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}"),
    "Newline": re.compile(r"[ \t]*(?:\r\n|\n|\r)"),
    "InferenceStart": re.compile(r"[ \t]*-{2}"),
    "IncomingSupport": re.compile(r"([ \t]*)(\+>)"),
    "IncomingAttack": re.compile(r"([ \t]*)(->)"),
    "OutgoingSupport": re.compile(r"([ \t]*)(<?\+)"),
    "OutgoingAttack": re.compile(r"([ \t]*)(<?-)"),
    "Contradiction": re.compile(r"([ \t]*)(><)"),
    "IncomingUndercut": re.compile(r"([ \t]*)(_>)"),
    "OutgoingUndercut": re.compile(f"([ \\t]*)(<_|(?:_(?={WS})))"),
    "HeadingStart": re.compile(r"(#+)(?: )"),
    "StatementNumber": re.compile(r"[ \t]*\([0-9]+\)"),
    "OrderedListItem": re.compile(f"([ \\t]*)[0-9]+\\.(?={WS})"),
    "UnorderedListItem": re.compile(f"([ \\t]*)\\*(?={WS})"),
    "AsteriskBoldEnd": re.compile(r"\*\*(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"),
    "UnderscoreBoldEnd": re.compile(r"__(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"),
    "AsteriskItalicEnd": re.compile(r"\*(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"),
    "UnderscoreItalicEnd": re.compile(r"_(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"),
    "AsteriskBoldStart": re.compile(f"\\*\\*(?!{WS})"),
    "UnderscoreBoldStart": re.compile(f"__(?!{WS})"),
    "AsteriskItalicStart": re.compile(f"\\*(?!{WS})"),
    "UnderscoreItalicStart": re.compile(f"_(?!{WS})"),
    "Link": re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    "Tag": re.compile(
        "#(?:\\([^)]+\\)|[a-zA-z0-9\\-\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]+)[ \\t]?"
    ),
    "StatementDefinition": re.compile(f"\\[{DOT}+?\\]:"),
    "StatementReference": re.compile(f"\\[[^-]{DOT}*?\\]"),
    "StatementMention": re.compile(f"@\\[{DOT}+?\\][ \\t]?"),
    "ArgumentDefinition": re.compile(f"<{DOT}+?>:"),
    "ArgumentReference": re.compile(f"<[^-]{DOT}*?>"),
    "ArgumentMention": re.compile(f"@<{DOT}+?>[ \\t]?"),
    "Spaces": re.compile(r"( |\t)+"),
    "Freestyle": re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+"),
    "UnusedControlChar": re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?"),
    "InferenceEnd": re.compile(r"-{2,}"),
    "ListDelimiter": re.compile(r","),
}

RELATIONS = (
    "IncomingSupport", "IncomingAttack", "OutgoingSupport", "OutgoingAttack",
    "Contradiction", "IncomingUndercut", "OutgoingUndercut",
)
_RANGES = {
    "AsteriskBold": ("AsteriskBoldStart", "AsteriskBoldEnd"),
    "UnderscoreBold": ("UnderscoreBoldStart", "UnderscoreBoldEnd"),
    "AsteriskItalic": ("AsteriskItalicStart", "AsteriskItalicEnd"),
    "UnderscoreItalic": ("UnderscoreItalicStart", "UnderscoreItalicEnd"),
}
_DEFAULT = (
    "Comment", "FrontMatter", "Data", "EscapedChar", "SpecialChar", "Emptyline", "Newline",
    "InferenceStart", *RELATIONS, "HeadingStart", "StatementNumber", "OrderedListItem",
    "UnorderedListItem", "AsteriskBoldEnd", "UnderscoreBoldEnd", "AsteriskItalicEnd",
    "UnderscoreItalicEnd", "AsteriskBoldStart", "UnderscoreBoldStart", "AsteriskItalicStart",
    "UnderscoreItalicStart", "Link", "Tag", "StatementDefinition", "StatementReference",
    "StatementMention", "ArgumentDefinition", "ArgumentReference", "ArgumentMention", "Spaces",
    "Freestyle", "UnusedControlChar",
)
_INFERENCE = (
    "Comment", "Newline", "EscapedChar", "SpecialChar", "InferenceEnd", "Data", "ListDelimiter",
    "Spaces", "Freestyle", "UnusedControlChar",
)
_SKIPPED = frozenset({"Comment", "Spaces"})
_EFFECTS = frozenset({*RELATIONS, "OrderedListItem", "UnorderedListItem", "InferenceStart",
                      "StatementNumber", "Emptyline", *(f"{n}{e}" for n in _RANGES
                                                        for e in ("Start", "End"))})

#: Tokens matched by the linear-time scanner instead of a regex (see argdown_scan).
_FAST: dict[str, Callable[[Scanner, int], int | None]] = {
    "Comment": lambda s, p: s.comment(p, None),
    "FrontMatter": Scanner.front_matter,
    "Data": Scanner.data,
    "Link": Scanner.link,
    "Tag": Scanner.tag,
    "StatementDefinition": lambda s, p: s.titled(p, "[", "]:"),
    "StatementReference": lambda s, p: s.titled(p, "[", "]", first_any=True),
    "StatementMention": lambda s, p: s.mention(p, "@[", "]"),
    "ArgumentDefinition": lambda s, p: s.titled(p, "<", ">:"),
    "ArgumentReference": lambda s, p: s.titled(p, "<", ">", first_any=True),
    "ArgumentMention": lambda s, p: s.mention(p, "@<", ">"),
}
_SPACE = " \t"
#: The characters a token can start with (absent: any character); saves trying the rest.
_FIRST: dict[str, str] = {
    "Comment": "/<", "FrontMatter": "=", "Data": "{", "EscapedChar": "\\", "SpecialChar": ".:",
    "Emptyline": _SPACE + "\r\n", "Newline": _SPACE + "\r\n", "InferenceStart": _SPACE + "-",
    "IncomingSupport": _SPACE + "+", "IncomingAttack": _SPACE + "-", "OutgoingSupport": _SPACE + "<+",
    "OutgoingAttack": _SPACE + "<-", "Contradiction": _SPACE + ">", "IncomingUndercut": _SPACE + "_",
    "OutgoingUndercut": _SPACE + "<_", "HeadingStart": "#", "StatementNumber": _SPACE + "(",
    "OrderedListItem": _SPACE + "0123456789", "UnorderedListItem": _SPACE + "*",
    "AsteriskBoldEnd": "*", "UnderscoreBoldEnd": "_", "AsteriskItalicEnd": "*",
    "UnderscoreItalicEnd": "_", "AsteriskBoldStart": "*", "UnderscoreBoldStart": "_",
    "AsteriskItalicStart": "*", "UnderscoreItalicStart": "_", "Link": "[", "Tag": "#",
    "StatementDefinition": "[", "StatementReference": "[", "StatementMention": "@",
    "ArgumentDefinition": "<", "ArgumentReference": "<", "ArgumentMention": "@", "Spaces": _SPACE,
    "UnusedControlChar": "@#*_[],.:;</>-(){}", "InferenceEnd": "-", "ListDelimiter": ",",
}


_LINE_STARTS = (None, "Newline", "Emptyline")
#: Spaces mid-line that no line break follows: a Spaces token, whatever the mode.
_SPACES = re.compile(r"[ \t]+(?=[^ \t\r\n])")
_BREAK_THEN_MARK = re.compile(r"(?:\r\n|\n|\r)(?=[.:])")
#: Text tokens a run may follow (argdown_runs), and the kind the joined token keeps.
_RUN_AFTER = {"Freestyle": "Freestyle", "UnusedControlChar": "UnusedControlChar",
              "EscapedChar": "Freestyle", "SpecialChar": "SpecialChar"}


_LINE_START_ONLY = frozenset({*RELATIONS, "HeadingStart", "StatementNumber", "OrderedListItem",
                              "UnorderedListItem"})
_TOPS = (None, *_RANGES)
#: What the lexer's state allows: 0 at a line's start (or the text's), 1 after an empty
#: line, 2 elsewhere; times the open bold/italic range (_TOPS).
_STATES = range(3 * len(_TOPS))


def _allowed(kind: str, state: int) -> bool:
    where, top = divmod(state, len(_TOPS))
    if kind in _LINE_START_ONLY:
        return where < 2
    if kind == "InferenceStart":
        return where == 0
    if kind == "Emptyline":
        return where != 1
    if kind.endswith("End") and kind[:-3] in _RANGES:
        return _TOPS[top] == kind[:-3]
    return True


@functools.cache
def _alternatives(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern trying `kinds` in order, each a named group; a kind matched by the
    scanner is an empty group (the lexer then asks the scanner, and on None goes on with
    the kinds after it)."""
    return re.compile("|".join(f"(?P<{k}>)" if k in _FAST else f"(?P<{k}>{_RE[k].pattern})"
                               for k in kinds))


_Choice = tuple[tuple[str, ...], re.Pattern[str]]


def _choice(kinds: tuple[str, ...]) -> _Choice:
    return kinds, _alternatives(kinds)


def _tables(mode: tuple[str, ...]) -> list[tuple[dict[str, _Choice], _Choice]]:
    """Per state: the kinds, in order, a token starting with each character can be, and
    their pattern."""
    marks = {c for kind in mode for c in _FIRST.get(kind, "")}
    out = []
    for state in _STATES:
        kinds = tuple(k for k in mode if _allowed(k, state))
        table = {c: _choice(tuple(k for k in kinds if k not in _FIRST or c in _FIRST[k]))
                 for c in marks}
        out.append((table, _choice(tuple(k for k in kinds if k not in _FIRST))))
    return out


_BY_MODE = {_DEFAULT: _tables(_DEFAULT), _INFERENCE: _tables(_INFERENCE)}
_TOP_INDEX = {name: i for i, name in enumerate(_TOPS)}
_STARTS = {f"{name}Start": name for name in _RANGES}
_ENDS = {f"{name}End" for name in _RANGES}


class _Lexer:
    def __init__(self, text: str, runs: bool = True):
        self.text = text
        self.out: list[Token] = []  # tokens made by the current step (indents, then the token)
        self.last: str | None = None  # kind of the last token made
        self.runs = runs
        self.indents = [0]
        self.ranges: list[str] = []
        self.line = 1
        self.mode: tuple[str, ...] = _DEFAULT
        self.scan = Scanner(text)

    # -- context ---------------------------------------------------------------------------
    def _emit(self, kind: str, offset: int, image: str = "") -> None:
        self.out.append(Token(kind, image, offset, self.line))
        self.last = kind

    def _dedent_all(self, offset: int) -> None:
        while len(self.indents) > 1:
            self.indents.pop()
            self._emit("Dedent", offset)

    def _indent_to(self, width: int, offset: int) -> None:
        if width > self.indents[-1]:
            self.indents.append(width)
            self._emit("Indent", offset)
        else:
            while len(self.indents) > 1 and width < self.indents[-1]:
                self.indents.pop()
                self._emit("Dedent", offset)

    # -- matching --------------------------------------------------------------------------
    def _token(self, pos: int) -> tuple[str, int]:
        """The kind and end of the token at `pos`: the first kind, in the mode's order, the
        state allows and that matches (one pattern for the regex kinds, the scanner for
        the rest)."""
        text = self.text
        last = self.last
        where = 0 if last is None or last == "Newline" else 1 if last == "Emptyline" else 2
        state = where * len(_TOPS) + (_TOP_INDEX[self.ranges[-1]] if self.ranges else 0)
        table, others = _BY_MODE[self.mode][state]
        kinds, pattern = table.get(text[pos], others)
        while True:
            m = pattern.match(text, pos)
            if m is None:
                raise LexError(self.line, "no Argdown token matches here")
            kind = m.lastgroup
            assert kind is not None
            if kind not in _FAST:
                return kind, m.end()
            end = self._scanned(kind, pos)
            if end is not None and end > pos:
                return kind, end
            kinds = kinds[kinds.index(kind) + 1:]
            pattern = _alternatives(kinds)

    def _scanned(self, kind: str, pos: int) -> int | None:
        if kind == "Comment":
            last = self.last
            return self.scan.comment(pos, "all" if last == "Emptyline" else "one"
                                     if last == "Newline" else None)
        return _FAST[kind](self.scan, pos)

    def _effects(self, kind: str, pos: int, end: int) -> None:
        """Indents, dedents, bold/italic ranges and modes that a token changes (before it is
        made, as in lexer.ts)."""
        if kind in RELATIONS or kind in ("OrderedListItem", "UnorderedListItem"):
            image = self.text[pos:end]
            width = len(image) - len(image.lstrip(" \t"))
            self._indent_to(width + (kind not in RELATIONS), pos)
        elif kind in ("InferenceStart", "StatementNumber"):
            self._dedent_all(pos)
        elif kind == "Emptyline":
            if end < len(self.text):
                self._dedent_all(pos)
        elif kind in _STARTS:
            self.ranges.append(_STARTS[kind])
        elif kind in _ENDS:
            self.ranges.pop()

    def run(self) -> Iterator[Token]:
        """The tokens, made as they are asked for; a trailing empty line is dropped."""
        text = self.text
        n = len(text)
        pos = 0
        out = self.out
        held: Token | None = None  # an Emptyline, dropped if nothing but the end follows it
        while pos < n:
            kind, end = self._token(pos)
            if kind in _EFFECTS:
                self._effects(kind, pos, end)
            stop = end
            if (self.runs and kind in _RUN_AFTER and self.mode is _DEFAULT
                    and _may_run(text, end)
                    and not (kind == "SpecialChar" and "\\" in text[pos:end])):
                stop = text_run(self.scan, end, bool(self.ranges))
            if stop > end:
                self._run(kind, pos, end, stop)
            else:
                image = text[pos:end]
                if kind not in _SKIPPED:
                    self._emit(kind, pos, image)
                if kind == "InferenceStart":
                    self.mode = _INFERENCE
                elif kind == "InferenceEnd":
                    self.mode = _DEFAULT
                if "\n" in image or "\r" in image:
                    self.line += image.count("\n") + image.count("\r") - image.count("\r\n")
            pos = stop
            if pos < n and text[pos] in " \t" and self.last not in _LINE_STARTS:
                m = _SPACES.match(text, pos)  # in mid-line, only Spaces (skipped) can match
                if m:
                    pos = m.end()
            if out:
                if held is not None:
                    yield held
                    held = None
                if out[-1].kind == "Emptyline":
                    held = out.pop()
                yield from out
                out.clear()
        self._dedent_all(pos)
        yield from out

    def _run(self, kind: str, pos: int, end: int, stop: int) -> None:
        """The tokens of a text run: one, or text, Newline, text when a line break inside it
        is followed by a SpecialChar (the parser reads the piece after a line break on its
        own, and a SpecialChar starting one means the statement lost its formatting)."""
        text = self.text
        pieces = [(pos, stop, _RUN_AFTER[kind])]
        if kind != "SpecialChar":
            for m in _BREAK_THEN_MARK.finditer(text, end, stop):
                if _RE["SpecialChar"].match(text, m.end()):
                    pieces = [(pos, m.start(), _RUN_AFTER[kind]), (m.end(), stop, "SpecialChar")]
                    break
        for i, (start, finish, token_kind) in enumerate(pieces):
            if i:
                self._emit("Newline", start, "\n")
                self.line += 1
            raw = text[start:finish]
            self._emit(token_kind, start, run_text(raw))
            breaks = raw.count("\n") + raw.count("\r") - raw.count("\r\n")
            self.out[-1].more_lines = breaks
            self.line += breaks


#: Characters no text run goes on with, at a line's start (a relation, an indent, a list...).
_NO_RUN_AFTER_BREAK = frozenset(" \t\r\n+-<>(#*_")


def _may_run(text: str, end: int) -> bool:
    """Quick check before text_run: could a run start at `end` at all?"""
    if end >= len(text):
        return False
    c = text[end]
    if c == "\n" or c == "\r":
        after = end + 2 if text.startswith("\r\n", end) else end + 1
        return after < len(text) and text[after] not in _NO_RUN_AFTER_BREAK
    return True


def iter_tokens(text: str, runs: bool = True) -> Iterator[Token]:
    """The token stream of an Argdown text, lazily (comments and spaces skipped, as the CLI
    does); runs=False lexes text one token at a time (what the runs must agree with)."""
    return _Lexer(text, runs).run()


def tokenize(text: str, runs: bool = True) -> list[Token]:
    """All the tokens of an Argdown text (see iter_tokens)."""
    return list(iter_tokens(text, runs))
