"""Strength (DF-QuAD), base, standing and why: the definitions, hand-computed maps, and the
properties the issue asks for on random maps."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.core.evaluate import Evaluation, aggregate, combine
from tests.core.evaluate_maps import R, children, maps, reference, to_map, without_subtree

TOL = 1e-12


# -- the paper's two functions ----------------------------------------------------------------
def test_aggregation_is_one_minus_the_product_of_complements():
    assert aggregate([]) == 0.0
    assert aggregate([0.3]) == pytest.approx(0.3)
    assert aggregate([0.6, 0.5]) == pytest.approx(0.8)
    assert aggregate([0.5, 0.5, 0.5]) == pytest.approx(0.875)
    assert aggregate([1.0, 0.2]) == 1.0


@pytest.mark.parametrize(("v0", "va", "vs", "expected"), [
    (0.5, 0.0, 0.0, 0.5),  # nothing for or against: the base score
    (0.8, 0.5, 0.0, 0.4),  # attack only: v0·(1 − va)
    (0.2, 0.0, 0.5, 0.6),  # support only: v0 + (1 − v0)·vs
    (0.6, 0.7, 0.7, 0.6),  # balance: equal attack and support leave the base
    (0.6, 0.9, 0.3, 0.24),  # attack wins by 0.6: lose 60 % of v0
    (0.6, 0.3, 0.9, 0.84),  # support wins by 0.6: gain 60 % of the room above v0
    (0.7, 1.0, 0.0, 0.0),  # a certain attacker, no support: 0
    (0.3, 0.0, 1.0, 1.0),  # a certain supporter, no attack: 1
])
def test_combination_function(v0, va, vs, expected):
    assert combine(v0, va, vs) == pytest.approx(expected)


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_combination_is_continuous_at_the_switch_and_stays_in_range(v0, va, vs):
    """DF-QuAD's point against QuAD: no jump where attack and support are equal."""
    assert 0.0 <= combine(v0, va, vs) <= 1.0
    assert combine(v0, va, va) == pytest.approx(v0)
    eps = 1e-9
    assert abs(combine(v0, va + eps, va) - combine(v0, va, va + eps)) < 1e-8


# -- hand-computed maps ----------------------------------------------------------------------
THESIS = [
    R("t", None, "claim"),
    R("e", "t", "evidence", 0.8),
    R("o", "t", "objection", 0.6, order=1),
    R("r", "o", "rebuttal", 0.9),
    R("arg", "t", "argument", polarity="supports", order=2),
    R("p1", "arg", "claim", 0.9),
    R("p2", "arg", "evidence", 0.7, order=1),
    R("u", "arg", "objection", 0.5, order=2),
]


def three(ev: Evaluation, node_id: str) -> str:
    return f"{ev.strength(node_id):.3f}"


def test_a_hand_computed_map():
    ev = Evaluation(THESIS)
    # o: 0.6 attacked by r (0.9): 0.6·(1 − 0.9) = 0.060
    assert three(ev, "o") == "0.060"
    # arg: weakest premise 0.7, unassessed inference (×1), undercut 0.5: 0.7·0.5 = 0.350
    assert (f"{ev.base('arg'):.3f}", three(ev, "arg")) == ("0.700", "0.350")
    # t: vs = 1 − (1 − 0.8)(1 − 0.35) = 0.87, va = 0.06: 0.5 + 0.5·(0.87 − 0.06) = 0.905
    assert (f"{ev.base('t'):.3f}", three(ev, "t")) == ("0.500", "0.905")
    assert {n.id: ev.stands(n.id) for n in THESIS} == {
        "t": True, "e": True, "o": False, "r": True,
        "arg": False, "p1": True, "p2": True, "u": True}


def test_an_assessed_attacking_argument():
    nodes = [
        R("c", None, "claim", 0.7),
        R("a", "c", "argument", 0.5, "attacks"),
        R("p", "a", "claim", 0.8),
        R("q", "a", "evidence", 0.6),
    ]
    ev = Evaluation(nodes)
    # base of a: weakest premise 0.6 × its own assessment 0.5 = 0.3; c: 0.7·(1 − 0.3) = 0.49
    assert (f"{ev.base('a'):.3f}", three(ev, "a"), three(ev, "c")) == ("0.300", "0.300", "0.490")
    assert (ev.stands("a"), ev.stands("c")) == (True, False)


def test_premises_are_not_supporters_of_the_arguments_parent():
    nodes = [R("c", None, "claim"), R("a", "c", "argument", polarity="supports"),
             R("p", "a", "claim", 0.9), R("q", "a", "claim", 0.9)]
    ev = Evaluation(nodes)
    # One supporter of strength 0.9 (the argument), not three: 0.5 + 0.5·0.9 = 0.95
    assert three(ev, "c") == "0.950"
    assert [entry.node_id for entry in ev.why("c").children] == ["a"]


def test_a_rebutted_objection_no_longer_makes_its_parent_fall():
    attacked = [R("t", None, "claim"), R("o", "t", "objection")]
    assert not Evaluation(attacked).stands("t")
    rebutted = [*attacked, R("r", "o", "rebuttal")]
    ev = Evaluation(rebutted)
    assert (ev.stands("t"), ev.stands("o"), ev.stands("r")) == (True, False, True)
    # ...until the rebuttal is itself answered by an objection that stands
    answered = Evaluation([*rebutted, R("x", "r", "objection")])
    assert (answered.stands("t"), answered.stands("o"), answered.stands("r")) == (False, True, False)


