"""OLD against NEW, paired: the two versions run alternately in one call, as whole processes.

python -m benchmarks.run --paired [--old REV] [--new REV] [--pairs N]
                                  [--works png,svg,pdf,open] [--maps generated,quoted]
                                  [--write] [SIZES...]

OLD is a git revision (default 7167bba, the commit before the compact-layout round) checked
out into a temporary worktree (`git worktree add --detach`, removed afterwards); NEW is this
work tree, or with --new another revision checked out the same way. Each process gets
PYTHONPATH set to its tree, so `python -m argmap export MAP -o OUT` and that tree's own
`benchmarks.open_window MAP` run the version under test (checked once per tree: the
process prints where it imported argmap from). hyperfine, where installed, gives the same
kind of figures for one command pair; this needs nothing but Python and git.

For every map size, map and work, the pairs run OLD, NEW, NEW, OLD, OLD, NEW, ... (the order
flips each pair, so neither version always runs second), after one untimed run of each.
Each pair gives one ratio NEW ÷ OLD; the table gives the medians of both versions' times,
the median ratio and its spread (lowest to highest ratio). The machine is shared and its
speed drifts within minutes; a drift slower than a pair's two runs moves both alike, so
the ratios hold where the times alone do not. Load average before and after is printed.

Maps: `generated` is tests.generate (seed 1); `quoted` is the same map with a source quote
on every node (evidence quotes a source; here every node does, the heavier picture).
Times: export = the whole process; open = exec to first paint (open_window's painted_at
minus the parent's clock just before the start). Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
DEFAULT_OLD = "7167bba"
WORKS = ("png", "svg", "pdf", "open")
MAPS = ("generated", "quoted")
BEGIN, END = "<!-- paired: written by benchmarks/run.py --paired -->", "<!-- end of paired -->"


def quoted(amap):
    """The map with a source (quote, locator, title) on every node: as real evidence reads."""
    import random

    from argmap.core.model import Source
    from tests.generate import _text

    rng = random.Random(2)
    nodes = tuple(n.model_copy(update={"source": Source(
        title="Report", quote=_text(rng), locator=f"p. {rng.randint(1, 99)}")})
        for n in amap.nodes)
    return amap.model_copy(update={"nodes": nodes})


def write_maps(sizes: list[int], maps: list[str], tmp: Path) -> dict[tuple[str, int], Path]:
    from argmap.core.mapfile import dumps_map
    from tests.generate import generate

    paths = {}
    for n in sizes:
        amap = generate(n)
        for name in maps:
            path = tmp / f"{name}-{n}.argmap.json"
            path.write_bytes(dumps_map(quoted(amap) if name == "quoted" else amap))
            paths[name, n] = path
    return paths


def env_for(tree: Path) -> dict[str, str]:
    """That tree first on the path; compiled bytecode kept (as an installed argmap's)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def check_tree(tree: Path) -> None:
    code = "import argmap, pathlib; print(pathlib.Path(argmap.__file__).resolve())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env_for(tree),
                         capture_output=True, text=True, check=True).stdout.strip()
    if not out.startswith(str(tree.resolve())):
        raise SystemExit(f"{tree}: argmap was imported from {out}, not from this tree")


def measure(tree: Path, work: str, path: Path, tmp: Path) -> float:
    """Seconds of one whole process of `work` on `path` with that tree's argmap."""
    env = env_for(tree)
    if work == "open":
        spawned = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "benchmarks.open_window", str(path)],
                              cwd=tree, env=env, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise SystemExit(f"{tree}: open_window failed: {proc.stderr.strip()[-300:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])["painted_at"] - spawned
    out = tmp / f"out-{tree.name}-{os.getpid()}.{work}"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "argmap", "export", str(path), "-o", str(out)],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{tree}: export failed: {proc.stderr.strip()[-300:]}")
    return seconds


def paired(run: Callable[[str], float], pairs: int) -> tuple[list[float], list[float]]:
    """OLD and NEW times, alternating which runs first; one untimed run of each before."""
    run("old")
    run("new")
    old: list[float] = []
    new: list[float] = []
    for i in range(pairs):
        for side in (("old", "new") if i % 2 == 0 else ("new", "old")):
            (old if side == "old" else new).append(run(side))
    return old, new


def row(work: str, name: str, n: int, old: list[float], new: list[float]) -> str:
    ratios = sorted(b / a for a, b in zip(old, new, strict=True))
    med = statistics.median(ratios)
    label = "open to first paint" if work == "open" else f"{work.upper()} export"
    return (f"| {label} | {name} | {n:,} | {statistics.median(old):.2f} | "
            f"{statistics.median(new):.2f} | {med:.2f} | {ratios[0]:.2f}–{ratios[-1]:.2f} | "
            f"{len(ratios)} |")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run --paired",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000])
    parser.add_argument("--old", default=DEFAULT_OLD, help="git revision to compare with")
    parser.add_argument("--new", help="a git revision instead of the work tree")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--works", default=",".join(WORKS))
    parser.add_argument("--maps", default="generated")
    parser.add_argument("--write", action="store_true",
                        help="also write the table into docs/performance.md")
    opts = parser.parse_args(argv)
    works, maps = opts.works.split(","), opts.maps.split(",")
    for value, allowed in ((works, WORKS), (maps, MAPS)):
        if not set(value) <= set(allowed):
            parser.error(f"choose from {', '.join(allowed)}")
    rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", opts.old],
                         capture_output=True, text=True, check=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", opts.new or "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    lines = ["| work | map | nodes | OLD (s) | NEW (s) | NEW ÷ OLD | spread | pairs |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    before = load()
    with tempfile.TemporaryDirectory(prefix="argmap-paired-") as tmp_name:
        tmp = Path(tmp_name)
        trees = {"old": tmp / "old", "new": tmp / "new" if opts.new else REPO}
        checkouts = [(trees["old"], rev)] + ([(trees["new"], head)] if opts.new else [])
        for tree, at in checkouts:
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet",
                            str(tree), at], check=True)
        try:
            for tree in trees.values():
                check_tree(tree)
            paths = write_maps(opts.sizes, maps, tmp)
            for n in opts.sizes:
                for name in maps:
                    for work in works:
                        def run(side: str, work: str = work, path: Path = paths[name, n]) -> float:
                            return measure(trees[side], work, path, tmp)

                        old, new = paired(run, opts.pairs)
                        lines.append(row(work, name, n, old, new))
                        print(lines[-1], file=sys.stderr)
        finally:
            for tree, _at in checkouts:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                                str(tree)], check=False)
    new = f"NEW = {head}" if opts.new else f"NEW = the work tree at {head} (and its uncommitted changes)"
    text = (f"OLD = {rev}, {new}. "
            f"Load average before: {before}; after: {load()} (2 cores).\n\n" + "\n".join(lines))
    print(text)
    if opts.write:
        doc = REPO / "docs" / "performance.md"
        body = doc.read_text(encoding="utf-8")
        if BEGIN in body and END in body:
            headpart, _, rest = body.partition(BEGIN)
            _, _, tail = rest.partition(END)
            doc.write_text(f"{headpart}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
        else:
            doc.write_text(f"{body.rstrip()}\n\n{BEGIN}\n{text}\n{END}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
