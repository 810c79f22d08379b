"""The keyboard reaches every part of the window (issue 23): each menu opens with its Alt
key, and a click on empty canvas gives the canvas the keys (Ctrl+E, arrows, Tab ...)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu

from tests.gui.conftest import mouse


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_no_widget_takes_a_menu_bar_alt_key(window):
    menus = {_mnemonic(m.title()): m.title() for m in window.menuBar().findChildren(QMenu)
             if m.parent() is window.menuBar()}
    assert set(menus) >= {"f", "e", "n", "v", "h"}
    widgets = [*window.findChildren(QAbstractButton), *window.findChildren(QLabel)]
    taken = [(w.text(), menus[key]) for w in widgets
             if (key := _mnemonic(w.text())) is not None and key in menus]
    assert taken == [], "these take a menu's Alt key from the menu bar"


@pytest.mark.parametrize("key, title", [(Qt.Key_N, "&Node"), (Qt.Key_F, "&File"),
                                        (Qt.Key_V, "&View")], ids=["node", "file", "view"])
def test_alt_key_opens_its_menu(window, qtbot, key, title):
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == title)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, Qt.AltModifier)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    menu.close()


def test_a_click_on_empty_canvas_gives_it_the_keys(window, qtbot):
    field = window.inspector.text
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    viewport = window.view.viewport()
    corner = QPoint(3, 3)
    assert window.scene.node_at(window.view.mapToScene(corner)) is None
    mouse(viewport, "press", corner)
    mouse(viewport, "release", corner)
    assert window.view.hasFocus(), QApplication.focusWidget()
    assert window.action_table.act_export.isEnabled()
