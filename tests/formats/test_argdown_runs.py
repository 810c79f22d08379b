"""Text runs (argdown_runs) change how fast Argdown is lexed, never what it says: the parser
reads the same document, or stops at the same line, with runs on and off."""

from __future__ import annotations

import random

import pytest

from argmap.core.mapfile import MAX_FILE_BYTES
from argmap.formats.argdown import dumps_argdown
from argmap.formats.argdown_doc import TooLarge
from argmap.formats.argdown_lexer import LexError, tokenize
from argmap.formats.argdown_parse import ArgdownSyntaxError, Document, parse
from argmap.formats.argdown_runs import MAX_RUN_TOKENS
from tests.formats.interchange_maps import random_map

ALPHABET = [*"[]<>(){}@#:;.,=-+*_/\\!? \t\n\r\u2028xy1", "]:", ">:", "-->", "<!--", "/*", "*/",
            "//", "===", "} x", "},", "#(", "@[", "@<", "\n\n", "  + ", "  - ", "[a]: ", "<b>: ",
            "\\\\", ".a.", ":b:", "\\ ", "**", "__", "* ", "_ ", "](u)", "1. ", "(1) ", "\n--\n"]


def outcome(text: str, runs: bool) -> Document | tuple[str, int]:
    try:
        return parse(text, runs)
    except (ArgdownSyntaxError, LexError, TooLarge) as exc:
        # a joined token is named by its first kind; an escape's by Freestyle
        return type(exc).__name__, exc.line


def same(text: str) -> None:
    with_runs, without = outcome(text, True), outcome(text, False)
    assert with_runs == without, repr(text[:300])


@pytest.mark.parametrize("seed", range(300))
def test_random_text_reads_the_same_with_and_without_runs(seed: int):
    rng = random.Random(seed)
    same("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 300))))


@pytest.mark.parametrize("seed", range(20))
def test_exported_maps_read_the_same_with_and_without_runs(seed: int):
    same(dumps_argdown(random_map(random.Random(seed))))


@pytest.mark.parametrize("unit", ["] ", ". ", "\\x", "a\n", "x  ;  ", "[", "{ ", ":a: \n", "x\n.b. "])
def test_runs_longer_than_one_match_read_the_same(unit: str):
    text = "[a]: " + unit * (3 * MAX_RUN_TOKENS) + "\n"
    assert len(text) < MAX_FILE_BYTES
    same(text)
    assert len(tokenize(text)) < len(tokenize(text, runs=False)) // 100


def test_a_run_keeps_the_lines_of_what_follows_it():
    text = "[a]: one\ntwo\nthree [x] four\n"  # a reference inside a text ends the statement
    with pytest.raises(ArgdownSyntaxError) as caught:
        parse(text)
    assert caught.value.line == 3 and "StatementReference" in str(caught.value)
    same(text)


def test_a_special_character_after_a_line_break_still_counts_as_formatting():
    doc = parse("[a]: plain\n.b. formatted on its own line\n")
    assert doc.formatted == 1
    same("[a]: plain\n.b. formatted on its own line\n" * 3)
