"""Tidy vs compact layout, side by side: picture shape, readability when fitted, and speed.

python -m benchmarks.layout_compare [SIZES...]     (default: 10000 50000)

For the seed map and generated maps (tests/generate.py, seed 1) it lays out the real box
sizes (look.measure: width 240, height from the text) with each layout and prints one table:
picture size (boxes plus the exports' 24 px margin), aspect ratio, share of the picture that
boxes cover, body text size when the picture is fitted on a 1920×1080 slide and on an A4 page
at 150 dpi (1240×1754 px), and the time of a full layout (median of 3) and of one incremental
edit (a leaf added under a node halfway down the map order, then removed; median of 5), and
how many boxes an edit moves (40 leaves added one by one under random nodes). Not a test:
nothing here asserts.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from argmap.core.layout import Direction, TreeLayout
from argmap.core.layout_compact import PAGE, SLIDE, CompactLayout
from argmap.core.mapfile import read_map
from argmap.core.model import ArgumentMap
from argmap.look import NODE_WIDTH, Fonts, measure
from tests.generate import generate

MARGIN = 24.0  # what the SVG/PNG exports add around the boxes
SEED = Path(__file__).resolve().parent.parent / "resources" / "seed-iran-proxies.argmap.json"
SCREENS = {"slide 1920×1080": (1920.0, 1080.0), "A4 150 dpi": (1240.0, 1754.0)}

Layout = TreeLayout | CompactLayout
LAYOUTS: dict[str, Callable[[], Layout]] = {
    "tidy down (today)": lambda: TreeLayout(Direction.DOWN),
    "tidy right": lambda: TreeLayout(Direction.RIGHT),
    "compact slide": lambda: CompactLayout(SLIDE),
    "compact page": lambda: CompactLayout(PAGE),
}


def _inputs(amap: ArgumentMap) -> tuple[list[str], dict[str, list[str]],
                                        dict[str, tuple[float, float]]]:
    index = amap.children_index()
    children = {p: [n.id for n in kids] for p, kids in index.items() if p is not None}
    sizes = {n.id: (NODE_WIDTH, measure(n).height) for n in amap.nodes}
    return [n.id for n in index.get(None, [])], children, sizes


def _edit_ms(make: Callable[[], Layout], roots: Sequence[str], children: dict[str, list[str]],
             sizes: dict[str, tuple[float, float]]) -> float:
    tree = make()
    tree.full(roots, children, sizes)
    target = sorted(sizes)[len(sizes) // 2]
    times = []
    for _ in range(5):
        children.setdefault(target, []).append("bench-new")
        sizes["bench-new"] = (NODE_WIDTH, 100.0)
        start = time.perf_counter()
        tree.update(roots, children, sizes)
        times.append(time.perf_counter() - start)
        children[target].pop()
        del sizes["bench-new"]
        tree.update(roots, children, sizes)
    return statistics.median(times) * 1000


def _moved(make: Callable[[], Layout], roots: Sequence[str], children: dict[str, list[str]],
           sizes: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """Share of boxes that move when a leaf is added under a random node (40 additions in a
    row): median and 90th percentile. Stability under edits, for both layouts alike."""
    tree = make()
    tree.full(roots, children, sizes)
    rng = random.Random(1)
    ids = sorted(sizes)
    shares = []
    for n in range(40):
        node = rng.choice(ids)
        children.setdefault(node, []).append(f"bench-leaf-{n}")
        sizes[f"bench-leaf-{n}"] = (NODE_WIDTH, 100.0)
        before = dict(tree.out)
        tree.update(roots, children, sizes)
        shares.append(sum(1 for k, p in before.items() if tree.out[k] != p) / len(before))
    shares.sort()
    return shares[len(shares) // 2], shares[int(len(shares) * 0.9)]


def _row(name: str, label: str, make: Callable[[], Layout], roots: Sequence[str],
         children: dict[str, list[str]], sizes: Mapping[str, tuple[float, float]],
         body_px: float) -> list[str]:
    times = []
    for _ in range(3):
        tree = make()
        start = time.perf_counter()
        pos = tree.full(roots, children, sizes)
        times.append(time.perf_counter() - start)
    full_ms = statistics.median(times) * 1000
    left = min(x for x, _ in pos.values()) - MARGIN
    top = min(y for _, y in pos.values()) - MARGIN
    right = max(x + sizes[i][0] for i, (x, _) in pos.items()) + MARGIN
    bottom = max(y + sizes[i][1] for i, (_, y) in pos.items()) + MARGIN
    width, height = right - left, bottom - top
    covered = sum(w * h for w, h in sizes.values())
    fitted = [body_px * min(sw / width, sh / height) for sw, sh in SCREENS.values()]
    edit = _edit_ms(make, roots, children, dict(sizes))
    median, p90 = _moved(make, roots, {k: list(v) for k, v in children.items()}, dict(sizes))
    ratio = width / height
    shape = f"{ratio:.2f}:1" if ratio >= 1 else f"1:{1 / ratio:.2f}"
    return [name, label, f"{width:,.0f}×{height:,.0f}", shape, f"{covered / (width * height):.0%}",
            *(f"{px:.1f}" for px in fitted), f"{full_ms:,.1f}", f"{edit:,.2f}",
            f"{median:.0%} / {p90:.0%}"]


def main(argv: list[str]) -> None:
    _app = QGuiApplication.instance() or QGuiApplication([])
    body_px = Fonts.get().body.pointSizeF() * 96 / 72
    counts = [int(a) for a in argv] or [10_000, 50_000]
    maps = [("seed", read_map(SEED))] + [(f"{n:,} nodes", generate(n, 1)) for n in counts]
    head = ["map", "layout", "picture (px)", "aspect", "boxes cover",
            *(f"body px on {s}" for s in SCREENS), "full layout (ms)", "one edit (ms)",
            "boxes moved by adding a leaf (median / p90)"]
    print(f"Body text at 100%: {body_px:.1f} px.")
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for name, amap in maps:
        roots, children, sizes = _inputs(amap)
        for label, make in LAYOUTS.items():
            print("| " + " | ".join(_row(name, label, make, roots, children, sizes, body_px)) + " |",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
