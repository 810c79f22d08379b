"""Benchmark argmap on generated maps; prints tables and writes docs/performance.md.

python -m benchmarks.run [SIZES...]          (default: 100 1000 10000 50000)
python -m benchmarks.run --paired [...]       OLD against NEW, pair by pair (benchmarks/paired.py)

Three tables, each the median of 3 runs on this machine (5 for opening a map):
1. in-process phase times (load, import, scene build, paint, one edit, undo, autosave);
2. whole processes: `benchmarks.open_window` (start to first paint, pan, zoom to fit,
   memory) and `argmap export` to PNG, SVG and PDF;
3. the Argdown CLI 1.7.5 on the same maps converted to Argdown, side by side. It is
   installed with npm into benchmarks/out/argdown when Node is there, else skipped.
Not a test: nothing here asserts.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.model import Kind
from argmap.core.store import Library
from argmap.editing import commands
from argmap.editing.autosave import Autosaver
from argmap.editing.document import MapDocument
from argmap.gui.canvas.scene import MapScene
from benchmarks.to_argdown import to_argdown
from tests.generate import generate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
PEER_DIR = OUT / "argdown"
RUNS = 3
OPEN_RUNS = 5  # the open-to-first-paint runs are short and the noisiest: more of them
PHASES = ["validate+load", "library import", "scene+layout", "first paint", "rest of the build",
          "edit+relayout+repaint", "undo+repaint", "autosave 1 edit"]
WHOLE = ["open to first paint (s)", "open until stored in library (s)", "pan repaint (ms)",
         "zoom to fit (ms)", "select a node (ms)", "window focus out and in (ms)",
         "RSS after paint (MB)", "peak RSS at first paint (MB)",
         "PNG export (s)", "SVG export (s)", "PDF export (s)"]
PEER = ["argdown map -f svg (s)", "argdown json (s)", "argdown map -f png (s) †"]
#: (our row, Argdown's row, label of the ratio) compared at each size.
PEER_RATIOS = [("SVG export (s)", "argdown map -f svg (s)", "argdown ÷ argmap, SVG"),
               ("PNG export (s)", "argdown map -f png (s) †", "argdown ÷ argmap, PNG"),
               ("PNG export (s)", "argdown map -f svg (s)", "argdown SVG ÷ argmap PNG")]
#: † Argdown's PNG export (@argdown/image-export 1.7.5) drives puppeteer 1.1.1, which fetches
#: Chromium r536395 from a host outside the package registries. It is run here with the
#: system's Chromium instead, which refuses the unescaped SVG data URL that svg-to-img
#: builds ("Malformed SVG"): PNG_PATCH escapes it. Without a system Chromium, no PNG row.
PNG_PATCH = ('img.src = "data:image/svg+xml;charset=utf8," + svg;',
             'img.src = "data:image/svg+xml;charset=utf8," + encodeURIComponent(svg);')


FOOTNOTE = ("† Argdown's PNG export runs with the system's Chromium and one line of its "
            "svg-to-img dependency changed: see PNG_PATCH in benchmarks/run.py.")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run_once(data: bytes, db: Path) -> dict[str, float]:
    """One pass over the in-process phases; milliseconds per phase."""
    t: dict[str, float] = {}
    start = time.perf_counter()
    amap = parse_map(data)
    t["validate+load"] = (time.perf_counter() - start) * 1000
    lib = Library(db)
    t["library import"] = timed(lambda: lib.add_new(amap))
    doc = MapDocument(amap)
    start = time.perf_counter()
    scene = MapScene(doc)
    t["scene+layout"] = (time.perf_counter() - start) * 1000
    image = QImage(1280, 800, QImage.Format_ARGB32_Premultiplied)
    rect = scene.itemsBoundingRect()
    view_rect = QRectF(rect.center().x() - 640, rect.top(), 1280, 800)

    def paint() -> None:
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 1280, 800), view_rect)
        painter.end()

    # A big map's items are built a part at a time (gui/canvas/progressive.py): the view
    # asks for its part before painting, the rest follows in idle slices, each indexed by
    # Qt as it comes; here the rest at once, before the edit (which would finish them).
    t["first paint"] = timed(lambda: (scene.build_region(view_rect), paint()))
    t["rest of the build"] = timed(lambda: (scene.finish_build(),
                                            scene.items(QRectF(-1e9, -1e9, 1, 1))))
    saver = Autosaver(lib)
    saver.watch(doc)
    cmd, _ = commands.add_child(doc, doc.roots()[0], Kind.EVIDENCE, "A new piece of evidence")
    t["edit+relayout+repaint"] = timed(lambda: (doc.undo_stack.push(cmd), paint()))
    t["autosave 1 edit"] = timed(saver.flush)
    t["undo+repaint"] = timed(lambda: (doc.undo_stack.undo(), paint()))
    saver.watch(None)
    lib.close()
    return t


def in_process(n: int, data: bytes, tmp: Path) -> dict[str, float]:
    runs = []
    for i in range(RUNS):
        MACHINE.wait_quiet()
        runs.append(run_once(data, tmp / f"lib-{n}-{i}.db"))
    return {p: statistics.median(r[p] for r in runs) for p in PHASES}


class Machine:
    """This shared 2-core machine's speed changes by 2-3× within minutes (a fixed Python
    loop took 49 to 143 ms in one hour). Before each measurement, a short probe loop waits,
    up to QUIET_WAIT_S, until the machine runs within QUIET of the fastest probe seen; each
    measurement's probe is kept, so the tables say how slow the machine was for each size."""

    QUIET, QUIET_WAIT_S = 1.25, 20.0

    def __init__(self) -> None:
        self.fastest = float("inf")
        self.slowdowns: list[float] = []

    @staticmethod
    def probe() -> float:
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        return time.perf_counter() - start

    def wait_quiet(self) -> None:
        deadline = time.monotonic() + self.QUIET_WAIT_S
        while True:
            seconds = self.probe()
            self.fastest = min(self.fastest, seconds)
            if seconds <= self.QUIET * self.fastest or time.monotonic() > deadline:
                self.slowdowns.append(seconds / self.fastest)
                return
            time.sleep(1.0)

    def take(self) -> float:
        """Median slowdown over the measurements since the last call."""
        slowdowns, self.slowdowns = self.slowdowns, []
        return statistics.median(slowdowns) if slowdowns else float("nan")


