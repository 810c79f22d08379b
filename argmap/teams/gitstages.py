"""The three versions git keeps of a map file it could not merge (no Qt).

When `argmap merge` (git's merge driver) reports conflicts, git leaves the file unmerged
and keeps the common ancestor, our version and their version in its index as stages 1,
2 and 3. The work-tree file holds ours for every conflicting field, so their side of a
conflict is only in stage 3: opening the file in the editor reads the stages to offer
the same node-by-node choices as merging a teammate's file.

Everything read from git goes through `parse_map`, like any untrusted file. Any trouble
(no git, not a repository, not unmerged, a stage that is not a valid map) means "no
stages": the editor then merges the file itself, as for any teammate's file.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from argmap.core.errors import MapFileError
from argmap.core.mapfile import MAX_FILE_BYTES, parse_map
from argmap.core.model import ArgumentMap

#: git is asked about one file; it never takes long unless something is wrong.
GIT_TIMEOUT_S = 10


@dataclass(frozen=True)
class Stages:
    base: ArgumentMap | None  # stage 1; None when both branches added the file
    ours: ArgumentMap  # stage 2: this branch's version
    theirs: ArgumentMap  # stage 3: the branch being merged


#: The file may come from someone else's repository: no configured program may run.
#: `core.fsmonitor` is the setting that makes plain reads such as `ls-files` run one.
SAFE = ("-c", "core.fsmonitor=false")


def _git(cwd: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", *SAFE, *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT_S,
            check=False, stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0",
                 "GIT_LITERAL_PATHSPECS": "1"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def unmerged_stages(path: str | os.PathLike[str]) -> Stages | None:
    """The stages of `path` if git lists it as unmerged with both sides present, else None."""
    file = Path(path).expanduser().resolve()
    # The name is a literal path, not a pattern ('[', '*', a leading ':'), and only entries
    # naming exactly this file count: a pattern would bring in the stages of other files.
    listed = _git(file.parent, "--literal-pathspecs", "ls-files", "-u", "-z", "--", file.name)
    if not listed:
        return None
    blobs: dict[int, str] = {}
    for entry in listed.split(b"\0"):
        info, _tab, name = entry.partition(b"\t")
        parts = info.split()
        if name != os.fsencode(file.name):
            continue
        if len(parts) == 3 and parts[2] in (b"1", b"2", b"3"):
            blobs[int(parts[2])] = parts[1].decode("ascii", "replace")
    if 2 not in blobs or 3 not in blobs:
        return None
    maps: dict[int, ArgumentMap] = {}
    for stage, blob in blobs.items():
        size = _git(file.parent, "cat-file", "-s", blob)
        if size is None or not size.strip().isdigit() or int(size) > MAX_FILE_BYTES:
            return None
        data = _git(file.parent, "cat-file", "blob", blob)
        if data is None:
            return None
        try:
            maps[stage] = parse_map(data, f"{file.name} (git stage {stage})")
        except MapFileError:
            return None
    return Stages(maps.get(1), maps[2], maps[3])
