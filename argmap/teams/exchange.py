"""A library map and the map files it is shared through stay one version (no Qt).

The principle: **a map file that argmap did not write last is never overwritten; its
changes are merged in.** The library keeps, per file path and map, the version last
exchanged with that file (`bases.FileBases`: recorded on every import, open, export and
merge). Comparing the file on disk with that version tells whether someone else changed
it since (`inspect`), and the kept version is the base of the three-way merge that brings
those changes in (`resolve`).

Everything here is the flow without widgets: the editor (gui/merge_actions.py) only asks
the questions (`Asker`) and renders; the CLI (`argmap export`, `argmap sync`) asks none
(a conflict keeps the library's value and is listed, as `argmap merge` does).

A file git left unmerged is resolved from git's own three versions first (base = stage 1,
mine = stage 2, theirs = stage 3): git's "ours" holds everything git already merged, so
nothing merged cleanly before is ever reverted. That resolution is what the file then
holds; it is brought into the library map by a second three-way merge against the version
last exchanged with the file, so edits made in the library since are kept too.
"""

from __future__ import annotations

import logging
import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from argmap.core.errors import ArgmapError, LibraryError, MapFileError, excerpt
from argmap.core.mapfile import read_map, write_map
from argmap.core.model import ArgumentMap, Node
from argmap.core.store import Library
from argmap.teams.bases import FileBases
from argmap.teams.bases import file_key as file_key  # the editor keys ignored changes by it
from argmap.teams.diff import MAP, diff_maps
from argmap.teams.gitstages import Stages, unmerged_stages
from argmap.teams.merge import (
    DELETED,
    NOT_THEIRS,
    Choice,
    Conflict,
    MergeResult,
    check_same_map,
    merge_maps,
    merge_two_way,
    node_choices,
)

log = logging.getLogger(__name__)

#: Conflict reasons a pick changes (merge.py): both sides set a field, or one deleted a
#: node the other changed. Others (a loop, order, the kind rules) are fixed by the merge.
PICKED_REASONS = ("both sides changed it differently", "the versions differ")


def remember_file(library: Library, path: str | os.PathLike[str], amap: ArgumentMap) -> str | None:
    """Keep `amap` as the version last exchanged with `path`; an error message if it failed
    (only a later three-way merge depends on it, so it never stops an open or export)."""
    try:
        FileBases(library).remember(path, amap)
    except LibraryError as exc:
        log.warning("cannot record the version exchanged with %s: %s", path, exc)
        return str(exc)
    return None


def forget_file(library: Library, path: str | os.PathLike[str]) -> None:
    try:
        FileBases(library).forget(path)
    except ArgmapError as exc:
        log.warning("cannot forget the version exchanged with %s: %s", path, exc)


def base_for(library: Library | None, path: str | os.PathLike[str], map_id: str) -> ArgumentMap | None:
    """The version last exchanged with `path` for map `map_id`, or None (no library, or never)."""
    if library is None:
        return None
    try:
        return FileBases(library).base_for(path, map_id)
    except LibraryError:
        return None


def linked_files(library: Library, map_id: str) -> list[str]:
    """The files the map was last exchanged with (absolute paths), for the editor's watcher."""
    try:
        return FileBases(library).paths(map_id)
    except LibraryError:
        return []


def same_content(a: ArgumentMap | None, b: ArgumentMap | None) -> bool:
    """The same map as far as a teammate can tell (timestamps are not compared)."""
    return a is not None and b is not None and a.info.id == b.info.id and not diff_maps(a, b)


# -- what a file holds, compared with the map about to be written -------------------------------
class FileState(Enum):
    ABSENT = "absent"  # no file there: nothing to lose
    SAME = "same"  # holds this map as it is now
    EXCHANGED = "exchanged"  # holds the version last exchanged: argmap wrote or read it last
    CHANGED = "changed"  # holds this map with changes made elsewhere since the last exchange
    UNMERGED = "unmerged"  # git left it unmerged (its conflicts come first)
    OTHER_MAP = "other map"  # holds a different map
    UNREADABLE = "unreadable"  # not a map file argmap can read


#: States in which writing the file loses nobody's work.
SAFE_STATES = (FileState.ABSENT, FileState.SAME, FileState.EXCHANGED)


