"""Edit ▸ Preferences… run: the dialog asked (gui/preferences.py), its choices written
through the settings spec and applied to the open window."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMainWindow

from argmap.gui.dialogs import Dialogs
from argmap.gui.evaluation_display import EvaluationDisplay
from argmap.gui.preferences import RESTART_NOTE, Preferences
from argmap.gui.settings import Settings
from argmap.gui.workspace import Workspace


def edit_preferences(window: QMainWindow, workspace: Workspace, marks: EvaluationDisplay,
                     dialogs: Dialogs, settings: Settings) -> None:
    """Edit ▸ Preferences…: written through the settings spec, applied at once (the library
    location at the next start, as the dialog and the status bar say)."""
    from argmap.core.store import default_path

    current = replace(Preferences.read(settings), layout=workspace.layout_style,
                      show_evaluation=marks.shown)
    chosen = dialogs.preferences(current, str(default_path()))
    if chosen is None:
        return
    chosen.write(settings)
    workspace.set_layout(chosen.layout)
    marks.set_shown(chosen.show_evaluation)
    if chosen.library != current.library:
        window.statusBar().showMessage(RESTART_NOTE, 0)
