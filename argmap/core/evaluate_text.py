"""What `argmap evaluate` prints: tab-separated lines, numbers to three decimals."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.core.evaluate import Evaluation
from argmap.core.model import ArgumentMap


def standing(stands: bool) -> str:
    return "stands" if stands else "falls"


def percent(value: float) -> str:
    """An assessment or a strength as people read it: "75 %"."""
    return f"{value * 100:.0f} %"


def signed(value: float) -> str:
    """+0.125 / -0.250, and 0.000 for what rounds to nothing (never "-0.000")."""
    text = f"{value:+.3f}"
    return "0.000" if text in ("+0.000", "-0.000") else text


def evaluation_lines(amap: ArgumentMap) -> Iterator[str]:
    """One line per node in outline order: id, kind, assessment (empty when not assessed),
    strength, standing."""
    ev = Evaluation(amap.nodes)
    for node, _depth in amap.preorder():
        assessed = "" if node.assessment is None else f"{node.assessment:.3f}"
        yield (f"{node.id}\t{node.kind.value}\t{assessed}\t{ev.strength(node.id):.3f}"
               f"\t{standing(ev.stands(node.id))}")


def why_lines(amap: ArgumentMap, node_id: str) -> list[str]:
    """NODE, its strength and its base score; then per child: id, strength, impact (signed),
    largest absolute impact first. KeyError if the map has no such node."""
    why = Evaluation(amap.nodes).why(node_id)
    lines = [f"{why.node_id}\t{why.strength:.3f}\t{why.base:.3f}"]
    lines += [f"{c.node_id}\t{c.strength:.3f}\t{signed(c.impact)}" for c in why.children]
    return lines
