"""Issue 12, on screen: readable views, nothing cut on the canvas, the first-hour stumbles.

Each test drives the real window (or the real controllers) and checks what the user
would see or what the library holds afterwards.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QGuiApplication, QHelpEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPlainTextEdit, QTabBar, QToolTip

from argmap.core.model import Kind, Source
from argmap.gui.canvas.items import hidden_badge
from argmap.gui.canvas.view import legible_zoom, readable_zoom
from argmap.gui.dialogs import QtDialogs, plural
from argmap.gui.export_actions import file_stem
from argmap.gui.library_actions import unique_title
from argmap.gui.settings import make_settings
from argmap.look import Fonts
from tests.gui.conftest import mouse, node_point

# -- readable views -------------------------------------------------------------------------------


def test_text_is_drawn_wherever_it_is_legible_not_only_above_35_percent(window):
    """A 10-node map fitted at 34% was boxes without text."""
    assert window.scene.detail_zoom < 0.34
    assert legible_zoom() < readable_zoom() <= 1.0


def test_the_first_view_is_readable_and_shows_the_root(window):
    view, scene = window.view, window.scene
    assert view.zoom() >= readable_zoom() - 1e-9
    root = view.mapFromScene(scene.nodes["thesis"].sceneBoundingRect()).boundingRect()
    assert view.viewport().rect().contains(root)
    assert view.zoom() >= scene.detail_zoom  # its text is drawn


def test_a_map_wider_than_the_view_opens_with_no_blank_strip_beside_it(window):
    """The walk-through found the compact layout's top-left root centred, leaving the left
    third of the canvas blank and the right of the map cut off."""
    view, scene = window.view, window.scene
    # The map was packed for the canvas it opened on: a narrower window makes it the wider.
    window.resize(900, 800)
    QApplication.processEvents()
    view.zoom_to_fit()
    assert scene.content_rect.width() * view.zoom() > view.viewport().width()  # wider: fit by width
    for _ in range(2):  # the first view, then Ctrl+0
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        assert shown.left() >= scene.content_rect.left() - 24 / view.zoom() - 1
        view.zoom_to_fit()


def test_a_small_map_opens_whole(window, qtbot):
    window.dialogs.answer("prompt_text", "Small")
    window.files.new_map()
    window.view.editor.finish(commit=False)
    view = window.view
    shown = view.mapFromScene(window.scene.content_rect).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown)
    assert view.zoom() <= 1.0


def _under_mouse_at(view, pos: QPoint) -> None:
    """The mouse pointer rests over the canvas at `pos` (as on a real screen)."""
    view.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    view.viewport().setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    mouse(view.viewport(), "move", pos, button=Qt.MouseButton.NoButton,
          buttons=Qt.MouseButton.NoButton)


def test_keyboard_zoom_keeps_the_selection_in_place_not_the_mouse_pointer(window, qtbot):
    view = window.view
    view.zoom_reset()
    view.select_node("qaani")
    view.center_on_node("qaani")
    before = node_point(window, "qaani")
    _under_mouse_at(view, QPoint(5, 5))
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > 1.0
    after = node_point(window, "qaani")
    assert abs(after.x() - before.x()) <= 2 and abs(after.y() - before.y()) <= 2


def test_the_overview_lets_the_map_show_through_until_the_pointer_is_over_it(window, qtbot):
    """A new user found a find match hidden under the opaque overview."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent

    view = window.view
    view.set_zoom(2.0)
    overview = view.overview
    assert overview.isVisible() and overview.opacity.opacity() < 0.5
    inside = QPointF(overview.rect().center())
    QApplication.sendEvent(overview, QEnterEvent(inside, inside, overview.mapToGlobal(inside)))
    assert overview.opacity.opacity() == 1.0
    QApplication.sendEvent(overview, QEvent(QEvent.Type.Leave))
    assert overview.opacity.opacity() < 0.5


def test_the_overview_moves_the_canvas_and_hides_when_all_is_in_view(window, qtbot):
    view = window.view
    view.set_zoom(2.0)
    overview = view.overview
    assert overview.isVisible()
    assert view.viewport().geometry().contains(overview.geometry())
    target = overview.scene_point(overview.rect().center().toPointF())
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=overview.rect().center())
    centre = view.visible_scene_rect().center()
    assert abs(centre.x() - target.x()) < 5 and abs(centre.y() - target.y()) < 5
    window.action_table.act_zoom_whole.trigger()
    assert not overview.isVisible()
    view.set_zoom(2.0)
    window.action_table.act_overview.trigger()  # View ▸ Overview off
    assert not overview.isVisible()


