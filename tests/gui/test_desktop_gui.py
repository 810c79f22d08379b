"""argmap on the desktop: its icon, Help ▸ About, and files the desktop asks it to open."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap import __version__
from argmap.core.mapfile import write_map
from argmap.desktop import ICON_SIZES, icon_bytes
from argmap.gui.dialogs import QtDialogs
from argmap.gui.icon import render_icon
from tests.helpers import small_map

REPO = Path(__file__).resolve().parents[2]


def test_each_committed_png_is_the_svg_rendered_at_its_size(qapp):
    """resources/argmap-N.png is what docs/icon.py makes of resources/argmap.svg today."""
    for size in ICON_SIZES:
        committed = QImage.fromData(icon_bytes(size), "PNG").convertToFormat(
            QImage.Format.Format_ARGB32)
        fresh = render_icon(size).convertToFormat(QImage.Format.Format_ARGB32)
        assert committed.size() == fresh.size() == QSize(size, size)
        a, b = bytes(committed.constBits()), bytes(fresh.constBits())
        worst = max(abs(x - y) for x, y in zip(a, b, strict=True))
        assert worst <= 8, f"argmap-{size}.png differs from the SVG: run python docs/icon.py"


def test_the_icon_is_legible_at_16_px(qapp):
    """At 16 px the claim's border, and the green and the red arrow, are distinct pixels."""
    image = render_icon(16)
    colours = {image.pixelColor(x, y).name() for x in range(16) for y in range(16)
               if image.pixelColor(x, y).alpha() == 255}
    assert {"#1e3a8a", "#15803d", "#b91c1c"} <= colours


def test_the_window_has_argmaps_icon_at_every_size(window):
    icon = window.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)


def test_about_names_the_version_licence_library_and_log(window):
    window.action_table.act_about.trigger()
    [text] = window.dialogs.texts("about")
    assert f"argmap {__version__}" in text
    assert "Licence: MIT" in text
    assert f"Library in use: {window.library.path}" in text
    assert f"Log: {os.environ['ARGMAP_LOG']}" in text and "$ARGMAP_LOG" in text
    assert platformdirs.user_data_dir("argmap", appauthor=False) in text


def test_the_real_about_box_is_plain_text_beside_the_icon(qtbot):
    seen: dict[str, object] = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, look)
            return
        seen.update(format=box.textFormat(), text=box.text(), icon=box.iconPixmap().width())
        box.accept()

    QTimer.singleShot(0, look)
    QtDialogs().about("<b>not bold</b> argmap")
    assert seen == {"format": Qt.TextFormat.PlainText, "text": "<b>not bold</b> argmap", "icon": 64}


FILE_OPEN = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QFileOpenEvent
    from argmap.gui.app import ArgmapApplication, run
    from argmap.gui.mainwindow import MainWindow

    early, late, db = sys.argv[1:4]
    app = ArgmapApplication(["argmap"])
    QCoreApplication.sendEvent(app, QFileOpenEvent(early))  # before there is a window
    waited = 0

    def check():
        global waited
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        titles = sorted(m.title for m in window.library.list_maps())
        if {"early", "late"} <= set(titles) and window.doc.info.title == "late" or waited > 400:
            print(window.doc.info.title, titles)
            window.close()
            app.quit()
            return
        waited += 1
        QTimer.singleShot(25, check)

    def post():  # as macOS does when a file is double-clicked while argmap runs
        QCoreApplication.postEvent(app, QFileOpenEvent(late))
        QTimer.singleShot(0, check)

    QTimer.singleShot(0, post)
    sys.exit(run(db=Path(db)))
""")


def test_a_file_open_event_opens_the_map(tmp_path: Path):
    """macOS hands a double-clicked file to the application as a QFileOpenEvent: one that
    comes before the window exists and one while it runs are both opened."""
    for title in ("early", "late"):
        write_map(small_map(title), tmp_path / f"{title}.argmap.json")
    proc = subprocess.run(
        [sys.executable, "-c", FILE_OPEN, str(tmp_path / "early.argmap.json"),
         str(tmp_path / "late.argmap.json"), str(tmp_path / "library.db")],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    current, titles = proc.stdout.strip().split(" ", 1)
    assert current == "late"
    assert "'early'" in titles and "'late'" in titles
