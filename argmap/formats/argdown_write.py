"""argmap → Argdown: readable titles, statements and relations, arguments as premise–conclusion
structures, undercuts, and argmap's data at the end.

Layout of an export (docs/interchange.md, "Export"):

* each node is a titled statement `[Title]: text`; the title comes from the node's first words
  (`titles`), made unique in pre-order by a number (`Cities should ban cars 2`), so the same
  map always gets the same titles; the node id is in the data, so re-import restores ids;
* children are indented under their parent with `+` (supports) or `-` (attacks);
* an argument node (linked premises) is an argument `+ <Title>: text` (or `- <…>`) under its
  parent, and later gets its own premise–conclusion structure: its premises as `(1) … (n)`
  (each with its own subtree below it), a `----` line with the undercuts (objections under
  the argument) as `<_ [Title]: …` below it, and the parent as the conclusion (a reference
  `[Parent]` when the argument supports it; for an attacking argument a statement
  `[Not Parent]: Not: …` that the `- <…>` relation makes an attack on the parent);
* every node's id, kind, polarity, assessment, source and exact text are JSON data on a
  reference at the end of the file (the assessment also as a plain `assessment` key).

Everything is iterative: one explicit stack per block, blocks in a queue.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable

from argmap.core.mapfile_sources import source_json
from argmap.core.model import ATTACKS, PREMISES, ArgumentMap, Kind, Node

#: Deeper subtrees continue in a top-level block of their own (a reference stands in for them),
#: so no line is indented by more than 2 * MAX_NEST spaces however deep the map.
MAX_NEST = 40
#: A title holds at most this many words and characters of the node's text.
TITLE_WORDS = 6
TITLE_CHARS = 40
_WORD = re.compile(r"[^\W_]+")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_HIDE = {ord(c): f"\\u{ord(c):04x}" for c in "[]<>{}"}


def argdown_text(text: str) -> str:
    """What the Argdown CLI shows for a node's text: line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", text)


def title_base(text: str, fallback: str) -> str:
    """A title from a text's first words (letters and digits only, so no Argdown mark)."""
    out: list[str] = []
    size = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if out and (len(out) == TITLE_WORDS or size + 1 + len(word) > TITLE_CHARS):
            break
        out.append(word[:TITLE_CHARS])
        size += len(out[-1]) + (len(out) > 1)
    return " ".join(out) or fallback


class Titles:
    """Unique titles, given out in order; statements `[…]` and arguments `<…>` never share
    one either (Argdown would allow it; a reader would not tell them apart)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def give(self, base: str) -> str:
        title = base
        n = self.next.get(base, 2)
        while title in self.used:  # each base's counter only grows: linear overall
            title = f"{base} {n}"
            n += 1
        self.next[base] = n
        self.used.add(title)
        return title


def titles(amap: ArgumentMap) -> tuple[dict[str, str], dict[str, str]]:
    """(node id -> title, attacking argument id -> title of the statement that negates its
    parent), deterministic from the texts and the tree."""
    give = Titles()
    out: dict[str, str] = {}
    order = [node for node, _depth in amap.preorder()]
    for node in order:
        argument = node.kind is Kind.ARGUMENT
        out[node.id] = give.give(title_base(node.text, "Argument" if argument else "Statement"))
    negations = {node.id: give.give(f"Not {out[node.parent]}") for node in order
                 if node.kind is Kind.ARGUMENT and node.attacks and node.parent is not None}
    return out, negations


def json_text(value: object) -> str:
    """JSON that is also YAML and that Argdown's data pattern cannot cut short."""
    raw = json.dumps(value, ensure_ascii=True, separators=(", ", ": "))
    return raw.replace("/", "\\/").replace("=", "\\u003d")


def _data_block(body: dict[str, object], assessment: float | None) -> str:
    inner = _STRING.sub(lambda m: m.group(0).translate(_HIDE), json_text(body))
    out = '{"argmap": ' + inner
    if assessment is not None:
        out += ", " + json_text({"assessment": assessment})[1:-1]
    return out + "}"


