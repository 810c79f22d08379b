"""`argmap diff`, `merge`, `sync` and `show`: exit statuses follow diff(1) and git's merge drivers.

diff: 0 the maps are equal, 1 they differ, 2 trouble. merge: 0 clean, 1 conflicts (the
output is still a valid map, holding ours for each conflicting field), 2 trouble — and on
trouble nothing is written. Each problem or conflict is one line on stderr. An empty BASE
file (what git passes when both branches added the file) means there is no common
version: a two-way merge that adds and never deletes, every disagreement a conflict.
sync: 0 the library map and the file are equal (clean), 1 equal but with conflicts
(each keeping the library's value, listed), 2 trouble (nothing written anywhere).
show: the map as readable lines, one per node and source field, for `git diff`'s textconv.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from argmap.core.errors import ArgmapError
from argmap.core.mapfile import read_map, write_map
from argmap.core.model import ArgumentMap
from argmap.core.terminal import safe, write_line
from argmap.teams.diff import diff_maps
from argmap.teams.merge import Conflict, check_same_map, merge_maps, merge_two_way

TROUBLE = 2


def _say(err: TextIO, exc: ArgmapError) -> int:
    print(f"argmap: {safe(' '.join(str(exc).split()))}", file=err)
    return TROUBLE


def _empty(path: str) -> bool:
    try:
        return Path(path).is_file() and Path(path).stat().st_size == 0
    except OSError:
        return False


def run_diff(
    resolve: Callable[[str], ArgumentMap], a: str, b: str,
    out: TextIO | None = None, err: TextIO | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        old, new = resolve(a), resolve(b)
    except ArgmapError as exc:
        return _say(err, exc)
    changes = diff_maps(old, new)
    for line in changes.lines():  # its values are JSON, with the terminal rule applied
        write_line(line, out)
    return 1 if changes else 0


def run_merge(
    base: str, ours: str, theirs: str, output: str, err: TextIO | None = None
) -> int:
    err = err or sys.stderr
    try:
        mine, other = read_map(ours), read_map(theirs)
        if _empty(base):  # git's %O when both branches added the file: no common version
            check_same_map(mine, other)
            result = merge_two_way(mine, other)
        else:
            old = read_map(base)
            check_same_map(old, mine, other)
            result = merge_maps(old, mine, other)
        write_map(result.merged, Path(output))
    except ArgmapError as exc:
        return _say(err, exc)
    print_conflicts(result.conflicts, (result.merged, mine, other), err)
    return 1 if result.conflicts else 0


def print_conflicts(conflicts: Iterable[Conflict], maps: Iterable[ArgumentMap], err: TextIO) -> None:
    """One line per conflict on stderr, each with an excerpt of its node's text."""
    texts: dict[str, str] = {}
    for amap in maps:
        for node in amap.nodes:
            texts.setdefault(node.id, node.text)
    for conflict in conflicts:
        print(conflict.line(texts.get(conflict.node_id)), file=err)


def run_show(amap: ArgumentMap, out: TextIO | None = None) -> int:
    """The map as readable lines (`argmap show`): what `git diff` compares when map files
    have `diff=argmap` and `git config diff.argmap.textconv "argmap show"`."""
    out = out or sys.stdout
    for line in show_lines(amap):
        print(safe(line), file=out)
    return 0


def show_lines(amap: ArgumentMap) -> list[str]:
    """Title, then each node indented by depth: `- [kind] text  {id}`, and its source fields
    on the lines under it. One line per node, so a re-wording is one changed line."""
    lines = [f"# {_flat(amap.info.title)}", ""]
    for r in amap.sources:  # what a record says beyond the title its nodes show
        if not r.plain:
            said = [v for v in (r.author, r.date, r.url) if v]
            if r.text is not None:
                said.append(f"text of {len(r.text):,} characters, {len(r.text.splitlines()):,} lines")
            lines.append(f"source: {_flat(r.title or r.id)}  {{{r.id}}}: {_flat('; '.join(said))}")
    if any(not r.plain for r in amap.sources):
        lines.append("")
    for node, depth in amap.preorder():
        pad = "  " * depth
        lines.append(f"{pad}- [{node.kind.value}] {_flat(node.text)}  {{{node.id}}}")
        s = node.source
        if s is not None:
            for label, value in (("source", s.title), ("url", s.url), ("at", s.locator),
                                 ("quote", s.quote)):
                if value:
                    lines.append(f"{pad}    {label}: {_flat(value)}")
    return lines


def _flat(text: str) -> str:
    return " ⏎ ".join(" ".join(part.split()) for part in text.splitlines())
