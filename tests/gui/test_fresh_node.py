"""A node added to be typed into (issue 23): Esc takes it back, leaving no stray "New
claim" and no step in the history; adding it and typing its text is one undo step; every
history entry names its node by a text excerpt."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_editor import choose_kind, type_and_enter


def test_esc_on_a_freshly_added_node_takes_it_back(window, qtbot):
    doc, view = window.doc, window.view
    before = len(doc)
    view.select_node("qaani")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Return)  # a sibling, typed into in place
    assert len(doc) == before + 1 and view.editor.active
    qtbot.keyClick(view.editor, Qt.Key_Escape)
    assert len(doc) == before
    assert not any(n.text == "New evidence" for n in doc.nodes())
    assert doc.undo_stack.count() == 0 and not doc.undo_stack.canRedo()
    assert view.current_node() is not None  # something sensible stays selected
    qtbot.keyClick(view, Qt.Key_Tab)  # and the keys still work
    choose_kind(qtbot, "o")
    type_and_enter(qtbot, view.editor, "Still works")
    assert any(n.text == "Still works" for n in doc.nodes())


def test_esc_on_an_existing_node_only_cancels_the_edit(window, qtbot):
    doc, view = window.doc, window.view
    before = len(doc)
    view.select_node("qaani")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_F2)
    qtbot.keyClicks(view.editor, "discarded")
    qtbot.keyClick(view.editor, Qt.Key_Escape)
    assert len(doc) == before and "qaani" in doc and doc.undo_stack.count() == 0


def test_adding_a_node_and_typing_it_is_one_undo_step_named_by_its_text(window, qtbot):
    doc, view = window.doc, window.view
    view.select_node("khazali")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Tab)
    choose_kind(qtbot, "o")
    type_and_enter(qtbot, view.editor, "One statement is not a trend, whatever they say later")
    new = view.current_node()
    assert doc.node(new).text == "One statement is not a trend, whatever they say later"
    stack = doc.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "Add objection “One statement is not a trend, whatever…”"
    stack.undo()
    assert new not in doc
    stack.redo()
    assert doc.node(new).text.startswith("One statement") and doc.node(new).parent == "khazali"


def test_history_entries_name_their_node(window, qtbot):
    doc, view = window.doc, window.view
    stack = doc.undo_stack
    gist = f"“{doc.node('qaani').text[:10]}"
    view.select_node("qaani")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_F2)
    type_and_enter(qtbot, view.editor, "Qaani's visits were announced")
    assert stack.undoText().startswith(f"Edit text of {gist}"), stack.undoText()
    qtbot.keyClick(view, Qt.Key_Down, Qt.AltModifier)  # the first of the thesis's reasons
    assert stack.undoText() == "Reorder “Qaani's visits were announced”"
    qtbot.keyClick(view, Qt.Key_3, Qt.ControlModifier)
    assert stack.undoText() == "Make “Qaani's visits were announced” an objection"
    qtbot.keyClick(view, Qt.Key_Delete)
    assert stack.undoText().startswith("Delete ") and "Qaani's visits" in stack.undoText()
    entries = [window.history.model().index(i, 0).data() for i in range(stack.count() + 1)]
    assert all("“" in entry for entry in entries[1:]), entries
