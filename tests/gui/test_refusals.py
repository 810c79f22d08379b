"""A refused action says why (issue 23): Change Kind on a node that may not change, by key
or from the menu, and a drop the map's rules refuse, while it is dragged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip

from argmap.core.model import Kind
from tests.gui.conftest import mouse, node_point


def test_ctrl_1_on_an_objection_with_a_rebuttal_says_why_not(window, qtbot):
    doc, view, table = window.doc, window.view, window.action_table
    assert any(doc.node(c).kind is Kind.REBUTTAL for c in doc.children("ambiguity"))
    view.select_node("ambiguity")
    view.setFocus()
    make_claim = table.kind_actions[Kind.CLAIM]
    assert not make_claim.isEnabled()  # greyed out in Node ▸ Change Kind ...
    assert "rebuttal" in make_claim.statusTip() and "rebuttal" in make_claim.toolTip()
    qtbot.keyClick(view, Qt.Key_1, Qt.ControlModifier)  # ... and the key says why
    message = window.statusBar().currentMessage()
    assert "rebuttal" in message and "objection" in message, message
    assert doc.node("ambiguity").kind is Kind.OBJECTION
    assert doc.undo_stack.count() == 0
    table = window.action_table
    for node_id in ("ambiguity", "qaani", "thesis"):  # a key is never bound twice at once
        view.select_node(node_id)
        for kind, act in table.kind_actions.items():
            assert act.isEnabled() != table.kind_refusals[kind].isEnabled()
            assert act.shortcuts() == table.kind_refusals[kind].shortcuts()


def test_an_allowed_kind_change_still_happens_by_key(window, qtbot):
    doc, view = window.doc, window.view
    view.select_node("qaani")  # evidence under the thesis: may become a claim
    view.setFocus()
    assert window.action_table.kind_actions[Kind.CLAIM].isEnabled()
    qtbot.keyClick(view, Qt.Key_1, Qt.ControlModifier)
    assert doc.node("qaani").kind is Kind.CLAIM
    assert doc.undo_stack.count() == 1


def test_a_refused_drop_shows_its_reason_while_dragged(window):
    view = window.view
    view.zoom_to_fit()
    viewport = view.viewport()
    mouse(viewport, "press", node_point(window, "balance"))  # a rebuttal
    mouse(viewport, "move", node_point(window, "qaani"), buttons=Qt.LeftButton)  # evidence
    assert window.scene.nodes["qaani"].drop_state is False
    shown = QToolTip.text() if QToolTip.isVisible() else window.statusBar().currentMessage()
    assert "a rebuttal cannot go under evidence" in shown, shown
    mouse(viewport, "move", node_point(window, "funding"), buttons=Qt.LeftButton)  # allowed
    assert "cannot" not in (QToolTip.text() if QToolTip.isVisible() else "")
    mouse(viewport, "release", node_point(window, "funding"))
    assert window.doc.node("balance").parent == "funding"
