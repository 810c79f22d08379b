"""The real dialogs behind the Dialogs interface: plain text, the right buttons, answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.gui.dialogs import QtDialogs

CONFLICT = ["Open as Copy", "Replace My Version"]


def click_later(label: str) -> None:
    """Click the button labelled `label` in the modal box about to open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == label]
        button.click()

    QTimer.singleShot(0, click)


def test_a_choice_shows_its_buttons_and_cancel_only(qtbot):
    """No stray OK button: the conflict question offered one that meant Cancel."""
    box, _made = QtDialogs().choice_box("t", "<b>map</b>", CONFLICT, destructive=1)
    qtbot.addWidget(box)
    labels = sorted(b.text().replace("&", "") for b in box.buttons())
    assert labels == sorted([*CONFLICT, "Cancel"])
    assert box.defaultButton().text() == "Open as Copy"
    assert box.textFormat() == Qt.TextFormat.PlainText
    roles = {b.text(): box.buttonRole(b) for b in box.buttons()}
    assert roles["Replace My Version"] == QMessageBox.ButtonRole.DestructiveRole


@pytest.mark.parametrize(("label", "expected"),
                         [("Open as Copy", 0), ("Replace My Version", 1), ("Cancel", None)])
def test_choose_returns_the_button_clicked(qtbot, label, expected):
    click_later(label)
    assert QtDialogs().choose("Map already in your library", "text", CONFLICT, 1) == expected


@pytest.mark.parametrize(("label", "expected"), [("Yes", True), ("Cancel", False)])
def test_ask_is_yes_or_cancel(qtbot, label, expected):
    click_later(label)
    assert QtDialogs().ask("Delete map", "Delete it?") is expected


def test_progress_reports_until_cancelled(qtbot):
    progress = QtDialogs().progress("Export", "Exporting x.png…")
    assert progress.advance(1, 10)
    progress.dialog.cancel()
    assert not progress.advance(2, 10)
    progress.close()