class Writer:
    """One export: the lines, what was deferred, and the escaping function."""

    def __init__(self, amap: ArgumentMap, escape: Callable[[str], str]) -> None:
        self.amap = amap
        self.escape = escape
        self.index = amap.children_index()
        self.title, self.negation = titles(amap)
        self.lines: list[str] = []
        self.blocks: deque[tuple[bool, Node]] = deque()  # (is a PCS block, node)
        self.deferred = 0
        self.by_id = amap.by_id()
        self.positions: dict[str, dict[str, int] | None] = {}

    def ref(self, node: Node) -> str:
        t = self.title[node.id]
        return f"<{t}>" if node.kind is Kind.ARGUMENT else f"[{t}]"

    def kids(self, node: Node) -> list[Node]:
        """The children written in the tree under `node` (an argument's go in its PCS)."""
        kids = self.index.get(node.id, [])
        return [] if node.kind is Kind.ARGUMENT else kids

    def body(self) -> list[str]:
        self.blocks.extend((False, top) for top in self.index.get(None, []))
        while self.blocks:
            is_pcs, top = self.blocks.popleft()
            if is_pcs:
                self.pcs(top)
            else:
                self.lines.append(f"{self.ref(top)}: {self.escape(top.text)}")
                self.walk(self.kids(top), 1)
            self.lines.append("")
        return self.lines

    def walk(self, first: list[Node], depth: int, undercuts: bool = False) -> None:
        """Write `first` (siblings at `depth`) and their subtrees as relations."""
        stack = [(kid, depth, undercuts) for kid in reversed(first)]
        while stack:
            node, d, undercut = stack.pop()
            mark = "<_" if undercut else "-" if node.attacks else "+"
            indent = "  " * d
            kids = self.kids(node)
            if node.kind is Kind.ARGUMENT:
                self.lines.append(f"{indent}{mark} {self.ref(node)}: {self.escape(node.text)}")
                self.blocks.append((True, node))
                continue
            if d > MAX_NEST and kids:
                self.lines.append(f"{indent}{mark} {self.ref(node)}")
                self.blocks.append((False, node))
                self.deferred += 1
                continue
            self.lines.append(f"{indent}{mark} {self.ref(node)}: {self.escape(node.text)}")
            stack.extend((kid, d + 1, False) for kid in reversed(kids))

    def pcs(self, arg: Node) -> None:
        """The argument's premise–conclusion structure, as a block after a reference."""
        kids = self.index.get(arg.id, [])
        premises = [k for k in kids if k.kind in PREMISES]
        undercuts = [k for k in kids if k.kind in ATTACKS]
        self.lines += [self.ref(arg), ""]
        for i, premise in enumerate(premises, start=1):
            self.lines.append(f"({i}) {self.ref(premise)}: {self.escape(premise.text)}")
            self.walk(self.kids(premise), 1)
        self.lines.append("----")
        self.walk(undercuts, 1, undercuts=True)
        parent = self.by_id[arg.parent or ""]
        n = len(premises) + 1
        if arg.attacks:
            self.lines.append(f"({n}) [{self.negation[arg.id]}]: "
                              f"{self.escape('Not: ' + argdown_text(parent.text))}")
        else:
            self.lines.append(f"({n}) {self.ref(parent)}")

    def data(self) -> list[str]:
        """argmap's data of every node (and of each negation statement), one reference each."""
        out = []
        for node, _depth in self.amap.preorder():
            body: dict[str, object] = {"id": node.id, "kind": node.kind.value}
            if node.polarity is not None:
                body["polarity"] = node.polarity
            if argdown_text(node.text) != node.text:
                body["text"] = node.text
            if node.source is not None:
                body["source"] = source_json(node.source, 1)
            order = self.argument_order(node)
            if order is not None:
                body["order"] = order
            out += [f"{self.ref(node)} {_data_block(body, node.assessment)}", ""]
            if node.id in self.negation:
                out += [f"[{self.negation[node.id]}] {_data_block({'negates': node.parent}, None)}",
                        ""]
        return out

    def argument_order(self, node: Node) -> int | None:
        """The position of an argument's child when the file's order (premises first, then
        undercuts) would not give it back; None when it would."""
        parent = self.by_id.get(node.parent or "")
        if parent is None or parent.kind is not Kind.ARGUMENT:
            return None
        if parent.id not in self.positions:
            kids = self.index[parent.id]
            written = sorted(kids, key=lambda k: k.kind not in PREMISES)  # stable
            self.positions[parent.id] = (None if written == kids
                                         else {k.id: i for i, k in enumerate(kids)})
        positions = self.positions[parent.id]
        return None if positions is None else positions[node.id]