def test_docks_leave_the_canvas_most_of_a_small_window(window, qtbot):
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    qtbot.waitUntil(lambda: window.view.width() >= 0.55 * window.width())  # docks narrowed
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    QApplication.processEvents()
    assert window.view.width() >= 0.55 * window.width()


# -- nothing cut ----------------------------------------------------------------------------------


def _tooltip_over(window, node_id: str) -> str:
    view = window.view
    pos = node_point(window, node_id)
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def test_hovering_a_node_shows_its_whole_text_and_source_as_plain_text(window):
    long_text = "<img src='file:///etc/passwd'> & <b>not bold</b> " + "word " * 300
    source = Source(title="A <i>report</i>", url="https://example.org/a?b=1&c=2",
                    quote="a quote & more", locator="p. 3")
    assert window.map_editor.edit_node("qaani", text=long_text.strip(), source=source)
    tip = _tooltip_over(window, "qaani")
    assert not Qt.mightBeRichText(tip)  # shown as the characters it is, never interpreted
    assert tip.startswith("Evidence\n")
    shown = " ".join(tip.split())
    for part in (long_text, "A <i>report</i>", "https://example.org/a?b=1&c=2", "a quote & more",
                 "p. 3"):
        assert " ".join(part.split()) in shown


def test_a_very_long_text_says_where_the_rest_is(window):
    assert window.map_editor.edit_node("qaani", text="x" * 9_000)
    tip = _tooltip_over(window, "qaani")
    assert "7,000 more characters" in tip and "Inspector" in tip


def test_the_inline_editor_scales_with_zoom_and_grows_with_its_text(window, qtbot):
    view, editor = window.view, window.view.editor
    body = Fonts.get().body.pointSizeF()
    view.set_zoom(2.0)
    view.start_editing("qaani")
    assert abs(editor.font().pointSizeF() - 2 * body) < 0.1
    editor.finish(commit=False)
    view.set_zoom(1.0)
    view.start_editing("qaani")
    short_height = editor.height()
    editor.setPlainText("A longer text. " * 60)
    assert editor.height() > 2 * short_height
    assert editor.verticalScrollBar().maximum() == 0  # all of it shows, no tiny scroll box
    editor.finish(commit=False)


def test_a_paste_over_10000_characters_is_refused_with_a_message_and_kept(window, qtbot):
    view, editor = window.view, window.view.editor
    before = window.doc.node("qaani").text
    view.start_editing("qaani")
    editor.select_end()
    QGuiApplication.clipboard().setText("y" * 10_001)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before
    assert editor.message.isVisible() and "10,000" in editor.message.text()
    assert QGuiApplication.clipboard().text() == "y" * 10_001  # nothing thrown away
    editor.setPlainText("z" * 10_000)
    editor.select_end()
    qtbot.keyClick(editor, Qt.Key.Key_A)
    assert len(editor.toPlainText()) == 10_000
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.node("qaani").text == "z" * 10_000


def test_the_inspector_refuses_a_paste_over_the_limit_too(window, qtbot):
    window.view.select_node("qaani")
    field = window.inspector.text
    field.setFocus()
    field.selectAll()
    QGuiApplication.clipboard().setText("q" * 10_001)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.toPlainText() == window.doc.node("qaani").text
    assert "10,000" in window.inspector.limit_note.text()


# -- first-hour stumbles --------------------------------------------------------------------------


def test_copies_and_restored_maps_get_titles_of_their_own(window):
    files, library = window.files, window.library
    seed = window.doc.map_id
    title = window.doc.info.title
    files.duplicate_map(seed)
    files.duplicate_map(seed)
    titles = [m.title for m in library.list_maps()]
    assert sorted(titles) == sorted([title, f"{title} (copy)", f"{title} (copy 2)"])
    copy = next(m.id for m in library.list_maps() if m.title == f"{title} (copy)")
    window.dialogs.answer("ask", True)
    files.delete_map(copy)
    files.duplicate_map(seed)  # "(copy)" is free again
    window.dialogs.answer("choose_item", 0)
    files.restore_from_trash()
    titles = [m.title for m in library.list_maps()]
    assert len(titles) == len(set(titles)) == 4
    assert library.find(f"{title} (copy 2)")  # one map per title: `argmap export TITLE` works


