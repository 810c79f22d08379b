"""Render resources/argmap.svg to the PNG icons beside it (argmap-16.png … argmap-256.png).

python docs/icon.py   (after changing the SVG; tests/gui/test_desktop_gui.py checks they match)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from argmap.desktop import ICON_SIZES
from argmap.gui.icon import render_icon


def main() -> int:
    out = Path(__file__).resolve().parent.parent / "resources"
    _app = QGuiApplication(sys.argv[:1])
    for size in ICON_SIZES:
        path = out / f"argmap-{size}.png"
        if not render_icon(size).save(str(path), "PNG"):
            print(f"cannot write {path}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
