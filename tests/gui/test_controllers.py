"""The map editor and the action table on their own: clipboard, refusals, what is enabled."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from argmap.core.model import Kind


def test_copy_also_puts_an_indented_plain_text_copy(controllers):
    controllers.view.select_node("accident")
    assert controllers.editor.copy()
    lines = QApplication.clipboard().text().split("\n")
    doc = controllers.workspace.doc
    assert lines[0] == f"[objection] {doc.node('accident').text}"
    assert len(lines) == 3 and all(line.startswith("  [rebuttal] ") for line in lines[1:])


def test_paste_without_argmap_nodes_says_so_and_changes_nothing(controllers, qtbot):
    QApplication.clipboard().setText("just some text")
    controllers.view.select_node("thesis")
    with qtbot.waitSignal(controllers.editor.status) as said:
        controllers.editor.paste()
    assert said.args[0] == "The clipboard holds no argmap nodes"
    assert controllers.workspace.doc.undo_stack.count() == 0


def test_a_refused_edit_says_why(controllers, qtbot):
    controllers.view.select_node("qaani")  # evidence: a rebuttal only answers an objection
    with qtbot.waitSignal(controllers.workspace.status) as said:
        assert controllers.editor.add_child(Kind.REBUTTAL) is None
    assert said.args[0].startswith("Not allowed: ")
    assert controllers.workspace.doc.undo_stack.count() == 0


def test_actions_follow_the_open_map_and_the_current_node(window):
    table = window.action_table
    window.view.select_node("qaani")
    assert all(a.isEnabled() for a in table.map_actions)
    assert table.act_delete.isEnabled()
    assert not table.add_kind_actions[Kind.REBUTTAL].isEnabled()  # only under an objection
    assert table.add_kind_actions[Kind.OBJECTION].isEnabled()
    assert not table.kind_actions[Kind.EVIDENCE].isEnabled()  # it is evidence already
    window.workspace.close_document()
    assert window.windowTitle() == "argmap"
    assert not any(a.isEnabled() for a in [*table.map_actions, *table.node_actions])
    window.files.open_initial_map()
    assert table.act_export.isEnabled()
