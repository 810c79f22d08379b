"""Drive the real window with keys and mouse; assert on the document and the library."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from argmap.core.layout import LayoutStyle
from argmap.core.model import Kind
from argmap.core.store import Library
from argmap.gui.canvas.view import readable_zoom
from argmap.look import measure
from tests.gui.conftest import drag, mouse, node_point


def type_and_enter(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Return)


def choose_kind(qtbot, letter: str) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    qtbot.keyClick(menu, letter)


def test_seed_map_opens_on_first_launch(window):
    assert window.doc.map_id == "seed-iran-proxies"
    assert window.windowTitle() == "Iran’s proxies are out of Tehran’s control[*] — argmap"
    assert not window.isWindowModified()
    assert len(window.scene.nodes) == len(window.doc)


def test_build_a_three_level_map_by_keyboard(window, qtbot):
    window.dialogs.answer("prompt_text", "Keyboard map")
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    doc = window.doc
    assert doc.info.title == "Keyboard map"
    editor = window.view.editor
    assert editor.active
    type_and_enter(qtbot, editor, "Cycling lanes make cities safer")
    view = window.view
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key_Tab)
    choose_kind(qtbot, "e")
    type_and_enter(qtbot, editor, "Injuries fell 30% in Seville")
    qtbot.keyClick(view, Qt.Key_Return)  # a sibling of the same kind
    type_and_enter(qtbot, editor, "Copenhagen data agree")
    qtbot.keyClick(view, Qt.Key_Tab)
    choose_kind(qtbot, "o")
    type_and_enter(qtbot, editor, "Different traffic culture")
    qtbot.keyClick(view, Qt.Key_Insert)
    choose_kind(qtbot, "r")
    type_and_enter(qtbot, editor, "Culture followed the lanes")

    amap = doc.to_map()
    shape = [(n.kind, n.text, d) for n, d in amap.preorder()]
    assert shape == [
        (Kind.CLAIM, "Cycling lanes make cities safer", 0),
        (Kind.EVIDENCE, "Injuries fell 30% in Seville", 1),
        (Kind.EVIDENCE, "Copenhagen data agree", 1),
        (Kind.OBJECTION, "Different traffic culture", 2),
        (Kind.REBUTTAL, "Culture followed the lanes", 3),
    ]
    # arrows walk the compact layout (children right of and below their parent, siblings
    # stacked): left to the objection, left to the evidence, up to its sibling
    assert window.scene.layout_style is LayoutStyle.COMPACT_SLIDE
    qtbot.keyClick(view, Qt.Key_Left)
    qtbot.keyClick(view, Qt.Key_Left)
    assert doc.node(view.current_node()).text == "Copenhagen data agree"
    qtbot.keyClick(view, Qt.Key_Up)
    assert doc.node(view.current_node()).text == "Injuries fell 30% in Seville"
    # F2 edits in place, Escape cancels
    qtbot.keyClick(view, Qt.Key_F2)
    qtbot.keyClicks(editor, "discarded")
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert doc.node(view.current_node()).text == "Injuries fell 30% in Seville"
    # restructure without the mouse: demote the second evidence under the first, then promote
    qtbot.keyClick(view, Qt.Key_Down)
    assert doc.node(view.current_node()).text == "Copenhagen data agree"
    qtbot.keyClick(view, Qt.Key_Right, Qt.AltModifier)
    moved = view.current_node()
    first = doc.roots()[0]
    assert doc.node(moved).parent != first
    qtbot.keyClick(view, Qt.Key_Left, Qt.AltModifier)
    assert doc.node(moved).parent == first
    # change kind with Ctrl+3 (evidence -> objection) and delete with the Delete key
    qtbot.keyClick(view, Qt.Key_3, Qt.ControlModifier)
    assert doc.node(moved).kind is Kind.OBJECTION
    qtbot.keyClick(view, Qt.Key_Delete)
    assert moved not in doc and len(doc) == 2
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert len(doc) == 5 and doc.node(moved).kind is Kind.OBJECTION


def test_drag_reparents_in_one_undo_step(window, qtbot):
    doc = window.doc
    viewport = window.view.viewport()
    window.view.zoom_to_fit()
    start = node_point(window, "tower22")
    end = node_point(window, "khazali")
    drag(viewport, start, end)
    assert doc.node("tower22").parent == "khazali"
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Move “The Tower 22 drone strike broke the one…”"
    qtbot.keyClick(window.view, Qt.Key_Z, Qt.ControlModifier)
    assert doc.node("tower22").parent == "thesis"


def test_drag_refuses_a_rule_breaking_drop(window):
    doc = window.doc
    window.view.zoom_to_fit()
    # a rebuttal may only answer an objection: dropping it on evidence is refused
    drag(window.view.viewport(), node_point(window, "balance"), node_point(window, "qaani"))
    assert doc.node("balance").parent == "ambiguity"
    assert doc.undo_stack.count() == 0
    # dropping a node into its own subtree is refused too
    drag(window.view.viewport(), node_point(window, "khazali"), node_point(window, "pushing"))
    assert doc.node("khazali").parent == "thesis"


def test_drag_to_the_edge_of_a_sibling_reorders(window):
    doc = window.doc
    window.view.zoom_to_fit()
    before = list(doc.children("thesis"))
    # compact: siblings stack vertically, so the top quarter of a box drops before it
    drag(window.view.viewport(), node_point(window, "beholden"),
         node_point(window, "qaani", 0.5, 0.1))
    after = doc.children("thesis")
    assert after[0] == "beholden" and after[1:] == [i for i in before if i != "beholden"]


def test_undo_redo_round_trip_to_the_saved_state(window, qtbot, make_window, tmp_path):
    doc = window.doc
    original = doc.to_map().model_dump(exclude={"info"})
    view = window.view
    view.select_node("khazali")
    qtbot.keyClick(view, Qt.Key_Tab)
    choose_kind(qtbot, "o")
    type_and_enter(qtbot, view.editor, "One statement is not a trend")
    new = view.current_node()
    drag(view.viewport(), node_point(window, new), node_point(window, "fervor"))
    assert doc.node(new).parent == "fervor"
    view.select_node("coffers")
    qtbot.keyClick(view, Qt.Key_Delete)
    edited = doc.to_map().model_dump(exclude={"info"})
    steps = doc.undo_stack.count()
    assert steps == 3  # add (with its text), move, delete
    for _ in range(steps):
        qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert doc.to_map().model_dump(exclude={"info"}) == original
    for _ in range(steps):
        qtbot.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert doc.to_map().model_dump(exclude={"info"}) == edited
    window.workspace.autosaver.flush()
    with Library(tmp_path / "library.db") as lib:
        stored = lib.load(doc.map_id).model_dump(exclude={"info"})
    assert stored == doc.to_map().model_dump(exclude={"info"})  # exactly what it shows


def test_outline_and_canvas_follow_each_other(window, qtbot):
    model = window.sync.outline_model
    window.view.select_node("fervor")
    assert model.node_id(window.outline.currentIndex()) == "fervor"
    assert window.inspector.text.toPlainText() == window.doc.node("fervor").text
    index = model.index_of("escalate")
    window.outline.scrollTo(index)
    qtbot.mouseClick(window.outline.viewport(), Qt.LeftButton,
                     pos=window.outline.visualRect(index).center())
    assert window.scene.selected_ids() == ["escalate"]
    # an edit in the outline goes through the same command path
    window.outline.setFocus()
    qtbot.keyClick(window.outline, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Edited in the outline")
    qtbot.keyClick(editor, Qt.Key_Return)  # the delegate commits through a queued call
    qtbot.waitUntil(lambda: window.doc.node("escalate").text == "Edited in the outline")
    assert window.scene.nodes["escalate"].text == "Edited in the outline"
    assert window.doc.undo_stack.undoText().startswith("Edit text of “")


def test_inspector_edits_are_undoable(window, qtbot):
    window.view.select_node("qaani")
    inspector = window.inspector
    inspector.source_locator.setFocus()
    inspector.source_locator.selectAll()
    qtbot.keyClicks(inspector.source_locator, "para. 6")
    qtbot.keyClick(inspector.source_locator, Qt.Key_Return)
    assert window.doc.node("qaani").source.locator == "para. 6"
    window.doc.undo_stack.undo()
    assert window.doc.node("qaani").source.locator == "paragraph 6"
    assert inspector.source_locator.text() == "paragraph 6"


def test_collapse_hides_and_counts(window, qtbot):
    scene = window.scene
    window.view.select_node("accident")
    qtbot.keyClick(window.view, Qt.Key_Space)
    assert not scene.nodes["escalate"].isVisible()
    doc = window.doc

    def by_kind(top):
        return tuple(sum(1 for d in doc.subtree(top) if d != top and doc.node(d).kind is k)
                     for k in Kind)

    assert scene.nodes["accident"].hidden_counts == by_kind("accident")
    window.view.select_node("thesis")
    qtbot.keyClick(window.view, Qt.Key_Space)
    assert scene.nodes["thesis"].hidden_counts == by_kind("thesis")
    qtbot.keyClick(window.view, Qt.Key_Space)
    assert scene.nodes["qaani"].isVisible() and not scene.nodes["escalate"].isVisible()


def test_find_highlights_and_steps(window, qtbot):
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "khazali")
    matches = [i for i, item in window.scene.nodes.items() if item.matched]
    assert set(matches) == {"khazali", "khazali-words"}
    first = window.view.current_node()
    qtbot.keyClick(window.find_bar.field, Qt.Key_Return)
    second = window.view.current_node()
    assert {first, second} == set(matches)
    qtbot.keyClick(window.find_bar.field, Qt.Key_Escape)
    assert not window.find_bar.isVisible()
    assert not any(item.matched for item in window.scene.nodes.values())


def test_autosave_survives_closing_the_window(make_window, qtbot, tmp_path):
    first = make_window()
    first.view.select_node("qaani")
    qtbot.keyClick(first.view, Qt.Key_F2)
    qtbot.keyClicks(first.view.editor, "Qaani cannot rein them in")
    qtbot.keyClick(first.view.editor, Qt.Key_Return)
    assert first.isWindowModified()
    first.close()
    second = make_window()
    assert second.doc.node("qaani").text == "Qaani cannot rein them in"
    assert not second.isWindowModified()


def test_autosave_runs_within_seconds(window, qtbot, tmp_path):
    window.view.select_node("fervor")
    window.map_editor.edit_node("fervor", text="Saved by the timer")
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=3000)
    with Library(tmp_path / "library.db") as lib:
        assert lib.load(window.doc.map_id).by_id()["fervor"].text == "Saved by the timer"


def test_rubber_band_selects_several(window):
    window.workspace.set_layout(LayoutStyle.DOWN)  # where these three lie in one band
    view = window.view
    window.view.set_zoom(0.3)
    view.zoom_to_fit()
    a = node_point(window, "qaani", 0.0, 0.0)
    b = node_point(window, "tower22", 1.0, 1.0)
    a.setX(a.x() - 5)
    a.setY(a.y() - 5)
    mouse(view.viewport(), "press", a, modifiers=Qt.ShiftModifier)
    mouse(view.viewport(), "move", b, buttons=Qt.LeftButton, modifiers=Qt.ShiftModifier)
    mouse(view.viewport(), "release", b, modifiers=Qt.ShiftModifier)
    assert {"qaani", "khazali", "tower22"} <= set(window.scene.selected_ids())


def test_zoom_keys_and_fit(window, qtbot):
    view = window.view
    view.zoom_reset()
    qtbot.keyClick(view, Qt.Key_Plus, Qt.ControlModifier)
    assert view.zoom() > 1.0
    qtbot.keyClick(view, Qt.Key_0, Qt.ControlModifier)
    assert view.zoom() >= readable_zoom() - 1e-9  # Ctrl+0 never shrinks text past reading
    root = view.mapFromScene(window.scene.nodes["thesis"].sceneBoundingRect()).boundingRect()
    assert view.viewport().rect().contains(root)
    window.action_table.act_zoom_whole.trigger()  # View ▸ Show Whole Map: all of it
    rect = view.mapFromScene(window.scene.itemsBoundingRect()).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(rect)


def test_copy_paste_subtree_gets_fresh_ids(window, qtbot):
    doc = window.doc
    view = window.view
    view.select_node("accident")
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    view.select_node("thesis")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    pasted = view.current_node()
    assert pasted not in ("accident",)
    assert doc.node(pasted).text == doc.node("accident").text
    assert len(doc.children(pasted)) == 2
    assert doc.undo_stack.undoText() == "Paste"
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert pasted not in doc


def test_library_panel_new_rename_duplicate_delete(window, qtbot):
    panel = window.library_panel
    window.dialogs.answer("prompt_text", "Second map")
    panel.buttons["new"].click()
    window.view.editor.finish(commit=True)
    assert window.doc.info.title == "Second map"
    assert panel.list.count() == 2
    panel.filter.setText("second")
    visible = [panel.list.item(i).text() for i in range(panel.list.count())
               if not panel.list.item(i).isHidden()]
    assert visible == ["Second map  (1)"]
    panel.filter.clear()
    window.files.duplicate_map(window.doc.map_id)
    assert window.doc.info.title == "Second map (copy)"
    window.dialogs.answer("ask", False)
    window.files.delete_map(window.doc.map_id)
    assert panel.list.count() == 3
    window.dialogs.answer("ask", True)
    window.files.delete_map(window.doc.map_id)
    assert panel.list.count() == 2


def test_arrow_keys_cross_to_cousins_on_the_same_level(window, qtbot):
    window.workspace.set_layout(LayoutStyle.DOWN)
    view = window.view
    view.select_node("pushing")  # Khazali's only child: no sibling to its right
    qtbot.keyClick(view, Qt.Key_Right)
    target = view.current_node()
    assert target != "pushing"
    assert window.doc.depth(target) == window.doc.depth("pushing")
    assert window.scene.nodes[target].x() > window.scene.nodes["pushing"].x()
    qtbot.keyClick(view, Qt.Key_Left)
    assert view.current_node() == "pushing"


def test_window_deactivation_leaves_focus_and_keys_working(window, qtbot):
    """The scene stays active through alt-tabs (which otherwise visit every item)."""
    view, scene = window.view, window.scene
    view.select_node("thesis")
    for kind in (QEvent.WindowDeactivate, QEvent.WindowActivate, QEvent.WindowDeactivate):
        QApplication.sendEvent(view, QEvent(kind))  # what Qt sends each widget on alt-tab
        assert scene.isActive()
    assert scene.focusItem() is scene.nodes["thesis"]
    qtbot.keyClick(view, Qt.Key_Right)  # compact: children lie to the right
    child = window.doc.node(window.view.current_node())
    assert child.parent == "thesis"
    assert scene.focusItem() is scene.nodes[child.id]


def test_content_rect_is_what_the_items_cover(window):
    for style in LayoutStyle:
        window.workspace.set_layout(style)
        assert window.scene.content_rect == window.scene.itemsBoundingRect()


def test_a_big_map_opens_readable_at_its_root_and_fits_on_request(window, qtbot, tmp_path):
    """Fitted, 2,000 nodes would be specks without text: the root claim is shown instead."""
    from argmap.core.mapfile import write_map
    from tests.generate import generate

    path = tmp_path / "big.argmap.json"
    write_map(generate(2_000), path)
    assert window.files.open_file(str(path))
    view, scene = window.view, window.scene
    assert readable_zoom() - 1e-9 <= view.zoom() <= 1.0
    root = scene.nodes[window.doc.roots()[0]].sceneBoundingRect()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(root)
    view.zoom_reset()
    qtbot.keyClick(view, Qt.Key_0, Qt.ControlModifier)  # Ctrl+0: the same readable view
    assert readable_zoom() - 1e-9 <= view.zoom() <= 1.0
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(root)
    assert view.overview.isVisible()  # the rest of the map is one click away
    window.action_table.act_zoom_whole.trigger()
    shown = view.mapFromScene(scene.content_rect).boundingRect()
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown)
    assert window.zoom_label.text().endswith("%") and view.zoom() < 0.05


def test_the_inspectors_source_title_is_the_records_on_every_node(window, qtbot):
    """Issue 21: a node's source title and URL belong to its source record."""
    window.view.select_node("qaani")
    inspector = window.inspector
    inspector.source_title.setFocus()
    inspector.source_title.selectAll()
    qtbot.keyClicks(inspector.source_title, "The Atlantic, 30 January 2024")
    qtbot.keyClick(inspector.source_title, Qt.Key_Return)
    cited = [n for n in window.doc.nodes() if n.source is not None]
    assert {n.source.title for n in cited} == {"The Atlantic, 30 January 2024"}
    assert len(window.doc.sources()) == 1
    assert "The Atlantic, 30 January 2024" in measure(window.doc.node("fervor"), full=True).locator
    assert window.doc.undo_stack.undoText().startswith("Edit source of “")
    window.doc.undo_stack.undo()
    assert window.doc.node("fervor").source.title.startswith("Iran’s Proxies Are Out of")
