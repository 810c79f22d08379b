"""Editing a node's source in the editor (issue 21): the Inspector's title and URL are the
record's, so they change for every node that cites it, in one undo step; a node with no
record gets one; a paste links to the map's own records; autosave writes the records."""

from __future__ import annotations

from argmap.core.mapfile import dumps_map, read_map
from argmap.core.model import Kind, Source
from argmap.core.source_ids import plain_id
from argmap.core.store import Library
from argmap.editing import commands
from argmap.editing.autosave import Autosaver
from argmap.editing.document import MapDocument
from tests.shared_files import REPO

FERRY = REPO / "tests" / "data" / "sources" / "night-ferry.argmap.json"
TITLE = "The Night Ferry Stays (Kessel Harbour Gazette)"


def inspector_source(doc: MapDocument, node_id: str, **fields: str) -> Source:
    """What the Inspector sends: the four fields it shows, no record id."""
    s = doc.node(node_id).source
    shown = {"title": s.title, "url": s.url, "quote": s.quote, "locator": s.locator} if s else {}
    return Source(**{**shown, **fields})


def edit(doc: MapDocument, node_id: str, **fields: str) -> None:
    command = commands.edit_node(doc, node_id, source=inspector_source(doc, node_id, **fields))
    assert command is not None
    doc.undo_stack.push(command)
    assert not commands.refusal(command)


def test_renaming_a_source_renames_it_on_every_node_in_one_undo_step(qapp):
    doc = MapDocument(read_map(FERRY))
    changed: list[list[str]] = []
    doc.nodes_changed.connect(changed.append)
    edit(doc, "shifts", title="The Night Ferry Stays")
    assert {n.source.title for n in doc.nodes() if n.source} == {"The Night Ferry Stays"}
    assert sorted(changed[-1]) == sorted(n.id for n in doc.nodes() if n.source)  # repainted
    [record] = doc.sources().values()
    assert record.id == plain_id("The Night Ferry Stays", "")  # still a version-1 map
    assert b'"version": 1' in dumps_map(doc.to_map())
    doc.undo_stack.undo()
    before = read_map(FERRY).in_preorder()
    assert (doc.to_map().nodes, doc.to_map().sources) == (before.nodes, before.sources)


def test_quote_and_locator_stay_the_nodes_own(qapp):
    doc = MapDocument(read_map(FERRY))
    edit(doc, "shifts", quote="the only way home", locator="paragraph 2")
    assert doc.node("shifts").source.quote == "the only way home"
    assert doc.node("fridays").source.quote.startswith("on Fridays")
    assert commands.edit_node(doc, "shifts", source=inspector_source(doc, "shifts")) is None


def test_a_record_with_a_text_keeps_its_id_when_renamed(qapp):
    amap = read_map(FERRY)
    [record] = amap.sources
    amap = amap.model_copy(update={"sources": (record.model_copy(update={"text": "Text."}),)})
    doc = MapDocument(amap)
    edit(doc, "bikes", url="https://example.org/ferry")
    assert list(doc.sources()) == [record.id]
    assert doc.sources()[record.id].text == "Text."
    assert all(n.source.url == "https://example.org/ferry" for n in doc.nodes() if n.source)


def test_a_node_without_a_record_gets_one_and_clearing_the_title_unlinks_only_it(qapp):
    doc = MapDocument(read_map(FERRY))
    child, node_id = commands.add_child(doc, "keep", Kind.EVIDENCE, "New evidence.")
    doc.undo_stack.push(child)
    edit(doc, node_id, title=TITLE, quote="the last boat")
    [record] = doc.sources().values()  # the existing record, not a second one
    assert doc.node(node_id).source.source_id == record.id
    edit(doc, node_id, title="A report", quote="the last boat")
    assert {r.title for r in doc.sources().values()} == {"A report"}  # renamed for all
    doc.undo_stack.undo()
    edit(doc, node_id, title="", quote="the last boat")
    assert doc.node(node_id).source.source_id is None
    assert doc.node("keep").source.title == TITLE


def test_a_paste_from_another_map_links_to_this_maps_records(qapp):
    source = MapDocument(read_map(FERRY))
    fragment = commands.fragment_of(source, ["subsidy"])
    other = read_map(FERRY)
    [record] = other.sources
    target = MapDocument(other.model_copy(update={"sources": (
        record.model_copy(update={"author": "Staff"}),)}))
    paste, tops = commands.add_subtrees(target, fragment, "keep")
    target.undo_stack.push(paste)
    assert not commands.refusal(paste)
    pasted = [target.node(i) for i in target.subtree(tops[0])]
    assert {n.source.source_id for n in pasted} == {record.id}
    assert target.sources()[record.id].author == "Staff"
    cross, _tops = commands.add_subtrees(MapDocument(read_map(REPO / "resources" /
                                                              "seed-iran-proxies.argmap.json")),
                                         fragment, "thesis")
    assert {r.title for r in cross.sources_after.values()} == {TITLE}  # a new record there


def test_autosave_writes_records_and_the_library_holds_the_document(qapp, db_path):
    library = Library(db_path)
    amap = library.add_new(read_map(FERRY))
    doc = MapDocument(amap)
    saver = Autosaver(library)
    saver.watch(doc)
    edit(doc, "june", title="Renamed", url="https://example.org")
    assert saver.flush()
    stored = library.load(doc.map_id)
    assert stored.sources == doc.to_map().sources and stored.nodes == doc.to_map().nodes
    doc.undo_stack.undo()
    assert saver.flush()
    assert library.load(doc.map_id).sources == read_map(FERRY).sources
    library.close()
