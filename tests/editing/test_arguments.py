"""A map with argument nodes (format version 2) in the editor's document, the canvas scene and
the picture exports: nothing breaks while the argument editor is still to come, and no edit
can leave an argument without a premise."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.core.errors import EditRejected
from argmap.core.layout import LayoutStyle
from argmap.core.model import Kind
from argmap.editing import commands
from argmap.editing.document import MapDocument
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from tests.helpers import argument_map


@pytest.fixture
def doc(qapp) -> MapDocument:
    return MapDocument(argument_map())


def test_editing_around_arguments_keeps_the_map_valid(doc: MapDocument):
    doc.undo_stack.push(commands.edit_node(doc, "root", text="A new thesis."))
    doc.undo_stack.push(commands.edit_node(doc, "p1", text="Air quality improves a lot."))
    doc.undo_stack.push(commands.edit_node(doc, "p2", kind=Kind.EVIDENCE))
    assert doc.to_map().by_id()["a1"].polarity == "supports"
    doc.undo_stack.undo()
    assert doc.node("p2").kind is Kind.CLAIM


def test_the_last_premise_cannot_go(doc: MapDocument):
    """Deleting, moving away or making an objection of an argument's last premise is refused
    before anything is tried, saying why in words; the document refuses it anyway."""
    for attempt in (lambda: commands.delete_subtrees(doc, ["p3"]),
                    lambda: commands.edit_node(doc, "p3", kind=Kind.OBJECTION),
                    lambda: commands.move_node(doc, "p3", "root")):
        with pytest.raises(EditRejected, match=r"“Footfall rose\.” needs at least one premise"):
            attempt()
    assert doc.can_reparent("p3", "root") is not None  # the drag outline turns red
    assert doc.can_reparent("p3", "a2") is None  # reordering in place is fine
    raw = commands.ChangeNodes(doc, {"p3": doc.node("p3")}, {"p3": None}, "delete")
    doc.undo_stack.push(raw)
    assert raw.refused and "at least one premise" in raw.refused
    assert doc.get("p3") is not None and doc.node("p3").kind is Kind.CLAIM
    assert doc.node("p3").parent == "a2"
    doc.undo_stack.push(commands.delete_subtrees(doc, ["p1"]))  # p2 remains
    assert doc.get("p1") is None and doc.to_map()


def test_an_argument_keeps_its_kind_and_moves_like_any_node(doc: MapDocument):
    assert doc.allowed_kinds("a1") == (Kind.ARGUMENT,)
    assert doc.can_reparent("a1", "o1") is None
    assert doc.can_reparent("a2", "a1") is not None  # never directly under an argument
    assert doc.can_reparent("a1", None) is not None
    doc.undo_stack.push(commands.move_node(doc, "a1", "o1"))
    assert doc.to_map().by_id()["a1"].parent == "o1"


@pytest.mark.parametrize("style", list(LayoutStyle))
def test_the_scene_shows_arguments_in_every_layout(doc: MapDocument, style: LayoutStyle):
    from argmap.gui.canvas.scene import MapScene

    scene = MapScene(doc, style)
    assert set(scene.nodes) == {n.id for n in doc.nodes()}
    scene.set_collapsed("root", True)  # the badge counts hidden arguments too
    assert scene.nodes["root"].hidden_counts is not None


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_pictures_of_a_map_with_arguments(qapp, tmp_path: Path, suffix: str):
    out = tmp_path / f"arguments{suffix}"
    export_map(argument_map(), out, ExportOptions())
    assert out.stat().st_size > 0
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        ET.fromstring(text)
        assert "ARGUMENT" in text and "Argument: one inference" in text
        assert "its premises, which hold only together" in text and "undercuts (" in text
