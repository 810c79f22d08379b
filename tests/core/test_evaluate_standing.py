"""Standing against an independent oracle: the grounded extension computed by
python-argumentation (py_arg, MIT, a test-only dependency) on the attack relation the
definition in argmap/core/evaluate.py names.

The framework: every map node is an argument. An objection, a rebuttal or an attacking
argument node attacks its parent; an objection under an argument node (an undercut) attacks
the argument. A linked argument needs all its premises: each premise p attacks an auxiliary
argument "p fails", which attacks the argument node, so the argument is in exactly when every
premise is in and no undercut is. Supports add no attack. A node stands iff it is in the
grounded extension.
"""

from __future__ import annotations

from hypothesis import given, settings
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

from argmap.core.evaluate import Evaluation
from tests.core.evaluate_maps import R, maps


def grounded(nodes: list[R]) -> set[str]:
    by_id = {n.id: n for n in nodes}
    args = {n.id: Argument(n.id) for n in nodes}
    attacks: list[Defeat] = []
    for node in nodes:
        if node.parent is None:
            continue
        parent = by_id[node.parent]
        if parent.kind == "argument" and node.kind in ("claim", "evidence"):
            fails = Argument(f"{node.id} fails")
            args[fails.name] = fails
            attacks += [Defeat(args[node.id], fails), Defeat(fails, args[parent.id])]
        elif node.kind in ("objection", "rebuttal") or node.polarity == "attacks":
            attacks.append(Defeat(args[node.id], args[parent.id]))
    af = AbstractArgumentationFramework("map", list(args.values()), attacks)
    return {a.name for a in get_grounded_extension(af)} & set(by_id)


def test_the_oracle_agrees_on_a_rebutted_objection_and_an_undercut():
    nodes = [R("t", None, "claim"), R("o", "t", "objection"), R("r", "o", "rebuttal"),
             R("a", "t", "argument", polarity="attacks"), R("p", "a", "claim"),
             R("u", "a", "objection")]
    assert grounded(nodes) == {"t", "r", "p", "u"}
    ev = Evaluation(nodes)
    assert {n.id for n in nodes if ev.stands(n.id)} == {"t", "r", "p", "u"}


@settings(max_examples=400, deadline=None)
@given(maps(max_nodes=40))
def test_stands_is_membership_of_the_grounded_extension(nodes):
    ev = Evaluation(nodes)
    assert {n.id for n in nodes if ev.stands(n.id)} == grounded(nodes)


@settings(max_examples=100, deadline=None)
@given(maps(max_nodes=40))
def test_assessments_do_not_change_standing(nodes):
    """Standing is the verdict of the attack structure: unassessed maps get one too, and
    the numbers change strength only."""
    ev = Evaluation(nodes)
    unassessed = Evaluation([n.but(assessment=None) for n in nodes])
    assert all(ev.stands(n.id) == unassessed.stands(n.id) for n in nodes)
