"""What the map concludes, in the editor (issue 20): assessments set in the Inspector and from
the keyboard (one undo step each), the Inspector's strength, standing and why list (a click
goes to the child), View ▸ Show Evaluation's marks on the boxes (remembered), and the
outline. Real widgets, asserted on the model and on what the boxes paint."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter

from argmap.core.evaluate import Evaluation
from argmap.core.evaluate_text import percent
from argmap.core.model import Kind
from argmap.gui.panels.evaluation_panel import points
from argmap.look_eval import mark_geometry, mark_texts


def select(window, qtbot, node_id: str) -> None:
    window.view.select_node(node_id)
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.inspector.node_id == node_id)


def box_image(window, node_id: str) -> QImage:
    """The node's box as the canvas paints it, at 100 %."""
    scene, item = window.scene, window.scene.nodes[node_id]
    w, h = item.size()
    image = QImage(round(w), round(h), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, w, h), QRectF(item.pos(), QPointF(item.pos().x() + w,
                                                                         item.pos().y() + h)))
    painter.end()
    return image


def test_the_seeded_thesis_shows_its_strength_and_standing_in_the_inspector(window):
    """A new user finds them at once: the thesis is selected when the map opens, and the
    Inspector shows its strength and standing even with the canvas marks off (the default)."""
    doc = window.doc
    ev = Evaluation(list(doc.nodes()))
    assert window.inspector.node_id == "thesis"
    summary = window.inspector.evaluation.summary.text()
    assert summary == f"Strength {percent(ev.strength('thesis'))} ({ev.strength('thesis'):.3f}) · stands"
    assert window.inspector.evaluation.summary.isVisibleTo(window.inspector)
    assert not window.action_table.act_show_evaluation.isChecked()
    assert window.scene.marks is None


def test_the_slider_and_not_assessed_set_the_assessment_one_undo_step_each(window, qtbot):
    select(window, qtbot, "funding")
    panel, doc = window.inspector.evaluation, window.doc
    assert panel.unassessed.isChecked() and doc.node("funding").assessment is None
    qtbot.keyClick(panel.slider, Qt.Key.Key_PageUp)  # 50 % + a page step
    assert doc.node("funding").assessment == 0.75
    assert doc.undo_stack.undoText().startswith("Assess 75 % “")
    assert not panel.unassessed.isChecked() and panel.value.text() == "75 %"
    panel.slider.setSliderDown(True)  # a drag: one command when it is let go
    for value in (80, 85, 90):
        panel.slider.setValue(value)
    assert doc.node("funding").assessment == 0.75
    panel.slider.setSliderDown(False)
    assert doc.node("funding").assessment == 0.9
    box = panel.unassessed  # clicked on its box (a QCheckBox takes clicks there and on its text)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert doc.node("funding").assessment is None
    assert doc.undo_stack.undoText().startswith("Clear assessment “")
    doc.undo_stack.undo()
    assert doc.node("funding").assessment == 0.9 and panel.value.text() == "90 %"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.node("funding").assessment is None and panel.unassessed.isChecked()


