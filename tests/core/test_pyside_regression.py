"""PySide6 6.12.0 on CPython 3.11 corrupts None's refcount in wrapped void methods.

The dependency spec keeps that pair from being installed; this test runs the crash
pattern for real, in a subprocess, so a future PySide6 that brings it back fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
for i in range(100_000):
    item.setPos(i % 500, i % 300)
print("done", item.pos().x())
"""


def test_100k_void_calls_do_not_abort():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("done")
