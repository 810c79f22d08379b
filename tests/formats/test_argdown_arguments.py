"""Argdown and argument nodes (linked premises), undercuts, assessments and titles: export as
premise–conclusion structures, import back, and the policies for other people's files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from argmap.core.model import Kind, Node, new_map
from argmap.formats.argdown import dumps_argdown, parse_argdown
from argmap.formats.loss import LossReport
from tests.formats.interchange_maps import argument_maps, same_tree


def argument_map():
    """A claim with a supporting argument (two premises, an undercut with its rebuttal, an
    objection to a premise), an attacking argument, and a statement with the root's text."""
    n = [Node(id="c", kind=Kind.CLAIM, text="Cities should ban cars downtown.", assessment=0.5),
         Node(id="a", parent="c", order=0, kind=Kind.ARGUMENT, polarity="supports",
              text="Cleaner air", assessment=0.7),
         Node(id="p1", parent="a", order=0, kind=Kind.CLAIM, text="Cars emit NO2."),
         Node(id="p2", parent="a", order=1, kind=Kind.EVIDENCE, text="Less traffic, less NO2."),
         Node(id="u", parent="a", order=2, kind=Kind.OBJECTION, text="Wind matters more."),
         Node(id="r", parent="u", order=0, kind=Kind.REBUTTAL, text="Calm days are common."),
         Node(id="o1", parent="p1", order=0, kind=Kind.OBJECTION, text="Many cars are electric."),
         Node(id="b", parent="c", order=1, kind=Kind.ARGUMENT, polarity="attacks",
              text="Shops lose trade", assessment=0.0),
         Node(id="q1", parent="b", order=0, kind=Kind.CLAIM, text="Shops need cars."),
         Node(id="o2", parent="c", order=2, kind=Kind.OBJECTION,
              text="Cities should ban cars downtown.")]
    return new_map("Cars", n)


def round_trip(amap):
    report = LossReport()
    text = dumps_argdown(amap, report)
    back_report = LossReport()
    return parse_argdown(text.encode(), "x.argdown", back_report), report, back_report, text


def test_arguments_undercuts_and_assessments_round_trip_with_nothing_reported():
    amap = argument_map()
    back, report, back_report, text = round_trip(amap)
    assert same_tree(amap, back)
    assert report.lines() == [] and back_report.lines() == []
    assert "(3) [Cities should ban cars downtown]" in text  # the parent is the conclusion
    assert "  <_ [Wind matters more]: Wind matters more." in text  # the undercut
    assert '"assessment": 0.7' in text


def test_titles_are_readable_unique_and_the_same_on_every_export():
    amap = argument_map()
    text = dumps_argdown(amap)
    assert "[Cities should ban cars downtown]: Cities should ban cars downtown." in text
    assert "[Cities should ban cars downtown 2]: Cities should ban cars downtown." in text
    assert "+ <Cleaner air>: Cleaner air" in text
    assert "[c]" not in text and '"id": "c"' in text
    assert dumps_argdown(amap) == text


@settings(max_examples=150, deadline=None)
@given(argument_maps())
def test_random_maps_with_arguments_round_trip_exactly(amap):
    back, report, back_report, _text = round_trip(amap)
    assert same_tree(amap, back)
    assert back_report.lines() == []
    assert not [line for line in report.lines() if "argument" in line or "assessment" in line]


def test_a_premise_conclusion_structure_becomes_an_argument_node():
    text = ("[Ban]: Ban cars downtown.\n  + <Air>: Cleaner air.\n\n"
            "<Air>\n\n(1) [Emit]: Cars emit NO2.\n(2) Less traffic, less NO2.\n"
            "--\nModus ponens\n--\n  <_ [Wind]: Wind matters more.\n(3) [Ban]\n\n"
            "(1) Anonymous premise.\n----\n(2) [Ban]\n")
    report = LossReport()
    amap = parse_argdown(text.encode(), "a.argdown", report)
    ids = amap.by_id()
    by_text = {n.text: n for n in amap.nodes}
    air = by_text["Cleaner air."]
    assert (air.kind, air.polarity, ids[air.parent].text) == (Kind.ARGUMENT, "supports",
                                                               "Ban cars downtown.")
    kids = [n for n in amap.nodes if n.parent == air.id]
    assert [(k.text, k.kind) for k in kids] == [("Cars emit NO2.", Kind.CLAIM),
                                                ("Less traffic, less NO2.", Kind.CLAIM),
                                                ("Wind matters more.", Kind.OBJECTION)]
    anonymous = by_text["Untitled argument"]
    assert anonymous.kind is Kind.ARGUMENT and ids[anonymous.parent].text == "Ban cars downtown."
    assert "1 name of an inference rule (between the -- lines) dropped" in report.lines()
    assert not [line for line in report.lines() if "undercut" in line]


@pytest.mark.parametrize("value, kept", [("0.7", 0.7), ("1", 1.0), ("0", 0.0), ("1.5", None),
                                         ("-0.1", None), ("high", None), ("nan", None)])
