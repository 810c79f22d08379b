"""The linear-time token scanners agree with the token regexes they replace, and stay linear
on input built to make the regexes quadratic."""

from __future__ import annotations

import random

import pytest

from argmap.formats.argdown import parse_argdown
from argmap.formats.argdown_lexer import _FAST, _RE, tokenize
from argmap.formats.argdown_scan import Scanner

ALPHABET = [*"[]<>(){}@#:=-*/!, \t\n\r\u2028xy", "]:", ">:", "-->", "<!--", "/*", "*/", "//",
            "===", "} x", "},", "#(", "@[", "@<"]
COMMENT = {None: "Comment", "all": "CommentTrailing", "one": "CommentOneTrailing"}


def regex_end(kind: str, text: str, pos: int) -> int | None:
    m = _RE[kind].match(text, pos)
    return m.end() if m else None


@pytest.mark.parametrize("seed", range(40))
def test_scanners_agree_with_the_regexes(seed: int):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 120)))
    scan = Scanner(text)
    for pos in range(len(text)):  # the lexer asks in increasing order, as here
        for kind, fast in _FAST.items():
            if kind == "Comment":
                for trailing, name in COMMENT.items():
                    assert scan.comment(pos, trailing) == regex_end(name, text, pos), (kind, text, pos)
            else:
                assert fast(scan, pos) == regex_end(kind, text, pos), (kind, text, pos)


@pytest.mark.parametrize("unit", ["[", "<", "{", "#(", "<!--", "/*", "@[", "[a](", "===x."])
def test_unclosed_marks_cost_linear_time(unit: str):
    """200,000 opening marks with no closing one: a regex tried at each of them rescans the
    rest of the text every time (hours); the scanners search each stretch once (seconds)."""
    text = "[a]: " + unit * (200_000 // len(unit)) + "\n"
    tokens = tokenize(text)
    assert tokens[0].kind == "StatementDefinition" and tokens[-1].kind == "Newline"


def test_a_huge_statement_full_of_control_characters_imports():
    text = "[a]: " + ".,;:()-" * 3000 + "\n"
    amap = parse_argdown(text.encode(), "dots.argdown")
    assert "".join(n.text for n, _d in amap.preorder()).replace(" ", "") == (".,;:()-" * 3000)
