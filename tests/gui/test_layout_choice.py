"""View ▸ Layout: the compact layout by default, the choice remembered across restarts and
followed by the export dialog; arrow keys and drops follow the compact layout's axes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from argmap.core.layout import LayoutStyle
from argmap.gui.settings import LAYOUT


def layout_menu(window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return next(a.menu() for a in view.actions() if a.text() == "&Layout")


def test_the_layout_menu_offers_compact_first_and_remembers_the_choice(make_window, qtbot):
    window = make_window()
    menu = layout_menu(window)
    labels = [a.text().replace("&", "") for a in menu.actions()]
    assert labels == ["Compact for Slides", "Compact for Pages", "Tidy Top-Down",
                      "Tidy Left-to-Right"]
    checked = [a.text().replace("&", "") for a in menu.actions() if a.isChecked()]
    assert checked == ["Compact for Slides"]
    assert window.scene.layout_style is LayoutStyle.COMPACT_SLIDE and window.scene.trunks

    menu.actions()[2].trigger()  # Tidy Top-Down
    assert window.scene.layout_style is LayoutStyle.DOWN and not window.scene.trunks
    assert [a.isChecked() for a in menu.actions()] == [False, False, True, False]
    window.close()
    assert window.settings.get(LAYOUT) is LayoutStyle.DOWN
    assert window.settings.store.value(LAYOUT.key) == "down"

    again = make_window()  # a restart: the same settings file
    assert again.scene.layout_style is LayoutStyle.DOWN
    assert [a.isChecked() for a in layout_menu(again).actions()] == [False, False, True, False]


@pytest.mark.logs_warnings(r"setting view/layout in .*: 'sideways' is not a LayoutStyle")
def test_an_unknown_saved_layout_falls_back_to_the_default(make_window):
    window = make_window()
    window.close()
    window.settings.store.setValue(LAYOUT.key, "sideways")  # another version's layout
    assert make_window().scene.layout_style is LayoutStyle.COMPACT_SLIDE


def test_the_export_dialog_follows_the_views_layout(window, tmp_path):
    for style in (LayoutStyle.COMPACT_PAGE, LayoutStyle.RIGHT):
        window.workspace.set_layout(style)
        window.dialogs.answer("export_options", None)  # the user cancels
        window.exports.export_dialog()
        assert window.dialogs.shown[-1] == ("export_options", "Export map", style.value)
    from argmap.gui.panels.export_dialog import ExportDialog

    assert ExportDialog(window, False, "compact-page").options(None).layout == "compact-page"


def test_arrow_keys_walk_siblings_up_and_down_in_the_compact_layout(window, qtbot):
    """Compact stacks siblings top to bottom, children right of and below their parent:
    Up/Down step between siblings, Left goes to the parent, Right to a child."""
    view, doc = window.view, window.doc
    for style in (LayoutStyle.COMPACT_SLIDE, LayoutStyle.COMPACT_PAGE):
        window.workspace.set_layout(style)
        kids = doc.children("thesis")
        view.select_node(kids[0])
        for expected in kids[1:]:
            qtbot.keyClick(view, Qt.Key_Down)
            assert view.current_node() == expected
        for expected in reversed(kids[:-1]):
            qtbot.keyClick(view, Qt.Key_Up)
            assert view.current_node() == expected
        qtbot.keyClick(view, Qt.Key_Left)
        assert view.current_node() == "thesis"
        qtbot.keyClick(view, Qt.Key_Right)
        assert doc.node(view.current_node()).parent == "thesis"


def test_a_paper_pdf_from_the_slide_layout_is_packed_for_a_page(window):
    """The walk-through's PDF of the 21-node seed map from the window was four mostly blank
    A4 pages: the dialog passed the view's slide-shaped layout to a paper PDF."""
    from argmap.gui.panels.export_dialog import FORMATS, PAGES, ExportDialog

    dialog = ExportDialog(window, False, LayoutStyle.COMPACT_SLIDE.value)
    pdf = next(name for name, fmt in FORMATS.items() if fmt.suffix == ".pdf")
    dialog.format.setCurrentText(pdf)
    assert dialog.options(None).layout == LayoutStyle.COMPACT_PAGE.value
    dialog.page.setCurrentText(next(name for name, page in PAGES.items() if page == "map"))
    assert dialog.options(None).layout == LayoutStyle.COMPACT_SLIDE.value  # one picture-sized page
    dialog.format.setCurrentText(next(name for name, fmt in FORMATS.items() if fmt.suffix == ".png"))
    assert dialog.options(None).layout == LayoutStyle.COMPACT_SLIDE.value
    tidy = ExportDialog(window, False, LayoutStyle.RIGHT.value)
    tidy.format.setCurrentText(pdf)
    assert tidy.options(None).layout == LayoutStyle.RIGHT.value  # a chosen tidy layout is kept
