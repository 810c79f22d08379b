"""Map text that looks like markup is shown literally everywhere it appears."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from argmap.gui.dialogs import plain_message_box

HOSTILE = '<img src="file:///etc/passwd"> <b>bold</b> <table><tr><td>x</td></tr></table>'


def test_markup_in_node_text_is_literal(window, qtbot):
    assert window.map_editor.edit_node("qaani", text=HOSTILE)
    item = window.scene.nodes["qaani"]
    assert item.text == HOSTILE
    assert item.text_layout().text() == HOSTILE  # drawn from a plain-text layout
    window.view.select_node("qaani")
    assert window.inspector.text.toPlainText() == HOSTILE
    model = window.sync.outline_model
    index = model.index_of("qaani")
    assert model.data(index) == f"Evidence: {HOSTILE}"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) is None
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, "<b>")
    assert window.find_bar.count.text() == "1 of 1"


def test_markup_in_map_title_is_literal(window):
    window.dialogs.answer("prompt_text", "<b>Bold</b> [*] title")
    window.files.rename_current_map()
    assert window.windowTitle() == "<b>Bold</b> [ * ] title[*] — argmap"
    window.workspace.autosaver.flush()
    texts = [window.library_panel.list.item(i).text() for i in range(window.library_panel.list.count())]
    assert "<b>Bold</b> [*] title  (20)" in texts


def test_every_label_and_dialog_is_plain_text(window):
    box = plain_message_box(window, QMessageBox.Icon.Warning, "t", HOSTILE)
    assert box.textFormat() == Qt.TextFormat.PlainText
    # labels that can show map or file text are plain; the rest hold fixed strings only
    for label in (window.inspector.heading, window.find_bar.count, window.zoom_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    window.map_editor.edit_node("thesis", text=HOSTILE)
    window.view.select_node("thesis")
    for label in window.findChildren(QLabel):
        assert "<" not in label.text() or label.textFormat() == Qt.TextFormat.PlainText, label.text()
