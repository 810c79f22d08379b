"""One edit with View ▸ Show Evaluation on, in the editor window (issue 20: ≤ 16 ms at
50,000 nodes, repaint included).

    python -m benchmarks.evaluation_edit [--nodes 50000] [--edits 60]

The map is benchmarks.evaluate_times's evaluation-shaped one (argument nodes, 30% assessed),
opened from a file into a real window (offscreen), marks shown, at the readable view. Each
sample selects a random node (untimed: the view scrolls to it and is painted), then times
what a user's Alt+3 costs: the undo command, the document's signals, the evaluation's update
up the node's ancestors, the scene, outline and Inspector following (its why list made
again), and the event loop's repaint after it (the boxes whose marks changed, the outline's
row, the Inspector); every other sample also repaints the whole canvas at once after that
(an upper bound: more than any edit needs). Also one structural edit (a child added and
undone, which lays the map out again) for comparison. Prints a Markdown table: median and
95th percentile, CPU time, with the wall clock beside it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from argmap.core.mapfile import write_map
from argmap.core.model import Kind
from argmap.gui.app import create_window, make_settings
from benchmarks.evaluate_times import evaluation_shaped, probe


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.process_time() - cpu) * 1e3, (time.perf_counter() - wall) * 1e3


def row(name: str, samples: list[tuple[float, float]], nodes: int) -> str:
    cpu = [c for c, _ in samples]
    wall = [w for _, w in samples]
    p95 = statistics.quantiles(cpu, n=20)[-1] if len(cpu) >= 20 else max(cpu)
    return (f"| {name} | {nodes:,} | {statistics.median(cpu):.1f} | {p95:.1f} | "
            f"{statistics.median(wall):.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--edits", type=int, default=60)
    opts = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    amap = evaluation_shaped(opts.nodes)
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.argmap.json"
        write_map(amap, path)
        window = create_window(Path(tmp) / "library.db", make_settings(Path(tmp) / "s.ini"))
        window.resize(1280, 800)
        window.show()
        window.files.open_file(str(path))
        window.marks.set_shown(True)
        view, editor, doc = window.view, window.map_editor, window.doc
        assert doc is not None
        view.zoom_to_fit()
        viewport = view.viewport()
        viewport.repaint()
        app.processEvents()
        ids = [n.id for n in amap.nodes]
        edits: list[tuple[float, float]] = []
        partial: list[tuple[float, float]] = []  # the repaint Qt does itself: changed boxes
        structural: list[tuple[float, float]] = []
        slow = probe()
        for _ in range(2 * opts.edits):
            node_id = rng.choice(ids)
            view.select_node(node_id)
            viewport.repaint()
            app.processEvents()
            value = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0])
            if doc.node(node_id).assessment == value:
                value = None
            if len(edits) <= len(partial):
                edits.append(timed(lambda v=value: (editor.set_assessment(v),
                                                    app.processEvents(), viewport.repaint())))
            else:
                partial.append(timed(lambda v=value: (editor.set_assessment(v),
                                                      app.processEvents())))
            app.processEvents()
        for _ in range(max(5, opts.edits // 6)):
            node_id = rng.choice([i for i in ids[:2000] if doc.node(i).kind is Kind.CLAIM])
            view.select_node(node_id)
            viewport.repaint()
            app.processEvents()
            structural.append(timed(lambda n=node_id: (
                editor.add_child(Kind.EVIDENCE, n, edit=False), viewport.repaint())))
            app.processEvents()
            doc.undo_stack.undo()
            app.processEvents()
        window.workspace.autosaver.flush()
        window.close()
    print(f"Python {sys.version.split()[0]}; probe (10^6 loop steps) {slow * 1e3:.0f} ms.")
    print("| one edit, View ▸ Show Evaluation on | nodes | median CPU ms | "
          "95th pct CPU ms | median wall ms |")
    print("| --- | --- | --- | --- | --- |")
    print(row("an assessment (Alt+0…4, Alt+Delete) of the selected node, and Qt's repaint",
              partial, opts.nodes))
    print(row("the same, and then the whole canvas repainted", edits, opts.nodes))
    print(row("a child added (layout again), for comparison", structural, opts.nodes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