MACHINE = Machine()


def wall(cmd: list[str], cwd: Path = REPO, env: dict | None = None) -> tuple[float, str]:
    """Seconds a command took (NaN if it failed) and its output, once the machine is quiet."""
    MACHINE.wait_quiet()
    return run_timed(cmd, cwd, env)


def run_timed(cmd: list[str], cwd: Path = REPO, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False,
                          timeout=900)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        return float("nan"), proc.stderr.strip().splitlines()[-1][:120] if proc.stderr else "failed"
    return seconds, proc.stdout


def child_env() -> dict[str, str]:
    """The environment of each measured process: compiled bytecode is kept (in
    benchmarks/out, not beside the sources), as it is for an installed argmap, even where
    this shell sets PYTHONDONTWRITEBYTECODE; recompiling argmap adds ~70 ms to each start."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def whole_process(path: Path, tmp: Path) -> dict[str, float]:
    env = child_env()
    wall([sys.executable, "-m", "benchmarks.open_window", str(path)], env=env)  # warm caches
    opens = []
    for _ in range(OPEN_RUNS):
        MACHINE.wait_quiet()
        spawned = time.monotonic()  # the child reports time.monotonic() at its first paint
        seconds, out = run_timed([sys.executable, "-m", "benchmarks.open_window", str(path)],
                                 env=env)
        if seconds == seconds:  # not NaN
            report = json.loads(out.strip().splitlines()[-1])
            opens.append((report["painted_at"] - spawned, report))
    result = {name: float("nan") for name in WHOLE}
    if opens:
        result["open to first paint (s)"] = statistics.median(s for s, _ in opens)
        result["open until stored in library (s)"] = statistics.median(
            s + o["phases"]["stored in library"] / 1000 for s, o in opens)
        result["pan repaint (ms)"] = statistics.median(o["phases"]["pan repaint"] for _, o in opens)
        result["zoom to fit (ms)"] = statistics.median(
            o["phases"]["zoom to fit + repaint"] for _, o in opens)
        result["select a node (ms)"] = statistics.median(
            o["phases"]["focus change"] for _, o in opens)
        result["window focus out and in (ms)"] = statistics.median(
            o["phases"]["window focus out and in"] for _, o in opens)
        result["RSS after paint (MB)"] = statistics.median(o["rss_mb"] for _, o in opens)
        result["peak RSS at first paint (MB)"] = statistics.median(o["peak_mb"] for _, o in opens)
    for suffix in ("png", "svg", "pdf"):
        times = [wall([sys.executable, "-m", "argmap", "export", str(path), "-o",
                       str(tmp / f"out.{suffix}")], env=env)[0] for _ in range(RUNS)]
        result[f"{suffix.upper()} export (s)"] = statistics.median(times)
    return result


def ensure_peer() -> tuple[Path | None, bool]:
    """The Argdown CLI 1.7.5 in benchmarks/out/argdown (installed with npm if needed), and
    whether its PNG export can run."""
    root = Path(os.environ.get("ARGDOWN_DIR", PEER_DIR))
    cli = root / "node_modules/@argdown/cli/dist/cli.js"
    if not shutil.which("node") or not shutil.which("npm"):
        print("Argdown comparison skipped: Node.js and npm are not installed.")
        return None, False
    root.mkdir(parents=True, exist_ok=True)
    if not cli.exists() and not npm_install(root, "@argdown/cli@1.7.5"):
        return None, False
    return cli, ensure_png_peer(root)


def npm_install(root: Path, *packages: str) -> bool:
    env = {**os.environ, "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1"}
    proc = subprocess.run(["npm", "install", "--silent", *packages], cwd=root, env=env,
                          capture_output=True, text=True, check=False, timeout=900)
    if proc.returncode != 0:
        print(f"Argdown: npm install {' '.join(packages)} failed: {proc.stderr.strip()[-200:]}")
    return proc.returncode == 0


def ensure_png_peer(root: Path) -> bool:
    """Argdown's image export, run with the system's Chromium (see PNG_PATCH)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Argdown PNG skipped: its image export needs Chromium (apt-get install chromium).")
        return False
    modules = root / "node_modules"
    if not (modules / "@argdown/image-export").exists() and not npm_install(
            root, "@argdown/cli@1.7.5", "@argdown/image-export@1.7.5"):
        return False
    helpers = modules / "svg-to-img/dist/helpers.js"
    puppeteer = modules / "puppeteer/package.json"
    if not helpers.exists() or not puppeteer.exists():
        print("Argdown PNG skipped: svg-to-img or puppeteer is not where 1.7.5 puts them.")
        return False
    source = helpers.read_text(encoding="utf-8")
    if PNG_PATCH[0] in source:
        helpers.write_text(source.replace(*PNG_PATCH), encoding="utf-8")
    elif PNG_PATCH[1] not in source:
        print("Argdown PNG skipped: svg-to-img is not the version the patch is for.")
        return False
    revision = json.loads(puppeteer.read_text(encoding="utf-8"))["puppeteer"]["chromium_revision"]
    chrome = modules / f"puppeteer/.local-chromium/linux-{revision}/chrome-linux/chrome"
    chrome.parent.mkdir(parents=True, exist_ok=True)
    chrome.write_text(f"#!/bin/sh\nexec {chromium} --no-sandbox --no-first-run "
                      "--disable-background-networking --disable-component-update \"$@\"\n")
    chrome.chmod(0o755)
    return True


