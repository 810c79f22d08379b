"""Argdown's grammar over the token stream: statements, arguments, relations, PCS, headings.

Follows the rules of argdown-core's parser.ts, so a file the Argdown CLI rejects is rejected
here with the line where parsing stopped, and a file it accepts gives the same statements.
Relations nest by indentation and bold/italic ranges nest inside each other; both are walked
with explicit stacks, so a 10,000-level indentation costs a list, not the Python stack.

Text follows the CLI's model: escapes lose their backslash, line breaks inside a statement
become one space, bold/italic marks and link targets are dropped, tags and mentions stay.

Tokens are pulled from the lexer a chunk at a time and each occurrence is merged into its
statement as soon as it is parsed (argdown_doc), so memory follows the number of distinct
statements, not the file, and an error is reported at its line without lexing the rest.
A lexer error is raised when the parser reaches the place it happened, so the first error
in the file is the one reported.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from argmap.formats.argdown_doc import Document, Element, Pcs, Relation
from argmap.formats.argdown_lexer import DOT, RELATIONS, LexError, Token, iter_tokens

_TEXT_TOKENS = frozenset({"Freestyle", "UnusedControlChar", "EscapedChar", "SpecialChar"})
_STARTS = {
    "AsteriskBoldStart": "AsteriskBoldEnd", "UnderscoreBoldStart": "UnderscoreBoldEnd",
    "AsteriskItalicStart": "AsteriskItalicEnd", "UnderscoreItalicStart": "UnderscoreItalicEnd",
}
_ENDS = frozenset(_STARTS.values())
_CONTENT = _TEXT_TOKENS | {"Link", "Tag", "ArgumentMention", "StatementMention", "Newline"} | set(_STARTS)
_LINK = re.compile(f"\\[({DOT}+)\\]\\(({DOT}+)\\)")
#: The one front-matter setting that changes statement texts (model: removeTagsFromText).
_REMOVE_TAGS = re.compile(r"^[ \t]+removeTagsFromText:[ \t]*true[ \t]*$", re.M)
_TAG = re.compile(r"#(?:\(([^)]+)\)|([^ \t]+))")
#: relation token -> (relation type, True when the indented element is the source)
RELATION_TYPES = {
    "OutgoingSupport": ("support", True),
    "OutgoingAttack": ("attack", True),
    "IncomingSupport": ("support", False),
    "IncomingAttack": ("attack", False),
    "Contradiction": ("contradictory", True),
    "IncomingUndercut": ("undercut", False),
    "OutgoingUndercut": ("undercut", True),
}


class ArgdownSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


#: Tokens pulled from the lexer at a time.
_CHUNK = 4096


class _Parser:
    def __init__(self, tokens: Iterator[Token]):
        self.source = tokens
        self.tokens: list[Token] = []  # a window of the stream; tokens[pos] is the next one
        self.pos = 0
        self.ended = False
        self.error: LexError | None = None  # raised when the parser gets to it
        self.last_line = 1
        self.doc = Document()
        self.remove_tags = False

    def _fill(self, ahead: int) -> bool:
        """Pull tokens until tokens[pos + ahead] exists; False at the end of the stream."""
        del self.tokens[: self.pos]
        self.pos = 0
        while len(self.tokens) <= ahead and not self.ended:
            try:
                before = len(self.tokens)
                self.tokens.extend(itertools.islice(self.source, _CHUNK))
                self.ended = len(self.tokens) - before < _CHUNK
            except LexError as exc:
                self.error, self.ended = exc, True
            if self.tokens:
                self.last_line = self.tokens[-1].line + self.tokens[-1].more_lines
        return ahead < len(self.tokens)

    def peek(self, ahead: int = 0) -> str:
        i = self.pos + ahead
        if i < len(self.tokens):
            return self.tokens[i].kind
        if self._fill(ahead):
            return self.tokens[ahead].kind
        if self.error is not None:
            raise self.error
        return "EOF"

    def line(self) -> int:
        if self.pos < len(self.tokens) or self._fill(0):
            return self.tokens[self.pos].line
        return self.error.line if self.error is not None else self.last_line

    def take(self, kind: str) -> Token:
        if self.peek() != kind:
            raise ArgdownSyntaxError(self.line(), f"expected {kind}, found {self.peek()}")
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def maybe(self, kind: str) -> Token | None:
        return self.take(kind) if self.peek() == kind else None

    # -- top level -------------------------------------------------------------------------
    def document(self) -> Document:
        self.maybe("Newline")
        self.maybe("Emptyline")
        if self.peek() == "FrontMatter":
            self.doc.front_matter = self.take("FrontMatter").image
            self.remove_tags = bool(_REMOVE_TAGS.search(self.doc.front_matter))
            self.maybe("Newline")
            self.take("Emptyline")
        previous: Element | None = None
        while True:
            previous = self.block(previous)
            if self.peek() == "EOF":
                return self.doc
            self.take("Emptyline")

    def block(self, previous: Element | None) -> Element | None:
        kind = self.peek()
        if kind == "HeadingStart":
            self.take(kind)
            heading = Element(False, None, line=self.line())
            self.content(heading)
            self.optional_data(heading, newline_first=True)
            self.doc.headings.append(heading.text.strip())
            return None
        if kind == "StatementNumber":
            self.pcs(previous)
            return None
        if kind == "Indent" and self.peek(1) in ("OrderedListItem", "UnorderedListItem"):
            self.take("Indent")
            item = self.peek()
            self.doc.lists += 1
            while self.peek() == item:
                self.take(item)
                self.element("list")
            self.take("Dedent")
            return None
        return self.element("top")

    def pcs(self, argument: Element | None) -> None:
        argument_key = argument.key if argument is not None and argument.is_argument else None
        pcs = Pcs(argument_key, [], [], line=self.line())
        statements: list[Element] = []
        tails = 0
        while True:
            if self.peek() == "StatementNumber":
                self.take("StatementNumber")
                premise = self.element("premise", arguments=False)
                pcs.premises.append((premise.key, premise.line))
                statements.append(premise)
                continue
            if self.peek() == "InferenceStart" and statements:
                pcs.inference_rules += self.inference(pcs)
                self.take("StatementNumber")
                conclusion = self.element("conclusion", arguments=False)
                pcs.conclusions.append((conclusion.key, conclusion.line))
                statements = [conclusion]
                tails += 1
                continue
            break
        if tails == 0 or len(statements) != 1:
            raise ArgdownSyntaxError(self.line(), "an argument reconstruction must end with "
                                     "an inference line (--) and a numbered conclusion")
        self.doc.pcs.append(pcs)

    def inference(self, pcs: Pcs) -> int:
        self.take("InferenceStart")
        rules = 0
        if (self.peek() == "Newline" and self.peek(1) in _TEXT_TOKENS) or self.peek() in _TEXT_TOKENS:
            self.maybe("Newline")
            rules = 1
            self.freestyle()
            while self.maybe("ListDelimiter"):
                self.freestyle()
                rules += 1
        self.maybe("Newline")
        if self.maybe("Data"):
            self.doc.foreign_data += 1  # an inference's data: nothing in argmap holds it
            self.maybe("Newline")
        self.take("InferenceEnd")
        self.take("Newline")
        if self.peek() == "Indent":
            self.take("Indent")
            holder = Element(True, None, line=self.line(), role="inference")
            holder.key = self.doc.inference()
            pcs.inferences.append((holder.key, len(pcs.conclusions)))
            if self.peek() != "OutgoingUndercut":
                raise ArgdownSyntaxError(self.line(), "only undercuts (<_) may follow an inference")
            self.relations(holder)
        return rules

    def freestyle(self) -> str:
        if self.peek() not in _TEXT_TOKENS:
            raise ArgdownSyntaxError(self.line(), f"expected text, found {self.peek()}")
        out = []
        while self.peek() in _TEXT_TOKENS:
            out.append(_token_text(self.tokens[self.pos]))
            self.pos += 1
        return "".join(out)

    # -- statements and arguments ----------------------------------------------------------
    def element(self, role: str, arguments: bool = True) -> Element:
        """A statement or argument with its relations (walked with a stack, not recursion)."""
        root = self.head(role, arguments)
        if self.peek() == "Indent":
            self.take("Indent")
            self.relations(root)
        return root

    def relations(self, root: Element) -> None:
        stack: list[tuple[Element, int]] = [(root, 0)]
        while stack:
            parent, count = stack[-1]
            kind = self.peek()
            if kind in RELATIONS:
                token = self.take(kind)
                child = self.head("relation", arguments=kind != "Contradiction")
                rtype, child_is_source = RELATION_TYPES[kind]
                source, target = (child, parent) if child_is_source else (parent, child)
                self.doc.relate(Relation(source.key, target.key, rtype, token.line))
                stack[-1] = (parent, count + 1)
                if self.peek() == "Indent":
                    self.take("Indent")
                    stack.append((child, 0))
                continue
            if count == 0:
                raise ArgdownSyntaxError(self.line(), "an indented line must start with a "
                                         "relation (+, -, <+, <-, +>, ->, ><, _>, <_)")
            self.take("Dedent")
            stack.pop()

    def head(self, role: str, arguments: bool) -> Element:
        kind = self.peek()
        line = self.line()
        if arguments and kind in ("ArgumentDefinition", "ArgumentReference"):
            token = self.take(kind)
            title = token.image[1:-2] if kind == "ArgumentDefinition" else token.image[1:-1]
            el = Element(True, title, line=line, role=role)
            if kind == "ArgumentDefinition":
                self.content(el)
            else:
                self.reference_tail(el)
        elif kind == "StatementDefinition":
            token = self.take(kind)
            el = Element(False, token.image[1:-2], line=line, role=role)
            self.content(el)
        elif kind == "StatementReference":
            token = self.take(kind)
            el = Element(False, token.image[1:-1], line=line, role=role)
            self.reference_tail(el)
        elif kind in _CONTENT:
            el = Element(False, None, line=line, role=role)
            self.content(el)
        else:
            raise ArgdownSyntaxError(line, f"expected a statement or argument, found {kind}")
        self.optional_data(el, newline_first=False)
        self.doc.add(el)
        return el

    def reference_tail(self, el: Element) -> None:
        while self.peek() == "Tag":
            self.tag(el, self.take("Tag"))
        self.statement_newline(el)

    def statement_newline(self, el: Element) -> None:
        """A line break that belongs to the statement itself (after data or a reference):
        the CLI turns it into a space when relations follow it."""
        if self.maybe("Newline") and self.peek() == "Indent" and not el.text.endswith(" "):
            el.text += " "

    def optional_data(self, el: Element, newline_first: bool) -> None:
        if newline_first and self.peek() == "Newline" and self.peek(1) == "Data":
            self.take("Newline")
        if self.peek() == "Data":
            el.data = [*(el.data or ()), self.take("Data").image]
            self.statement_newline(el)

    def tag(self, el: Element, token: Token) -> None:
        m = _TAG.match(token.image)
        if m:
            if el.tags is None:
                el.tags = []
            el.tags.append(m.group(1) or m.group(2))

    def content(self, el: Element) -> None:
        """statementContent: text, links, tags, mentions, line breaks, nested bold/italic."""
        text: list[str] = []
        ends: list[str] = []  # the end token each open bold/italic range waits for
        items = 0
        newline = False  # a line break waits to become a space if more content follows

        def flush() -> None:
            nonlocal newline
            if newline and (not text or not text[-1].endswith(" ")):
                text.append(" ")
            newline = False

        while True:
            kind = self.peek()
            if kind in _ENDS and ends and ends[-1] == kind:
                newline = False
                token = self.take(kind)
                ends.pop()
                if token.image.endswith(" "):
                    text.append(" ")
                continue
            if kind not in _CONTENT:
                break
            if not ends:
                items += 1
            if kind == "Newline":
                self.take(kind)
                flush()
                newline = True
                continue
            flush()
            if kind in _TEXT_TOKENS:
                text.append(self.freestyle())
                el.formatted |= kind == "SpecialChar"
                continue
            token = self.take(kind)
            if kind in _STARTS:
                ends.append(_STARTS[kind])
                el.formatted = True
            elif kind == "Link":
                m = _LINK.search(token.image)
                if m is None:  # the CLI's model cannot read a link broken over lines either
                    raise ArgdownSyntaxError(token.line, "a link is broken over two lines")
                text.append(m.group(1) + (" " if token.image.endswith(" ") else ""))
                el.formatted = True
            elif kind == "Tag":  # tags stay in the text unless the front matter says otherwise
                self.tag(el, token)
                if not self.remove_tags:
                    text.append(token.image)
            else:  # mentions stay in the text, as the CLI keeps them
                text.append(token.image)
        if ends:
            raise ArgdownSyntaxError(self.line(), "a bold or italic range is not closed")
        if items == 0:
            raise ArgdownSyntaxError(self.line(), f"expected text, found {self.peek()}")
        el.text += "".join(text)


def _token_text(token: Token) -> str:
    if token.kind == "EscapedChar":
        return token.image[1:]
    return token.image


def parse(text: str, runs: bool = True) -> Document:
    """Parse Argdown text; raise ArgdownSyntaxError, LexError or TooLarge with a line number.
    runs=False lexes text one token at a time (what the text runs must agree with)."""
    return _Parser(iter_tokens(text, runs)).document()
