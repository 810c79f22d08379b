"""Argdown export and import without the CLI: round trips, escaping, policies, hostile input."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from argmap.core.errors import MapFileError
from argmap.core.model import Kind
from argmap.core.seed import seed_map
from argmap.formats.argdown import MAX_NEST, argdown_text, dumps_argdown, escape, parse_argdown
from argmap.formats.argdown_parse import parse
from argmap.formats.loss import LossReport
from tests.formats.interchange_maps import maps, random_map, same_tree, special_text
from tests.formats.interop_samples import argdown_samples, sample_id
from tests.helpers import chain, small_map


def round_trip(amap):
    report = LossReport()
    text = dumps_argdown(amap, report)
    back = parse_argdown(text.encode(), "x.argdown", LossReport())
    return back, report


def test_seed_map_round_trips_exactly():
    amap = seed_map()
    back, report = round_trip(amap)
    assert same_tree(amap, back)
    assert back.info.title == amap.info.title
    assert report.lines() == []


@settings(max_examples=150, deadline=None)
@given(maps())
def test_random_maps_round_trip_exactly(amap):
    back, _ = round_trip(amap)
    assert same_tree(amap, back)


def test_texts_full_of_special_characters_round_trip_exactly():
    for seed in range(300):
        amap = random_map(random.Random(seed))
        back, _ = round_trip(amap)
        assert same_tree(amap, back), seed
        assert back.info.title == amap.info.title


@pytest.mark.parametrize("seed", range(200))
def test_escaped_text_reads_back_as_itself(seed):
    text = " ".join(special_text(random.Random(seed)).split())
    doc = parse(f"[t]: {escape(text)}\n")
    assert doc.occurrences == 1 and doc.first is not None
    assert doc.first.text == text


def test_the_escape_of_last_resort_leaves_line_separators_alone():
    text = "}@[x]<>)::\r !)}>\r\n* 1\u2029é~"  # needs the fallback; `\\\u2029` is no Argdown
    doc = parse(f"[t]: {escape(text)}\n")
    assert doc.first is not None and doc.first.text == argdown_text(text)


def test_plain_punctuation_stays_readable():
    assert escape("Iran’s proxies: out of control, e.g. in Iraq (2024).") == \
        "Iran’s proxies: out of control, e\\.g. in Iraq (2024)."


def test_line_breaks_are_reported_and_kept_in_the_data():
    amap = small_map()
    nodes = list(amap.nodes)
    nodes[1] = nodes[1].model_copy(update={"text": "two\nlines"})
    amap = amap.model_copy(update={"nodes": tuple(nodes)})
    back, report = round_trip(amap)
    assert same_tree(amap, back)
    assert report.lines() == [
        "1 text with line breaks shows them as spaces in Argdown (exact text kept in its data)"]


def test_a_deep_chain_round_trips_without_recursion_and_bounded_indentation():
    amap = chain(3000)
    text = dumps_argdown(amap)
    assert max(len(line) - len(line.lstrip(" ")) for line in text.splitlines()) <= 2 * (MAX_NEST + 1)
    back, report = round_trip(amap)
    assert same_tree(amap, back)
    assert report.lines() == [
        f"{3000 // (MAX_NEST + 1)} branches deeper than {MAX_NEST} levels continue in blocks of "
        "their own further down"]


def test_deep_indentation_in_foreign_files_is_parsed_iteratively():
    depth = 2500
    lines = ["[r]: root"] + [f"{' ' * (i + 1)}+ level {i}" for i in range(depth)]
    amap = parse_argdown("\n".join(lines).encode(), "deep.argdown")
    assert len(amap.nodes) == depth + 1
    assert max(d for _n, d in amap.preorder()) == depth


def test_foreign_argdown_policies_are_counted():
    text = (
        "# A heading\n\n"
        "[T]: The thesis. #pro\n"
        "  + [A]: A reason.\n"
        "    - [B]: An attack on it.\n"
        "      - [C]: Attack on the attack.\n"
        "  + [B]\n"
        "  - <Arg>: An argument **bold**.\n"
        "    _> [U]: undercut premise\n"
        "  >< [X]: contradicts\n\n"
        "[C]: Different wording of C.\n"
        "  + [T]\n\n"
        "<Arg>\n\n"
        "(1) premise one\n"
        "(2) premise two\n"
        "--\nsome rule\n--\n"
        "(3) conclusion\n"
    )
    report = LossReport()
    amap = parse_argdown(text.encode(), "f.argdown", report)
    texts = {n.text for n in amap.nodes}
    assert {"The thesis. #pro", "A reason.", "An attack on it.", "Attack on the attack.",
            "Different wording of C.", "An argument bold.", "premise one", "premise two",
            "conclusion", "contradicts", "undercut premise"} <= texts
    by_text = {n.text: n for n in amap.nodes}
    [attack] = [n for n in amap.nodes if n.parent == by_text["A reason."].id]
    assert (attack.text, attack.kind) == ("An attack on it.", Kind.OBJECTION)
    assert by_text["Attack on the attack."].kind is Kind.REBUTTAL
    ids = amap.by_id()
    argument = ids[by_text["premise one"].parent]
    assert (argument.text, argument.kind, argument.polarity) == (
        "An argument bold.", Kind.ARGUMENT, "supports")
    # the argument attacks T: Argdown makes that its main conclusion's attack
    assert ids[argument.parent].text == "conclusion" and ids[argument.parent].kind is Kind.OBJECTION
    assert by_text["premise two"].parent == argument.id
    lines = report.lines()
    for expected in ["1 objection to reasoning (undercut) became a plain objection: it aims at "
                     "a statement or at an argument without premises",
                     "1 statement marked as contradicting another (><) became an objection to it",
                     "1 name of an inference rule (between the -- lines) dropped",
                     "1 heading (section) dropped",
                     "1 extra wording of a titled statement became its supporting child",
                     "6 statement titles not kept (such as [T]): argmap's boxes have no titles",
                     "1 argument title not kept (<Arg>): argmap's boxes have no titles",
                     "2 statements with several parents were copied under their other parents",
                     "1 link closing a cycle became a copy of its statement"]:
        assert expected in lines, lines
    assert not [line for line in lines if "PCS" in line or "reconstruction" in line]
    # B is under A (its first place) and copied under T
    assert sum(n.text == "An attack on it." for n in amap.nodes) == 2


def test_kind_comes_from_data_then_tags_then_position():
    text = ('[r]: root\n'
            '  + [e]: sourced\n'
            '  + [t]: tagged #evidence\n'
            '  - [o]: attacker\n'
            '    - [x]: counter\n\n'
            '[e] {"argmap": {"kind": "evidence", "source": {"title": "S"}}}\n\n'
            '[o] {"argmap": {"kind": "claim"}}\n')
    report = LossReport()
    amap = parse_argdown(text.encode(), "k.argdown", report)
    kinds = {n.text: n.kind for n in amap.nodes}
    assert kinds == {"root": Kind.CLAIM, "sourced": Kind.EVIDENCE, "tagged #evidence": Kind.EVIDENCE,
                     "attacker": Kind.OBJECTION, "counter": Kind.REBUTTAL}
    assert "1 kind from the file did not fit its place and was replaced" in report.lines()


@pytest.mark.parametrize("path", argdown_samples(), ids=sample_id)
def test_samples_import_every_statement_and_round_trip(path):
    data = path.read_bytes()
    amap = parse_argdown(data, path.name, LossReport())
    # every text the parser reads (statements, arguments, premises) is some node's text
    doc = parse(data.decode("utf-8"))
    texts = {w.strip() for st in doc.statements.values() for w in st.wordings if w.strip()}
    assert texts and texts <= {n.text for n in amap.nodes}
    back, report = round_trip(amap)
    assert same_tree(amap, back) and back.info.title == amap.info.title
    assert report.lines() == []  # foreign files' texts are one line each: nothing to lose


@pytest.mark.parametrize("data, where", [
    (b"[a]: x\n\n  + b\n", "line 3"),
    (b"[a]: fine\n[b]: x **y\n", "line 2"),
    (b"[a]: x \\\n", "line 1"),
    (b"\xff\xfe[a]", "line 1"),
])
def test_bad_files_get_one_line_errors_naming_the_line(data, where):
    with pytest.raises(MapFileError) as info:
        parse_argdown(data, "bad.argdown")
    assert where in str(info.value) and "\n" not in str(info.value)


def test_a_statement_longer_than_a_node_holds_continues_in_child_nodes():
    long_text = " ".join(f"w{i}" for i in range(4000))
    report = LossReport()
    amap = parse_argdown(f"[a]: {long_text}\n".encode(), "big.argdown", report)
    chain_texts = [n.text for n, _d in amap.preorder()]
    assert " ".join(chain_texts) == long_text and len(chain_texts) == 3
    assert report.lines() == ["1 statement title not kept ([a]): argmap's boxes have no titles",
                              "1 text longer than 10000 characters continues in child nodes"]


def test_a_wide_file_imports_every_statement():
    lines = ["[r]: root"] + [f"  + [s{i}]: reason {i}" for i in range(20_000)]
    amap = parse_argdown("\n".join(lines).encode(), "wide.argdown")
    assert len(amap.nodes) == 20_001
    assert [n.text for n, _d in amap.preorder()][1:4] == ["reason 0", "reason 1", "reason 2"]


def test_deeply_nested_front_matter_is_not_a_crash():
    from argmap.formats.interchange import import_bytes

    data = b"===\n" + b"[" * 5000 + b"\n===\n\n[A]: claim\n"
    result = import_bytes(data, "deep.argdown")  # RecursionError escaped before
    assert [n.text for n in result.map.nodes] == ["claim"]
