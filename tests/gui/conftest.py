from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from argmap.core.seed import open_library
from argmap.gui.app import create_window
from argmap.gui.canvas.view import MapView
from argmap.gui.editor import MapEditor
from argmap.gui.export_actions import ExportActions
from argmap.gui.find import FindBar, FindController
from argmap.gui.library_actions import LibraryActions
from argmap.gui.mainwindow import MainWindow
from argmap.gui.panels.inspector import Inspector
from argmap.gui.panels.library import LibraryPanel
from argmap.gui.panels.outline import OutlineView
from argmap.gui.settings import make_settings
from argmap.gui.sync import PanelSync
from argmap.gui.workspace import Workspace
from tests.gui.fakes import FakeDialogs


def _no_modal(*args, **kwargs):
    raise AssertionError("a real modal dialog opened during a test: pass a FakeDialogs")


@pytest.fixture
def no_modal_dialogs(monkeypatch) -> None:
    """A real modal dialog would wait forever for a click: fail instead of hanging the run."""
    monkeypatch.setattr(QMessageBox, "exec", _no_modal)
    monkeypatch.setattr(QDialog, "exec", _no_modal)
    monkeypatch.setattr(QInputDialog, "getText", _no_modal)
    monkeypatch.setattr(QInputDialog, "getItem", _no_modal)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", _no_modal)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _no_modal)


@pytest.fixture
def make_window(qtbot, tmp_path: Path, no_modal_dialogs):
    """Build (and show) a main window on the test library; call again to 'restart' argmap.
    Its dialogs are a FakeDialogs (window.dialogs): script answers with dialogs.answer."""
    made: list[MainWindow] = []

    def factory(db: Path | None = None) -> MainWindow:
        window = create_window(db or tmp_path / "library.db", make_settings(tmp_path / "s.ini"),
                               FakeDialogs())
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.files.open_initial_map()
        made.append(window)
        return window

    yield factory
    for window in made:
        window.workspace.autosaver.flush()
    # A QMimeData left on the clipboard is destroyed after QApplication at exit and crashes
    # the interpreter's shutdown (PySide6 6.11): leave the clipboard empty.
    QApplication.clipboard().clear()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


@dataclass
class Controllers:
    """The controllers wired as the window wires them, around bare widgets: no main
    window, no menus, no settings file."""

    dialogs: FakeDialogs
    workspace: Workspace
    view: MapView
    sync: PanelSync
    editor: MapEditor
    finder: FindController
    files: LibraryActions
    exports: ExportActions
    host: QWidget


@pytest.fixture
def controllers(qtbot, tmp_path: Path, no_modal_dialogs) -> Iterator[Controllers]:
    """The controllers on the seeded test library, the seed map open."""
    library = open_library(tmp_path / "library.db")
    dialogs = FakeDialogs()
    host = QWidget()
    qtbot.addWidget(host)
    workspace = Workspace(library, dialogs, host)
    view, outline, inspector = MapView(), OutlineView(), Inspector()
    bar, panel = FindBar(), LibraryPanel()
    row = QHBoxLayout(host)
    for widget in (panel, outline, bar, view, inspector):
        row.addWidget(widget)
    sync = PanelSync(workspace, view, outline, inspector, host)
    editor = MapEditor(workspace, view, sync, host)
    finder = FindController(bar, workspace, view, host)
    settings = make_settings(tmp_path / "controllers.ini")
    files = LibraryActions(workspace, dialogs, settings, panel, host)
    exports = ExportActions(workspace, dialogs, view, files.merges, host)
    host.resize(1200, 700)
    host.show()
    qtbot.waitExposed(host)
    files.open_initial_map()
    yield Controllers(dialogs, workspace, view, sync, editor, finder, files, exports, host)
    files.watcher.stop()
    workspace.autosaver.flush()
    QApplication.clipboard().clear()
    host.close()
    library.close()


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
