"""How long the window stops answering after a big map's first paint.

python -m benchmarks.open_freeze FILE [SECONDS]      (default 30)

Opens FILE in the editor window as benchmarks.open_window does, paints once, then runs the
event loop for SECONDS with a 10 ms heartbeat timer. A gap between two heartbeats is time
the loop could not take input (a freeze): the idle slices of the progressive build, the
library write after the paint, the overview. Prints JSON: time to first paint (in-process),
the longest gaps (ms) and when each began (ms after the first paint), and whether the scene
had finished building and the map was in the library by the end.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

T0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from argmap.gui.app import create_window, make_settings  # noqa: E402

HEARTBEAT_MS = 10


def main(path: str, seconds: float) -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(Path(tmp) / "library.db", make_settings(Path(tmp) / "s.ini"))
        window.resize(1280, 800)
        window.show()
        window.files.open_file(path)
        window.view.viewport().grab()
        painted = time.perf_counter()
        beats = [painted]
        timer = QTimer()
        timer.setInterval(HEARTBEAT_MS)
        timer.timeout.connect(lambda: beats.append(time.perf_counter()))
        timer.start()
        QTimer.singleShot(int(seconds * 1000), app.quit)
        app.exec()
        timer.stop()
        gaps = sorted(((b - a) * 1000, (a - painted) * 1000)
                      for a, b in pairwise(beats))[::-1]
        scene = window.workspace.scene
        report = {
            "to first paint (ms)": (painted - T0) * 1000,
            "longest gaps (ms, starting ms after the paint)": [
                (round(g), round(at)) for g, at in gaps[:5]],
            "built": scene is not None and not scene.building(),
            "stored in library": window.library.has_map(window.doc.map_id),
        }
        window.workspace.autosaver.flush()
        window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)