@dataclass(frozen=True)
class Target:
    """A map file about to be written, and what it holds now."""

    path: str
    state: FileState
    theirs: ArgumentMap | None = None  # the file's map, when it holds a version of this map
    base: ArgumentMap | None = None  # the version last exchanged with it, if known
    stages: Stages | None = None  # git's three versions, when git left it unmerged
    problem: str = ""  # why it cannot be read (UNREADABLE), or whose map it holds (OTHER_MAP)

    @property
    def safe(self) -> bool:
        return self.state in SAFE_STATES

    def why(self, map_ref: str | None = None) -> str:
        """Why the file is not overwritten and what to do instead (no file name in front).
        `map_ref`: the library map as the user named it, to suggest `argmap sync`; None when
        there is no library map to sync (a MAP given as a file, or `sync` itself)."""
        force = " (--force overwrites it)" if map_ref is not None else ""
        if self.state is FileState.UNMERGED:
            return ("git left this file unmerged; resolve its conflicts first: `argmap "
                    f"{shlex.quote(os.path.basename(self.path))}` opens them in the editor{force}")
        if self.state is FileState.OTHER_MAP:
            return f"holds another map ({self.problem}); not overwritten{force}"
        if self.state is FileState.UNREADABLE:
            return f"exists and is not a map file argmap can read ({self.problem}); not overwritten{force}"
        since = ("since argmap last wrote or read it" if self.base is not None
                 else "and argmap has no record of writing it")
        if map_ref is None:
            return f"holds changes made elsewhere {since}: not overwritten (--force overwrites them)"
        return (f"holds changes made elsewhere {since}: not overwritten. Merge them with "
                f"`argmap sync {shlex.quote(map_ref)} {shlex.quote(self.path)}`, or overwrite "
                "them with --force")


def inspect(library: Library | None, path: str | os.PathLike[str], mine: ArgumentMap) -> Target:
    """What writing `mine` to the map file `path` would do to what is there. A file git left
    unmerged counts as unmerged until argmap writes its resolution (then it is exchanged)."""
    name = os.fspath(path)
    if not os.path.lexists(name):
        return Target(name, FileState.ABSENT)
    base = base_for(library, name, mine.info.id)
    try:
        theirs: ArgumentMap | None = read_map(name)
    except MapFileError as exc:
        theirs, problem = None, exc.problem
    if theirs is None or not same_content(theirs, base):
        stages = unmerged_stages(name)
        if stages is not None and stages.ours.info.id == mine.info.id:
            return Target(name, FileState.UNMERGED, stages.ours, base, stages)
    if theirs is None:
        return Target(name, FileState.UNREADABLE, problem=problem)
    if theirs.info.id != mine.info.id:
        return Target(name, FileState.OTHER_MAP, theirs, problem=f"“{excerpt(theirs.info.title)}”")
    if same_content(theirs, mine):
        state = FileState.SAME
    elif same_content(theirs, base):
        state = FileState.EXCHANGED
    else:
        state = FileState.CHANGED
    return Target(name, state, theirs, base)


# -- merging, with or without questions ---------------------------------------------------------
Answer = Literal["ours", "theirs", "both", "rest-ours", "rest-theirs"]


@dataclass(frozen=True)
class Question:
    """One conflicting node (or the map's title, node_id == MAP) to ask the user about."""

    node_id: str
    number: int  # 1-based, of `total` asked in this round
    total: int
    conflicts: tuple[Conflict, ...]
    mine: Node | None
    theirs: Node | None
    mine_title: str
    their_title: str
    answers: tuple[Answer, ...]  # what may be answered, in button order
    three_way: bool  # a common version is known (else the sides only "differ")
    git: bool = False  # git's conflict: the sides are this branch and the merged branch


#: Asks one question; None cancels the whole merge.
Asker = Callable[[Question], Answer | None]


def choosable(conflict: Conflict) -> bool:
    """A conflict the user decides (else the merge's own rules settled it)."""
    if conflict.field == DELETED:
        return ", changed in " in conflict.reason or conflict.reason == NOT_THEIRS
    if conflict.ours in (None, "") and conflict.theirs in (None, ""):
        return False  # "no source" against an empty source field: nothing to choose between
    return conflict.reason in PICKED_REASONS


def merge_versions(base: ArgumentMap | None, mine: ArgumentMap, theirs: ArgumentMap,
                   choices: dict[tuple[str, str], Choice] | None = None,
                   offer_deletions: bool = False) -> MergeResult:
    """Three-way when the base is known, else two-way (`offer_deletions`: each node only mine
    has is a choice, since they may have deleted it); mine unchanged since the base: theirs
    as it is (a fast-forward: nothing of mine to keep)."""
    check_same_map(mine, theirs)
    if base is not None and same_content(base, mine):
        return MergeResult(theirs, (), mine, theirs)
    if base is None:
        return merge_two_way(mine, theirs, choices=choices, offer_deletions=offer_deletions)
    return merge_maps(base, mine, theirs, choices)


