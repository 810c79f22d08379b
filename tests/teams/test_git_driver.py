"""argmap as git's merge driver, against a real git in a temporary repository.

Set-up exactly as documented (docs/merging.md), with the driver the installed `argmap`
script beside this Python (not `python -m argmap`): the console entry point is under test
too, and it is the argmap under test whatever is on PATH.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.core.mapfile import read_map, write_map
from tests.conftest import REPO
from tests.teams.git import driver_repo, git
from tests.teams.maps import add, change

SEED = REPO / "resources" / "seed-iran-proxies.argmap.json"
FILE = "iran.argmap.json"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = driver_repo(tmp_path)
    shutil.copyfile(SEED, root / FILE)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    return root


def commit_on(root: Path, branch: str, edit) -> None:
    git(root, "checkout", "-q", "-b", branch, "main")
    write_map(edit(read_map(root / FILE)), root / FILE)
    git(root, "commit", "-q", "-am", branch)


def test_branches_editing_different_nodes_merge_cleanly(repo: Path):
    # Adjacent lines of the file: git's own line merge would stop here with a conflict.
    commit_on(repo, "ours", lambda m: change(m, "qaani", text="Qaani cannot rein them in."))
    commit_on(repo, "theirs", lambda m: add(change(m, "khazali", text="Khazali said so."),
                                            "new-point", "thesis", "evidence", "A new point."))
    git(repo, "checkout", "-q", "ours")
    done = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = read_map(repo / FILE)
    got = merged.by_id()
    assert got["qaani"].text == "Qaani cannot rein them in."
    assert got["khazali"].text == "Khazali said so."
    assert got["new-point"].parent == "thesis"
    assert len(merged.nodes) == len(read_map(SEED).nodes) + 1
    assert git(repo, "status", "--porcelain").stdout == ""


def test_conflicting_branches_stop_with_a_valid_map_in_the_work_tree(repo: Path):
    commit_on(repo, "ours", lambda m: change(m, "qaani", text="Ours."))
    commit_on(repo, "theirs", lambda m: add(change(m, "qaani", text="Theirs."), "x", "thesis"))
    git(repo, "checkout", "-q", "ours")
    done = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode != 0
    assert "conflict\tqaani\ttext" in done.stdout + done.stderr
    assert git(repo, "status", "--porcelain").stdout.startswith(f"UU {FILE}")
    merged = read_map(repo / FILE)  # valid: no conflict markers
    assert merged.by_id()["qaani"].text == "Ours."
    assert "x" in merged.by_id()
