"""Teammates' versions of a map in the editor: the questions and what they show.

The flow itself is in teams/exchange.py (no widgets): whether a file changed since it was
last exchanged, git's stages, the three-way merges. Here the user is asked and the result
rendered: changed nodes highlighted, conflicts side by side, the merge pushed as ONE undo
command (editing/commands.ApplyMerge), so one Undo restores the map as it was.

- Opening a file whose map the library holds (LibraryActions.open_file → `open_known`):
  the same content just opens; a file changed after a clean `git pull` while the library
  map has no changes since the last exchange is taken as it is (a fast-forward, undoable);
  otherwise Merge (the default) / Open as Copy / Replace. A file git left unmerged is
  resolved from git's stages first, written back for `git add`, then merged into the map.
- Exporting over a map file changed elsewhere (`before_export`): Merge and Export (the
  default) or Overwrite.
- A linked file changed on disk while the map is open (`file_changed`, from the watcher in
  file_watch.py): taken in place when the map has no edits since the last exchange, else
  Merge / Ignore.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal

from argmap.core.errors import MapFileError
from argmap.core.mapfile import dumps_map, read_map, write_map
from argmap.core.model import ArgumentMap
from argmap.editing.commands import ApplyMerge
from argmap.gui.dialogs import Dialogs, plural
from argmap.gui.merge_dialog import (
    ANSWER_BUTTONS,
    differences_text,
    side_text,
    why_text,
)
from argmap.gui.workspace import Workspace
from argmap.teams import exchange
from argmap.teams.diff import MAP, MapDiff, diff_maps
from argmap.teams.exchange import Answer, FileState, Question
from argmap.teams.gitstages import Stages
from argmap.teams.merge import MergeResult

log = logging.getLogger(__name__)

MERGED_MS = 8000
Outcome = Literal["opened", "copy", "replace"]
#: The buttons of the question asked when an opened file's map is already in the library.
KNOWN_BUTTONS = ("Merge", "Open as Copy", "Replace My Version")
#: Exporting over a map file that holds changes made elsewhere.
EXPORT_BUTTONS = ("Merge and Export", "Overwrite Their Changes")
#: A linked map file changed on disk while the map is open.
CHANGED_BUTTONS = ("Merge", "Ignore")


class MergeActions(QObject):
    status = Signal(str, int)  # a status-bar message and how long it stays (ms)
    linked = Signal()  # the files the open map is exchanged with may have changed

    def __init__(self, workspace: Workspace, dialogs: Dialogs, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.library = workspace.library
        self.dialogs = dialogs
        self._highlighted = False
        self._ignored: set[tuple[str, bytes]] = set()  # (file, content) the user chose to ignore
        #: A merge or its questions are under way: the watcher waits (a modal dialog runs the
        #: event loop, and the merge's own writes are not someone else's change).
        self.busy = False
        workspace.edited.connect(self.clear_highlight)

    @contextlib.contextmanager
    def _working(self) -> Iterator[None]:
        """Mark a merge flow under way; at its end the watcher looks at the files afresh
        (rearmed on `linked`, so argmap's own writes meanwhile are not taken for changes)."""
        outer = self.busy
        self.busy = True
        try:
            yield
        finally:
            self.busy = outer
            if not outer:
                self.linked.emit()

    # -- the version last exchanged with a file ---------------------------------------------------
    def remember(self, path: str | os.PathLike[str], amap: ArgumentMap) -> None:
        failed = exchange.remember_file(self.library, path, amap)
        if failed:
            self.status.emit(f"The next merge with this file cannot be three-way: {failed}",
                             MERGED_MS)
        self.linked.emit()

    def _forget(self, path: str) -> None:
        exchange.forget_file(self.library, path)
        self.linked.emit()

    def base_for(self, path: str, map_id: str) -> ArgumentMap | None:
        return exchange.base_for(self.library, path, map_id)

    # -- highlighting -----------------------------------------------------------------------------
    def highlight(self, diff: MapDiff) -> list[str]:
        """Mark the changed nodes that are on the canvas (find's highlight); their ids."""
        doc, scene = self.workspace.doc, self.workspace.scene
        if doc is None or scene is None:
            return []
        shown = [node_id for node_id in diff.changed_ids() if node_id in doc]
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
        with self._working():
            return self._open_known(path, theirs)

    def _open_known(self, path: str, theirs: ArgumentMap) -> Outcome | None:
        workspace, map_id = self.workspace, theirs.info.id
        before = workspace.doc.map_id if workspace.doc is not None else None
        if not workspace.open_map(map_id) or workspace.doc is None:
            return None
        mine = workspace.doc.to_map()
        name = Path(path).name
        target = exchange.inspect(self.library, path, mine)
        stages = target.stages if target.state is FileState.UNMERGED else None
        base = target.base
        if stages is None:
            if exchange.same_content(mine, theirs):
                self.remember(path, theirs)
                self.status.emit(f"{name}: the same as the map in your library", MERGED_MS)
                return "opened"
            if base is not None and exchange.same_content(base, mine):
                self.take(path, theirs, f"Take {name}")
                return "opened"
        # What Merge would bring in: their changes since the common version, if known.
        old, other = (stages.base, stages.theirs) if stages is not None else (base, theirs)
        self.highlight(diff_maps(old, other) if old is not None else diff_maps(mine, other))
        if stages is not None:
            title = "Resolve git's conflicts"
            intro = (f"git left {name} unmerged. Merge resolves git's conflicts from git's own "
                     "versions (asking about each conflicting node), writes the result to the "
                     "file for `git add`, and brings it into your map “"
                     f"{mine.info.title}” (one step, undoable).")
            changes = self._differences(stages.base, stages.ours, stages.theirs,
                                        ("Their branch's changes", "This branch's changes"))
            buttons: tuple[str, ...] = KNOWN_BUTTONS[:1]
            ending = ""
        else:
            title = "Map already in your library"
            intro = (f"Your library already has the map “{mine.info.title}”, and {name} "
                     "differs from it (their changes are highlighted on the map).")
            changes = self._differences(base, mine, theirs)
            buttons = KNOWN_BUTTONS
            ending = ("\n\nMerge their changes into your map (one step, undoable), open the file "
                      "as a separate copy, or replace your version with it? A replaced version "
                      "is kept in the trash (File ▸ Restore from Trash).")
        choice = self.dialogs.choose(title, f"{intro}\n\n{changes}{ending}", buttons,
                                     destructive=2 if len(buttons) > 2 else None)
        self.clear_highlight()
        if choice in (1, 2):
            return "copy" if choice == 1 else "replace"
        if choice == 0 and (self.merge_git(path, stages) if stages is not None
                            else self.merge_file(path, theirs)):
            return "opened"
        if choice is None:
            self.status.emit(f"{name}: cancelled; nothing changed", MERGED_MS)
        if before is not None and before != map_id:  # cancelled: back to the map shown before
            self.workspace.open_map(before)
        return None

    @staticmethod
    def _differences(base: ArgumentMap | None, mine: ArgumentMap, theirs: ArgumentMap,
                     headings: tuple[str, str] = (
                         "Their changes since this file was last opened or exported",
                         "Your changes since then")) -> str:
        """Each side's changes since the common version, or how the two differ if none is known."""
        if base is None:
            return differences_text(diff_maps(mine, theirs), mine, theirs,
                                    "How their version differs from yours (no common version "
                                    "known: Merge adds what you lack and asks about each "
                                    "difference, and about each node they do not have)")
        return "\n\n".join([
            differences_text(diff_maps(base, theirs), base, theirs, headings[0]),
            differences_text(diff_maps(base, mine), base, mine, headings[1]),
        ])

    # -- merging ------------------------------------------------------------------------------------
    def take(self, path: str, theirs: ArgumentMap, text: str) -> bool:
        """The map has no changes since the last exchange with `path`: take the file's map as
        it is (one undo step); nothing is asked."""
        previous = self.base_for(path, theirs.info.id)
        result = MergeResult(theirs, (), theirs, theirs)
        return self._apply(result, text, "their version: you had no changes since",
                           *self._keep(path, theirs, previous))

    def merge_file(self, path: str, theirs: ArgumentMap) -> bool:
        """Merge a teammate's version into the open map (same map id); False if cancelled."""
        doc = self.workspace.doc
        if doc is None:
            return False
        previous = self.base_for(path, theirs.info.id)
        result = exchange.resolve(previous, doc.to_map(), theirs, self._ask)
        if result is None:
            self.status.emit("Merge cancelled; nothing changed", MERGED_MS)
            return False
        how = "three-way" if previous is not None else "no common version known"
        return self._apply(result, f"Merge {Path(path).name}", how, *self._keep(path, theirs, previous))

    def merge_git(self, path: str, stages: Stages) -> bool:
        """A file git left unmerged: git's conflict is resolved from git's stages (base = stage 1,
        mine = stage 2, theirs = stage 3) and written to the file for `git add`; then that is
        merged into the map three-way against the version last exchanged with the file, so
        neither what git merged before nor the library's own edits are lost."""
        doc = self.workspace.doc
        if doc is None:
            return False
        name = Path(path).name
        resolved = exchange.resolve_git(stages, self._ask)
        if resolved is None:
            self.status.emit("Merge cancelled; nothing changed", MERGED_MS)
            return False
        try:
            write_map(resolved.merged, path)
        except MapFileError as exc:
            self.dialogs.failed("Cannot write the merged map", exc)
            return False
        log.info("resolved git's conflicts in %s (%d asked)", path, len(resolved.conflicts))
        previous = self.base_for(path, stages.theirs.info.id)
        result = exchange.resolve(previous, doc.to_map(), resolved.merged, self._ask)
        if result is None:  # the file holds the resolution; the map stays as it was (and the
            # file still differs from the version last exchanged: nothing is overwritten later)
            self.status.emit(f"Wrote {name} with git's conflicts resolved: `git add {name}`. "
                             "Your map was not changed (the merge into it was cancelled).",
                             MERGED_MS)
            return False
        if not self._apply(result, f"Merge {name} (git)", "git's conflicts resolved",
                           *self._keep(path, resolved.merged, previous)):
            return False
        self.status.emit(f"Wrote {name} with git's conflicts resolved: `git add {name}` to mark "
                         "it resolved", MERGED_MS)
        return True

    def _keep(self, path: str, exchanged: ArgumentMap, previous: ArgumentMap | None
              ) -> tuple[Callable[[], None], Callable[[], None]]:
        """done/undone of a merge: the file's kept version follows the merge and its undo."""
        def done() -> None:
            self.remember(path, exchanged)

        def undone() -> None:
            if previous is not None:
                self.remember(path, previous)
            else:
                self._forget(path)

        return done, undone

    def _ask(self, question: Question) -> Answer | None:
        """One conflicting node, mine and theirs side by side; None cancels the merge."""
        if question.node_id == MAP:
            mine_text, their_text = question.mine_title, question.their_title
        else:
            mine_text, their_text = side_text(question.mine), side_text(question.theirs)
        answer = self.dialogs.resolve_conflict(
            f"Merge conflict {question.number} of {question.total}",
            why_text(list(question.conflicts), question.three_way, question.mine, question.theirs,
                     question.git),
            mine_text, their_text, [ANSWER_BUTTONS[a] for a in question.answers])
        return None if answer is None else question.answers[answer]

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
        fixed = [c for c in result.conflicts if not exchange.choosable(c)]
        kept = f"; {plural(len(fixed), 'conflict')} settled by the merge's rules" if fixed else ""
        log.info("%s: %d nodes changed (%s)", text, len(changed.changed_ids()), how)
        self.status.emit(f"{text}: {plural(len(changed.changed_ids()), 'node')} changed ({how}){kept}. "
                         "Undo reverses the whole merge.", MERGED_MS)
        return True

    # -- writing to a map file that changed elsewhere ----------------------------------------------
    def before_export(self, path: str, amap: ArgumentMap, subtree: bool = False) -> ArgumentMap | None:
        """The map (or, `subtree`, a part of it) is about to be written to the map file
        `path`: if the file holds changes made elsewhere since the last exchange, offer to
        merge them in first (a part can only overwrite). The map to write (the merged one
        after Merge), or None if cancelled."""
        with self._working():
            return self._before_export(path, amap, subtree)

    def _before_export(self, path: str, amap: ArgumentMap, subtree: bool) -> ArgumentMap | None:
        target = exchange.inspect(self.library, path, amap)
        if target.state not in (FileState.CHANGED, FileState.UNMERGED):
            return amap  # nothing of anyone else's there (or a file the save dialog let go)
        name = Path(path).name
        assert target.theirs is not None
        git = ("git left it unmerged; Merge resolves git's conflicts first. "
               if target.state is FileState.UNMERGED else "")
        question = (f"{name} holds changes made elsewhere since argmap last wrote or read it (a "
                    f"teammate's, or a git merge's). {git}\n\n"
                    f"{self._differences(target.base, amap, target.theirs)}\n\n")
        if subtree:
            choice = self.dialogs.choose(
                "File changed since your last export",
                question + "Exporting a part of your map would overwrite them. Export the whole "
                "map to merge them instead.", EXPORT_BUTTONS[1:], destructive=0)
            return amap if choice == 0 else None
        choice = self.dialogs.choose(
            "File changed since your last export",
            question + "Merge their changes into your map and export the result, or overwrite "
            "the file and lose them?", EXPORT_BUTTONS, destructive=1)
        if choice is None:
            return None
        if choice == 1:
            return amap
        merged = (self.merge_git(path, target.stages) if target.stages is not None
                  else self.merge_file(path, target.theirs))
        doc = self.workspace.doc
        return doc.to_map() if merged and doc is not None else None

    def unlink(self, path: str) -> None:
        """A part of the map overwrote the file: it no longer holds a version of the map."""
        self._forget(path)

    # -- a linked file changed on disk --------------------------------------------------------------
    def file_changed(self, path: str) -> None:
        """A file the open map is exchanged with changed on disk: take the change when the map
        has no edits since the last exchange, else ask Merge / Ignore (once per content)."""
        doc = self.workspace.doc
        if doc is None or self.busy or not os.path.exists(path):
            return
        with self._working():
            self._file_changed(path, doc.to_map())

    def _file_changed(self, path: str, mine: ArgumentMap) -> None:
        target = exchange.inspect(self.library, path, mine)
        if target.state not in (FileState.CHANGED, FileState.UNMERGED) or target.theirs is None:
            return
        name = Path(path).name
        if (target.state is FileState.CHANGED and target.base is not None
                and exchange.same_content(target.base, mine)):
            log.info("%s changed on disk; taken in place", path)
            self.take(path, target.theirs, f"Take {name} (changed on disk)")
            return
        key = (exchange.file_key(path), dumps_map(target.theirs))
        if key in self._ignored:
            return
        git = (" git left it unmerged: Merge resolves git's conflicts first."
               if target.state is FileState.UNMERGED else "")
        choice = self.dialogs.choose(
            "Map file changed",
            f"{name}, which this map is shared through, changed on disk.{git}\n\n"
            f"{self._differences(target.base, mine, target.theirs)}\n\nMerge the changes into "
            "your map (one step, undoable), or ignore them for now?", CHANGED_BUTTONS)
        if choice != 0:
            self._ignored.add(key)
            return
        if target.stages is not None:
            self.merge_git(path, target.stages)
        else:
            self.merge_file(path, target.theirs)

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
