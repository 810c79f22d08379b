"""Property tests: random edit scripts on two copies of random maps, then merge.

Never an invalid map, never a lost node that either side changed, the same bytes every
time, the same map whichever side is "ours" when nothing conflicts, and merging a version
with itself (or with an untouched base) changes nothing. The maps hold argument nodes
(linked premises, undercuts) and assessments, and the edits link, unlink, flip polarity and
assess, as the editor will.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.model import ArgumentMap, Kind, allowed_child_kinds
from argmap.teams.fields import record
from argmap.teams.merge import merge_maps
from tests.teams.maps import STAMP, make, remove

TEXTS = ["alpha", "beta", "gamma", "delta"]
ASSESSMENTS = [None, None, 0.0, 0.25, 0.5, 1.0]
POLARITIES = ["supports", "attacks"]
PROPS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def random_map(rng: random.Random) -> ArgumentMap:
    rows: list[tuple[str, str | None, str, str]] = [("n0", None, "claim", "root")]
    kinds = {"n0": Kind.CLAIM}
    for i in range(1, rng.randint(1, 10)):
        if rng.random() < 0.1:
            rows.append((f"n{i}", None, "claim", rng.choice(TEXTS)))
            kinds[f"n{i}"] = Kind.CLAIM
            continue
        parent = rng.choice(rows)[0]
        if kinds[parent] is not Kind.ARGUMENT and rng.random() < 0.2:
            kinds[f"n{i}"] = Kind.ARGUMENT  # an argument and its first premise
            rows.append((f"n{i}", parent, "argument", rng.choice(TEXTS)))
            kinds[f"n{i}p"] = rng.choice([Kind.CLAIM, Kind.EVIDENCE])
            rows.append((f"n{i}p", f"n{i}", kinds[f"n{i}p"].value, rng.choice(TEXTS)))
            continue
        kind = rng.choice(allowed_child_kinds(kinds[parent]))
        kinds[f"n{i}"] = kind
        rows.append((f"n{i}", parent, kind.value, rng.choice(TEXTS)))
    amap = make(rows, title="random", polarity=lambda _id: rng.choice(POLARITIES))
    return amap.model_copy(update={"nodes": tuple(
        n.model_copy(update={"assessment": rng.choice(ASSESSMENTS)}) for n in amap.nodes)})


def _try(amap: ArgumentMap, nodes: list[dict[str, Any]]) -> ArgumentMap:
    try:
        return ArgumentMap.model_validate({"info": amap.info.model_dump(), "nodes": nodes})
    except ValidationError:
        return amap  # the edit broke a rule: the editor would have refused it


def edit(amap: ArgumentMap, rng: random.Random, side: str) -> ArgumentMap:
    """One random edit of the kinds the editor makes; refused edits leave the map as is."""
    if not amap.nodes:
        return make([(f"{side}-root", None, "claim", "fresh")], title="random")
    nodes = [n.model_dump() for n in amap.nodes]
    target = rng.choice(nodes)
    op = rng.choice([0, 0, 1, 2, 3, 3, 3, 4, 4, 4, 4, 5, 6, 7, 8, 8, 9, 10])
    if op >= 7:
        return _argument_edit(amap, nodes, target, op, rng, side)
    if op == 0:  # add a child (sometimes with an id the other side may also pick)
        new_id = rng.choice([f"{side}{rng.randrange(10**6)}", f"both{rng.randrange(3)}"])
        if new_id in {n["id"] for n in nodes}:
            return amap
        kind = rng.choice(allowed_child_kinds(Kind(target["kind"])))
        nodes.append({"id": new_id, "parent": target["id"], "order": rng.randrange(6),
                      "kind": kind.value, "text": rng.choice(TEXTS)})
        return _try(amap, nodes)
    if op == 1:  # the editor refuses to delete an argument's last premise
        return _try(amap, [n.model_dump() for n in remove(amap, target["id"]).nodes])
    if op == 2:
        target["text"] = rng.choice([*TEXTS, f"{side} text"])
    elif op == 3:
        target["kind"] = rng.choice(list(Kind)).value
        target["polarity"] = rng.choice(POLARITIES) if target["kind"] == "argument" else None
    elif op == 4:
        target["parent"] = rng.choice([None, *(n["id"] for n in nodes)])
    elif op == 5:
        target["order"] = rng.randrange(6)
    else:
        target["source"] = {"url": rng.choice(["", "u1", f"u-{side}"]), "title": rng.choice(["", "t"])}
    return _try(amap, nodes)


def _argument_edit(amap: ArgumentMap, nodes: list[dict[str, Any]], target: dict[str, Any],
                   op: int, rng: random.Random, side: str) -> ArgumentMap:
    """7: assess; 8: link target and maybe a sibling into a new argument; 9: unlink an
    argument (its children go to its parent); 10: flip an argument's polarity."""
    if op == 7:
        target["assessment"] = rng.choice(ASSESSMENTS)
    elif op == 8:
        if target["parent"] is None:
            return amap
        siblings = [n for n in nodes if n["parent"] == target["parent"] and n is not target
                    and n["kind"] in ("claim", "evidence")]
        new_id = rng.choice([f"{side}a{rng.randrange(10**6)}", f"botharg{rng.randrange(2)}"])
        if new_id in {n["id"] for n in nodes}:
            return amap
        nodes.append({"id": new_id, "parent": target["parent"], "order": target["order"],
                      "kind": "argument", "polarity": rng.choice(POLARITIES),
                      "text": rng.choice(TEXTS)})
        for node in [target, *rng.sample(siblings, min(len(siblings), rng.randint(0, 2)))]:
            node["parent"] = new_id
    elif op == 9:
        arguments = [n for n in nodes if n["kind"] == "argument"]
        if not arguments:
            return amap
        gone = rng.choice(arguments)
        nodes = [n for n in nodes if n is not gone]
        for node in nodes:
            if node["parent"] == gone["id"]:
                node["parent"] = gone["parent"]
    elif target["kind"] == "argument":
        target["polarity"] = "attacks" if target["polarity"] == "supports" else "supports"
    return _try(amap, nodes)