def peer(cli: Path, png: bool, amap, tmp: Path) -> dict[str, float | str]:
    source = tmp / "map.argdown"
    source.write_text(to_argdown(amap), encoding="utf-8")
    out_dir = tmp / "argdown-out"
    node = ["node", "--stack-size=65500", str(cli)]  # the default stack overflows near 9,500 nodes
    result: dict[str, float | str] = {}
    commands = [("argdown map -f svg (s)", ["map", "-f", "svg"]), ("argdown json (s)", ["json"])]
    if png:
        commands.append(("argdown map -f png (s) †", ["map", "-f", "png"]))
    for name, args in commands:
        times = []
        for _ in range(RUNS):
            seconds, message = wall([*node, *args, str(source), str(out_dir)], cwd=tmp)
            if seconds != seconds:
                result[name] = f"failed: {message}"
                break
            times.append(seconds)
        else:
            result[name] = statistics.median(times)
    if png:  # puppeteer starts Chromium in its own process group; a failed run leaves it
        subprocess.run(["pkill", "-f", "puppeteer_dev_profile"], check=False)
    return result


#: Issue #6's targets at 10k and 50k nodes: (label, size, table, row, limit, scale).
TARGETS = [
    ("open to first paint ≤ 0.8 s", 10_000, "whole", "open to first paint (s)", 0.8, 1),
    ("PNG export ≤ 1.3 s", 10_000, "whole", "PNG export (s)", 1.3, 1),
    ("SVG export ≤ 1.5 s", 10_000, "whole", "SVG export (s)", 1.5, 1),
    ("one edit incl. re-layout and repaint ≤ 50 ms", 10_000, "inproc", "edit+relayout+repaint",
     50, 1),
    ("autosave after one edit ≤ 50 ms", 10_000, "inproc", "autosave 1 edit", 50, 1),
    ("memory after first paint ≤ 8 KB/node (whole process)", 10_000, "whole",
     "RSS after paint (MB)", 8, 100),
    ("memory after first paint ≤ 8 KB/node (above a 100-node process)", 10_000, "whole",
     "RSS after paint (MB)", 8, 101),
    ("peak memory ≤ 15 KB/node (whole process)", 10_000, "whole",
     "peak RSS at first paint (MB)", 15, 100),
    ("peak memory ≤ 15 KB/node (above a 100-node process)", 10_000, "whole",
     "peak RSS at first paint (MB)", 15, 101),
    ("open to first paint ≤ 3 s", 50_000, "whole", "open to first paint (s)", 3, 1),
    ("pan repaint ≤ 20 ms", 50_000, "whole", "pan repaint (ms)", 20, 1),
    ("zoom to fit ≤ 1 s", 50_000, "whole", "zoom to fit (ms)", 1000, 1),
    ("focus changes free: select a node ≤ 5 ms", 50_000, "whole", "select a node (ms)", 5, 1),
    ("focus changes free: window out and in ≤ 5 ms", 50_000, "whole",
     "window focus out and in (ms)", 5, 1),
]


