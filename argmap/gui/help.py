"""Help ▸ Keyboard Shortcuts (F1): the keys and mouse moves, grouped by what they are for.

Keys bound to actions are read from the actions themselves (so a changed shortcut shows
here at once); keys handled inside widgets (arrows, Escape, Shift+Enter) and the mouse
are listed by hand, since no QAction holds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from argmap.gui.actions import ActionTable


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def shortcut_groups(table: ActionTable) -> list[tuple[str, list[str]]]:
    """(task, ["Name: keys", ...]) in the order a new user needs them."""
    t = table
    groups: list[tuple[str, list[QAction | str]]] = [
        ("Adding nodes", [
            t.act_add_child, t.act_add_sibling, t.act_add_root,
            "Type C, E, O or R in the Tab menu: pick the kind"]),
        ("Editing text", [
            t.act_edit, "Double-click a node: edit its text",
            "Enter: finish editing", "Shift+Enter: a new line in the text",
            "Esc: cancel editing (the text stays as it was)"]),
        ("Moving around", [
            "Arrow keys: to the parent, a child, or the next node beside",
            "Drag empty space: pan the map", "Ctrl+wheel: zoom at the mouse pointer",
            t.act_zoom_in, t.act_zoom_out, t.act_zoom_fit, t.act_zoom_sel, t.act_zoom_100,
            t.act_collapse, t.act_expand_all]),
        ("Changing the map", [
            *t.kind_actions.values(), t.act_move_up, t.act_move_down, t.act_promote,
            t.act_demote, "Drag a node onto another: move it under that node",
            t.act_delete, t.act_undo, t.act_redo]),
        ("Selecting and the clipboard", [
            "Shift+drag on empty space: select several nodes", t.act_select_all,
            t.act_cut, t.act_copy, t.act_paste]),
        ("Finding", [t.act_find, t.act_find_next, t.act_find_prev,
                     "Esc: close the find bar"]),
        ("Maps and files", [t.act_new_map, t.act_open, t.act_save, t.act_export, t.act_quit,
                            "Delete in the library list: delete that map (to the trash)"]),
        ("Help", [t.act_keys]),
    ]
    out: list[tuple[str, list[str]]] = []
    for title, entries in groups:
        lines = []
        for entry in entries:
            if isinstance(entry, str):
                lines.append(entry)
                continue
            keys = _keys(entry)
            if keys:
                name = entry.text().replace("&", "").split("\t")[0]
                if entry in (t.act_undo, t.act_redo):
                    name = name.split(" ")[0]  # "Undo Add evidence": just "Undo"
                lines.append(f"{name}: {keys}")
        out.append((title, lines))
    return out


def shortcut_text(table: ActionTable) -> str:
    return "\n\n".join(f"{title}\n" + "\n".join(f"   {line}" for line in lines)
                       for title, lines in shortcut_groups(table))
