"""Help ▸ Keyboard Shortcuts (F1): the keys and mouse moves, grouped by what they are for.

The groups are made by the action table (actions.py): keys bound to actions are read from
the actions themselves (so a changed shortcut shows here at once); keys handled inside
widgets (arrows, Escape, Shift+Enter) and the mouse are written out, since no QAction
holds them.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


Groups = list[tuple[str, list[QAction | str]]]


def shortcut_groups(groups: Groups, plain_name: tuple[QAction, ...] = ()) -> list[tuple[str, list[str]]]:
    """(task, ["Name: keys", ...]): each action with its keys, each hand-written line as is.
    The actions in `plain_name` show their first word only ("Undo", not "Undo Add evidence")."""
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
                if entry in plain_name:
                    name = name.split(" ")[0]  # "Undo Add evidence": just "Undo"
                lines.append(f"{name}: {keys}")
        out.append((title, lines))
    return out


def shortcut_text(groups: Groups, plain_name: tuple[QAction, ...] = ()) -> str:
    return "\n\n".join(f"{title}\n" + "\n".join(f"   {line}" for line in lines)
                       for title, lines in shortcut_groups(groups, plain_name))
