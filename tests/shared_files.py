"""Files beside the repository that add test cases when they are there: one policy for all.

`../shared` holds third-party files that are not committed (their licences are not the
project's): real Argdown and AIF samples in `interop/` and the seed article in `seed/`. A fresh
clone has no `../shared`; the tests then run every check on the project's own files in
tests/data, and what `../shared` holds only adds cases. It never decides whether a test runs.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def shared_folder(env: str, default: Path) -> Path:
    """The folder the environment variable `env` names (it must exist), else `default`."""
    named = os.environ.get(env)
    if named:
        folder = Path(named)
        assert folder.is_dir(), f"{env}={named} is not a folder"
        return folder
    return default


def extra_files(folder: Path, pattern: str) -> list[Path]:
    """The files in `folder` matching `pattern`, sorted; none when the folder is absent."""
    return sorted(folder.glob(pattern)) if folder.is_dir() else []
