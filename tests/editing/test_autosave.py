"""Autosave writes only what changed, and the library always ends up holding the document."""

from __future__ import annotations

import logging
import random

import pytest

from argmap.core.store import Library, LibraryError
from argmap.editing.autosave import Autosaver
from argmap.editing.document import MapDocument
from tests.generate import generate
from tests.helpers import random_edit


def assert_stored(library: Library, doc: MapDocument) -> None:
    """The library holds exactly what the document shows, order values included."""
    stored = library.load(doc.map_id)
    assert {n.id: n for n in stored.nodes} == {n.id: n for n in doc.to_map().nodes}
    assert stored.info == doc.info


def test_edits_and_undos_reach_the_library_row_by_row(qapp, db_path, monkeypatch):
    library = Library(db_path)
    amap = library.add_new(generate(200, seed=4))
    doc = MapDocument(amap)
    saver = Autosaver(library)
    saver.watch(doc)
    monkeypatch.setattr(library, "save", lambda *_: (_ for _ in ()).throw(AssertionError(
        "a whole-map save where the changed rows were enough")))
    rng = random.Random(3)
    for step in range(60):
        cmd = random_edit(doc, rng)
        if cmd is not None:
            doc.undo_stack.push(cmd)
        if step % 7 == 0:
            doc.undo_stack.undo()
        if step % 3 == 0:
            assert saver.flush()
            assert_stored(library, doc)
    assert saver.flush()
    assert_stored(library, doc)


@pytest.mark.logs_warnings("autosave of map bench-50-2 failed.*: the library is locked")
def test_a_failed_save_is_made_good_by_a_whole_save(qapp, db_path, monkeypatch):
    library = Library(db_path)
    doc = MapDocument(library.add_new(generate(50, seed=2)))
    saver = Autosaver(library)
    saver.watch(doc)
    rng = random.Random(5)
    doc.undo_stack.push(random_edit(doc, rng) or random_edit(doc, rng))

    def locked(*_args):
        raise LibraryError("the library is locked")

    with monkeypatch.context() as patch:
        patch.setattr(library, "save_changes", locked)
        assert not saver.flush()
    doc.undo_stack.push(random_edit(doc, rng) or random_edit(doc, rng))
    assert saver.flush()  # the failed edit's rows are no longer tracked: all rows are written
    assert_stored(library, doc)


@pytest.mark.logs_warnings("autosave of map bench-30-6 failed, the edits stay unsaved")
def test_a_failing_save_is_logged_once_with_its_cause_and_its_recovery(qapp, db_path, monkeypatch,
                                                                       caplog):
    caplog.set_level(logging.INFO, logger="argmap")
    library = Library(db_path)
    doc = MapDocument(library.add_new(generate(30, seed=6)))
    saver = Autosaver(library)
    saver.watch(doc)
    rng = random.Random(2)
    cause = OSError("disk on fire")

    def failing(*_args):
        raise LibraryError("the disk is full") from cause

    with monkeypatch.context() as patch:
        patch.setattr(library, "save_changes", failing)
        patch.setattr(library, "save", failing)  # after a failure the whole map is written
        for _ in range(3):  # every edit while the disk stays full
            doc.undo_stack.push(random_edit(doc, rng) or random_edit(doc, rng))
            assert not saver.flush()
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 1
    assert warned[0].exc_info is not None and warned[0].exc_info[1].__cause__ is cause
    assert saver.flush()
    assert caplog.records[-1].getMessage() == "autosave of map bench-30-6 succeeded again"


def test_a_map_missing_from_the_library_is_saved_whole(qapp, db_path):
    library = Library(db_path)
    doc = MapDocument(generate(50, seed=8))  # never stored
    saver = Autosaver(library)
    saver.watch(doc)
    doc.undo_stack.push(random_edit(doc, random.Random(1)))
    assert saver.flush()
    assert_stored(library, doc)