def resolve(base: ArgumentMap | None, mine: ArgumentMap, theirs: ArgumentMap,
            ask: Asker | None = None, git: bool = False) -> MergeResult | None:
    """Merge, asking about each conflicting node until none is left unasked (a pick can bring
    a new conflict, e.g. a kept node's deleted parent); None if cancelled. With no `ask`,
    every conflict keeps mine (and is listed in the result). "rest-…" answers every conflict
    not yet asked the same way."""
    if ask is None:
        return merge_versions(base, mine, theirs)
    result = merge_versions(base, mine, theirs, offer_deletions=True)
    choices: dict[tuple[str, str], Choice] = {}
    asked: set[str] = set()
    rest: Choice | None = None
    rank = {n.id: i for i, (n, _d) in enumerate(mine.preorder())}
    ours_nodes, their_nodes = mine.by_id(), theirs.by_id()
    while True:
        open_ids = sorted({c.node_id for c in result.conflicts if choosable(c)} - asked,
                          key=lambda i: (i != MAP, rank.get(i, len(rank)), i))
        if not open_ids:
            return result
        for number, node_id in enumerate(open_ids, 1):
            asked.add(node_id)
            conflicts = tuple(c for c in result.conflicts if c.node_id == node_id)
            if rest is not None:
                choices.update(node_choices(result.conflicts, node_id, rest))
                continue
            o, t = ours_nodes.get(node_id), their_nodes.get(node_id)
            answers: tuple[Answer, ...] = ("ours", "theirs", "both")
            if node_id == MAP or o is None or t is None:
                answers = ("ours", "theirs")  # a title, or a deleted node: one or the other
            if number < len(open_ids):
                answers += ("rest-ours", "rest-theirs")
            answer = ask(Question(node_id, number, len(open_ids), conflicts, o, t,
                                  mine.info.title, theirs.info.title, answers, base is not None,
                                  git))
            if answer is None:
                return None
            choice: Choice = ("ours" if answer == "rest-ours" else "theirs"
                              if answer == "rest-theirs" else answer)
            if answer.startswith("rest-"):
                rest = choice
            choices.update(node_choices(result.conflicts, node_id, choice))
        result = merge_versions(base, mine, theirs, choices, offer_deletions=True)


# -- the flows -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Synced:
    """What `sync` did: the map both now hold, and what it changed where."""

    merged: ArgumentMap
    conflicts: tuple[Conflict, ...]
    library_changed: bool
    file_written: bool


def resolve_git(stages: Stages, ask: Asker | None = None) -> MergeResult | None:
    """git's own conflict, from git's own versions: base = stage 1 (none when both branches
    added the file), mine = stage 2 (this branch, with everything git merged before),
    theirs = stage 3."""
    return resolve(stages.base, stages.ours, stages.theirs, ask, git=True)


def write_exchanged(library: Library | None, amap: ArgumentMap, path: str | os.PathLike[str]) -> str | None:
    """Write `amap` to the map file and keep it as the version exchanged with it; an error
    message if only the keeping failed (MapFileError if the write did)."""
    write_map(amap, path)
    log.info("wrote %s (map %s)", path, amap.info.id)
    return remember_file(library, path, amap) if library is not None else None


def sync(library: Library, map_id: str, path: str | os.PathLike[str]) -> Synced:
    """`argmap sync MAP FILE`: merge both ways, so the library map and the file end equal.

    A missing file, or one that holds the version last exchanged, is (re)written; a file
    changed elsewhere is merged three-way (two-way if argmap never exchanged it), each
    conflict keeping the library's value. Errors (another map, an unreadable file, a file
    git left unmerged) are MapFileError, and then nothing is written anywhere."""
    mine = library.load(map_id)
    target = inspect(library, path, mine)
    name = os.fspath(path)
    if target.state in (FileState.UNMERGED, FileState.OTHER_MAP, FileState.UNREADABLE):
        raise MapFileError(name, target.why(None))
    if target.state is FileState.SAME:
        remember_file(library, path, mine)
        return Synced(mine, (), False, False)
    if target.state in (FileState.ABSENT, FileState.EXCHANGED):
        write_exchanged(library, mine, path)
        return Synced(mine, (), False, True)
    assert target.theirs is not None
    result = resolve(target.base, mine, target.theirs)
    assert result is not None
    merged = result.merged
    library_changed = not same_content(merged, mine)
    if library_changed:
        library.save(merged)
    file_written = not same_content(merged, target.theirs)
    if file_written:
        write_map(merged, path)
    remember_file(library, path, merged)
    log.info("synced map %s with %s: %d conflicts", map_id, name, len(result.conflicts))
    return Synced(merged, result.conflicts, library_changed, file_written)
