"""A real git for the merge-driver tests, isolated from the machine's git configuration."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

#: The `argmap` command pip installed beside this Python: what the README has git run.
ARGMAP = Path(sys.executable).with_name("argmap.exe" if os.name == "nt" else "argmap")


def merge_driver() -> str:
    """git's merge.argmap.driver as docs/merging.md sets it, run by the installed script."""
    assert ARGMAP.is_file(), f"no {ARGMAP}: install argmap into this environment (pip install -e .)"
    return f"{shlex.quote(str(ARGMAP))} merge %O %A %B -o %A"


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