def test_unique_title_rules():
    assert unique_title({"A"}, "B") == "B"
    assert unique_title({"A"}, "A") == "A (2)"
    assert unique_title({"A", "A (2)"}, "A") == "A (3)"
    assert unique_title({"A"}, "A", copy=True) == "A (copy)"
    assert unique_title({"A", "A (copy)"}, "A (copy)", copy=True) == "A (copy 2)"


def test_toolbar_undo_and_redo_are_short_and_nothing_overflows(window, qtbot):
    table = window.action_table
    window.view.select_node("qaani")
    table.add_kind_actions[Kind.OBJECTION].trigger()
    window.view.editor.finish(commit=True)
    toolbar = table.toolbar
    undo_button = toolbar.widgetForAction(table.tool_undo)
    assert undo_button.text() == "Undo"
    assert table.act_undo.text().replace("&", "") in table.tool_undo.toolTip()
    assert table.act_undo.text().replace("&", "") != "Undo"  # the menu says what is undone
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    QApplication.processEvents()
    for act in toolbar.actions():
        if not act.isSeparator():
            assert toolbar.widgetForAction(act).isVisible(), act.text()
    [added] = window.doc.children("qaani")
    undo_button.click()  # the short toolbar buttons do what the menu's Undo and Redo do
    assert window.doc.children("qaani") == [] and table.tool_redo.isEnabled()
    toolbar.widgetForAction(table.tool_redo).click()
    assert window.doc.children("qaani") == [added]


def test_the_tab_kind_chooser_opens_inside_the_window(window, qtbot):
    window.resize(900, 500)  # well inside the (offscreen) screen: the screen does not clamp
    qtbot.waitUntil(lambda: window.height() == 500)
    view = window.view
    view.zoom_reset()
    view.select_node("qaani")
    box = window.scene.nodes["qaani"].sceneBoundingRect()
    # the node at the very bottom-right of the canvas
    view.centerOn(box.right() - view.viewport().width() / 2 + 4,
                  box.bottom() - view.viewport().height() / 2 + 4)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.objectName() == "kind-chooser"
    frame = window.geometry()
    assert frame.contains(menu.geometry()), (frame, menu.geometry())
    menu.close()


def test_the_collapse_badge_names_what_it_hides_by_kind():
    assert hidden_badge((0, 2, 0, 1, 0)) == "3 hidden: 2 evidence, 1 rebuttal"
    assert hidden_badge((1, 0, 2, 0, 0)) == "3 hidden: 1 claim, 2 objections"
    assert hidden_badge((0, 9, 4, 6, 0), width=200) == "19 hidden: 9 ev., 4 obj., 6 reb."
    assert hidden_badge((1, 2, 0, 0, 1)) == "4 hidden: 1 claim, 2 evidence, 1 argument"


def test_the_inspector_shows_no_ids_and_no_stale_kind(window):
    window.view.select_node("qaani")
    inspector = window.inspector
    assert "qaani" not in inspector.heading.text()
    assert inspector.heading.text().startswith("Evidence")
    window.scene.clearSelection()
    assert inspector.heading.text() == "No node selected"
    assert inspector.kind.currentText() == ""