def test_assessments_in_data_are_read_and_checked(value, kept):
    as_json = {"high": '"high"', "nan": "NaN"}.get(value, value)
    text = f"[a]: A claim. {{assessment: {value}}}\n\n[b]: Other. {{\"assessment\": {as_json}}}\n"
    report = LossReport()
    amap = parse_argdown(text.encode(), "s.argdown", report)
    assert [n.assessment for n in amap.nodes] == [kept, kept]
    bad = [line for line in report.lines() if "assessment" in line]
    assert bad == ([] if kept is not None else
                   ["2 assessments were not numbers from 0 to 1 and were dropped"])
    assert not [line for line in report.lines() if "data block" in line]


def test_dropped_titles_are_reported():
    text = "[Fleisch-OK]: Meat is fine.\n  + <Fleischküche ist Kulturerbe>: A heritage.\n"
    report = LossReport()
    parse_argdown(text.encode(), "t.argdown", report)
    assert report.lines() == [
        "1 statement title not kept ([Fleisch-OK]): argmap's boxes have no titles",
        "1 argument title not kept (<Fleischküche ist Kulturerbe>): argmap's boxes have no titles"]


def test_a_plain_text_file_says_it_holds_no_argdown():
    report = LossReport()
    amap = parse_argdown(b"Just some notes about cars.\nNothing more.\n", "notes.argdown", report)
    assert len(amap.nodes) == 1
    assert report.lines() == ["the file holds no Argdown (no titles, relations or arguments): "
                              "its text became 1 plain statement"]
    report = LossReport()
    parse_argdown(b"Ban cars.\n  + Cleaner air.\n", "real.argdown", report)
    assert report.lines() == []


def test_the_aif_tests_argument_map_round_trips_through_argdown():
    from tests.formats.test_aif_arguments import argument_map as aif_argument_map

    amap = aif_argument_map()
    back, report, back_report, _text = round_trip(amap)
    assert same_tree(amap, back)
    assert back_report.lines() == []
    assert not [line for line in report.lines() if "argument" in line or "assessment" in line]


def test_the_canteen_sample_keeps_its_arguments_and_undercuts():
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "argdown" / "canteen-meat.argdown"
    report = LossReport()
    amap = parse_argdown(path.read_bytes(), path.name, report)
    ids = amap.by_id()
    arguments = {n.text: n for n in amap.nodes if n.kind is Kind.ARGUMENT}
    assert len(arguments) == 3
    tiny = "Two hundred meals a day make no difference to the town's emissions."
    # undercut from an argument (`_>`) and under a conclusion (`<_ <…>`): both reach inferences
    assert sorted(ids[n.parent].text for n in amap.nodes if n.text == tiny) == [
        "Meat dishes are part of the local food culture.",
        "Meat in the canteen adds to the town's emissions."]
    assert all(n.kind is Kind.OBJECTION for n in amap.nodes if n.text == tiny)
    climate = arguments["Meat in the canteen adds to the town's emissions."]
    assert ids[climate.parent].text == "The canteen should serve less meat."  # its conclusion
    assert climate.assessment == 0.3
    assert {n.text: n.assessment for n in amap.nodes}["The canteen should keep serving meat."] == 0.6
    assert not [line for line in report.lines() if "undercut" in line or "front matter" in line]


def test_a_multi_step_argument_keeps_each_step_as_an_argument():
    text = ("<Proof>: Design shows a designer.\n\n"
            "(1) The world seems designed.\n(2) Design is best explained by a designer.\n"
            "-----\n  <_ [Evolution]: Evolution explains the design too.\n"
            "(3) A designer exists.\n  <_ [Many]: There could be many designers.\n"
            "(4) The only possible designer is God.\n-----\n(5) God exists.\n")
    report = LossReport()
    amap = parse_argdown(text.encode(), "m.argdown", report)
    tree = [(d, n.kind.value, n.text) for n, d in amap.preorder()]
    # as the CLI reads it: both undercuts aim at the first inference (conclusionIndex 2)
    assert tree == [(0, "claim", "God exists."),
                    (1, "argument", "Design shows a designer."),
                    (2, "claim", "A designer exists."),
                    (3, "argument", "Proof: step 1 of 2"),
                    (4, "claim", "The world seems designed."),
                    (4, "claim", "Design is best explained by a designer."),
                    (4, "objection", "Evolution explains the design too."),
                    (4, "objection", "There could be many designers."),
                    (2, "claim", "The only possible designer is God.")]
    assert not [line for line in report.lines() if "conclusion" in line]


@pytest.mark.parametrize("text", [":\x1f:", ".\x1c.", "a :\x1e: b"])
def test_a_special_character_name_javascript_reads_is_escaped(text):
    """Python's \\s also matches U+001C-U+001F, JavaScript's (the CLI's, the lexer's) does not:
    `:\\x1f:` is a special-character name to Argdown and must be written escaped."""
    amap = new_map("m", [Node(id="c", kind=Kind.CLAIM, text="root"),
                         Node(id="p", parent="c", kind=Kind.CLAIM, text=text)])
    back, _report, back_report, _text = round_trip(amap)
    assert same_tree(amap, back)
    assert back_report.lines() == []
