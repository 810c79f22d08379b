"""argmap.teams.bases: the version last exchanged with a file, kept in the library."""

from __future__ import annotations

from pathlib import Path

from argmap.core.mapfile import read_map, write_map
from argmap.core.store import Library
from argmap.teams.bases import FileBases
from argmap.teams.merge import merge_maps
from tests.helpers import export_map_file
from tests.teams.maps import add, change, make

BASE = make([("root", None, "claim", "Root"), ("a", "root", "evidence", "A"),
             ("b", "root", "objection", "B")])


def test_export_edit_and_merge_back_with_the_kept_base(tmp_path: Path, db_path: Path):
    shared = tmp_path / "shared.argmap.json"
    with Library(db_path) as library:
        library.save(BASE)
        bases = FileBases(library)
        export_map_file(library, BASE.info.id, shared)
        bases.remember(shared, library.load(BASE.info.id))
        library.save(change(BASE, "a", text="mine"))  # I keep editing
    teammate = change(add(read_map(shared), "t", "a"), "b", text="B, re-worded")
    write_map(teammate, shared)  # one node added, one re-worded
    with Library(db_path) as library:  # a later session: the table is already there
        bases = FileBases(library)
        base = bases.base_for(tmp_path / "." / "shared.argmap.json", BASE.info.id)
        assert base == BASE.canonical()
        result = merge_maps(base, library.load(BASE.info.id), read_map(shared))
    assert result.clean
    assert {n.id: n.text for n in result.merged.nodes} == {
        "root": "Root", "a": "mine", "t": "new", "b": "B, re-worded"}


def test_no_base_for_another_path_or_map_and_rows_go_with_their_map(tmp_path: Path, db_path: Path):
    with Library(db_path) as library:
        library.save(BASE)
        bases = FileBases(library)
        bases.remember(tmp_path / "x.argmap.json", BASE)
        assert bases.base_for(tmp_path / "y.argmap.json", BASE.info.id) is None
        assert bases.base_for(tmp_path / "x.argmap.json", "other") is None
        bases.remember(tmp_path / "x.argmap.json", change(BASE, "a", text="newer"))
        assert bases.base_for(tmp_path / "x.argmap.json", BASE.info.id).by_id()["a"].text == "newer"
        library.delete(BASE.info.id)
        assert library.db.execute("SELECT count(*) FROM file_bases").fetchone()[0] == 0
