"""The argument editor in the real window: link sibling reasons as co-premises (Ctrl+L), add
a co-premise or an undercut (Tab), unlink (Ctrl+Shift+L), drag reasons into and out of an
argument's frame, and find, collapse, copy, cut, paste, move and export arguments as any
node; the outline and the inspector say what each node is. Asserts on the document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QMenu

from argmap.core.layout import LayoutStyle
from argmap.core.model import Kind, Node, new_map
from argmap.editing import commands
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.gui.canvas.frames import PremiseFrameItem
from argmap.gui.mainwindow import MainWindow
from argmap.gui.panels.inspector import heading
from tests.gui.conftest import drag, node_point
from tests.helpers import argument_map


def open_map(window: MainWindow, amap) -> None:
    window.workspace.library.save(amap)
    assert window.workspace.open_map(amap.info.id)
    window.view.setFocus()


def reasons() -> object:
    return new_map("reasons", [
        Node(id="c", kind="claim", text="Cities should ban cars downtown."),
        Node(id="e1", parent="c", order=0, kind="evidence", text="NO2 fell 40% where cars went."),
        Node(id="k", parent="c", order=1, kind="claim", text="Cleaner air means healthier lungs."),
        Node(id="o1", parent="c", order=2, kind="objection", text="Deliveries suffer."),
    ])


def chooser(qtbot) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_link_name_add_undercut_unlink_and_undo_by_keyboard(window: MainWindow, qtbot):
    open_map(window, reasons())
    doc, view, scene = window.doc, window.view, window.scene
    scene.select_only(["e1", "k"])
    qtbot.keyClick(view, Qt.Key_L, Qt.ControlModifier)
    argument = doc.node("e1").parent
    assert doc.node(argument).kind is Kind.ARGUMENT and doc.node(argument).polarity == "supports"
    assert doc.children(argument) == ["e1", "k"] and doc.children("c") == [argument, "o1"]
    assert view.editor.active  # name it at once
    qtbot.keyClicks(view.editor, "Clean air, and clean air is health")
    qtbot.keyClick(view.editor, Qt.Key_Return)
    assert doc.node(argument).text == "Clean air, and clean air is health"
    # Tab on the argument: a premise (claim, evidence) or an undercut
    qtbot.keyClick(view, Qt.Key_Tab)
    menu = chooser(qtbot)
    labels = [a.text().replace("&", "") for a in menu.actions()]
    assert labels == ["Premise: Claim", "Premise: Evidence", "Undercut (Objection)"]
    qtbot.keyClick(menu, "e")
    qtbot.keyClicks(view.editor, "Lung function rose in Madrid")
    qtbot.keyClick(view.editor, Qt.Key_Return)
    new = view.current_node()
    assert doc.children(argument)[:3] == ["e1", "k", new] and doc.node(new).kind is Kind.EVIDENCE
    view.select_node(argument)
    qtbot.keyClick(view, Qt.Key_Tab)
    qtbot.keyClick(chooser(qtbot), "o")
    qtbot.keyClicks(view.editor, "Madrid also banned diesel")
    qtbot.keyClick(view.editor, Qt.Key_Return)
    undercut = view.current_node()
    assert doc.node(undercut).kind is Kind.OBJECTION and doc.node(undercut).parent == argument
    # unlinking is refused while the undercut needs the inference, and says why
    view.select_node(argument)
    qtbot.keyClick(view, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert argument in doc and "1 undercut" in status(window)
    view.select_node(undercut)
    qtbot.keyClick(view, Qt.Key_Delete)
    view.select_node("k")  # on a premise, Ctrl+Shift+L unlinks its argument
    qtbot.keyClick(view, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert argument not in doc and doc.children("c") == ["e1", "k", new, "o1"]
    assert set(scene.selected_ids()) == {"e1", "k", new}
    # every step undoes, one at a time, back to the map as it was
    stack = doc.undo_stack
    assert stack.undoText() == "Unlink argument"
    for _ in range(stack.count()):
        stack.undo()
    assert doc.to_map().nodes == reasons().nodes


def test_refusals_say_why_in_the_status_bar(window: MainWindow, qtbot):
    open_map(window, reasons())
    view, scene = window.view, window.scene
    scene.select_only(["e1", "o1"])
    qtbot.keyClick(view, Qt.Key_L, Qt.ControlModifier)
    assert "all support or all attack" in status(window)
    assert window.doc.undo_stack.count() == 0
    view.select_node("k")
    table = window.action_table
    assert not table.act_unlink.isEnabled() and not table.act_add_premise.isEnabled()
    window.map_editor.add_co_premise()  # asked for anyway (the Node menu's state lags)
    assert "select an argument" in status(window)


def test_linking_objections_makes_an_attacking_argument_drawn_as_an_attack(window, qtbot):
    open_map(window, argument_map())
    doc, scene = window.doc, window.scene
    assert scene.edges["a2"].attack  # an attacking argument's edge is an attack
    assert not scene.edges["a1"].attack
    window.view.select_node("a1")
    window.action_table.refresh()
    act = window.action_table.act_attacks
    assert act.isEnabled() and not act.isChecked()
    act.trigger()
    assert doc.node("a1").polarity == "attacks" and scene.edges["a1"].attack
    doc.undo_stack.undo()
    assert not scene.edges["a1"].attack


@pytest.mark.parametrize("style", list(LayoutStyle))
def test_the_canvas_frames_each_arguments_premises(window: MainWindow, style):
    open_map(window, argument_map())
    scene = window.scene
    window.workspace.set_layout(style)
    frames = {i.argument_id: i for i in scene.items() if isinstance(i, PremiseFrameItem)}
    assert set(frames) == {"a1", "a2"} and all(f.isVisible() for f in frames.values())
    rect = frames["a1"].rect()
    for premise in ("p1", "p2"):
        assert rect.contains(scene.nodes[premise].sceneBoundingRect().adjusted(4, 4, -4, -4))
    assert not rect.intersects(scene.nodes["u1"].sceneBoundingRect())  # undercuts stay out
    assert scene.nodes["p1"].size()[1] == scene.nodes["p2"].size()[1] or (
        style is LayoutStyle.RIGHT)  # a row's premises are as tall as each other
    assert scene.edges["p1"].isVisible() and not scene.edges["p2"].isVisible()
    start = scene.edges["p1"].path().elementAt(0)
    assert not rect.adjusted(1, 1, -1, -1).contains(QPointF(start.x, start.y))  # on the frame
    scene.set_collapsed("a1", True)
    assert not frames["a1"].isVisible()


def test_drag_reasons_into_and_out_of_an_argument(window: MainWindow, qtbot):
    open_map(window, argument_map())
    doc, scene, viewport = window.doc, window.scene, window.view.viewport()
    window.view.zoom_to_fit()
    # a claim dropped anywhere in a frame becomes that argument's premise
    doc.undo_stack.push(commands.add_child(doc, "root", Kind.CLAIM, "Traffic deaths fell.")[0])
    new = doc.children("root")[-1]
    frame = next(i for i in scene.items() if isinstance(i, PremiseFrameItem)
                 and i.argument_id == "a1")
    left, right = scene.nodes["p1"].sceneBoundingRect(), scene.nodes["p2"].sceneBoundingRect()
    gap = QPointF((left.right() + right.left()) / 2, frame.rect().center().y())  # on no box
    assert frame.rect().contains(gap)
    assert scene.node_at(gap) is None
    drag(viewport, node_point(window, new), window.view.mapFromScene(gap))
    assert doc.node(new).parent == "a1"
    assert doc.children("a1").index(new) < doc.children("a1").index("u1")  # a premise
    # a premise dragged onto another node leaves its argument
    drag(viewport, node_point(window, "p2"), node_point(window, "o1"))
    assert doc.node("p2").parent == "o1"
    # the last premise cannot leave: the drop is refused, and the status bar says why
    drag(viewport, node_point(window, "p3"), node_point(window, "root"))
    assert doc.node("p3").parent == "a2" and "needs at least one premise" in status(window)


def test_find_collapse_copy_cut_paste_and_move_work_on_arguments(window, qtbot):
    open_map(window, argument_map())
    doc, view, scene = window.doc, window.view, window.scene
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, "health follows")
    assert [i for i, item in scene.nodes.items() if item.matched] == ["a1"]
    qtbot.keyClick(window.find_bar.field, Qt.Key_Escape)
    view.select_node("a1")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Space)  # collapse: premises and undercut hidden and counted
    assert not scene.nodes["p1"].isVisible() and scene.nodes["a1"].hidden_counts is not None
    qtbot.keyClick(view, Qt.Key_Space)
    assert scene.nodes["p1"].isVisible()
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    view.select_node("o1")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    pasted = view.current_node()
    assert doc.node(pasted).kind is Kind.ARGUMENT and doc.node(pasted).parent == "o1"
    assert [doc.node(k).text for k in doc.children(pasted)] == [
        doc.node(k).text for k in doc.children("a1")]
    view.select_node(pasted)
    qtbot.keyClick(view, Qt.Key_X, Qt.ControlModifier)  # cut it again
    assert pasted not in doc
    view.select_node("root")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    again = view.current_node()
    assert doc.node(again).parent == "root" and len(doc.children(again)) == 3
    view.select_node("a1")
    qtbot.keyClick(view, Qt.Key_Down, Qt.AltModifier)  # moves as any node
    assert doc.children("root").index("a1") == 1
    assert doc.to_map()


def test_the_outline_and_inspector_show_the_structure(window: MainWindow, qtbot):
    open_map(window, argument_map())
    model = window.sync.outline_model
    assert model is not None

    def shown(node_id: str) -> str:
        return model.data(model.index_of(node_id), Qt.ItemDataRole.DisplayRole)

    assert shown("a1").startswith("Argument — supports: Cleaner air")
    assert shown("a2").startswith("Argument — attacks:")
    assert shown("p1").startswith("Premise · Evidence:")
    assert shown("u1").startswith("Undercut · Objection:")
    text = heading(window.doc, "a1")
    assert "Argument — supports the claim" in text and "• Air quality improves." in text
    assert "1 undercut" in text
    assert "with 1 other premise" in heading(window.doc, "p2")
    window.view.select_node("a1")
    inspector = window.sync.inspector
    assert inspector.form.isRowVisible(inspector.polarity)
    inspector.polarity.setCurrentIndex(inspector.polarity.findData("attacks"))
    inspector.polarity.activated.emit(inspector.polarity.currentIndex())
    assert window.doc.node("a1").polarity == "attacks"
    assert shown("a1").startswith("Argument — attacks:")
    window.view.select_node("p1")
    assert not inspector.form.isRowVisible(inspector.polarity)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_an_argument_built_in_the_editor_exports(window: MainWindow, tmp_path: Path, suffix):
    open_map(window, reasons())
    window.scene.select_only(["e1", "k"])
    window.map_editor.link_selected()
    window.view.editor.finish(commit=False)
    out = tmp_path / f"map{suffix}"
    export_map(window.doc.to_map(), out, ExportOptions())
    assert out.stat().st_size > 0
    if suffix == ".svg":
        root = ET.fromstring(out.read_text(encoding="utf-8"))
        frames = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("rx") == "9"]
        assert len(frames) == 1


def test_the_window_shows_and_saves_a_map_with_arguments(window: MainWindow, qtbot):
    amap = argument_map("with arguments")
    open_map(window, amap)
    for node_id in ("a1", "p1", "u1", "a2"):
        window.view.select_node(node_id)
        qtbot.wait(1)
        assert window.view.current_node() == node_id
    window.view.select_node("a1")
    window.action_table.refresh()
    assert not window.action_table.kind_actions[Kind.CLAIM].isEnabled()  # an argument stays one
    window.workspace.autosaver.flush()
    stored = window.workspace.library.load(amap.info.id)
    assert stored.by_id()["a1"].polarity == "supports"
    assert stored.by_id()["p2"].assessment == 0.9
