"""Resolving a conflicting git merge of a map file in the editor (`argmap FILE`), with a real
git in a temporary repository and argmap as its merge driver (docs/merging.md)."""

from __future__ import annotations

import shlex
from pathlib import Path

from argmap.core.mapfile import read_map, write_map
from argmap.formats.options import ExportOptions
from argmap.teams.gitstages import unmerged_stages
from tests.teams.git import driver_repo, git
from tests.teams.maps import add, change

FILE = "iran.argmap.json"


def conflicting_merge(controllers, tmp_path: Path) -> Path:
    """Main exports the seed map; a branch re-words qaani and adds a node; main re-words
    qaani too (in the editor, exported again); `git merge` stops on the conflict."""
    root = driver_repo(tmp_path)
    path = root / FILE
    assert controllers.exports.export_to(str(path), ExportOptions())
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    git(root, "checkout", "-q", "-b", "theirs")
    write_map(add(change(read_map(path), "qaani", text="Theirs about Qaani."),
                  "new-point", "thesis", "evidence", "A new point."), path)
    git(root, "commit", "-q", "-am", "theirs")
    git(root, "checkout", "-q", "main")
    assert controllers.editor.edit_node("qaani", text="Mine about Qaani.")
    assert controllers.exports.export_to(str(path), ExportOptions())
    git(root, "commit", "-q", "-am", "mine")
    merging = git(root, "merge", "--no-edit", "theirs", check=False)
    assert merging.returncode != 0 and "qaani" in merging.stdout + merging.stderr
    return path


def test_a_conflicting_git_merge_is_resolved_in_the_editor(controllers, tmp_path):
    files, dialogs = controllers.files, controllers.dialogs
    path = conflicting_merge(controllers, tmp_path)
    left = read_map(path)  # the driver left a valid map: mine for the conflict
    assert left.by_id()["qaani"].text == "Mine about Qaani." and "new-point" in left.by_id()
    dialogs.answer("choose", 0, 1)  # Merge; the conflict on qaani: Keep Theirs (then written)
    assert files.open_file(str(path))
    question, conflict = dialogs.texts("choose")
    assert f"git left {FILE} unmerged" in question
    assert "Mine about Qaani." in conflict and "Theirs about Qaani." in conflict
    doc = controllers.workspace.doc
    assert doc.node("qaani").text == "Theirs about Qaani." and doc.node("new-point").parent == "thesis"
    assert read_map(path).nodes == doc.to_map().nodes
    root = path.parent
    git(root, "add", FILE)
    git(root, "commit", "-q", "--no-edit")
    assert git(root, "status", "--porcelain").stdout == ""
    assert unmerged_stages(path) is None


def test_stages_are_read_only_for_an_unmerged_file(controllers, tmp_path):
    path = conflicting_merge(controllers, tmp_path)
    stages = unmerged_stages(path)
    assert stages is not None and stages.base is not None
    assert stages.ours.by_id()["qaani"].text == "Mine about Qaani."
    assert stages.theirs.by_id()["qaani"].text == "Theirs about Qaani."
    assert unmerged_stages(tmp_path / "nowhere.argmap.json") is None
    outside = tmp_path / "plain.argmap.json"
    write_map(stages.ours, outside)
    assert unmerged_stages(outside) is None


def test_reading_the_stages_runs_no_program_the_repository_configures(controllers, tmp_path):
    """A file from someone else's repository: its .git/config must not run anything."""
    path = conflicting_merge(controllers, tmp_path)
    marker = tmp_path / "ran"
    hook = tmp_path / "fsmonitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {shlex.quote(str(marker))}\n")
    hook.chmod(0o755)
    git(path.parent, "config", "core.fsmonitor", str(hook))
    assert unmerged_stages(path) is not None
    assert not marker.exists()