def test_an_argument_falls_with_a_premise_and_stands_when_its_undercut_falls():
    nodes = [R("t", None, "claim"), R("a", "t", "argument", polarity="attacks"),
             R("p", "a", "claim"), R("u", "a", "objection", order=1)]
    assert Evaluation(nodes).stands("t")  # the undercut stands, so the attack fails
    rebut_u = [*nodes, R("ru", "u", "rebuttal")]
    assert not Evaluation(rebut_u).stands("t")  # undercut answered: the argument stands
    sink_p = [*rebut_u, R("op", "p", "objection")]
    ev = Evaluation(sink_p)
    assert (ev.stands("p"), ev.stands("a"), ev.stands("t")) == (False, False, True)


def test_why_lists_children_by_absolute_impact_with_the_base():
    why = Evaluation(THESIS).why("t")
    assert (f"{why.base:.3f}", f"{why.strength:.3f}") == ("0.500", "0.905")
    # without e: vs = 0.35 → 0.5 + 0.5·0.29 = 0.645, impact +0.260;
    # without arg: vs = 0.8 → 0.87, impact +0.035; without o: va = 0 → 0.935, impact −0.030
    assert [(c.node_id, f"{c.strength:.3f}", f"{c.impact:+.3f}") for c in why.children] == [
        ("e", "0.800", "+0.260"), ("arg", "0.350", "+0.035"), ("o", "0.060", "-0.030")]


def test_a_deep_chain_is_evaluated_without_recursion():
    depth = 20_000  # far past Python's recursion limit
    nodes = [R("n0", None, "claim", 0.9)]
    nodes += [R(f"n{i}", f"n{i - 1}", "objection" if i % 2 else "claim", 0.9) for i in range(1, depth)]
    ev = Evaluation(nodes[::-1])  # children before parents: the breadth-first path
    assert ev.stands("n0") == reference(nodes)["n0"][1]
    assert ev.strength("n0") == pytest.approx(reference(nodes)["n0"][0], abs=TOL)


# -- properties on random maps ---------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(maps())
def test_matches_the_plain_definition(nodes):
    ev = Evaluation(nodes)
    for node_id, (strength, stands) in reference(nodes).items():
        assert ev.strength(node_id) == pytest.approx(strength, abs=TOL)
        assert 0.0 <= ev.strength(node_id) <= 1.0
        assert ev.stands(node_id) is stands


@settings(max_examples=200, deadline=None)
@given(maps())
def test_an_unattacked_unsupported_node_keeps_its_assessment(nodes):
    ev = Evaluation(nodes)
    kids = children(nodes)
    for node in nodes:
        if node.id not in kids:
            expected = 0.5 if node.assessment is None else node.assessment
            assert ev.strength(node.id) == expected == ev.base(node.id)


@settings(max_examples=300, deadline=None)
@given(maps(), st.data())
def test_a_supporter_never_lowers_and_an_attacker_never_raises_its_parent(nodes, data):
    by_id = {n.id: n for n in nodes}
    roles = [n for n in nodes[1:] if not (by_id[n.parent].kind == "argument"
                                         and n.kind in ("claim", "evidence"))]
    if not roles:
        return
    child = data.draw(st.sampled_from(roles))
    with_it = Evaluation(nodes).strength(child.parent)
    without = Evaluation(without_subtree(nodes, child.id)).strength(child.parent)
    if child.kind in ("objection", "rebuttal") or child.polarity == "attacks":
        assert with_it <= without + TOL
    else:
        assert with_it >= without - TOL


@settings(max_examples=200, deadline=None)
@given(maps())
def test_impact_is_the_change_from_removing_the_childs_subtree(nodes):
    ev = Evaluation(nodes)
    for node in nodes:
        why = ev.why(node.id)
        assert (why.base, why.strength) == (ev.base(node.id), ev.strength(node.id))
        impacts = [abs(c.impact) for c in why.children]
        assert impacts == sorted(impacts, reverse=True) or all(
            math.isclose(a, b, abs_tol=1e-9) for a, b in zip(impacts, sorted(impacts, reverse=True),
                                                             strict=True))
        for entry in why.children:
            # (Removing an argument's only premise: the argument falls back to its own
            # assessment, as the evaluator does for it too.)
            alone = Evaluation(without_subtree(nodes, entry.node_id)).strength(node.id)
            assert entry.impact == pytest.approx(why.strength - alone, abs=TOL)
            assert entry.strength == ev.strength(entry.node_id)


@settings(max_examples=300, deadline=None)
@given(maps(attack_only=True))
def test_fully_assessed_attack_only_maps_give_the_grounded_labelling(nodes):
    """Rago et al. relate DF-QuAD to abstract argumentation: every base score 1 and no
    supports, and strength is 1 exactly for the nodes that stand and 0 for those that fall."""
    nodes = [n.but(assessment=1.0) for n in nodes]
    ev = Evaluation(nodes)
    for node in nodes:
        assert ev.strength(node.id) == (1.0 if ev.stands(node.id) else 0.0)


@settings(max_examples=100, deadline=None)
@given(maps())
def test_model_nodes_evaluate_like_the_records(nodes):
    """The random maps are valid maps, and the model's Node (Kind enum) reads the same."""
    amap = to_map(nodes)
    ev, plain = Evaluation(amap.nodes), Evaluation(nodes)
    for node in nodes:
        assert (ev.strength(node.id), ev.stands(node.id)) == (plain.strength(node.id),
                                                              plain.stands(node.id))
