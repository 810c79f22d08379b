"""Whole-process `argmap export` times for a generated map, side by side for several
checkouts of argmap (e.g. before and after a change), as one table.

    python -m benchmarks.export_times [--nodes 10000] [--runs 3] [REPO ...]

Each REPO (default: this one) is put first on PYTHONPATH for its runs; the map is generated
once (tests.generate, seed 1) and written as a map file. Medians of --runs runs, in
seconds, plus the PDF's page count. Extra export flags: --flags "--no-legend ...".
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(repo: Path, args: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(repo), QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "argmap", *args], cwd=repo, env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("repos", nargs="*", type=Path, default=[REPO])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--flags", default="")
    opts = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from argmap.core.mapfile import write_map
    from tests.generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.argmap.json"
        write_map(generate(opts.nodes, seed=1), path)
        print(f"| checkout | PNG (s) | SVG (s) | PDF (s) | ({opts.nodes:,} nodes) |")
        print("|---|---|---|---|---|")
        for repo in opts.repos:
            cells = []
            for suffix in ("png", "svg", "pdf"):
                out = Path(tmp) / f"out.{suffix}"
                args = ["export", str(path), "-o", str(out), *shlex.split(opts.flags)]
                cells.append(statistics.median(run(repo, args) for _ in range(opts.runs)))
            print(f"| {repo} | " + " | ".join(f"{c:.2f}" for c in cells) + " | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
