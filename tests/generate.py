"""Deterministic realistic maps for tests and benchmarks: python -m tests.generate N [SEED] > OUT

One root claim, 2–4 children per node, mixed kinds (rebuttals only under objections),
5–60-word texts, and a few deep chains.
"""

from __future__ import annotations

import random
import sys
from collections import deque

from argmap.core.mapfile import dumps_map
from argmap.core.model import ArgumentMap, Kind, MapInfo, Node, Source

WORDS = [
    "militia",
    "tehran",
    "control",
    "evidence",
    "strategy",
    "restraint",
    "proxies",
    "escalation",
    "funding",
    "ideology",
    "leadership",
    "deterrence",
    "attack",
    "drone",
    "region",
    "policy",
    "analysts",
    "report",
    "claim",
    "state",
    "network",
    "risk",
    "war",
    "security",
    "command",
    "influence",
]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))).capitalize() + "."


def generate(count: int, seed: int = 1) -> ArgumentMap:
    rng = random.Random(seed)
    nodes = [Node(id="n0", kind=Kind.CLAIM, text=_text(rng))]
    kinds = {"n0": Kind.CLAIM}
    queue = deque(["n0"])
    chains = 0
    while len(nodes) < count and queue:
        parent = queue.popleft()
        if chains < 5 and rng.random() < 0.002:  # a few deep chains
            chains += 1
            for _ in range(min(200, count - len(nodes))):
                node_id = f"n{len(nodes)}"
                nodes.append(Node(id=node_id, parent=parent, kind=Kind.CLAIM, text=_text(rng)))
                kinds[node_id] = Kind.CLAIM
                parent = node_id
            queue.append(parent)
            continue
        for order in range(rng.randint(2, 4)):
            if len(nodes) >= count:
                break
            options = [Kind.CLAIM, Kind.EVIDENCE, Kind.OBJECTION]
            if kinds[parent] is Kind.OBJECTION:
                options.append(Kind.REBUTTAL)
            kind = rng.choice(options)
            node_id = f"n{len(nodes)}"
            source = (
                Source(title="Report", quote=_text(rng), locator=f"p. {rng.randint(1, 99)}")
                if kind is Kind.EVIDENCE
                else None
            )
            nodes.append(
                Node(id=node_id, parent=parent, order=order, kind=kind, text=_text(rng), source=source)
            )
            kinds[node_id] = kind
            queue.append(node_id)
    info = MapInfo(
        id=f"bench-{count}-{seed}",
        title=f"Benchmark map, {count} nodes",
        created="2026-01-01T00:00:00Z",
        modified="2026-01-01T00:00:00Z",
    )
    return ArgumentMap(info=info, nodes=tuple(nodes))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    s = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sys.stdout.buffer.write(dumps_map(generate(n, s)))
