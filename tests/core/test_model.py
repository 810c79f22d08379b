from __future__ import annotations

import pytest
from pydantic import ValidationError

from argmap.core.model import (
    MAX_TEXT,
    ArgumentMap,
    Kind,
    Node,
    StructureError,
    allowed_child_kinds,
    check_structure,
    new_map,
)
from tests.helpers import chain, small_map


def _nodes(*specs: tuple[str, str | None, str]) -> list[Node]:
    return [Node(id=i, parent=p, kind=k, text=f"text {i}") for i, p, k in specs]


def test_valid_map_keeps_nodes_and_orders_siblings():
    amap = small_map()
    assert [n.id for n, _ in amap.preorder()] == ["root", "e1", "o1", "r1"]
    assert [d for _, d in amap.preorder()] == [0, 1, 1, 2]


@pytest.mark.parametrize(
    ("specs", "fragment"),
    [
        ((("a", None, "claim"), ("a", None, "claim")), "duplicate id"),
        ((("a", None, "claim"), ("b", "zz", "claim")), "no node has id 'zz'"),
        ((("a", "a", "claim"),), "its own parent"),
        ((("a", None, "objection"),), "a root must be a claim"),
        ((("a", None, "claim"), ("b", "a", "rebuttal")), "rebuttal must answer an objection"),
        ((("r", None, "claim"), ("a", "b", "claim"), ("b", "a", "claim")), "loops back"),
    ],
)
def test_structure_errors_name_the_node(specs, fragment):
    with pytest.raises(StructureError, match=fragment) as info:
        check_structure(_nodes(*specs))
    assert info.value.node_id is not None or "duplicate" in fragment


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_TEXT + 1), "bad \ud800 surrogate", "nul\x00"])
def test_text_bounds(text):
    with pytest.raises(ValidationError):
        Node(id="a", kind="claim", text=text)


def test_text_is_trimmed_and_unknown_fields_rejected():
    assert Node(id="a", kind="claim", text="  hi \n").text == "hi"
    with pytest.raises(ValidationError, match="Extra inputs"):
        Node(id="a", kind="claim", text="x", colour="red")


def test_multiline_title_rejected():
    with pytest.raises(ValidationError, match="single line"):
        new_map("two\nlines")


def test_deep_chain_validates_iteratively():
    amap = chain(5000)
    assert len(amap.nodes) == 5001
    assert max(d for _, d in amap.preorder()) == 5000


def test_long_cycle_is_found_without_recursion():
    n = 6000
    nodes = [Node(id="r", kind="claim", text="root")]
    nodes += [Node(id=f"c{i}", parent=f"c{(i + 1) % n}", kind="claim", text="t") for i in range(n)]
    with pytest.raises(StructureError, match="loops back"):
        check_structure(nodes)


@pytest.mark.slow
def test_hundred_thousand_nodes_load():
    nodes = [Node(id="root", kind="claim", text="root")]
    nodes += [
        Node(id=f"n{i}", parent="root" if i < 100 else f"n{i // 100 - 1}", order=i,
             kind="evidence", text="t")
        for i in range(100_000)
    ]
    assert len(new_map("big", nodes).nodes) == 100_001


def test_canonical_renumbers_orders_and_is_idempotent():
    nodes = [Node(id="r", kind="claim", text="r"),
             Node(id="b", parent="r", order=50, kind="claim", text="b"),
             Node(id="a", parent="r", order=7, kind="claim", text="a")]
    canon = new_map("t", nodes).canonical()
    assert [(n.id, n.order) for n in canon.nodes] == [("r", 0), ("a", 0), ("b", 1)]
    assert canon.canonical() == canon


def test_kind_rules_for_new_children():
    assert allowed_child_kinds(None) == (Kind.CLAIM,)
    assert Kind.REBUTTAL in allowed_child_kinds(Kind.OBJECTION)
    assert Kind.REBUTTAL not in allowed_child_kinds(Kind.CLAIM)


def test_model_is_immutable():
    amap = small_map()
    with pytest.raises(ValidationError):
        amap.nodes[0].text = "changed"  # type: ignore[misc]
    assert isinstance(amap, ArgumentMap)


# -- argument nodes and assessments (format version 2) ---------------------------------------
def test_an_argument_node_needs_a_polarity_and_no_other_kind_has_one():
    import pydantic

    from argmap.core.model import Node
    with pytest.raises(pydantic.ValidationError, match="an argument node needs one"):
        Node(id="a", parent="r", kind="argument", text="a")
    with pytest.raises(pydantic.ValidationError, match="only an argument node has one"):
        Node(id="c", parent="r", kind="claim", polarity="supports", text="c")
    assert Node(id="a", parent="r", kind="argument", polarity="attacks", text="a").attacks
    assert not Node(id="a", parent="r", kind="argument", polarity="supports", text="a").attacks
    assert Node(id="o", parent="r", kind="objection", text="o").attacks


@pytest.mark.parametrize("value", [-0.01, 1.01, True, "0.5", float("nan"), float("inf")])
def test_assessments_outside_zero_to_one_are_refused(value):
    import pydantic

    from argmap.core.model import Node
    with pytest.raises(pydantic.ValidationError, match="assessment"):
        Node(id="c", kind="claim", text="c", assessment=value)


def test_an_assessment_is_a_float_and_negative_zero_is_zero():
    from argmap.core.model import Node
    assert Node(id="c", kind="claim", text="c", assessment=1).assessment == 1.0
    assert str(Node(id="c", kind="claim", text="c", assessment=-0.0).assessment) == "0.0"


def test_may_hold_states_the_kind_rules_for_existing_nodes():
    from argmap.core.model import Kind, allowed_child_kinds, may_hold
    assert not may_hold(None, Kind.ARGUMENT)
    assert not may_hold(Kind.ARGUMENT, Kind.ARGUMENT)
    assert not may_hold(Kind.ARGUMENT, Kind.REBUTTAL)
    for kind in (Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION, Kind.REBUTTAL):
        assert may_hold(kind, Kind.ARGUMENT)
    assert set(allowed_child_kinds(Kind.ARGUMENT)) == {Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION}
    assert Kind.ARGUMENT not in allowed_child_kinds(Kind.CLAIM)  # never created empty
