"""A map with argument nodes (format version 2) in the editor's document, the canvas scene and
the picture exports: nothing breaks while the argument editor is still to come, and no edit
can leave an argument without a premise."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.core.errors import EditRejected
from argmap.core.layout import LayoutStyle
from argmap.core.model import Kind, Node, new_map
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


def reasons_map() -> MapDocument:
    """A claim with two pieces of evidence, a claim and an objection that has a rebuttal."""
    return MapDocument(new_map("reasons", [
        Node(id="c", kind="claim", text="Cities should ban cars downtown."),
        Node(id="e1", parent="c", order=0, kind="evidence", text="NO2 fell 40%."),
        Node(id="k", parent="c", order=1, kind="claim", text="Shops adapt."),
        Node(id="e2", parent="c", order=2, kind="evidence", text="Asthma visits fell."),
        Node(id="o1", parent="c", order=3, kind="objection", text="Deliveries suffer."),
        Node(id="o2", parent="c", order=4, kind="objection", text="Buses get slower."),
        Node(id="r", parent="o2", order=0, kind="rebuttal", text="Bus lanes fix that."),
    ]))


def test_linking_sibling_reasons_makes_one_argument_in_one_undo_step(qapp):
    doc = reasons_map()
    before = doc.to_map()
    cmd, argument = commands.link_premises(doc, ["e2", "e1"])  # the order picked is not kept
    doc.undo_stack.push(cmd)
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText().startswith("Link 2 premises")
    node = doc.node(argument)
    assert (node.kind, node.polarity, node.parent) == (Kind.ARGUMENT, "supports", "c")
    assert doc.children("c") == [argument, "k", "o1", "o2"]  # in the first one's place
    assert doc.children(argument) == ["e1", "e2"]  # in their sibling order
    assert [doc.node(p).kind for p in ("e1", "e2")] == [Kind.EVIDENCE] * 2
    assert doc.to_map()  # valid
    doc.undo_stack.undo()
    assert doc.to_map().nodes == before.nodes
    doc.undo_stack.redo()
    assert doc.children(argument) == ["e1", "e2"]


def test_linking_objections_makes_an_attacking_argument_of_claims(qapp):
    doc = reasons_map()
    cmd, argument = commands.link_premises(doc, ["o1", "o2"])
    doc.undo_stack.push(cmd)
    assert doc.node(argument).polarity == "attacks" and doc.node(argument).attacks
    assert [doc.node(p).kind for p in ("o1", "o2")] == [Kind.CLAIM, Kind.CLAIM]
    assert doc.node("r").kind is Kind.OBJECTION  # it attacked an objection, now a claim
    doc.undo_stack.undo()
    assert doc.node("r").kind is Kind.REBUTTAL and doc.node("o1").kind is Kind.OBJECTION


@pytest.mark.parametrize("ids, why", [
    (["e1", "o1"], "all support or all attack"),
    (["e1", "r"], "only siblings"),
    (["c"], "root claim"),
    ([], "select the reasons"),
])
def test_linking_what_cannot_be_linked_says_why(qapp, ids, why):
    doc = reasons_map()
    with pytest.raises(EditRejected, match=why):
        commands.link_premises(doc, ids)


def test_an_argument_is_never_a_premise_and_premises_are_linked_already(doc: MapDocument):
    with pytest.raises(EditRejected, match="cannot be a premise"):
        commands.link_premises(doc, ["a1", "o1"])
    with pytest.raises(EditRejected, match="already premises"):
        commands.link_premises(doc, ["p1", "p2"])


def test_unlinking_puts_the_premises_back_in_the_arguments_place(qapp):
    doc = reasons_map()
    doc.undo_stack.push(commands.link_premises(doc, ["e1", "k"])[0])
    argument = doc.children("c")[0]
    linked = doc.to_map()
    cmd, premises = commands.unlink_argument(doc, argument)
    doc.undo_stack.push(cmd)
    assert premises == ["e1", "k"] and argument not in doc
    assert doc.children("c") == ["e1", "k", "e2", "o1", "o2"]
    assert doc.node("k").kind is Kind.CLAIM
    doc.undo_stack.undo()
    assert doc.to_map().nodes == linked.nodes


def test_unlinking_an_attacking_argument_gives_back_attacks(qapp):
    doc = reasons_map()
    doc.undo_stack.push(commands.link_premises(doc, ["o1", "o2"])[0])
    argument = doc.node("o1").parent
    doc.undo_stack.push(commands.unlink_argument(doc, argument)[0])
    assert [doc.node(p).kind for p in ("o1", "o2")] == [Kind.OBJECTION] * 2
    amap = MapDocument(argument_map())  # under an objection an attacking argument rebuts it
    amap.undo_stack.push(commands.unlink_argument(amap, "a2")[0])
    assert amap.node("p3").kind is Kind.REBUTTAL and amap.node("p3").parent == "o1"


def test_an_argument_with_undercuts_is_not_unlinked(doc: MapDocument):
    with pytest.raises(EditRejected, match=r"1 undercut .* move or delete it first"):
        commands.unlink_argument(doc, "a1")
    with pytest.raises(EditRejected, match="not an argument"):
        commands.unlink_argument(doc, "p1")
    doc.undo_stack.push(commands.delete_subtrees(doc, ["u1"]))
    doc.undo_stack.push(commands.unlink_argument(doc, "a1")[0])
    assert doc.children("root") == ["p1", "p2", "o1"]


def test_an_arguments_polarity_is_an_undoable_edit(doc: MapDocument):
    cmd = commands.edit_node(doc, "a1", polarity="attacks")
    assert cmd is not None
    doc.undo_stack.push(cmd)
    assert doc.node("a1").attacks
    assert doc.undo_stack.undoText() == "Make argument “Cleaner air, and health follows air.” attack"
    doc.undo_stack.undo()
    assert doc.node("a1").polarity == "supports"
    with pytest.raises(EditRejected, match="only an argument"):
        commands.edit_node(doc, "p1", polarity="attacks")


def test_an_argument_pastes_with_its_premises_and_not_under_an_argument(doc: MapDocument):
    fragment = commands.fragment_of(doc, ["a1"])
    cmd, tops = commands.add_subtrees(doc, fragment, "o1")
    doc.undo_stack.push(cmd)
    (copy,) = tops
    assert doc.node(copy).kind is Kind.ARGUMENT and len(doc.children(copy)) == 3
    with pytest.raises(EditRejected, match="cannot paste an argument under an argument"):
        commands.add_subtrees(doc, fragment, "a2")
    with pytest.raises(EditRejected, match="a rebuttal cannot go under evidence"):
        commands.add_child(doc, "p1", Kind.REBUTTAL, "x")