def edited(amap: ArgumentMap, rng: random.Random, side: str) -> ArgumentMap:
    for _ in range(rng.randint(0, 8)):
        amap = edit(amap, rng, side)
    stamp = STAMP.replace(day=rng.randint(1, 28))
    return amap.model_copy(update={"info": amap.info.model_copy(update={"modified": stamp})})


def changed_nodes(base: ArgumentMap, side: ArgumentMap) -> set[str]:
    old = {n.id: record(n) for n in base.nodes}
    return {n.id for n in side.nodes if old.get(n.id) != record(n)}


def bytes_of(amap: ArgumentMap) -> bytes:
    return dumps_map(amap.model_copy(update={"info": amap.info.model_copy(update={"modified": STAMP})}))


@PROPS
@given(st.randoms(use_true_random=False))
def test_merge_is_valid_keeps_changes_and_is_deterministic(rng: random.Random):
    base = random_map(rng)
    ours, theirs = edited(base, rng, "o"), edited(base, rng, "t")
    result = merge_maps(base, ours, theirs)
    merged = result.merged
    assert parse_map(dumps_map(merged)) == merged  # valid through the strict reader
    kept = set(merged.by_id())
    assert changed_nodes(base, ours) | changed_nodes(base, theirs) <= kept
    assert set(ours.by_id()) & set(theirs.by_id()) <= kept
    assert kept <= set(ours.by_id()) | set(theirs.by_id())
    assert dumps_map(merge_maps(base, ours, theirs).merged) == dumps_map(merged)
    assert merged.info.modified == max(ours.info.modified, theirs.info.modified)
    swapped = merge_maps(base, theirs, ours)
    assert bool(result.conflicts) == bool(swapped.conflicts)
    if not result.conflicts:
        assert dumps_map(swapped.merged) == dumps_map(merged)
        texts = {n.id: n.text for n in merged.nodes}
        for node in ours.nodes:  # a field only one side changed takes that side's value
            if node.id in theirs.by_id() and node.id in base.by_id():
                was = base.by_id()[node.id].text
                if node.text != was:
                    assert texts[node.id] == node.text


@PROPS
@given(st.randoms(use_true_random=False))
def test_merging_a_version_with_itself_changes_nothing(rng: random.Random):
    base = random_map(rng)
    mine = edited(base, rng, "o")
    for result in (merge_maps(base, mine, mine), merge_maps(mine, mine, mine),
                   merge_maps(base, mine, base), merge_maps(base, base, mine)):
        assert result.clean
        assert bytes_of(result.merged) == bytes_of(mine)
