"""Maps for the interchange tests: random trees whose texts are full of Argdown/AIF specials."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from argmap.core.model import ArgumentMap, Kind, Node, Source, allowed_child_kinds, new_map

#: Every character Argdown gives a meaning to somewhere, plus line breaks and odd spaces.
SPECIALS = "\\[]<>#*_@{}/=+-.,:;()!?\"'`~|^$%&\t\n\r \u00a0\u2028\u2029\u2019é😀"
WORDS = ["//", "/*", "*/", "<!--", "-->", "===", "--", "->", "<-", "+>", "<+", "><", "_>", "<_",
         ":heart:", ".^.", "@[x]", "@<y>", "[t]:", "<a>:", "#tag", "#(two words)", "**b**",
         "_i_", "(1)", "1.", "* ", "{a: 1}", "[l](http://x.org)", "\\\\", "\\", "\r\n", "  "]


def special_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(rng.choice(WORDS))
        elif roll < 0.8:
            parts.append("".join(rng.choice(SPECIALS) for _ in range(rng.randint(1, 4))))
        else:
            parts.append(rng.choice(["word", "Iran’s", "3.5", "e.g.", "a", "1"]))
    text = "".join(parts).strip()
    return text or "x"


def random_map(rng: random.Random, size: int = 25) -> ArgumentMap:
    nodes: list[Node] = []
    for i in range(size):
        parent = rng.choice(nodes) if nodes and rng.random() < 0.9 else None
        kinds = allowed_child_kinds(parent.kind if parent else None)
        kind = rng.choice(kinds)
        source = None
        if rng.random() < 0.3:
            source = Source(title=special_text(rng), url="https://example.org/a?b=1&c={}",
                            quote=special_text(rng), locator=rng.choice(["", "p. 3", "¶ 6"]))
        nodes.append(Node(id=f"n{i}.{rng.randint(0, 99)}:x-{i}", parent=parent.id if parent else None,
                          order=rng.randint(0, 5), kind=kind, text=special_text(rng), source=source))
    return new_map(" ".join(special_text(rng).split()) or "t", nodes)


_text = st.text(
    alphabet=st.one_of(st.sampled_from(list(SPECIALS)),
                       st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
    min_size=1, max_size=40,
).map(str.strip).filter(bool)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Random valid maps (any kinds the rules allow), texts from the special alphabet."""
    count = draw(st.integers(1, 12))
    nodes: list[Node] = []
    for i in range(count):
        parent = draw(st.sampled_from([None, *nodes])) if nodes else None
        kind = draw(st.sampled_from(allowed_child_kinds(parent.kind if parent else None)))
        source = draw(st.none() | st.builds(Source, title=_text, quote=_text))
        nodes.append(Node(id=f"id{i}", parent=parent.id if parent else None,
                          order=draw(st.integers(0, 3)), kind=kind, text=draw(_text), source=source))
    return new_map("random map", nodes)


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    """Random valid maps with argument nodes (each made with its first premise), undercuts
    and assessments (format version 2)."""
    count = draw(st.integers(1, 12))
    nodes: list[Node] = []
    assessment = st.none() | st.sampled_from([0.0, 0.125, 0.5, 1.0]) | st.floats(0, 1)
    for i in range(count):
        parent = draw(st.sampled_from([None, *nodes])) if nodes else None
        if parent is not None and parent.kind is not Kind.ARGUMENT and draw(st.booleans()):
            arg = Node(id=f"arg{i}", parent=parent.id, order=draw(st.integers(0, 3)),
                       kind=Kind.ARGUMENT, polarity=draw(st.sampled_from(["supports", "attacks"])),
                       text=draw(_text), assessment=draw(assessment))
            nodes += [arg, Node(id=f"prem{i}", parent=arg.id, kind=draw(st.sampled_from(
                [Kind.CLAIM, Kind.EVIDENCE])), text=draw(_text), assessment=draw(assessment))]
            continue
        kind = draw(st.sampled_from(allowed_child_kinds(parent.kind if parent else None)))
        nodes.append(Node(id=f"id{i}", parent=parent.id if parent else None,
                          order=draw(st.integers(0, 3)), kind=kind, text=draw(_text),
                          assessment=draw(assessment)))
    return new_map("random map", nodes)


def same_tree(a: ArgumentMap, b: ArgumentMap) -> bool:
    """Ids, kinds, texts, tree (parents and sibling order) and sources all equal."""
    return [n.model_dump() for n in a.canonical().nodes] == [n.model_dump() for n in b.canonical().nodes]


__all__ = ["Kind", "argument_maps", "maps", "random_map", "same_tree", "special_text"]
