"""One whole process: start, open a map file in the editor window, paint once, exit.

python -m benchmarks.open_window FILE [--zoom-fit]
Prints JSON: in-process phase times (ms), the resident and peak memory after the first
paint, and `painted_at`: time.monotonic() at the first paint. The parent reads the same
system-wide clock just before it starts this process, so painted_at minus that is the
whole process from exec to first paint (interpreter start and imports included, exit not).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from argmap.gui.app import create_window, make_settings  # noqa: E402


def memory_mb() -> tuple[float, float]:
    """(resident now, peak resident so far) in MB."""
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1000, int(fields["VmHWM"].split()[0]) / 1000


def main(path: str, fit: bool) -> None:
    phases: dict[str, float] = {"imports": (time.perf_counter() - T0) * 1000}
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        window = create_window(Path(tmp) / "library.db", make_settings(Path(tmp) / "s.ini"))
        window.resize(1280, 800)
        window.show()
        phases["window"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        window.files.open_file(path)
        phases["open map (validate, import, scene, layout)"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        if fit:
            window.view.zoom_to_fit()
        window.view.viewport().grab()
        painted_at = time.monotonic()
        phases["first paint"] = (time.perf_counter() - t) * 1000
        phases["to first paint"] = (time.perf_counter() - T0) * 1000
        rss, peak = memory_mb()
        t = time.perf_counter()
        map_id = window.doc.map_id
        while not window.library.has_map(map_id):  # the library write that follows the paint
            app.processEvents()
            time.sleep(0.005)
        phases["stored in library"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().value() + 300)
        window.view.viewport().grab()
        phases["pan repaint"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        window.view.zoom_to_fit()
        window.view.viewport().grab()
        phases["zoom to fit + repaint"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        window.view.select_node(window.doc.roots()[0])
        phases["focus change"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        for kind in (QEvent.WindowDeactivate, QEvent.WindowActivate):  # as on alt-tab and back
            QApplication.sendEvent(window.view, QEvent(kind))
        phases["window focus out and in"] = (time.perf_counter() - t) * 1000
        window.view.viewport().grab(window.view.viewport().rect().translated(QPoint(0, 0)))
        window.workspace.autosaver.flush()
        window.close()
    _, peak_after_store = memory_mb()
    print(json.dumps({"phases": phases, "rss_mb": rss, "peak_mb": peak,
                      "peak_after_store_mb": peak_after_store, "painted_at": painted_at}))


if __name__ == "__main__":
    main(sys.argv[1], "--zoom-fit" in sys.argv)
