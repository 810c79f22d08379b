"""AIF's S-nodes as argmap links and argument nodes (no Qt): the import's one policy for RA, CA
and MA nodes, documented in docs/interchange.md.

* An RA or CA **becomes an argument node** (supports for RA, attacks for CA) when it holds
  several I-node premises (a linked argument), when argmap's own export marked it as one, or
  when another RA/CA aims at it. Its premises are its children and its first conclusion its
  parent. Further conclusions get its premises one by one (counted).
* An RA/CA with one premise that aims at an argument node's S-node is an **undercut** (CA: an
  objection under that argument) or a support of the inference (RA: one more premise of it,
  counted).
* Anything else keeps the old policy: each premise is a child of each conclusion, and a
  relation aimed at an S-node that is not an argument node (an MA, an undercut, an inference
  without premises) targets that S-node's first premise (counted); so does a linked RA/CA
  aimed at an inference, as an argument node, since no argument sits directly under another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.core.model import Polarity
from argmap.formats.graph_tree import Link

SCHEMES = frozenset({"RA", "CA", "MA"})
INFERENCES = frozenset({"RA", "CA"})


@dataclass
class SchemeLinks:
    """What the S-nodes of one AIF graph become."""

    links: list[Link] = field(default_factory=list)
    #: S-node id -> polarity, for the RA/CA nodes that become argument nodes (file order).
    arguments: dict[str, Polarity] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("MA", "on_RA", "on_CA", "unresolved", "several", "inference_support"), 0))


def scheme_links(types: dict[str, str], into: dict[str, list[str]], out_of: dict[str, list[str]],
                 marked: set[str]) -> SchemeLinks:
    """child -> parent links between I-nodes and argument nodes; linear in nodes and edges.
    `marked`: S-nodes argmap's export wrote for an argument node."""
    out = SchemeLinks()
    counts = out.counts
    premises = {s: list(dict.fromkeys(p for p in into.get(s, ()) if types.get(p) == "I"))
                for s, kind in types.items() if kind in SCHEMES}

    def first_premise(node: str) -> str | None:
        found = premises.get(node)
        return found[0] if found else None

    def resolves(target: str) -> bool:
        return types.get(target) == "I" or first_premise(target) is not None

    viable = [s for s, kind in types.items() if kind in INFERENCES and premises[s]
              and any(resolves(t) for t in out_of.get(s, ()))]
    own = {s for s in viable if len(premises[s]) > 1 or s in marked}
    aiming = {s for s in viable if any(types.get(t) in SCHEMES for t in out_of.get(s, ()))}
    # Aimed at by a one-premise RA/CA, which then hangs under it. An undercut stays one even
    # when it is itself attacked: its attacker then targets its premise (counted), since an
    # argument node aimed at an inference could only hang under that inference's premise.
    targeted = {t for s in viable if s not in own for t in out_of.get(s, ())
                if types.get(t) in INFERENCES and (t in own or t not in aiming)}
    for s in viable:
        if s in own or s in targeted:
            out.arguments[s] = "attacks" if types[s] == "CA" else "supports"

    for s, kind in types.items():
        if kind not in SCHEMES:
            continue
        attack = kind == "CA"
        sources = premises[s]
        targets: list[str] = []
        for t in out_of.get(s, ()):
            if types.get(t) == "I" or (t in out.arguments and s not in out.arguments):
                targets.append(t)  # a conclusion, or the argument this one undercuts
                counts["inference_support"] += t in out.arguments and kind != "CA"
                continue
            counts["on_RA"] += types.get(t) == "RA"
            counts["on_CA"] += types.get(t) in ("CA", "MA")
            r = first_premise(t) if types.get(t) in SCHEMES else None
            if r:
                targets.append(r)
        if not sources or not targets:
            counts["unresolved"] += 1
            continue
        counts["MA"] += kind == "MA"
        if s in out.arguments:
            out.links.append(Link(s, targets[0], attack))
            out.links.extend(Link(p, s, attack=False) for p in sources)
            counts["several"] += len(targets) > 1
            targets = targets[1:]
        for target in targets:
            for source in sources:
                if source != target:
                    out.links.append(Link(source, target, attack))
    return out