#: Ratios to the Argdown CLI in the same run: (label, size, row, at least).
PEER_TARGETS = [
    ("≥ 10× faster than Argdown drawing the map (SVG)", 10_000, "argdown ÷ argmap, SVG", 10),
    ("≥ 30× faster than Argdown for PNG", 10_000, "argdown ÷ argmap, PNG", 30),
]


def targets(inproc: dict, whole: dict, peers: dict) -> str:
    lines = ["| target | nodes | measured | met |", "| --- | --- | --- | --- |"]
    for label, n, row, least in PEER_TARGETS:
        value = peers.get(n, {}).get(row)
        if isinstance(value, float):
            lines.append(f"| {label} | {n:,} | {fmt(value)}× | {'yes' if value >= least else 'no'} |")
    for label, n, kind, row, limit, scale in TARGETS:
        source = (inproc if kind == "inproc" else whole).get(n)
        if source is None:
            continue
        value = source[row]
        if scale == 100:  # MB for the whole process -> KB per node
            value = value * 1000 / n
        elif scale == 101:  # the same, less what a 100-node map's process holds
            if 100 not in whole:
                continue
            value = (value - whole[100][row]) * 1000 / (n - 100)
        met = "yes" if value <= limit else "no"
        lines.append(f"| {label} | {n:,} | {fmt(value)} | {met} |")
    return "\n".join(lines)


def fmt(value: float | str, digits: int = 2) -> str:
    if isinstance(value, str):
        return value
    return "n/a" if value != value else f"{value:.{digits}f}"


def table(title: str, rows: list[str], sizes: list[int], values: dict[int, dict], digits: int) -> str:
    head = f"| {title} | " + " | ".join(f"{n:,} nodes" for n in sizes) + " |"
    lines = [head, "|" + " --- |" * (len(sizes) + 1)]
    for row in rows:
        cells = [fmt(values[n].get(row, float("nan")), digits) for n in sizes]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def baseline() -> str:
    """How fast this machine is today, and what starting Python and the libraries costs:
    the same code measured on two days of this shared machine differed by up to 1.8×."""
    loop = sum(Machine.probe() for _ in range(10))  # 10^7 additions
    env = child_env()
    starts = {}
    for label, code in (("Python", "pass"), ("Python + PySide6 widgets", "import PySide6.QtWidgets"),
                        ("+ pydantic, sqlite-utils", "import PySide6.QtWidgets, pydantic, sqlite_utils"),
                        ("all of argmap", "import argmap.gui.app")):
        wall([sys.executable, "-c", code], env=env)  # bytecode written, files cached
        starts[label] = statistics.median(
            wall([sys.executable, "-c", code], env=env)[0] for _ in range(5))
    cells = ", ".join(f"{label} {seconds:.2f} s" for label, seconds in starts.items())
    return (f"Speed: a Python loop of 10^7 additions takes {loop:.2f} s. "
            f"Starting a process that imports: {cells}.")


