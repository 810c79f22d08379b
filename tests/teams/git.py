"""A real git for the merge-driver tests, isolated from the machine's git configuration."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from tests.helpers import argmap_script


def merge_driver() -> str:
    """git's merge.argmap.driver as docs/merging.md sets it, run by the installed script."""
    return f"{shlex.quote(str(argmap_script()))} merge %O %A %B -o %A"


def driver_repo(tmp_path: Path) -> Path:
    """A new repository (branch main) with argmap as the merge driver for map files, set up
    as docs/merging.md says."""
    assert shutil.which("git"), "this test needs git (apt-get install git)"
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    (root / ".gitattributes").write_text("*.argmap.json merge=argmap\n")
    git(root, "config", "merge.argmap.name", "argmap node-by-node merge")
    git(root, "config", "merge.argmap.driver", merge_driver())
    return root


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)
    if check:
        assert done.returncode == 0, done.stderr
    return done
