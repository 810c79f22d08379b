"""Render the main window on the seeded map to docs/screenshot.png (offscreen).

python docs/screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.gui.app import create_window, make_settings


def main() -> int:
    out = Path(__file__).resolve().parent / "screenshot.png"
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(Path(tmp) / "library.db", make_settings(Path(tmp) / "s.ini"))
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.files.open_initial_map()  # the first view a new user gets
        QTest.qWait(800)  # the overview draws the map once edits pause
        window.grab().save(str(out))
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