def test_f1_lists_shortcuts_by_task_with_the_keys_no_action_holds(window, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    [text] = window.dialogs.texts("info")
    for needed in ("Adding nodes", "Editing text", "Moving around", "Arrow keys", "Esc",
                   "Shift+Enter", "Drag a node"):
        assert needed in text
    assert text.index("Adding nodes") < text.index("Maps and files")
    assert "Undo: Ctrl+Z" in text and "F14" not in text and ", Undo" not in text  # real keys only


def test_a_long_message_scrolls_inside_a_dialog_that_fits_the_screen(qtbot):
    """F1's list in a message box was 940 px tall on an 800 px screen, its end out of reach."""
    from argmap.gui.dialogs import LONG_TEXT_LINES, long_text_dialog

    text = "\n".join(f"line {i}" for i in range(LONG_TEXT_LINES * 3))
    dialog = long_text_dialog(None, "Keyboard shortcuts", text)
    qtbot.addWidget(dialog)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= screen.height() * 3 // 4
    [box] = dialog.findChildren(QPlainTextEdit)
    assert box.isReadOnly() and box.toPlainText() == text  # plain text, all of it


def test_edit_history_comes_in_front_of_the_inspector(window):
    window.action_table.act_history.trigger()
    assert window.history.isVisible()
    [bar] = [b for b in window.findChildren(QTabBar)
             if "History" in [b.tabText(i) for i in range(b.count())]]
    assert bar.tabText(bar.currentIndex()) == "History"  # in front of the inspector


def test_ctrl_s_saves_at_once_and_says_saving_is_automatic(window, qtbot):
    window.view.select_node("qaani")
    window.map_editor.edit_node("qaani", text="Saved by Ctrl+S")
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage().startswith("Saved — argmap saves automatically")
    stored = window.library.load(window.doc.map_id)
    assert any(n.text == "Saved by Ctrl+S" for n in stored.nodes)


def test_delete_in_the_library_list_deletes_the_map_after_asking(window, qtbot):
    window.files.duplicate_map(window.doc.map_id)
    panel = window.library_panel
    copy = window.doc.map_id
    window.dialogs.answer("ask", True)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    [asked] = window.dialogs.texts("ask")
    assert "20 nodes" in asked or "nodes" in asked
    assert not window.library.has_map(copy)
    assert window.library.trash()


def test_one_node_is_one_node(window):
    window.dialogs.answer("prompt_text", "Single")
    window.files.new_map()
    window.view.editor.finish(commit=False)
    window.workspace.autosaver.flush()
    window.dialogs.answer("ask", False)
    window.files.delete_map(window.doc.map_id)
    [asked] = window.dialogs.texts("ask")
    assert "its 1 node " in asked and "1 nodes" not in asked
    assert plural(1, "node") == "1 node" and plural(2, "node") == "2 nodes"


def test_file_dialogs_start_in_documents_then_the_last_folder_with_a_readable_name(
        tmp_path: Path, monkeypatch, qapp):
    asked: list[str] = []
    chosen = tmp_path / "out" / "picture.png"
    chosen.parent.mkdir()

    def fake_save(parent, title, start, filter):
        asked.append(start)
        return str(chosen), filter

    def fake_open(parent, title, start, filter):
        asked.append(start)
        return "", filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr("argmap.gui.dialogs.documents_folder", lambda: str(documents))
    dialogs = QtDialogs(None, make_settings(tmp_path / "s.ini"))
    name = file_stem("Iran’s proxies: out of control?") + ".png"
    assert name == "Iran’s proxies out of control.png"
    assert dialogs.save_file_name("Export map", name, "*.png") == str(chosen)
    assert asked[0] == str(documents / name)
    dialogs.open_file_name("Open map file", "*.json")
    assert asked[1] == str(chosen.parent)


def test_the_outline_editor_refuses_a_paste_over_the_limit_whole(window, qtbot):
    model = window.sync.outline_model
    window.view.select_node("qaani")
    window.outline.setFocus()
    qtbot.keyClick(window.outline, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    before = editor.text()
    editor.end(False)
    QGuiApplication.clipboard().setText("p" * 10_001)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == before  # not cut to fit: refused whole, still on the clipboard
    assert "10,000" in QToolTip.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.doc.node("qaani").text == model.doc.node("qaani").text


def test_tooltips_lead_with_a_plain_heading_of_our_own():
    from argmap.gui.canvas.tooltip import plain_tooltip

    tip = plain_tooltip("Undo (Ctrl+Z)", "<img src='x'> Rename map")
    assert not Qt.mightBeRichText(tip)
    for bad in ("<b>x</b>", "a &lt; b", "two\nlines"):
        try:
            plain_tooltip(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_long_library_titles_are_cut_with_a_marker_and_read_whole_on_hover(window):
    """The walk-through saw "Iran's proxies are out of Tehran's c" with no "…" and no count:
    the list scrolled sideways instead of eliding."""
    panel = window.library_panel
    assert panel.list.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert panel.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    [item] = [panel.list.item(i) for i in range(panel.list.count())]
    assert item.toolTip() == "20 nodes\nIran’s proxies are out of Tehran’s control"
