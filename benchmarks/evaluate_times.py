"""How fast evaluation is (issue 20): a 200,000-node map from scratch, and one edit at 50,000.

    python -m benchmarks.evaluate_times [--big 200000] [--edit-map 50000] [--runs 5]

Maps come from tests.generate (seed 1), made evaluation-shaped: every 40th non-root
claim that has a claim or evidence child becomes a supporting argument node (those children
its premises, its objections undercuts), and 30% of the nodes carry an assessment. Times are
in-process, after the map is built and validated (reading a file is `validate+load` in
docs/performance.md): `Evaluation(nodes)`, the children index it builds on its first update,
`evaluation_lines` (everything `argmap evaluate` prints), and `Evaluation.update` after one
changed assessment — on 200 random nodes (median and 95th percentile: a single worst case
on this shared machine is the scheduler) and on the deepest node; and an objection added
under the leaf of a chain of objections as deep as the edit map is large (every standing
above it flips: the walk's worst case). Each figure is the median
of --runs runs, in CPU time, with the machine's slowdown at the time (a probe loop against
its fastest run here, as in benchmarks/run.py). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable

from argmap.core.evaluate import Evaluation
from argmap.core.evaluate_text import evaluation_lines
from argmap.core.model import ArgumentMap, Kind, Node
from tests.generate import generate


def probe() -> float:
    start = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return time.perf_counter() - start


def evaluation_shaped(count: int, seed: int = 1) -> ArgumentMap:
    amap = generate(count, seed)
    rng = random.Random(seed)
    kids: dict[str | None, list[Node]] = {}
    for node in amap.nodes:
        kids.setdefault(node.parent, []).append(node)
    arguments: set[str] = set()
    claims = [n for n in amap.nodes if n.kind is Kind.CLAIM and n.parent is not None]
    for node in claims[::40]:
        if node.parent not in arguments and any(
                k.kind in (Kind.CLAIM, Kind.EVIDENCE) for k in kids.get(node.id, [])):
            arguments.add(node.id)
    nodes = []
    for node in amap.nodes:
        update: dict[str, object] = {}
        if node.id in arguments:
            update.update(kind=Kind.ARGUMENT, polarity="supports")
        if rng.random() < 0.3:
            update["assessment"] = round(rng.random(), 3)
        nodes.append(Node(**{**node.model_dump(), **update}) if update else node)
    return ArgumentMap(info=amap.info, nodes=tuple(nodes))


def median_time(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median seconds, median probe seconds) of `runs` runs, each after a probe. The time
    is the process's CPU time: on this shared 2-core machine the wall clock also counts the
    moments the scheduler gives the core to someone else (CPU_RATIO keeps the ratio)."""
    times, probes, walls = [], [], []
    for _ in range(runs):
        probes.append(probe())
        start, cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - start)
    CPU_RATIO.append(statistics.median(walls) / max(statistics.median(times), 1e-9))
    return statistics.median(times), statistics.median(probes)


CPU_RATIO: list[float] = []


def from_scratch(count: int, runs: int) -> list[tuple[str, int, float, float]]:
    big = evaluation_shaped(count)
    nodes = big.nodes
    rows = []
    secs, p = median_time(lambda: Evaluation(nodes), runs)
    rows.append(("evaluate from scratch (ms)", count, secs * 1e3, p))
    secs, p = median_time(lambda: Evaluation(nodes)._link_all(), runs)
    rows.append(("evaluate, then the children links of the first edit (ms)", count, secs * 1e3,
                 p))
    secs, p = median_time(lambda: sum(1 for _ in evaluation_lines(big)), runs)
    rows.append(("all `argmap evaluate` lines, outline order (ms)", count, secs * 1e3,
                 p))
    return rows


def chain_edit(count: int) -> tuple[str, int, float, float]:
    """The worst case for walking up: a chain of objections `count` deep under the root,
    whose standings alternate; an objection added under the leaf (then deleted again) flips
    every standing above it, so every ancestor is recomputed."""
    nodes = [Node(id="c0", kind=Kind.CLAIM, text="root")]
    nodes += [Node(id=f"c{i}", parent=f"c{i - 1}", kind=Kind.OBJECTION, text=f"step {i}",
                   assessment=0.7 if i % 7 == 0 else None) for i in range(1, count)]
    current = {n.id: n for n in nodes}
    ev = Evaluation(nodes)
    ev.update([], current)
    extra = Node(id="extra", parent=nodes[-1].id, kind=Kind.OBJECTION, text="one more")
    times, changed = [], 0
    p = probe()
    for _ in range(3):
        for add in (True, False):
            if add:
                current[extra.id] = extra
            else:
                del current[extra.id]
            start = time.process_time()
            changed = max(changed, len(ev.update([extra.id], current)))
            times.append(time.process_time() - start)
    return (f"add or delete an objection under the leaf of a {count:,}-deep chain: "
            f"{changed:,} nodes change (ms)", count, statistics.median(times) * 1e3, p)


def depths(amap: ArgumentMap) -> dict[str, int]:
    return {n.id: d for n, d in amap.preorder()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=int, default=200_000)
    parser.add_argument("--edit-map", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args(argv)
    fastest = min(probe() for _ in range(3))
    rows: list[tuple[str, int, float, float]] = []

    rows += from_scratch(opts.big, opts.runs)

    amap = evaluation_shaped(opts.edit_map)
    current = {n.id: n for n in amap.nodes}
    ev = Evaluation(amap.nodes)
    ev.update([], current)  # builds the children index once, as the first edit would
    rng = random.Random(2)

    def one_edit(node_id: str) -> float:
        node = current[node_id]
        current[node_id] = node.model_copy(update={"assessment": round(rng.random(), 3)})
        start = time.process_time()
        ev.update([node_id], current)
        return time.process_time() - start

    p = probe()
    sample = rng.sample(sorted(current), 200)
    edits = [one_edit(node_id) for node_id in sample]
    rows.append(("one assessment, random node: median (ms)", opts.edit_map,
                 statistics.median(edits) * 1e3, p))
    rows.append(("one assessment, random node: 95th percentile of 200 (ms)", opts.edit_map,
                 statistics.quantiles(edits, n=20)[-1] * 1e3, p))
    depth = depths(amap)
    deepest = max(depth, key=depth.__getitem__)
    p = probe()
    secs = statistics.median(one_edit(deepest) for _ in range(opts.runs))
    rows.append((f"one assessment, deepest node (depth {depth[deepest]:,}) (ms)", opts.edit_map,
                 secs * 1e3, p))

    rows.append(chain_edit(opts.edit_map))
    fastest = min(fastest, *(row[3] for row in rows))
    print(f"Python {sys.version.split()[0]}; fastest probe (10^6 loop steps) {fastest * 1e3:.0f} ms.")
    print("| measurement | nodes | time | machine slowdown |")
    print("| --- | --- | --- | --- |")
    for name, count, value, slow in rows:
        shown = f"{value:.1f}" if value >= 10 else f"{value:.3f}"
        print(f"| {name} | {count:,} | {shown} | {slow / fastest:.2f}× |")
    print(f"CPU time; the wall clock ran {min(CPU_RATIO):.2f}–{max(CPU_RATIO):.2f}× longer.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
