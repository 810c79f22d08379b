"""Turn an argument graph (Argdown's or AIF's) into argmap's tree, counting what did not fit.

Both formats allow what a tree does not: a statement that supports two conclusions, cycles,
attacks on attacks. The policy is the same for both and is documented in docs/interchange.md:

* each graph node keeps its first link (in file order) as its parent;
* every further link, and a link that would close a cycle, gets a *copy* of the node (same
  text, new id, no children) under that other parent, so no relation and no text is lost;
* nodes that link nowhere are roots (claims);
* an argument node (GraphNode.polarity set: one inference with its premises as children) has
  exactly one link, to its conclusion, which is placed before every other link, so it never
  becomes a copy or a root; premises and undercuts link to it like to any node;
* kind: the format's own hint (argmap's data) when it fits the link, else a tag naming a kind,
  else the position: roots are claims, supporters claims (evidence if sourced), attackers
  objections, and attackers of objections rebuttals.

Union-find on tree roots makes the cycle test O(α(n)) per link; nothing here recurses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pydantic import ValidationError

from argmap.core.errors import MapFileError, excerpt
from argmap.core.model import (
    ATTACKS,
    ID_PATTERN,
    MAX_NODES,
    MAX_TEXT,
    MAX_TITLE,
    ArgumentMap,
    Kind,
    Node,
    Polarity,
    Source,
    StructureError,
    new_id,
    new_map,
)
from argmap.formats.loss import LossReport

_ID = re.compile(ID_PATTERN)
_KINDS = {k.value: k for k in Kind}


@dataclass(slots=True)
class GraphNode:
    key: str
    text: str
    id_hint: str | None = None
    kind_hint: str | None = None
    source: dict[str, object] | None = None
    tags: list[str] = field(default_factory=list)
    #: "supports" / "attacks": an argument node (its premises link to it); None: a statement.
    polarity: Polarity | None = None
    #: The format's assessment of the node, as read (checked when the node is built).
    assessment: object = None
    where: str | None = None  # where the file has it ("line 3", "nodeID 'x'"), for messages


@dataclass(slots=True)
class Link:
    child: str
    parent: str
    attack: bool


def build_tree(title: str, nodes: list[GraphNode], links: list[Link], report: LossReport,
               name: str) -> ArgumentMap:
    """A validated ArgumentMap from graph nodes (in file order) and child->parent links."""
    nodes, links = _split_long_texts(nodes, links, report)
    by_key = {n.key: n for n in nodes}
    arguments = {n.key for n in nodes if n.polarity is not None}
    if arguments:  # an argument's one link first: it can then close no cycle
        links = ([k for k in links if k.child in arguments]
                 + [k for k in links if k.child not in arguments])
    uf: dict[str, str] = {n.key: n.key for n in nodes}

    def find(key: str) -> str:
        root = key
        while uf[root] != root:
            root = uf[root]
        while uf[key] != root:
            uf[key], key = root, uf[key]
        return root

    parent: dict[str, tuple[str, bool]] = {}
    copies: list[Link] = []
    several = cycles = 0
    seen: set[tuple[str, str, bool]] = set()
    for link in links:
        if (link.child, link.parent, link.attack) in seen:
            continue  # the same relation stated twice is one relation
        seen.add((link.child, link.parent, link.attack))
        if link.child not in by_key or link.parent not in by_key:
            continue
        if link.child == link.parent or link.child in parent:
            several += link.child in parent
            cycles += link.child not in parent
            copies.append(link)
            continue
        if find(link.parent) == link.child:
            cycles += 1
            copies.append(link)
            continue
        parent[link.child] = (link.parent, link.attack)
        uf[link.child] = link.parent
    if len(nodes) + len(copies) > MAX_NODES:
        raise MapFileError(name, f"{len(nodes) + len(copies)} nodes after conversion; "
                           f"a map holds at most {MAX_NODES}")

    # ids: the file's own when valid and unused, else fresh ones
    ids: dict[str, str] = {}
    used: set[str] = set()
    fresh = 0
    for n in nodes:
        hint = n.id_hint
        if hint and _ID.match(hint) and hint not in used:
            ids[n.key] = hint
        else:
            ids[n.key] = new_id()
            fresh += hint is not None
        used.add(ids[n.key])
    report.add("id was not a valid argmap id and was replaced",
               "ids were not valid argmap ids and were replaced", fresh)

    # children in file order: real links first (by node order), copies after
    kids: dict[str | None, list[tuple[str, str, bool]]] = {}
    for n in nodes:
        up = parent.get(n.key)
        kids.setdefault(ids[up[0]] if up else None, []).append((n.key, ids[n.key], up[1] if up else False))
    for link in copies:
        kids.setdefault(ids[link.parent], []).append((link.child, new_id(), link.attack))
    report.add("statement with several parents was copied under its other parents",
               "statements with several parents were copied under their other parents", several)
    report.add("link closing a cycle became a copy of its statement",
               "links closing a cycle became copies of their statements", cycles)

    out: list[Node] = []
    overridden = bad_sources = bad_assessments = 0
    stack: list[tuple[str, str, bool, Kind | None, int]] = [
        (key, nid, att, None, i) for i, (key, nid, att) in reversed(list(enumerate(kids.get(None, []))))
    ]
    parents_of: dict[str, str | None] = {}
    while stack:
        key, nid, attack, parent_kind, order = stack.pop()
        g = by_key[key]
        if g.polarity is not None and parent_kind is not None and parent_kind is not Kind.ARGUMENT:
            kind, changed = Kind.ARGUMENT, False
        else:
            kind, changed = _kind(g, attack, parent_kind, is_root=parent_kind is None)
        overridden += changed
        source = None
        if g.source is not None:
            try:
                # a record id means nothing outside its map: the title and URL link it here
                source = Source.model_validate(g.source).model_copy(update={"source_id": None})
            except ValidationError:
                bad_sources += 1
        assessment = _assessment(g.assessment)
        bad_assessments += g.assessment is not None and assessment is None
        try:
            node = Node(id=nid, parent=parents_of.get(nid), order=order, kind=kind,
                        polarity=g.polarity if kind is Kind.ARGUMENT else None,
                        text=g.text, assessment=assessment, source=source)
        except ValidationError:
            raise MapFileError(name, _unstorable(g.text), g.where) from None
        out.append(node)
        for i, (ckey, cid, catt) in reversed(list(enumerate(kids.get(nid, [])))):
            parents_of[cid] = nid
            stack.append((ckey, cid, catt, kind, i))
    report.add("kind from the file did not fit its place and was replaced",
               "kinds from the file did not fit their places and were replaced", overridden)
    report.add("source was not valid and was dropped", "sources were not valid and were dropped",
               bad_sources)
    report.add("assessment was not a number from 0 to 1 and was dropped",
               "assessments were not numbers from 0 to 1 and were dropped", bad_assessments)
    # a title made from a file name or taken from the file: NUL and lone surrogates (a file
    # name that is not UTF-8) cannot be stored, so they become U+FFFD
    title = _UNSTORABLE.sub("\ufffd", " ".join(title.split())[:MAX_TITLE]) or "Imported map"
    try:
        amap = new_map(title)
        return ArgumentMap(info=amap.info, nodes=tuple(out))
    except (ValidationError, StructureError) as exc:  # a bug if reached: say so plainly
        first = " ".join(str(exc).split())
        raise MapFileError(name, f"conversion produced an invalid map: {excerpt(first, 120)}") \
            from None


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(text: str) -> str:
    """Why a text from the file cannot be a node's (the node validators refused it)."""
    m = _UNSTORABLE.search(text)
    if m is None:
        return f"a text argmap cannot store: {excerpt(text)}"
    what = "a NUL character" if m.group() == "\x00" else f"an unpaired surrogate (\\u{ord(m.group()):04x})"
    return f"a statement's text holds {what}, which argmap cannot store"


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """A text cut into pieces of at most `limit` characters, at spaces where it can be.
    Linear: the text is walked with an offset, never copied piece by piece."""
    pieces = []
    text = text.strip()
    start, n = 0, len(text)
    while n - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit + 1)
        cut = cut if cut > start else start + limit
        pieces.append(text[start:cut].rstrip())
        start = cut
        while start < n and text[start].isspace():
            start += 1
    pieces.append(text[start:])
    return pieces


