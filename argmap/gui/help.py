"""Help ▸ About argmap, and Help ▸ Keyboard Shortcuts (F1): the keys and mouse moves,
grouped by what they are for.

The groups are made by the action table (actions.py): keys bound to actions are read from
the actions themselves (so a changed shortcut shows here at once); keys handled inside
widgets (arrows, Escape, Shift+Enter) and the mouse are written out, since no QAction
holds them.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence

from argmap import __version__
from argmap.core.log import ENV_VAR as LOG_ENV_VAR
from argmap.core.log import log_path
from argmap.core.store import ENV_VAR as DB_ENV_VAR

#: Keys without a modifier that real keyboards have. Qt's standard shortcuts also bind keys
#: few keyboards have (Undo: "F14" and a key named "Undo" on X11); F1 leaves those out.
_PLAIN_KEYS = {"Del", "Delete", "Ins", "Insert", "Space", "Tab", "Backtab", "Backspace", "Esc",
               "Escape", "Return", "Enter", "Home", "End", "PgUp", "PgDown", "Up", "Down", "Left",
               "Right", *(f"F{n}" for n in range(1, 13))}


def _on_a_keyboard(key: str) -> bool:
    return "+" in key or len(key) == 1 or key in _PLAIN_KEYS


def _keys(action: QAction) -> str:
    keys = (k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
    return ", ".join(key for key in keys if _on_a_keyboard(key))


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


def about_text(library: Path) -> str:
    """Help ▸ About argmap: the version, the licence, and where the user's files live."""
    data = platformdirs.user_data_dir("argmap", appauthor=False)
    return "\n".join([
        f"argmap {__version__}",
        "A desktop argument mapper: claims, evidence, objections and rebuttals.",
        "Licence: MIT",
        "",
        f"Library in use: {library}",
        f"  (choose another with --db PATH or ${DB_ENV_VAR})",
        f"Per-user data folder: {data}",
        f"Log: {log_path()}",
        f"  (argmap.log in the data folder unless ${LOG_ENV_VAR} names another file)",
        "",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
    ])
