"""Evaluation.update after each edit of a random edit script equals evaluating the edited
map from scratch; it reports every node whose value changed; it touches only ancestors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.core.evaluate import Evaluation
from argmap.core.model import StructureError
from tests.core.evaluate_maps import KINDS, R, assessments, maps, polarities, subtree, to_map

TOL = 1e-12


def _valid(nodes: list[R]) -> bool:
    try:
        to_map(nodes)
    except (StructureError, ValidationError):
        return False
    return True


@st.composite
def edit(draw: st.DrawFn, current: dict[str, R], fresh: int) -> tuple[dict[str, R], set[str]]:
    """One edit (maybe refused by the model: then no edit): the new nodes by id and the ids
    it touched, as an editor would report them."""
    nodes = list(current.values())
    target = draw(st.sampled_from(nodes))
    op = draw(st.sampled_from(["assess", "add", "delete", "move", "kind", "polarity"]))
    after = dict(current)
    touched = {target.id}
    if op == "assess":
        after[target.id] = target.but(assessment=draw(assessments))
    elif op == "add":
        kind = draw(st.sampled_from(KINDS))
        new = R(f"x{fresh}", target.id, kind, draw(assessments),
                draw(polarities) if kind == "argument" else None, draw(st.integers(0, 3)))
        after[new.id] = new
        touched = {new.id}
        if kind == "argument":
            premise = R(f"x{fresh}p", new.id, draw(st.sampled_from(["claim", "evidence"])))
            after[premise.id] = premise
            touched.add(premise.id)
    elif op == "delete" and target.parent is not None:  # the map keeps its root
        for node_id in subtree(nodes, target.id):
            del after[node_id]
    elif op == "move":
        after[target.id] = target.but(parent=draw(st.sampled_from(nodes)).id)
    elif op == "kind":
        kind = draw(st.sampled_from(KINDS))
        polarity = draw(polarities) if kind == "argument" else None
        after[target.id] = target.but(kind=kind, polarity=polarity)
    elif target.kind == "argument":
        after[target.id] = target.but(polarity=draw(polarities))
    if not _valid(list(after.values())):
        return current, set()
    return after, touched


def _values(ev: Evaluation, ids) -> dict[str, tuple[float, bool]]:
    return {i: (ev.strength(i), ev.stands(i)) for i in ids}


@settings(max_examples=150, deadline=None)
@given(maps(max_nodes=25), st.data())
def test_update_equals_from_scratch_on_random_edit_scripts(nodes, data):
    current = {n.id: n for n in nodes}
    ev = Evaluation(nodes)
    for step in range(data.draw(st.integers(1, 25))):
        before = _values(ev, current)
        current, touched = data.draw(edit(current, step))
        changed = ev.update(touched, current)
        scratch = Evaluation(list(current.values()))
        for node_id in current:
            assert ev.strength(node_id) == pytest.approx(scratch.strength(node_id), abs=TOL)
            assert ev.stands(node_id) == scratch.stands(node_id)
            assert ev.base(node_id) == pytest.approx(scratch.base(node_id), abs=TOL)
            old = before.get(node_id)
            if old is None or old[1] != ev.stands(node_id) or abs(old[0] - ev.strength(node_id)) > TOL:
                assert node_id in changed
        assert changed <= set(current)
        assert all(node_id in ev for node_id in current)
        assert not any(node_id in ev for node_id in set(before) - set(current))


def test_an_assessment_recomputes_only_the_ancestors_and_stops_where_nothing_changes():
    # t ← o ← r, and a far branch t ← e ← c: assessing r changes r, o and t, nothing else
    nodes = [R("t", None, "claim"), R("o", "t", "objection"), R("r", "o", "rebuttal"),
             R("e", "t", "evidence", order=1), R("c", "e", "claim")]
    ev = Evaluation(nodes)
    current = {n.id: n for n in nodes}
    current["r"] = current["r"].but(assessment=0.9)
    recomputed: list[str] = []
    original = ev._recompute

    def spy(i: int) -> bool:
        recomputed.append(ev._id(i))
        return original(i)

    ev._recompute = spy  # type: ignore[method-assign]
    assert ev.update(["r"], current) == {"r", "o", "t"}
    assert recomputed == ["r", "o", "t"]
    # An objection that already counts for nothing: strengthening its own attacker changes
    # its strength (0 stays 0) no further, so the walk stops there.
    nodes = [R("t", None, "claim"), R("o", "t", "objection", 0.0), R("r", "o", "rebuttal", 0.2)]
    ev = Evaluation(nodes)
    recomputed.clear()
    original = ev._recompute
    ev._recompute = spy  # type: ignore[method-assign]
    current = {n.id: n for n in nodes}
    current["r"] = current["r"].but(assessment=0.4)
    assert ev.update(["r"], current) == {"r"}
    assert recomputed == ["r", "o"]
