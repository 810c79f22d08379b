"""Edit ▸ Preferences… (issue 23): the layout, the evaluation marks, what Export starts
with and the library location, through the one settings spec; the library location takes
effect at the next start, and says so. Settings are a file in tmp_path (make_window)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from argmap.core.layout import LayoutStyle
from argmap.gui import settings as spec
from argmap.gui.panels.export_dialog import ExportDialog
from argmap.gui.preferences import (
    PAGE_LABELS,
    SCALE_LABELS,
    Preferences,
    PreferencesDialog,
    start_export_dialog,
)


def _edit_menu(window) -> QMenu:
    return next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit")


def test_preferences_is_in_the_edit_menu_with_the_standard_key(window):
    act = window.action_table.act_preferences
    assert act in _edit_menu(window).actions()
    assert QKeySequence("Ctrl+,") in act.shortcuts()


def test_the_dialog_edits_each_preference(qtbot, tmp_path):
    current = Preferences.read(spec.make_settings(tmp_path / "fresh.ini"))
    assert current.layout is LayoutStyle.COMPACT_SLIDE and current.library == ""
    dialog = PreferencesDialog(None, current, "/default/library.db")
    qtbot.addWidget(dialog)
    assert dialog.preferences() == current  # untouched: unchanged
    dialog.layout_choice.setCurrentIndex(2)
    dialog.evaluation.setChecked(True)
    dialog.scale.setCurrentText(SCALE_LABELS[spec.ExportScale.PRINT])
    dialog.page.setCurrentText(PAGE_LABELS[spec.ExportPage.A4])
    dialog.legend.setChecked(False)
    dialog.library.setText(str(tmp_path / "elsewhere.db"))
    assert dialog.preferences() == replace(
        current, layout=LayoutStyle.DOWN, show_evaluation=True,
        export_scale=spec.ExportScale.PRINT, export_page=spec.ExportPage.A4,
        export_legend=False, library=str(tmp_path / "elsewhere.db"))
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("takes effect when argmap next starts" in note for note in notes), notes


def test_chosen_preferences_apply_now_and_after_a_restart(make_window, tmp_path):
    window = make_window()
    elsewhere = tmp_path / "elsewhere" / "library.db"
    elsewhere.parent.mkdir()
    window.dialogs.answer("preferences", lambda _title, _default, current: replace(
        current, layout=LayoutStyle.RIGHT, show_evaluation=True,
        export_scale=spec.ExportScale.SCREEN, export_title=False, library=str(elsewhere)))
    window.action_table.act_preferences.trigger()
    assert window.workspace.layout_style is LayoutStyle.RIGHT  # now
    assert window.scene.layout_style is LayoutStyle.RIGHT
    assert window.marks.shown and window.action_table.act_show_evaluation.isChecked()
    assert "next starts" in window.statusBar().currentMessage()
    on_disk = spec.make_settings(tmp_path / "s.ini")  # what the next start reads
    assert on_disk.get(spec.LAYOUT) is LayoutStyle.RIGHT
    assert on_disk.get(spec.EXPORT_SCALE) is spec.ExportScale.SCREEN
    assert not on_disk.get(spec.EXPORT_TITLE)
    assert spec.chosen_library(on_disk) == elsewhere
    window.close()
    again = make_window()  # a restart on the same settings file
    assert again.workspace.layout_style is LayoutStyle.RIGHT and again.marks.shown


def test_export_starts_with_the_preferred_choices(qtbot, tmp_path):
    settings = spec.make_settings(tmp_path / "s.ini")
    replace(Preferences.read(settings), export_scale=spec.ExportScale.SCREEN,
            export_page=spec.ExportPage.LETTER, export_sources=False).write(settings)
    dialog = ExportDialog(None, False, LayoutStyle.COMPACT_SLIDE.value)
    qtbot.addWidget(dialog)
    start_export_dialog(dialog, settings)
    options = dialog.options(None)
    assert options.scale == 1.0 and options.page == "Letter"
    assert options.title and options.legend and not options.sources


def test_cancelled_preferences_change_nothing(window):
    before = Preferences.read(window.settings)
    window.dialogs.answer("preferences", None)
    window.action_table.act_preferences.trigger()
    assert Preferences.read(window.settings) == before