def test_alt_keys_assess_the_current_node_and_the_strengths_follow(window, qtbot):
    select(window, qtbot, "funding")
    doc = window.doc
    for key, value in ((Qt.Key.Key_3, 0.75), (Qt.Key.Key_0, 0.0), (Qt.Key.Key_4, 1.0),
                       (Qt.Key.Key_1, 0.25), (Qt.Key.Key_2, 0.5)):
        qtbot.keyClick(window.view, key, Qt.KeyboardModifier.AltModifier)
        assert doc.node("funding").assessment == value
        assert window.workspace.evaluation.mark("thesis") == (
            Evaluation(list(doc.nodes())).strength("thesis"), True)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.AltModifier)
    assert doc.node("funding").assessment is None
    assert "funding" in doc  # Alt+Delete is not Delete: nothing was deleted
    qtbot.keyClick(window.view, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage().startswith("Assess 100 %: strength now ")
    index = window.sync.outline_model.index_of("funding")
    assert index.data().startswith("Objection (100 %): Tehran still funds")


def test_the_why_list_follows_the_number_down_and_a_click_goes_there(window, qtbot):
    panel, doc = window.inspector.evaluation, window.doc
    why = Evaluation(list(doc.nodes())).why("thesis")
    entries = panel.entries()
    assert entries[0] == ("", percent(why.base), "Base score 50 %: not assessed", None)
    assert [(e[0], e[1], e[3]) for e in entries[1:]] == [
        (points(c.impact), percent(c.strength), c.node_id) for c in why.children]
    assert abs(why.children[0].impact) >= abs(why.children[-1].impact)
    before = doc.to_map().nodes
    target = next(w for w in panel.entry_widgets() if w.row[3] == "funding")
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    assert window.scene.selected_ids() == ["funding"]
    assert window.inspector.node_id == "funding"
    assert window.inspector.heading.text().startswith("Objection")
    assert [e[3] for e in panel.entries()[1:]] == ["own-money"]  # funding's own why list
    assert doc.to_map().nodes == before  # following the why list changes nothing


def test_show_evaluation_marks_every_box_and_is_remembered(make_window, qtbot):
    window = make_window()
    action = window.action_table.act_show_evaluation
    plain = box_image(window, "funding")
    window.menuBar()  # View ▸ Show Evaluation
    action.trigger()
    scene = window.scene
    assert scene.marks is not None
    ev = Evaluation(list(window.doc.nodes()))
    for node_id in scene.nodes:
        assert scene.marks(node_id) == (ev.strength(node_id), ev.stands(node_id))
    assert mark_texts(*scene.marks("funding")) == ("25 %", "falls")
    marked = box_image(window, "funding")
    assert marked != plain
    left = round(mark_geometry().left)
    changed = [(px, py) for px in range(plain.width()) for py in range(plain.height())
               if plain.pixel(px, py) != marked.pixel(px, py)]
    assert changed and min(px for px, _ in changed) >= left - 1  # only the mark, top right
    pill = mark_geometry().pill
    assert max(py for _, py in changed) <= pill[1] + pill[3] + 1
    window.close()

    again = make_window()  # argmap started again: still shown
    assert again.action_table.act_show_evaluation.isChecked()
    assert again.scene.marks is not None
    box = again.inspector.evaluation.show_on_map  # the Inspector's own switch, the same one
    assert box.isChecked() and box.isVisibleTo(again.inspector)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not again.action_table.act_show_evaluation.isChecked()
    assert again.scene.marks is None and box_image(again, "funding") == plain
    again.action_table.act_show_evaluation.trigger()
    assert box.isChecked() and again.scene.marks is not None


def test_an_edit_repaints_the_changed_boxes_only_and_standings_flip_up_the_map(window, qtbot):
    window.action_table.act_show_evaluation.trigger()
    scene, doc, evaluation = window.scene, window.doc, window.workspace.evaluation
    with qtbot.waitSignal(evaluation.changed) as changed:
        window.map_editor.edit_node("own-money", assessment=0.3)
    assert set(changed.args[0]) <= {"own-money", "funding", "thesis"}
    assert "funding" in changed.args[0]
    select(window, qtbot, "own-money")
    new = window.map_editor.add_child(Kind.OBJECTION, "own-money", edit=False)
    assert new is not None
    assert mark_texts(*scene.marks(new))[1] == "stands"
    assert mark_texts(*scene.marks("own-money"))[1] == "falls"
    assert mark_texts(*scene.marks("funding"))[1] == "stands"
    assert mark_texts(*scene.marks("thesis"))[1] == "falls"
    select(window, qtbot, "thesis")
    assert window.inspector.evaluation.summary.text().endswith("· falls")
    assert window.inspector.evaluation.standing.text() == (
        "Falls: an objection against it stands")
    doc.undo_stack.undo()
    assert new not in doc and mark_texts(*scene.marks("thesis"))[1] == "stands"
    assert window.inspector.evaluation.summary.text().endswith("· stands")


def test_no_two_actions_share_a_shortcut(window):
    """Alt+0 … Alt+4 and Alt+Delete collide with nothing (Ctrl+Alt+0 zooms to the
    selection, Delete deletes, and on Linux Undo is also Alt+Backspace)."""
    bound: dict[str, str] = {}
    # What a key can trigger while the canvas has focus: the window's actions and its own.
    # A refused kind's twin (same key, never enabled with it) says why: see test_refusals.
    twins = {id(a) for a in window.action_table.kind_refusals.values()}
    live = {id(a): a for a in (*window.actions(), *window.view.actions()) if id(a) not in twins}
    for action in live.values():
        for key in (k for k in action.shortcuts() if not k.isEmpty()):
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in bound, (text, bound.get(text), action.text())
            bound[text] = action.text()
    for key in ("Alt+0", "Alt+4", "Alt+Del", "Ctrl+Alt+0", "Del"):
        assert key in bound


def test_the_export_dialog_starts_with_the_marks_the_canvas_shows(window, tmp_path):
    from argmap.formats import registry
    from argmap.formats.options import ExportOptions
    from argmap.gui.panels.export_dialog import ExportDialog

    dialogs = window.dialogs
    dialogs.answer("export_options", None, None)
    window.exports.export_dialog()
    assert dialogs.export_evaluation is False
    window.action_table.act_show_evaluation.trigger()
    window.exports.export_dialog()
    assert dialogs.export_evaluation is True
    dialog = ExportDialog(window, False, "down", True)
    assert dialog.options(None).evaluation is True  # a PNG, the first format
    dialog.format.setCurrentText(registry.ARGDOWN.label)
    assert not dialog.evaluation.isEnabled() and dialog.options(None).evaluation is False
    dialog.format.setCurrentText(registry.SVG.label)
    dialog.evaluation.setChecked(False)
    assert dialog.options(None).evaluation is False
    out = tmp_path / "marked.svg"
    assert window.exports.export_to(str(out), ExportOptions(evaluation=True))
    assert ">stands</text>" in out.read_text(encoding="utf-8")


def test_an_assessment_leaves_its_box_alone_and_a_text_edit_does_not(window):
    """The box draws no assessment: it is not measured or updated again (an item's update
    makes the scene visit every item of the map); its mark is repainted by its area."""
    item = window.scene.nodes["funding"]
    box = item.box
    window.map_editor.edit_node("funding", assessment=0.8)
    assert item.box is box and item._node is window.doc.node("funding")
    window.map_editor.edit_node("funding", text="Tehran still funds the militias.")
    assert item.box is not box and item.text == "Tehran still funds the militias."
