"""The Source pane and the editor's side of source texts (issue 21), driven on a real
document: the project's own article (tests/data/sources) and, when it is beside the
repository, the seeded map's article. Every assertion is on the model or on what the
widgets hold."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from argmap.core.model import Kind, Source
from argmap.editing import commands
from argmap.gui.canvas.tooltip import node_tooltip
from argmap.gui.panels.passage_text import Offsets, Passage
from tests.shared_files import REPO, SHARED

OWN = REPO / "tests" / "data" / "sources"
FERRY_TEXT = OWN / "night-ferry.txt"
ARTICLE = SHARED / "seed" / "article.txt"
TITLE = "The Night Ferry Stays (Kessel Harbour Gazette)"


def open_ferry(window, tmp_path: Path) -> None:
    path = tmp_path / "night-ferry.argmap.json"
    shutil.copy(OWN / "night-ferry.argmap.json", path)
    window.files.open_file(str(path))
    assert [r.title for r in window.doc.sources().values()] == [TITLE]


def attach(window, path: Path) -> None:
    window.dialogs.answer("choose", 0)  # Open a File…
    window.dialogs.answer("open_file_name", str(path))
    assert window.sources.attach_text()


def select_node(window, node_id: str) -> None:
    window.view.select_node(node_id)
    window.sync.selection_changed.emit()


def record(window):
    [only] = window.doc.sources().values()
    return only


def test_attach_is_one_undo_step_and_the_pane_shows_the_text_numbered(window, tmp_path):
    open_ferry(window, tmp_path)
    assert record(window).text is None
    steps = window.doc.undo_stack.count()
    attach(window, FERRY_TEXT)
    assert record(window).text == FERRY_TEXT.read_text(encoding="utf-8")
    assert window.doc.undo_stack.count() == steps + 1
    assert window.workspace.autosaver.flush()  # stored in the library with the map
    [stored] = window.library.load(window.doc.map_id).sources
    assert stored.text == record(window).text
    pane = window.source_pane
    assert window.docks["source"].isVisible()
    assert pane.reader.toPlainText() == record(window).text
    assert [b.number for b in pane.reader._numbered] == [1, 2, 3, 4, 5, 6, 7, 8]
    # every quote of the map is verified and highlighted
    checks = window.sources.checks.results()
    assert len(checks) == 9 and all(c.verified for c in checks.values())
    text = record(window).text
    highlighted = {text[a:b] for a, b, _ok in pane.passages()}
    assert "cutting fuel costs by more than half" in highlighted
    flash = pane.flashing() is not None  # the selected root's own passage, flashing
    assert len(pane.reader.extraSelections()) == len(pane.passages()) + flash
    window.doc.undo_stack.undo()
    assert record(window).text is None
    assert pane.reader.toPlainText() == "" and pane.passages() == []


def test_a_broken_or_oversized_file_is_refused_with_one_line(window, tmp_path):
    open_ferry(window, tmp_path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    big = tmp_path / "big.txt"
    big.write_text("word " * 500_000, encoding="utf-8")
    for path in (broken, big):
        steps = window.doc.undo_stack.count()
        window.dialogs.answer("choose", 0)
        window.dialogs.answer("open_file_name", str(path))
        assert not window.sources.attach_text()
        assert window.doc.undo_stack.count() == steps and record(window).text is None
        _title, message = window.dialogs.errors[-1]
        assert "\n" not in message and path.name in message


def test_attach_from_the_clipboard(window, tmp_path):
    open_ferry(window, tmp_path)
    QGuiApplication.clipboard().setText(FERRY_TEXT.read_text(encoding="utf-8"))
    window.dialogs.answer("choose", 1)
    assert window.sources.attach_text()
    assert record(window).text.startswith("The Night Ferry Stays")


def test_selecting_a_node_scrolls_to_its_passage_and_flashes_it(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    pane = window.source_pane
    pane.reader.resize(300, 200)
    select_node(window, "bikes")
    text = record(window).text
    start, end = pane.flashing()
    assert text[start:end] == "a group of cyclists asked why the new boat would carry only six bicycles"
    cursor = pane.reader.textCursor()
    assert pane.reader.offsets.to_text(cursor.position()) == start
    assert pane.reader.cursorRect().top() >= 0  # scrolled into view
    pane._end_flash()
    assert pane.flashing() is None


def test_new_evidence_from_selection_fills_quote_locator_and_source(window, tmp_path, qtbot):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    text = record(window).text
    passage = "the roads stay quieter"
    start = text.index(passage)
    window.view.select_node("keep")
    window.source_pane.reader.select_span(start, start + len(passage))
    steps = window.doc.undo_stack.count()
    window.action_table.act_evidence_from_selection.trigger()
    window.view.editor.finish(commit=False)
    assert window.doc.undo_stack.count() == steps + 1
    [new] = [n for n in window.doc.nodes() if n.id not in {
        "keep", "shifts", "fridays", "uncounted", "subsidy", "electric", "june", "quiet", "bikes"}]
    assert new.parent == "keep" and new.kind is Kind.EVIDENCE
    assert new.source.quote == passage and new.source.locator == "paragraph 4"
    assert new.source.source_id == record(window).id and new.source.title == TITLE
    assert window.sources.checks.check(new.id).verified
    window.doc.undo_stack.undo()
    assert new.id not in window.doc


def test_new_objection_from_a_selection_across_paragraphs(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    text = record(window).text
    start = text.index("They were wrong.")
    end = text.index("fewer than a bus") + len("fewer than a bus")
    window.view.select_node("keep")
    window.source_pane.reader.select_span(start, end)
    node_id = window.sources.new_from_selection(Kind.OBJECTION)
    window.view.editor.finish(commit=False)
    node = window.doc.node(node_id)
    assert node.kind is Kind.OBJECTION and node.source.locator == "paragraphs 2–3"
    assert "\n" not in node.source.quote
    assert window.sources.checks.check(node_id).verified


def test_without_a_selection_nothing_is_added(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    window.view.select_node("keep")
    count = len(window.doc)
    window.action_table.act_evidence_from_selection.trigger()
    assert len(window.doc) == count


def drop(window, mime: QMimeData, node_id: str) -> None:
    """Drag `mime` over the canvas and drop it on the node, as Qt delivers a drag."""
    item = window.scene.nodes[node_id]
    window.view.ensure_node_visible(node_id)
    at = QPointF(window.view.mapFromScene(item.sceneBoundingRect().center()))
    port = window.view.viewport()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(at.toPoint(), *args)
    QApplication.sendEvent(port, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(port, QDropEvent(at, *args))


def test_dragging_a_passage_onto_a_node_sets_its_quote(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    text = record(window).text
    passage = "cutting fuel costs by more than half, if the council would guarantee the service"
    start = text.index(passage)
    reader = window.source_pane.reader
    reader.select_span(start, start + len(passage))
    mime = reader.createMimeDataFromSelection()
    assert Passage.from_mime(mime) == Passage(window.doc.map_id, record(window).id, start,
                                              start + len(passage))
    steps = window.doc.undo_stack.count()
    drop(window, mime, "quiet")
    assert window.doc.undo_stack.count() == steps + 1
    source = window.doc.node("quiet").source
    assert source.quote == passage and source.locator == "paragraph 6"
    assert source.source_id == record(window).id


def test_a_misquote_and_a_wrong_locator_are_marked_and_the_locator_fixed(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    editor = window.map_editor
    fridays = window.doc.node("fridays").source
    assert editor.edit_node("fridays", source=fridays.model_copy(
        update={"quote": "on Fridays the number rises to well over two hundred"}))
    bikes = window.doc.node("bikes").source
    assert editor.edit_node("bikes", source=bikes.model_copy(update={"locator": "paragraph 2"}))
    checks = window.sources.checks
    assert checks.problem("fridays").startswith("not in the text")
    assert checks.problem("bikes") == "found in paragraph 7, but the locator says “paragraph 2”"
    assert checks.problem("shifts") is None
    scene = window.scene
    assert scene.quote_marks("bikes") and scene.quote_marks("fridays")
    assert not scene.quote_marks("shifts")
    tip = node_tooltip(window.doc.node("bikes"), "", scene.quote_marks("bikes"))
    assert "found in paragraph 7" in tip
    # the Inspector says what is wrong and offers Fix Locator only where it can fix
    window.view.select_node("fridays")
    inspector = window.inspector
    assert "not in the text" in inspector.check_note.text()
    assert not inspector.fix_locator.isVisibleTo(inspector)
    window.view.select_node("bikes")
    assert "paragraph 7" in inspector.check_note.text()
    assert inspector.fix_locator.isVisibleTo(inspector)
    steps = window.doc.undo_stack.count()
    inspector.fix_locator.click()
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.node("bikes").source.locator == "paragraph 7"
    assert checks.problem("bikes") is None and not scene.quote_marks("bikes")
    assert "verified" in inspector.check_note.text()


def test_the_chooser_lists_the_sources_when_there_are_several(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    pane = window.source_pane
    assert not pane.chooser.isVisibleTo(pane)
    command, _node_id = commands.add_child(window.doc, "keep", Kind.EVIDENCE, "Minutes",
                                           source=Source(title="Council minutes", quote="x"))
    assert window.workspace.push(command)
    assert pane.chooser.isVisibleTo(pane) and pane.chooser.count() == 2
    other = next(r for r in window.doc.sources().values() if r.title == "Council minutes")
    pane.chooser.setCurrentIndex(pane.chooser.findData(other.id))
    pane.chooser.activated.emit(pane.chooser.currentIndex())
    assert pane.record_id == other.id and "no text attached" in pane.note.text()


def test_the_pane_is_remembered(make_window, tmp_path):
    window = make_window()
    assert not window.docks["source"].isVisible()
    window.action_table.act_source_pane.trigger()
    assert window.docks["source"].isVisible()
    window.close()
    again = make_window()
    assert again.docks["source"].isVisible()


def test_offsets_after_characters_outside_the_basic_plane():
    text = "a😀b😀c"
    offsets = Offsets(text)
    for i in range(len(text) + 1):
        assert offsets.to_text(offsets.to_qt(i)) == i
    assert offsets.to_qt(2) == 3 and offsets.to_qt(4) == 6


# ../shared's seed article adds this case when it is there (tests/shared_files.py: it never
# decides whether a check runs; the night-ferry article above runs the same checks everywhere).
if ARTICLE.is_file():
    def test_the_seeded_map_with_its_article(window):
        """With ../shared's article attached, the seeded map's 19 quotes verify and the pane
        highlights them (the project's own article above runs the same checks everywhere)."""
        window.dialogs.answer("choose", 0)
        window.dialogs.answer("open_file_name", str(ARTICLE))
        window.view.select_node(window.doc.roots()[0])
        assert window.sources.attach_text()
        results = window.sources.checks.results()
        assert results and all(r.verified for r in results.values())
        assert len({(n.source.quote, n.source.locator) for n in window.doc.nodes()
                    if n.source and n.source.quote}) == 19
        assert window.source_pane.passages()


def test_a_passage_from_another_map_is_not_taken(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    mime = Passage("another-map", record(window).id, 0, 10).mime(record(window).text)
    before = window.doc.node("quiet").source
    drop(window, mime, "quiet")
    assert window.doc.node("quiet").source == before


def test_a_text_with_markup_is_shown_as_the_characters_it_is(window, tmp_path):
    """A document may be hostile: markup in its text is never rendered."""
    open_ferry(window, tmp_path)
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('<img src="file:///etc/passwd"> <b>bold</b>\n\n'
                       + FERRY_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    attach(window, hostile)
    reader = window.source_pane.reader
    assert reader.toPlainText().startswith('<img src="file:///etc/passwd"> <b>bold</b>')
    assert reader.document().toPlainText() == record(window).text


def test_a_selection_inside_words_takes_the_whole_words(window, tmp_path):
    open_ferry(window, tmp_path)
    attach(window, FERRY_TEXT)
    text = record(window).text
    at = text.index("electric boat after ten")
    window.view.select_node("keep")
    window.source_pane.reader.select_span(at + 3, at + len("electric boat after t"))
    node_id = window.sources.new_from_selection(Kind.EVIDENCE)
    window.view.editor.finish(commit=False)
    assert window.doc.node(node_id).source.quote == "electric boat after ten"
