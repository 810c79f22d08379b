"""A library map and the file it is shared through stay one version (teams/exchange.py, no Qt):
what a file holds compared with the last exchange, sync both ways, and git's two rounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.core.mapfile import dumps_map, read_map, write_map
from argmap.core.store import Library
from argmap.teams import exchange
from argmap.teams.exchange import FileState, Question
from argmap.teams.gitstages import unmerged_stages
from tests.conftest import REPO
from tests.teams.git import driver_repo, git
from tests.teams.maps import add, change, make

SEED = REPO / "resources" / "seed-iran-proxies.argmap.json"
BASE = make([
    ("root", None, "claim", "Root"),
    ("a", "root", "evidence", "A"),
    ("b", "root", "objection", "B"),
])


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "lib.db")
    lib.add_new(BASE)
    yield lib
    lib.close()


def exported(library: Library, path: Path) -> None:
    """`argmap export` of the library map: the file and its recorded version."""
    exchange.write_exchanged(library, library.load(BASE.info.id), path)


def test_what_a_file_holds_decides_whether_it_may_be_written(library, tmp_path):
    path = tmp_path / "team.argmap.json"
    mine = library.load(BASE.info.id)
    assert exchange.inspect(library, path, mine).state is FileState.ABSENT
    exported(library, path)
    assert exchange.inspect(library, path, mine).state is FileState.SAME
    edited = change(mine, "a", text="A, edited in my library")
    assert exchange.inspect(library, path, edited).state is FileState.EXCHANGED
    write_map(change(mine, "b", text="B by a teammate"), path)
    target = exchange.inspect(library, path, edited)
    assert target.state is FileState.CHANGED and not target.safe and target.base is not None
    assert "sync" in target.why("MAP") and "--force" in target.why("MAP")
    write_map(make([("root", None, "claim", "x")], map_id="other"), path)
    assert exchange.inspect(library, path, edited).state is FileState.OTHER_MAP
    path.write_text("{ not json")
    assert exchange.inspect(library, path, edited).state is FileState.UNREADABLE
    # never exchanged, and different: someone else's file
    stranger = tmp_path / "stranger.argmap.json"
    write_map(change(mine, "b", text="B elsewhere"), stranger)
    target = exchange.inspect(library, stranger, edited)
    assert target.state is FileState.CHANGED and target.base is None
    assert "no record of writing it" in target.why("MAP")


def test_sync_merges_both_ways_and_leaves_both_equal(library, tmp_path):
    path = tmp_path / "team.argmap.json"
    exported(library, path)
    library.save(change(library.load(BASE.info.id), "a", text="A by me"))
    write_map(add(change(read_map(path), "b", text="B by them"), "x", "b", "rebuttal", "An answer"),
              path)
    done = exchange.sync(library, BASE.info.id, path)
    assert not done.conflicts and done.library_changed and done.file_written
    mine, theirs = library.load(BASE.info.id).by_id(), read_map(path).by_id()
    for nodes in (mine, theirs):
        assert nodes["a"].text == "A by me" and nodes["b"].text == "B by them"
        assert nodes["x"].parent == "b"
    assert exchange.same_content(library.load(BASE.info.id), read_map(path))
    # synced again: nothing to do
    again = exchange.sync(library, BASE.info.id, path)
    assert not (again.library_changed or again.file_written)


def test_sync_with_a_conflict_keeps_mine_lists_it_and_still_ends_equal(library, tmp_path):
    path = tmp_path / "team.argmap.json"
    exported(library, path)
    library.save(change(library.load(BASE.info.id), "a", text="A by me"))
    write_map(change(read_map(path), "a", text="A by them"), path)
    done = exchange.sync(library, BASE.info.id, path)
    assert [(c.node_id, c.field) for c in done.conflicts] == [("a", "text")]
    assert library.load(BASE.info.id).by_id()["a"].text == "A by me"
    assert exchange.same_content(library.load(BASE.info.id), read_map(path))


def test_sync_refuses_another_map_and_writes_nothing(library, tmp_path):
    path = tmp_path / "team.argmap.json"
    write_map(make([("root", None, "claim", "x")], map_id="other"), path)
    before = path.read_bytes()
    with pytest.raises(exchange.MapFileError, match="another map"):
        exchange.sync(library, BASE.info.id, path)
    assert path.read_bytes() == before
    assert exchange.same_content(library.load(BASE.info.id), BASE)


def test_a_map_unchanged_since_the_exchange_fast_forwards(tmp_path):
    theirs = change(BASE, "a", text="A by them")
    result = exchange.merge_versions(BASE, BASE, theirs)
    assert result.merged is theirs and not result.conflicts


def test_questions_are_asked_per_node_and_rest_answers_the_others(tmp_path):
    mine = change(change(BASE, "a", text="A by me"), "b", text="B by me")
    theirs = change(change(BASE, "a", text="A by them"), "b", text="B by them")
    asked: list[Question] = []

    def ask(question: Question):
        asked.append(question)
        return "rest-theirs"

    result = exchange.resolve(BASE, mine, theirs, ask)
    assert result is not None and len(asked) == 1 and asked[0].three_way
    assert asked[0].answers == ("ours", "theirs", "both", "rest-ours", "rest-theirs")
    assert {n.id: n.text for n in result.merged.nodes} == {"root": "Root", "a": "A by them",
                                                           "b": "B by them"}
    assert exchange.resolve(BASE, mine, theirs, lambda q: None) is None  # cancelled


def test_two_way_proposes_the_teammates_deletion(tmp_path):
    theirs = BASE.model_copy(update={"nodes": tuple(n for n in BASE.nodes if n.id != "b")})
    offered: list[Question] = []

    def ask(question: Question):
        offered.append(question)
        return "theirs"

    result = exchange.resolve(None, BASE, theirs, ask)
    assert result is not None and "b" not in result.merged.by_id()
    assert [q.node_id for q in offered] == ["b"] and not offered[0].three_way
    assert exchange.resolve(None, BASE, theirs) is not None  # no questions: never deletes
    assert "b" in exchange.resolve(None, BASE, theirs).merged.by_id()


# -- the README's git flow, two rounds ------------------------------------------------------------
def _commit(root: Path, path: Path, edit, message: str) -> None:
    write_map(edit(read_map(path)), path)
    git(root, "commit", "-q", "-am", message)


def test_two_rounds_of_git_merges_lose_nothing(tmp_path):
    """Round 1 merges cleanly through the driver; round 2 stops on a conflict. Resolving it
    from git's stages keeps all of round 1, and the library map (which never saw round 1)
    takes it all in, keeping its own edit made since the export."""
    root = driver_repo(tmp_path)
    library = Library(tmp_path / "lib.db")
    seed = read_map(SEED)
    library.add_new(seed)
    path = root / "team.argmap.json"
    exchange.write_exchanged(library, seed, path)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    # round 1: different nodes
    git(root, "checkout", "-q", "-b", "topic-1")
    _commit(root, path, lambda m: add(change(m, "khazali", text="Topic-1 on Khazali."),
                                      "t1-point", "thesis", "evidence", "Topic-1 point."), "t1")
    git(root, "checkout", "-q", "main")
    _commit(root, path, lambda m: change(m, "qaani", text="Main on Qaani."), "main 1")
    assert git(root, "merge", "--no-edit", "topic-1", check=False).returncode == 0
    # round 2: the same node
    git(root, "checkout", "-q", "-b", "topic-2")
    _commit(root, path, lambda m: change(m, "qaani", text="Topic-2 on Qaani."), "t2")
    git(root, "checkout", "-q", "main")
    _commit(root, path, lambda m: change(m, "qaani", text="Main again on Qaani."), "main 2")
    assert git(root, "merge", "--no-edit", "topic-2", check=False).returncode != 0
    # meanwhile, in the library
    library.save(change(library.load(seed.info.id), "thesis", text="My thesis, edited."))

    stages = unmerged_stages(path)
    assert stages is not None
    resolved = exchange.resolve_git(stages, lambda q: "theirs")
    assert resolved is not None
    file_map = resolved.merged
    got = file_map.by_id()
    assert got["khazali"].text == "Topic-1 on Khazali." and "t1-point" in got  # round 1 kept
    assert got["qaani"].text == "Topic-2 on Qaani."  # the answer to round 2
    write_map(file_map, path)
    mine = library.load(seed.info.id)
    result = exchange.resolve(exchange.base_for(library, path, seed.info.id), mine, file_map,
                              lambda q: "ours")
    assert result is not None and not result.conflicts
    merged = result.merged.by_id()
    assert merged["khazali"].text == "Topic-1 on Khazali." and "t1-point" in merged
    assert merged["qaani"].text == "Topic-2 on Qaani."
    assert merged["thesis"].text == "My thesis, edited."  # the library's own edit
    git(root, "add", "team.argmap.json")
    git(root, "commit", "-q", "--no-edit")
    assert unmerged_stages(path) is None
    library.close()


def test_writing_the_exchanged_version_is_recorded(library, tmp_path):
    path = tmp_path / "team.argmap.json"
    exported(library, path)
    assert exchange.base_for(library, path, BASE.info.id) == read_map(path)
    assert exchange.linked_files(library, BASE.info.id) == [str(path.resolve())]
    assert dumps_map(read_map(path)) == path.read_bytes()
