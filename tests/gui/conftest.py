from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from argmap.gui.app import create_window, make_settings
from argmap.gui.mainwindow import MainWindow


def _no_modal(*args, **kwargs):
    raise AssertionError("a modal dialog opened during a test: patch the window method that shows it")


@pytest.fixture
def make_window(qtbot, tmp_path: Path, monkeypatch):
    """Build (and show) a main window on the test library; call again to 'restart' argmap."""
    made: list[MainWindow] = []
    # A modal dialog would wait forever for a click: fail instead of hanging the run.
    monkeypatch.setattr(QMessageBox, "exec", _no_modal)
    monkeypatch.setattr(QDialog, "exec", _no_modal)
    monkeypatch.setattr(QInputDialog, "getText", _no_modal)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", _no_modal)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _no_modal)

    def factory(db: Path | None = None) -> MainWindow:
        window = create_window(db or tmp_path / "library.db", make_settings(tmp_path / "s.ini"))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.open_initial_map()
        made.append(window)
        return window

    yield factory
    for window in made:
        window.autosaver.flush()
    # A QMimeData left on the clipboard is destroyed after QApplication at exit and crashes
    # the interpreter's shutdown (PySide6 6.11): leave the clipboard empty.
    QApplication.clipboard().clear()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def node_point(window: MainWindow, node_id: str, fx: float = 0.5, fy: float = 0.5) -> QPoint:
    """Viewport coordinates of a point inside a node's box (fractions of its size)."""
    view = window.view
    item = window.scene.nodes[node_id]
    w, h = item.size()
    return view.mapFromScene(item.pos() + QPointF(w * fx, h * fy))


def mouse(widget, kind, pos: QPoint, button=Qt.LeftButton, buttons=None, modifiers=Qt.NoModifier):
    """Send a real mouse event (QTest.mouseMove cannot hold a button down)."""
    types = {"press": QMouseEvent.Type.MouseButtonPress, "move": QMouseEvent.Type.MouseMove,
             "release": QMouseEvent.Type.MouseButtonRelease,
             "double": QMouseEvent.Type.MouseButtonDblClick}
    if buttons is None:
        buttons = Qt.NoButton if kind == "release" else button
    event = QMouseEvent(types[kind], QPointF(pos), QPointF(widget.mapToGlobal(pos)),
                        Qt.NoButton if kind == "move" else button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    mouse(widget, "press", start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        mouse(widget, "move", QPoint(round(p.x()), round(p.y())), buttons=Qt.LeftButton)
    mouse(widget, "release", end)
