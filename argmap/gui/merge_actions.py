"""Teammates' versions of a map in the editor: merge a file into the open map, or compare.

Opening a file whose map the library already holds comes here (LibraryActions.open_file):
an identical file just opens the map; otherwise the changed nodes are highlighted on the
canvas and listed in the question, which offers Merge beside Open as Copy and Replace.

Merge is three-way when the library knows the version last exchanged with that file path
(FileBases: remembered on every open of, and export to, a file) and two-way otherwise
(adds and updates, never deletes). Conflicts are asked node by node; the merged map then
replaces the document's nodes in ONE undo command, so one Undo restores my map. A file git
left unmerged is merged from git's own stages, so its conflicts can be resolved here too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from argmap.core.errors import ArgmapError, LibraryError, MapFileError
from argmap.core.mapfile import read_map, write_map
from argmap.core.model import ArgumentMap
from argmap.core.store import Library
from argmap.editing.commands import ChangeNodes
from argmap.editing.document import MapDocument
from argmap.gui.dialogs import Dialogs, plural
from argmap.gui.merge_dialog import (
    CONFLICT_BUTTONS,
    REST_BUTTONS,
    differences_text,
    side_text,
    why_text,
)
from argmap.gui.workspace import Workspace
from argmap.teams.bases import FileBases
from argmap.teams.diff import MAP, MapDiff, diff_maps
from argmap.teams.gitstages import Stages, unmerged_stages
from argmap.teams.merge import DELETED, Choice, Conflict, MergeResult, merge_maps, merge_two_way, node_choices

MERGED_MS = 8000
Outcome = Literal["opened", "copy", "replace"]
#: The buttons of the question asked when an opened file's map is already in the library.
KNOWN_BUTTONS = ("Merge", "Open as Copy", "Replace My Version")
#: Conflict reasons a pick changes (merge.py): both sides set a field, or one deleted a
#: node the other changed. Others (a loop, order, the kind rules) are fixed by the merge.
PICKED_REASONS = ("both sides changed it differently", "the versions differ")
ANSWERS: tuple[Choice, ...] = ("ours", "theirs", "both")


def remember_file(library: Library, path: str | os.PathLike[str], amap: ArgumentMap) -> str | None:
    """Keep `amap` as the version last exchanged with `path`; an error message if it failed
    (only a later three-way merge depends on it, so it never stops an open or export)."""
    try:
        FileBases(library).remember(path, amap)
    except LibraryError as exc:
        return str(exc)
    return None


def _choosable(conflict: Conflict) -> bool:
    if conflict.field == DELETED:
        return ", changed in " in conflict.reason
    return conflict.reason in PICKED_REASONS


class ApplyMerge(QUndoCommand):
    """The whole merge as one undo step: the document's nodes and title become the merged
    map's; undo puts my map back. `done`/`undone` keep the file's base in step."""

    def __init__(self, doc: MapDocument, merged: ArgumentMap, text: str,
                 done: Callable[[], None] | None = None, undone: Callable[[], None] | None = None):
        super().__init__(text)
        self.doc = doc
        now = {n.id: n for n in doc.nodes()}
        new = merged.by_id()
        after = {i: new.get(i) for i in sorted(now.keys() | new.keys()) if now.get(i) != new.get(i)}
        self.nodes = ChangeNodes(doc, {i: now.get(i) for i in after}, after, text)
        self.old_info = doc.info
        self.title = merged.info.title
        self.done, self.undone = done, undone
        self.refused: str | None = None

    def redo(self) -> None:
        self.nodes.redo()
        if self.nodes.refused:
            self.refused = self.nodes.refused
            self.setObsolete(True)
            return
        if self.title != self.doc.info.title:
            self.doc.set_info(self.doc.info.model_copy(update={"title": self.title}))
        if self.done is not None:
            self.done()

    def undo(self) -> None:
        self.nodes.undo()
        self.doc.set_info(self.old_info)
        if self.undone is not None:
            self.undone()


class MergeActions(QObject):
    status = Signal(str, int)  # a status-bar message and how long it stays (ms)

    def __init__(self, workspace: Workspace, dialogs: Dialogs, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.library = workspace.library
        self.dialogs = dialogs
        self._highlighted = False
        workspace.edited.connect(self.clear_highlight)

    # -- the version last exchanged with a file ---------------------------------------------------
    def remember(self, path: str | os.PathLike[str], amap: ArgumentMap) -> None:
        failed = remember_file(self.library, path, amap)
        if failed:
            self.status.emit(f"The next merge with this file cannot be three-way: {failed}",
                             MERGED_MS)

    def base_for(self, path: str, map_id: str) -> ArgumentMap | None:
        try:
            return FileBases(self.library).base_for(path, map_id)
        except LibraryError:
            return None

    # -- highlighting -----------------------------------------------------------------------------
    def highlight(self, diff: MapDiff) -> list[str]:
        """Mark the changed nodes that are on the canvas (find's highlight); their ids."""
        doc, scene = self.workspace.doc, self.workspace.scene
        if doc is None or scene is None:
            return []
        changed = diff.changed_ids()
        shown = [node_id for node_id in changed if node_id in doc]
        scene.set_matches(shown)
        self._highlighted = True
        return shown

    def clear_highlight(self) -> None:
        if self._highlighted and self.workspace.scene is not None:
            self.workspace.scene.clear_matches()
        self._highlighted = False

    # -- opening a file whose map is already in the library ---------------------------------------
    def open_known(self, path: str, theirs: ArgumentMap) -> Outcome | None:
        """The file's map is in the library: open it, or say what the user chose (copy or
        replace, done by the caller), or None if cancelled. The caller flushed autosave."""
        workspace, map_id = self.workspace, theirs.info.id
        stages = unmerged_stages(path)
        if stages is not None and stages.theirs.info.id != map_id:
            stages = None
        before = workspace.doc.map_id if workspace.doc is not None else None
        if not workspace.open_map(map_id) or workspace.doc is None:
            return None
        mine = workspace.doc.to_map()
        other = stages.theirs if stages is not None else theirs
        diff = diff_maps(mine, other)
        if not diff:
            if stages is None:
                self.remember(path, theirs)
            self.status.emit(f"{Path(path).name}: the same as the map in your library", MERGED_MS)
            return "opened"
        base = stages.base if stages is not None else self.base_for(path, map_id)
        # What Merge would bring in: their changes since the common version, if known.
        self.highlight(diff_maps(base, other) if base is not None else diff)
        where = ("git left this file unmerged: Merge resolves the conflicts with their "
                 "branch's version.\n\n" if stages is not None else "")
        choice = self.dialogs.choose(
            "Map already in your library",
            f"Your library already has the map “{mine.info.title}”, and {Path(path).name} "
            f"differs from it (their changes are highlighted on the map).\n\n{where}"
            f"{self._differences(base, mine, other)}\n\nMerge their changes into your map "
            "(one step, undoable), open the file as a separate copy, or replace your version "
            "with it? A replaced version is kept in the trash (File ▸ Restore from Trash).",
            KNOWN_BUTTONS, destructive=2)
        self.clear_highlight()
        if choice in (1, 2):
            return "copy" if choice == 1 else "replace"
        if choice == 0 and (self.merge_stages(path, stages) if stages is not None
                            else self.merge_file(path, theirs)):
            return "opened"
        if before is not None and before != map_id:  # cancelled: back to the map shown before
            self.workspace.open_map(before)
        return None

    @staticmethod
    def _differences(base: ArgumentMap | None, mine: ArgumentMap, theirs: ArgumentMap) -> str:
        """Each side's changes since the common version, or how the two differ if none is known."""
        if base is None:
            return differences_text(diff_maps(mine, theirs), mine, theirs,
                                    "How their version differs from yours (no common version "
                                    "known: Merge adds what you lack, asks about each "
                                    "difference, and never deletes)")
        return "\n\n".join([
            differences_text(diff_maps(base, theirs), base, theirs,
                             "Their changes since this file was last opened or exported"),
            differences_text(diff_maps(base, mine), base, mine, "Your changes since then"),
        ])

    # -- merging ------------------------------------------------------------------------------------
    def merge_file(self, path: str, theirs: ArgumentMap) -> bool:
        """Merge a teammate's version into the open map (same map id); False if cancelled."""
        doc = self.workspace.doc
        if doc is None:
            return False
        previous = self.base_for(path, theirs.info.id)
        mine = doc.to_map()
        result = self._resolve(previous, mine, theirs)
        if result is None:
            return False

        def done() -> None:
            self.remember(path, theirs)

        def undone() -> None:
            if previous is not None:
                self.remember(path, previous)
            else:
                self._forget(path)

        how = "three-way" if previous is not None else "no common version known: nothing deleted"
        return self._apply(result, f"Merge {Path(path).name}", how, done, undone)

    def merge_stages(self, path: str, stages_: Stages) -> bool:
        """A file git left unmerged: mine is the library map, theirs and the base git's stages;
        the result can then be written back to the file for `git add`."""
        doc = self.workspace.doc
        if doc is None:
            return False
        result = self._resolve(stages_.base, doc.to_map(), stages_.theirs)
        if result is None:
            return False
        if not self._apply(result, f"Merge {Path(path).name} (git)", "from git's versions"):
            return False
        name = Path(path).name
        if self.dialogs.ask("Write the merged map?",
                            f"Write the merged map to {name}, so that you can `git add {name}` "
                            "and finish the git merge?"):
            try:
                write_map(result.merged, path)
            except MapFileError as exc:
                self.dialogs.failed("Cannot write the merged map", exc)
                return True
            self.remember(path, result.merged)
            self.status.emit(f"Wrote {name}: `git add {name}` to mark it resolved", MERGED_MS)
        return True

    def _forget(self, path: str) -> None:
        with contextlib.suppress(ArgmapError):
            FileBases(self.library).forget(path)

    def _run(self, base: ArgumentMap | None, mine: ArgumentMap, theirs: ArgumentMap,
             choices: dict[tuple[str, str], Choice]) -> MergeResult:
        if base is not None:
            return merge_maps(base, mine, theirs, choices)
        return merge_two_way(mine, theirs, choices=choices)

    def _resolve(self, base: ArgumentMap | None, mine: ArgumentMap,
                 theirs: ArgumentMap) -> MergeResult | None:
        """Merge, asking about each conflicting node until none is left unasked (a pick can
        bring a new conflict, e.g. a kept node's deleted parent); None if cancelled.
        "… for the Rest" answers every conflict not yet asked the same way."""
        choices: dict[tuple[str, str], Choice] = {}
        asked: set[str] = set()
        rest: Choice | None = None
        rank = {n.id: i for i, (n, _d) in enumerate(mine.preorder())}
        ours_nodes, their_nodes = mine.by_id(), theirs.by_id()
        result = self._run(base, mine, theirs, choices)
        while True:
            open_ids = sorted({c.node_id for c in result.conflicts if _choosable(c)} - asked,
                              key=lambda i: (i != MAP, rank.get(i, len(rank)), i))
            if not open_ids:
                return result
            for count, node_id in enumerate(open_ids, 1):
                asked.add(node_id)
                if rest is not None:
                    choices.update(node_choices(result.conflicts, node_id, rest))
                    continue
                o, t = ours_nodes.get(node_id), their_nodes.get(node_id)
                options = list(zip(CONFLICT_BUTTONS, ANSWERS, strict=True))
                if node_id == MAP or o is None or t is None:
                    options = options[:2]  # a title, or a deleted node: one or the other
                if count < len(open_ids):
                    options += [(REST_BUTTONS[0], "ours"), (REST_BUTTONS[1], "theirs")]
                mine_text, their_text = ((mine.info.title, theirs.info.title) if node_id == MAP
                                         else (side_text(o), side_text(t)))
                answer = self.dialogs.resolve_conflict(
                    f"Merge conflict {count} of {len(open_ids)}",
                    why_text([c for c in result.conflicts if c.node_id == node_id]),
                    mine_text, their_text, [label for label, _ in options])
                if answer is None:
                    self.status.emit("Merge cancelled; nothing changed", MERGED_MS)
                    return None
                label, choice = options[answer]
                if label in REST_BUTTONS:
                    rest = choice
                choices.update(node_choices(result.conflicts, node_id, choice))
            result = self._run(base, mine, theirs, choices)

    def _apply(self, result: MergeResult, text: str, how: str,
               done: Callable[[], None] | None = None,
               undone: Callable[[], None] | None = None) -> bool:
        doc = self.workspace.doc
        if doc is None:
            return False
        changed = diff_maps(doc.to_map(), result.merged)
        if not changed:
            self.status.emit(f"{text}: nothing to merge; your map already has it all", MERGED_MS)
            if done is not None:
                done()
            return True
        if not self.workspace.push(ApplyMerge(doc, result.merged, text, done, undone)):
            return False
        self.highlight(changed)
        fixed = [c for c in result.conflicts if not _choosable(c)]
        kept = f"; {plural(len(fixed), 'conflict')} settled by the merge's rules" if fixed else ""
        self.status.emit(f"{text}: {plural(len(changed.changed_ids()), 'node')} changed ({how}){kept}. "
                         "Undo reverses the whole merge.", MERGED_MS)
        return True

    # -- File ▸ Compare with File… ------------------------------------------------------------------
    def compare_file(self, path: str) -> MapDiff | None:
        """Show how a map file differs from the open map; nothing is changed."""
        doc = self.workspace.doc
        if doc is None:
            return None
        try:
            theirs = read_map(path)
        except MapFileError as exc:
            self.dialogs.failed("Cannot compare with the file", exc)
            return None
        mine = doc.to_map()
        diff = diff_maps(mine, theirs)
        name = Path(path).name
        other = ("" if theirs.info.id == mine.info.id else
                 "The file holds a different map; nodes are matched by their ids.\n\n")
        if not diff:
            self.dialogs.info("Compare with file", f"{other}{name} holds the same map as yours.")
            return diff
        shown = self.highlight(diff)
        self.dialogs.info("Compare with file",
                          f"{other}{name} compared with your map ({plural(len(shown), 'node')} of yours "
                          f"highlighted):\n\n{differences_text(diff, mine, theirs, 'Theirs')}")
        verb = "differs" if len(shown) == 1 else "differ"
        self.status.emit(f"{plural(len(shown), 'node')} {verb} from {name} (highlighted until your next "
                         "edit)", MERGED_MS)
        return diff
