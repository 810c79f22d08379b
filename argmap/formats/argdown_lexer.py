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

import re
from collections.abc import Callable, Generator, Iterator
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


_BREAK_THEN_MARK = re.compile(r"(?:\r\n|\n|\r)(?=[.:])")
#: Text tokens a run may follow (argdown_runs), and the kind the joined token keeps.
_RUN_AFTER = {"Freestyle": "Freestyle", "UnusedControlChar": "UnusedControlChar",
              "EscapedChar": "Freestyle", "SpecialChar": "SpecialChar"}


def _by_first_char(mode: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The kinds of `mode`, in order, that a token starting with each character can be."""
    marks = {c for kind in mode for c in _FIRST.get(kind, "")}
    table = {c: tuple(k for k in mode if k not in _FIRST or c in _FIRST[k]) for c in marks}
    return table, tuple(k for k in mode if k not in _FIRST)


_KINDS = {mode: _by_first_char(mode) for mode in (_DEFAULT, _INFERENCE)}


class _Lexer:
    def __init__(self, text: str, runs: bool = True):
        self.text = text
        self.out: list[Token] = []  # tokens made by the current step (indents, then the token)
        self.last: str | None = None  # kind of the last token made
        self.made = 0
        self.runs = runs
        self.indents = [0]
        self.ranges: list[str] = []
        self.line = 1
        self.mode: tuple[str, ...] = _DEFAULT
        self.scan = Scanner(text)

    # -- context ---------------------------------------------------------------------------
    def _at_line_start(self, allow_emptyline: bool = True) -> bool:
        last = self.last
        return last is None or last == "Newline" or (allow_emptyline and last == "Emptyline")

    def _emit(self, kind: str, offset: int, image: str = "") -> None:
        self.out.append(Token(kind, image, offset, self.line))
        self.last = kind
        self.made += 1

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
    def _match(self, kind: str, pos: int) -> int | None:
        """End offset of a `kind` token at `pos` (with its side effects on indents and ranges)."""
        text = self.text
        scan = self.scan
        fast = _FAST.get(kind)
        if fast is not None:
            if kind == "Comment":
                last = self.last
                return scan.comment(pos, "all" if last == "Emptyline" else "one" if last == "Newline"
                                    else None)
            return fast(scan, pos)
        if kind in RELATIONS:
            if not self._at_line_start():
                return None
            m = _RE[kind].match(text, pos)
            if m:
                self._indent_to(len(m.group(1)), pos)
            return m.end() if m else None
        if kind == "InferenceStart":
            if not self._at_line_start(allow_emptyline=False):
                return None
            m = _RE[kind].match(text, pos)
            if m:
                self._dedent_all(pos)
            return m.end() if m else None
        if kind in ("OrderedListItem", "UnorderedListItem"):
            if not self._at_line_start():
                return None
            m = _RE[kind].match(text, pos)
            if m:
                self._indent_to(len(m.group(1)) + 1, pos)
            return m.end() if m else None
        if kind == "StatementNumber":
            if not self._at_line_start():
                return None
            m = _RE[kind].match(text, pos)
            if m:
                self._dedent_all(pos)
            return m.end() if m else None
        if kind == "Emptyline":
            if self.last == "Emptyline":
                return None
            m = _RE[kind].match(text, pos)
            if m and m.end() < len(text):
                self._dedent_all(pos)
            return m.end() if m else None
        if kind == "HeadingStart":
            m = _RE[kind].match(text, pos) if self._at_line_start() else None
            return m.end() if m else None
        if kind.endswith("End") and kind[:-3] in _RANGES:
            name = kind[:-3]
            # (lexer.ts also looks for skipped whitespace just before an end, but chevrotain
            # keeps no record of skipped tokens, so that check never fires; nor does it here)
            if not self.ranges or self.ranges[-1] != name or not self.made:
                return None
            m = _RE[kind].match(text, pos)
            if m:
                self.ranges.pop()
            return m.end() if m else None
        if kind.endswith("Start") and kind[:-5] in _RANGES:
            m = _RE[kind].match(text, pos)
            if m:
                self.ranges.append(kind[:-5])
            return m.end() if m else None
        m = _RE[kind].match(text, pos)
        return m.end() if m else None

    def run(self) -> Iterator[Token]:
        """The tokens, made as they are asked for; a trailing empty line is dropped."""
        text = self.text
        n = len(text)
        pos = 0
        held: Token | None = None  # an Emptyline, dropped if nothing but the end follows it
        while pos < n:
            if self.mode is _DEFAULT:
                table, others = _KINDS[_DEFAULT]
            else:
                table, others = _KINDS[_INFERENCE]
            for kind in table.get(text[pos], others):
                end = self._match(kind, pos)
                if end is not None and end > pos:
                    break
            else:
                raise LexError(self.line, "no Argdown token matches here")
            if self.runs and kind in _RUN_AFTER and self.mode is _DEFAULT and not (
                    kind == "SpecialChar" and "\\" in text[pos:end]):
                stop = self._run_end(end, text_run(self.scan, end, bool(self.ranges)))
                if stop > end:
                    raw = text[pos:stop]
                    self._emit(_RUN_AFTER[kind], pos, run_text(raw))
                    breaks = raw.count("\n") + raw.count("\r") - raw.count("\r\n")
                    self.out[-1].more_lines = breaks
                    self.line += breaks
                    pos = stop
                    held = yield from self._flush(held)
                    continue
            image = text[pos:end]
            if kind not in _SKIPPED:
                self._emit(kind, pos, image)
            if kind == "InferenceStart":
                self.mode = _INFERENCE
            elif kind == "InferenceEnd":
                self.mode = _DEFAULT
            if "\n" in image or "\r" in image:
                self.line += image.count("\n") + image.count("\r") - image.count("\r\n")
            pos = end
            held = yield from self._flush(held)
        self._dedent_all(pos)
        yield from self.out

    def _run_end(self, end: int, stop: int) -> int:
        """Where a run must stop: before a line break after which a SpecialChar starts the
        text (the parser reads that piece on its own: the statement lost its formatting)."""
        for m in _BREAK_THEN_MARK.finditer(self.text, end, stop):
            if _RE["SpecialChar"].match(self.text, m.end()):
                return m.start()
        return stop

    def _flush(self, held: Token | None) -> Generator[Token, None, Token | None]:
        """Hand out this step's tokens, keeping back a last Emptyline until more follows."""
        out = self.out
        if not out:
            return held
        if held is not None:
            yield held
        held = out.pop() if out[-1].kind == "Emptyline" else None
        yield from out
        out.clear()
        return held


def iter_tokens(text: str, runs: bool = True) -> Iterator[Token]:
    """The token stream of an Argdown text, lazily (comments and spaces skipped, as the CLI
    does); runs=False lexes text one token at a time (what the runs must agree with)."""
    return _Lexer(text, runs).run()


def tokenize(text: str, runs: bool = True) -> list[Token]:
    """All the tokens of an Argdown text (see iter_tokens)."""
    return list(iter_tokens(text, runs))