def _split_long_texts(nodes: list[GraphNode], links: list[Link],
                      report: LossReport) -> tuple[list[GraphNode], list[Link]]:
    """A text longer than a node holds continues in a chain of supporting children."""
    extra_nodes: list[GraphNode] = []
    extra_links: list[Link] = []
    out = []
    taken: set[str] | None = None  # every key, once a continuation needs a fresh one
    for g in nodes:
        if len(g.text) <= MAX_TEXT:
            out.append(g)
            continue
        if taken is None:
            taken = {n.key for n in nodes}
        first, *rest = split_text(g.text)
        out.append(replace(g, text=first))
        above = g.key
        for i, piece in enumerate(rest, start=1):
            key = f"{g.key}~cont{i}"
            while key in taken:  # the file may hold a node named like a continuation
                key += "~"
            taken.add(key)
            extra_nodes.append(GraphNode(key, piece, where=g.where))
            extra_links.append(Link(key, above, attack=False))
            above = key
        report.add(f"text longer than {MAX_TEXT} characters continues in child nodes",
                   f"texts longer than {MAX_TEXT} characters continue in child nodes")
    if not extra_nodes:
        return nodes, links
    return out + extra_nodes, links + extra_links


def _kind(g: GraphNode, attack: bool, parent: Kind | None, is_root: bool) -> tuple[Kind, bool]:
    """(kind, True when the file named a kind that had to be replaced)."""
    if is_root:
        wanted = Kind.CLAIM
    elif attack:
        wanted = Kind.REBUTTAL if parent is Kind.OBJECTION else Kind.OBJECTION
    else:
        wanted = Kind.EVIDENCE if g.source else Kind.CLAIM
    hint = _KINDS.get(g.kind_hint or "")
    if hint is None:
        for tag in g.tags:
            hint = _KINDS.get(tag.strip().lower())
            if hint is not None:
                break
        else:
            return wanted, False
    if _fits(hint, attack, parent, is_root):
        return hint, False
    return wanted, g.kind_hint is not None


def _assessment(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        return None
    return float(value) + 0.0


def _fits(kind: Kind, attack: bool, parent: Kind | None, is_root: bool) -> bool:
    if kind is Kind.ARGUMENT:  # only a graph's own argument nodes are arguments
        return False
    if is_root:
        return kind is Kind.CLAIM
    if (kind in ATTACKS) != attack:
        return False
    return kind is not Kind.REBUTTAL or parent is Kind.OBJECTION