BEGIN, END = "<!-- results: written by benchmarks/run.py -->", "<!-- end of results -->"


def write_results(path: Path, results: str) -> None:
    """Replace the results between the markers, keeping the hand-written text around them."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
    else:
        head, tail = "# Performance\n\n", "\n"
    path.write_text(f"{head}{BEGIN}\n{results}{END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--paired" in argv:  # OLD against NEW, pair by pair: benchmarks/paired.py
        from benchmarks import paired

        return paired.main([a for a in argv if a != "--paired"])
    sizes = [int(a) for a in argv] or [100, 1000, 10_000, 50_000]
    QApplication([])
    cli, png_peer = ensure_peer()
    for _ in range(5):  # a first idea of how fast the machine can be
        MACHINE.wait_quiet()
    MACHINE.take()
    speed = baseline()
    MACHINE.take()
    inproc, whole, peers, ratios = {}, {}, {}, {}
    slowdown: dict[int, float] = {}
    peer_slowdown: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in sizes:
            amap = generate(n)
            data = dumps_map(amap)
            path = tmp / f"bench-{n}.argmap.json"
            path.write_bytes(data)
            inproc[n] = in_process(n, data, tmp)
            whole[n] = whole_process(path, tmp)
            slowdown[n] = MACHINE.take()
            peers[n] = peer(cli, png_peer, amap, tmp) if cli and n <= 10_000 else {}
            peer_slowdown[n] = MACHINE.take()
            for ours, theirs, label in PEER_RATIOS:
                a, b = whole[n][ours], peers[n].get(theirs)
                if isinstance(b, float) and a == a:
                    peers[n][label] = b / a
            print(f"{n:,} nodes done", file=sys.stderr)
    growth_rows = [*PHASES, *(w for w in WHOLE if "MB" not in w)]
    for a, b in ((1000, 10_000), (10_000, 50_000)):
        if a in inproc and b in inproc:
            both_a, both_b = {**inproc[a], **whole[a]}, {**inproc[b], **whole[b]}
            ratio = {p: both_b[p] / both_a[p] for p in growth_rows if both_a[p] > 0}
            ratio["O(n log n) allows"] = b * math.log(b) / (a * math.log(a))
            ratios[f"{a:,} → {b:,} (×{b // a} nodes)"] = ratio
    text = [
        targets(inproc, whole, peers),
        table("in-process phase (ms)", PHASES, sizes, inproc, 1),
        table("whole process", WHOLE, sizes, whole, 2),
    ]
    peer_sizes = [n for n in sizes if peers.get(n)]
    if peer_sizes:
        rows = [*PEER, *(label for _, _, label in PEER_RATIOS)]
        text.append(table("Argdown CLI 1.7.5, same maps", rows, peer_sizes, peers, 2))
    if ratios:
        keys = list(ratios)
        lines = ["| growth of each phase | " + " | ".join(keys) + " |",
                 "|" + " --- |" * (len(keys) + 1)]
        for p in ["O(n log n) allows", *growth_rows]:
            lines.append(f"| {p} | " + " | ".join(fmt(ratios[k].get(p, float('nan')), 1)
                                                   for k in keys) + " |")
        text.append("\n".join(lines))
    text.append(
        f"Machine slowdown while measuring (median probe ÷ fastest probe, "
        f"{MACHINE.fastest * 1000:.0f} ms per 10^6 loop steps): argmap "
        + ", ".join(f"{n:,} nodes {slowdown[n]:.2f}×" for n in sizes)
        + "; Argdown " + ", ".join(f"{n:,} nodes {peer_slowdown[n]:.2f}×" for n in peer_sizes)
        + ".")
    body = "\n\n".join(text)
    print(body)
    results = (
        "Written by `python -m benchmarks.run` (see its docstring). "
        "Maps from `tests/generate.py` (seed 1). Medians of 3 runs (5 for opening a map).\n\n"
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"{datetime.now(UTC):%Y-%m-%d}. {speed}\n\n{body}\n\n{FOOTNOTE}\n"
    )
    write_results(REPO / "docs" / "performance.md", results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
