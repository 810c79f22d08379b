"""The README's editor table says what the window does: each key it documents is bound to
the action the row names (in the action table, argmap/gui/actions.py), and each "Menu ▸
Item" it mentions is in that menu. The command-line table: tests/test_docs.py."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from tests.test_docs import README, section, table_rows

#: Keys handled by a widget rather than an action: where the window documents them.
IN_F1 = "a hand-written line of F1's list"
IN_FIND_BAR = "the find field"
#: Each README row (by how it starts) and the action each of its keys triggers, by the
#: action's text. A row with keys that is not here fails the test: say which action they are.
ROWS: dict[str, dict[str, str]] = {
    "add a child": {"Tab": "Add Child…", "Insert": "Add Child…"},
    "add a sibling": {"Enter": "Add Sibling", "Ctrl+Shift+N": "Add Root Claim"},
    "edit text in place": {"F2": "Edit Text"},
    "reorder / promote / demote": {"Alt+↑": "Move Up", "Alt+↓": "Move Down", "Alt+←": "Promote",
                                   "Shift+Tab": "Promote", "Alt+→": "Demote"},
    "change kind": {"Ctrl+1": "Make Claim", "Ctrl+2": "Make Evidence",
                    "Ctrl+3": "Make Objection", "Ctrl+4": "Make Rebuttal"},
    "link sibling reasons": {"Shift+drag": IN_F1, "Ctrl+L": "Link as Co-premises",
                             "Ctrl+Shift+L": "Unlink Argument"},
    "add a co-premise": {"Tab": "Add Child…", "Enter": "Add Sibling"},
    "delete a node": {"Delete": "Delete"},
    "cut / copy / paste": {"Ctrl+X": "Cut", "Ctrl+C": "Copy", "Ctrl+V": "Paste"},
    "undo / redo": {"Ctrl+Z": "Undo", "Ctrl+Shift+Z": "Redo", "Ctrl+Y": "Redo"},
    "assess a node": {"Alt+0": "Assess 0 %", "Alt+1": "Assess 25 %", "Alt+2": "Assess 50 %",
                      "Alt+3": "Assess 75 %", "Alt+4": "Assess 100 %",
                      "Alt+Delete": "Not Assessed"},
    "collapse or expand": {"Space": "Collapse/Expand"},
    "find": {"Ctrl+F": "Find…", "Enter": IN_FIND_BAR, "F3": "Find Next",
             "Shift+Enter": IN_FIND_BAR, "Shift+F3": "Find Previous"},
    "zoom": {"Ctrl++": "Zoom In", "Ctrl+-": "Zoom Out", "Ctrl+wheel": IN_F1,
             "Ctrl+0": "Readable View", "Ctrl+Alt+0": "Zoom to Selection"},
    "pan / select": {"Shift+drag": IN_F1},
    "export": {"Ctrl+E": "Export…"},
    "print": {"Ctrl+P": "Print…"},
    "make evidence or an objection from a passage": {
        "Ctrl+Shift+Q": "New Evidence from Selection",
        "Ctrl+Shift+O": "New Objection from Selection"},
    "open a teammate's file": {"Ctrl+O": "Open Map File…"},
    "save now": {"Ctrl+S": "Save"},
    "set the layout, evaluation marks": {"Ctrl+,": "Preferences…"},
    "list every shortcut": {"F1": "Keyboard Shortcuts"},
}
ARROWS = str.maketrans({"↑": "Up", "↓": "Down", "←": "Left", "→": "Right"})
MENU_PATH = re.compile(r"\b(File|Edit|Node|View|Help) ▸ ([^|\n]+)")


def _text(action: QAction) -> str:
    return action.text().replace("&", "")


def _documented() -> list[tuple[str, list[str]]]:
    """(row, [keys]) of the editor table: the backticked words, commands left out."""
    rows = []
    for what, how in table_rows(section("Using the editor")):
        keys = [k for k in re.findall(r"`([^`]+)`", how) if " " not in k]
        rows.append((what, keys))
    return rows


def test_each_documented_key_triggers_the_action_its_row_names(window):
    actions = window.findChildren(QAction)
    f1 = "\n".join(line for _title, lines in window.action_table.shortcut_groups()
                   for line in lines if isinstance(line, str))
    for what, keys in _documented():
        if not keys:
            continue
        row = next((ROWS[start] for start in ROWS if what.startswith(start)), None)
        assert row is not None, f"README row {what!r}: add it to ROWS with its actions"
        assert sorted(keys) == sorted(row), f"README row {what!r}"
        for key, target in row.items():
            if target == IN_F1:
                assert key in f1, key
            elif target != IN_FIND_BAR:  # driven in test_find_field_keys_step_the_matches
                sequence = QKeySequence(key.translate(ARROWS))
                bound = [_text(a) for a in actions if sequence in a.shortcuts()]
                assert any(text.startswith(target) for text in bound), (key, target, bound)


def test_find_field_keys_step_the_matches(window, qtbot):
    """Enter and Shift+Enter in the find field: the next and the previous match."""
    window.action_table.act_find.trigger()
    field = window.finder.bar.field
    qtbot.keyClicks(field, "Iran")
    start = window.finder.index
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.finder.index == start + 1
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.finder.index == start


def test_each_menu_path_the_readme_names_is_in_that_menu(window):
    menus = {_text(m.menuAction()): m for m in window.menuBar().findChildren(QMenu)
             if m.parent() is window.menuBar()}
    paths = MENU_PATH.findall(README)
    assert len(paths) > 5
    for menu, rest in paths:
        items = [_text(a) for a in menus[menu].actions() if not a.isSeparator()]
        assert any(re.match(re.escape(item) + r"(\W|$)", rest) for item in items), (menu, rest)
    layouts = re.search(r"View ▸ Layout: ([^|(]+ \(default\)[^|(]*)", README)
    assert layouts, "the README no longer lists the layouts"
    listed = [name.replace(" (default)", "").strip() for name in layouts.group(1).split(",")]
    assert listed == [_text(a) for a in window.action_table.layout_actions.values()]
