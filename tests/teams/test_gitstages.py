"""Reading git's stages of one unmerged map file: only that file's, whatever its name."""

from __future__ import annotations

import shutil
from pathlib import Path

from argmap.core.mapfile import write_map
from argmap.teams.gitstages import unmerged_stages
from tests.teams.git import git
from tests.teams.maps import make


def _version(text: str):
    return make([("root", None, "claim", "Root"), ("a", "root", "claim", text)], map_id="m1")


def conflicted_repo(tmp_path: Path, conflicted: list[str], clean: list[str]) -> Path:
    """A repository where a plain `git merge` left every file in `conflicted` unmerged;
    the files in `clean` are committed on main and never conflict."""
    assert shutil.which("git"), "this test needs git (apt-get install git)"
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    for name in conflicted + clean:
        write_map(_version(f"base of {name}"), root / name)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "theirs")
    for name in conflicted:
        write_map(_version(f"theirs of {name}"), root / name)
    git(root, "commit", "-q", "-am", "theirs")
    git(root, "checkout", "-q", "main")
    for name in conflicted:
        write_map(_version(f"mine of {name}"), root / name)
    git(root, "commit", "-q", "-am", "mine")
    assert git(root, "merge", "--no-edit", "theirs", check=False).returncode != 0
    return root


def test_a_name_with_glob_characters_is_not_a_pattern(tmp_path):
    """`m[1]` as a pattern matches `m1`: the clean file must not get m1's stages."""
    root = conflicted_repo(tmp_path, ["m1.argmap.json"], ["m[1].argmap.json"])
    assert unmerged_stages(root / "m1.argmap.json") is not None
    assert unmerged_stages(root / "m[1].argmap.json") is None


def test_only_the_files_own_stages_are_read(tmp_path):
    """`x*` as a pattern matches `xa` too, whose stages came last and won."""
    root = conflicted_repo(tmp_path, ["x*.argmap.json", "xa.argmap.json"], [])
    for name in ("x*.argmap.json", "xa.argmap.json"):
        stages = unmerged_stages(root / name)
        assert stages is not None and stages.base is not None
        assert stages.ours.by_id()["a"].text == f"mine of {name}"
        assert stages.theirs.by_id()["a"].text == f"theirs of {name}"
        assert stages.base.by_id()["a"].text == f"base of {name}"


def test_a_leading_colon_is_not_pathspec_magic(tmp_path):
    root = conflicted_repo(tmp_path, [":x.argmap.json", "x.argmap.json"], [])
    stages = unmerged_stages(root / ":x.argmap.json")
    assert stages is not None and stages.ours.by_id()["a"].text == "mine of :x.argmap.json"
