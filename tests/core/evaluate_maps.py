"""Random valid maps for the evaluation tests, and a plain reference evaluator.

Nodes here are small records with what evaluation reads (id, parent, order, kind, polarity,
assessment), built to the model's rules: one root claim; a rebuttal under an objection; an
argument node (never under another argument) with at least one premise (a claim or evidence
child) and a polarity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import strategies as st

from argmap.core.evaluate import UNASSESSED, aggregate, combine

KINDS = ("claim", "evidence", "objection", "rebuttal", "argument")


@dataclass(frozen=True)
class R:
    id: str
    parent: str | None
    kind: str
    assessment: float | None = None
    polarity: str | None = None
    order: int = 0

    def but(self, **changes: object) -> R:
        return replace(self, **changes)  # type: ignore[arg-type]


def child_kinds(parent_kind: str) -> tuple[str, ...]:
    if parent_kind == "argument":
        return ("claim", "evidence", "objection")
    if parent_kind == "objection":
        return ("claim", "evidence", "objection", "rebuttal", "argument")
    return ("claim", "evidence", "objection", "argument")


assessments = st.one_of(st.none(), st.floats(0.0, 1.0), st.sampled_from([0.0, 0.5, 1.0]))
polarities = st.sampled_from(["supports", "attacks"])


@st.composite
def maps(draw: st.DrawFn, max_nodes: int = 30, attack_only: bool = False) -> list[R]:
    """A valid map in pre-order-ish creation order (each parent before its children).
    attack_only: no supporters anywhere (objections, rebuttals, attacking arguments with
    their premises), the setting of DF-QuAD's correspondence with grounded semantics."""
    nodes = [R("n0", None, "claim", draw(assessments))]
    size = draw(st.integers(1, max_nodes))
    while len(nodes) < size:
        parent = nodes[draw(st.integers(0, len(nodes) - 1))]
        kinds = child_kinds(parent.kind)
        if attack_only:
            kinds = tuple(k for k in kinds if k in ("objection", "rebuttal", "argument")
                          or (parent.kind == "argument" and k in ("claim", "evidence")))
        kind = draw(st.sampled_from(kinds))
        node_id = f"n{len(nodes)}"
        polarity = None
        if kind == "argument":
            polarity = "attacks" if attack_only else draw(polarities)
        nodes.append(R(node_id, parent.id, kind, draw(assessments), polarity,
                       draw(st.integers(0, 3))))
        if kind == "argument":  # its first premise comes with it
            nodes.append(R(f"n{len(nodes)}", node_id, draw(st.sampled_from(["claim", "evidence"])),
                           draw(assessments), None, draw(st.integers(0, 3))))
    return nodes


def children(nodes: list[R]) -> dict[str | None, list[R]]:
    out: dict[str | None, list[R]] = {}
    for node in nodes:
        out.setdefault(node.parent, []).append(node)
    return out


def reference(nodes: list[R]) -> dict[str, tuple[float, bool]]:
    """Strength and standing of every node, straight from the definitions (children first
    by depth, through the public `aggregate` and `combine`): what the fast code must equal."""
    by_id = {n.id: n for n in nodes}
    kids = children(nodes)
    depth: dict[str, int] = {}
    for node in nodes:
        chain = []
        current: R | None = node
        while current is not None and current.id not in depth:
            chain.append(current)
            current = by_id.get(current.parent) if current.parent else None
        d = -1 if current is None else depth[current.id]
        for item in reversed(chain):
            d += 1
            depth[item.id] = d
    out: dict[str, tuple[float, bool]] = {}
    for node in sorted(nodes, key=lambda n: -depth[n.id]):
        mine = kids.get(node.id, [])
        if node.kind == "argument":
            premises = [k for k in mine if k.kind in ("claim", "evidence")]
            others = [k for k in mine if k.kind not in ("claim", "evidence")]
        else:
            premises, others = [], mine
        attackers = [k for k in others if k.kind in ("objection", "rebuttal")
                     or k.polarity == "attacks"]
        supporters = [k for k in others if k not in attackers]
        if premises:
            weakest = min(out[p.id][0] for p in premises)
            base = weakest * (1.0 if node.assessment is None else node.assessment)
        else:
            base = UNASSESSED if node.assessment is None else node.assessment
        strength = combine(base, aggregate(out[k.id][0] for k in attackers),
                           aggregate(out[k.id][0] for k in supporters))
        stands = (not any(out[k.id][1] for k in attackers)
                  and all(out[p.id][1] for p in premises))
        out[node.id] = (strength, stands)
    return out


def subtree(nodes: list[R], top: str) -> set[str]:
    kids = children(nodes)
    found, stack = set(), [top]
    while stack:
        node_id = stack.pop()
        found.add(node_id)
        stack.extend(k.id for k in kids.get(node_id, []))
    return found


def without_subtree(nodes: list[R], top: str) -> list[R]:
    gone = subtree(nodes, top)
    return [n for n in nodes if n.id not in gone]


def to_map(nodes: list[R]):
    """The same map as real, validated model nodes (the model's rules hold for these maps)."""
    from argmap.core.model import Node, new_map

    return new_map("evaluated", [
        Node(id=n.id, parent=n.parent, order=n.order, kind=n.kind, text=f"node {n.id}",
             assessment=n.assessment, polarity=n.polarity) for n in nodes])
