"""Hostile map files stay inert: markup in them never makes Qt read another file.

A FIFO stands in for the file that must not be read: anything that opens it for reading
is seen by a watcher process (a non-blocking open for writing succeeds only while a reader
has it open), which then lets the reader go with an empty read so nothing hangs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from argmap.core.mapfile import write_map
from argmap.core.model import Node, new_map
from argmap.formats.options import ExportOptions
from argmap.gui.dialogs import plain_message_box

WATCHER = """
import errno, os, sys, time
fifo, marker, stop = sys.argv[1:4]
deadline = time.time() + 300
while not os.path.exists(stop) and time.time() < deadline:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ENXIO:  # ENXIO: nobody is reading
            raise
        time.sleep(0.005)
        continue
    with open(marker, "a") as fh:
        fh.write("opened\\n")
    os.close(fd)  # the reader sees end-of-file and carries on
"""


class FifoWatch:
    """Watches from another process: a Qt call blocked in open() may hold the GIL."""

    def __init__(self, path: Path):
        self.path = path
        self.marker = path.with_suffix(".opened")
        self.stop_file = path.with_suffix(".stop")
        os.mkfifo(path)
        self._proc = subprocess.Popen([sys.executable, "-c", WATCHER, str(path),
                                       str(self.marker), str(self.stop_file)])

    def opened(self) -> bool:
        return self.marker.exists()

    def stop(self) -> None:
        self.stop_file.touch()
        self._proc.wait(timeout=10)


@pytest.fixture
def bait(tmp_path: Path):
    watch = FifoWatch(tmp_path / "secret.png")
    yield watch
    watch.stop()


def hostile_text(target: Path) -> str:
    return (f'<img src="{target}"> <img src="file://{target}"> '
            f'<link rel="stylesheet" href="{target}"> <b>bold</b> '
            + "<table><tr><td>" * 20 + "deep" + "</td></tr></table>" * 20)


@pytest.mark.qt_log_ignore("QFile::at: Cannot set file position")
def test_the_watch_sees_a_rich_text_label_read_the_file(qtbot, bait):
    """Control: a default QLabel (AutoText) does load <img src>, so the watch can fail."""
    label = QLabel()
    qtbot.addWidget(label)
    label.setText(f'<img src="{bait.path}">')
    label.show()
    qtbot.waitUntil(bait.opened, timeout=3000)


def test_hostile_file_is_inert_everywhere(window, qtbot, tmp_path, bait, monkeypatch):
    text = hostile_text(bait.path)
    amap = new_map("<img src='x'> hostile", [
        Node(id="root", kind="claim", text=text),
        Node(id="ev", parent="root", kind="evidence", text=text,
             source={"title": text[:2000], "quote": text, "locator": "<b>p</b>"}),
    ])
    path = tmp_path / "hostile.argmap.json"
    write_map(amap, path)
    assert window.files.open_file(str(path))  # how fast: benchmarks/hostile_times.py
    window.view.select_node("ev")
    window.view.zoom_to_fit()
    window.view.set_zoom(1.0)
    window.repaint()
    QApplication.processEvents()
    assert window.inspector.quote.toPlainText() == text
    assert window.scene.nodes["root"].text == window.scene.nodes["ev"].text == text  # as typed
    for suffix in (".png", ".svg", ".pdf"):
        assert window.exports.export_to(str(tmp_path / f"out{suffix}"), ExportOptions())
    box = plain_message_box(window, QMessageBox.Icon.Warning, "t", text)
    box.show()
    QApplication.processEvents()
    box.close()
    qtbot.wait(100)
    assert not bait.opened()


def test_hostile_text_in_an_error_dialog_is_plain(controllers, tmp_path, monkeypatch, bait):
    monkeypatch.chdir(tmp_path)  # so the relative <img src> would find the bait
    path = tmp_path / f'<img src="{bait.path.name}">.argmap.json'
    path.write_text("{ not json", encoding="utf-8")
    controllers.files.open_file(str(path))
    shown = [text for _title, text in controllers.dialogs.errors]
    assert shown and f'<img src="{bait.path.name}">' in shown[0]
    box = plain_message_box(controllers.host, QMessageBox.Icon.Warning, "Cannot open map file",
                            shown[0])
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.show()
    QApplication.processEvents()
    box.close()
    assert not bait.opened()
