"""Render the main window on the seeded map to docs/screenshot.png (offscreen).

python docs/screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from argmap.gui.app import create_window, make_settings


def main() -> int:
    out = Path(__file__).resolve().parent / "screenshot.png"
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(Path(tmp) / "library.db", make_settings(Path(tmp) / "s.ini"))
        window.resize(1280, 800)
        window.show()
        window.open_initial_map()
        window.view.select_node("thesis")
        window.view.set_zoom(0.72)
        root = window.scene.nodes["thesis"].sceneBoundingRect()
        window.view.centerOn(root.center().x() + 120, root.top() + 300)
        app.processEvents()
        window.grab().save(str(out))
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
