"""Find, with the controller alone: which nodes match, which is current, and the scene's
find API drawing them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argmap.gui.find import find_nodes


def highlighted(scene) -> tuple[set[str], set[str]]:
    matched = {i for i, item in scene.nodes.items() if item.matched}
    current = {i for i, item in scene.nodes.items() if item.current_match}
    return matched, current


def test_find_steps_through_matches_and_clears_them(controllers, qtbot):
    finder, scene, view = controllers.finder, controllers.workspace.scene, controllers.view
    finder.show()
    assert finder.bar.isVisible()
    finder.bar.field.setText("KHAZALI")  # case does not matter
    assert finder.matches == ["khazali", "khazali-words"]
    assert highlighted(scene) == ({"khazali", "khazali-words"}, {"khazali"})
    assert view.current_node() == "khazali" and finder.bar.count.text() == "1 of 2"
    finder.next()
    assert highlighted(scene) == ({"khazali", "khazali-words"}, {"khazali-words"})
    assert view.current_node() == "khazali-words"
    finder.next()  # wraps round
    assert view.current_node() == "khazali"
    qtbot.keyClick(finder.bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_node() == "khazali-words" and finder.bar.count.text() == "2 of 2"
    qtbot.keyClick(finder.bar.field, Qt.Key.Key_Escape)
    assert not finder.bar.isVisible()
    assert highlighted(scene) == (set(), set())


def test_find_looks_in_source_quotes_too(controllers):
    doc = controllers.workspace.doc
    assert find_nodes(doc, "thou shall not kill") == ["tower22"]
    assert "Thou" not in doc.node("tower22").text
    assert find_nodes(doc, "   ") == []


def test_no_match_says_so(controllers):
    finder = controllers.finder
    finder.show()
    finder.bar.field.setText("no such words anywhere")
    assert finder.matches == [] and finder.bar.count.text() == "0 found"
    assert highlighted(controllers.workspace.scene) == (set(), set())


def test_opening_another_map_closes_the_find_bar(controllers, tmp_path):
    from argmap.core.mapfile import write_map
    from tests.helpers import small_map

    finder = controllers.finder
    finder.show()
    finder.bar.field.setText("militias")
    assert finder.matches
    path = tmp_path / "other.argmap.json"
    write_map(small_map("Other"), path)
    assert controllers.files.open_file(str(path))
    assert not finder.bar.isVisible() and finder.matches == []
