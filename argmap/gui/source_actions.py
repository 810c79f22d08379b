"""SourceActions: what the user does with a source's text in the editor, as undo commands.

- Node ▸ Attach Source Text…: a file (.txt, .md, .html, .pdf: formats/source_text.py) or the
  clipboard's text becomes a record's text, one undo step; a file that cannot be read is
  refused with its one line (core/errors.MapFileError).
- New Evidence (Objection) from Selection: a node under the selected node quoting the
  passage selected in the Source pane, its locator (the paragraphs it is in) and source
  filled in, one undo step.
- A passage dragged from the Source pane onto a node becomes that node's quote, locator and
  source, one undo step.
- Fix Locator (the Inspector's button): a quote found elsewhere than its locator says gets
  the locator of where it is, one undo step.

It also keeps the open map's QuoteChecks (gui/source_checks.py), which the canvas marks,
the Inspector and the Source pane read.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget

from argmap.core.errors import EditRejected, MapFileError
from argmap.core.locators import locator_for
from argmap.core.model import Kind, Source, SourceRecord, new_id
from argmap.editing import commands
from argmap.editing.commands import ChangeNodes
from argmap.editing.document import MapDocument
from argmap.formats.source_text import SUFFIXES, text_from_file, text_from_paste
from argmap.gui.canvas.view import MapView
from argmap.gui.dialogs import Dialogs
from argmap.gui.editor import DEFAULT_TEXT
from argmap.gui.panels.passage_text import Passage
from argmap.gui.panels.source_pane import SourcePane
from argmap.gui.source_checks import QuoteChecks
from argmap.gui.workspace import Workspace

log = logging.getLogger(__name__)

STATUS_MS = 6000
DOCUMENT_FILTER = f"Documents ({' '.join('*' + s for s in SUFFIXES)})"
FROM_FILE, FROM_CLIPBOARD = 0, 1


def quote_of(text: str) -> str:
    """A passage as a node quotes it: its whitespace runs made single spaces."""
    return " ".join(text.split())


class SourceActions(QObject):
    status = Signal(str, int)
    checks_changed = Signal(list)  # [node id] whose quote check changed (or [] for all)

    def __init__(self, workspace: Workspace, view: MapView, pane: SourcePane,
                 dock: QDockWidget, dialogs: Dialogs, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.pane = pane
        self.dock = dock
        self.dialogs = dialogs
        self.checks: QuoteChecks | None = None
        workspace.document_changed.connect(self._attach)

    def _attach(self) -> None:
        doc, scene = self.workspace.doc, self.workspace.scene
        self.checks = QuoteChecks(doc, doc) if doc is not None else None
        if scene is not None and self.checks is not None:
            scene.quote_marks = self.checks.problem
            self.checks.changed.connect(self._repaint)
        self.pane.show_document(doc, self.checks)
        self.checks_changed.emit([])

    def _repaint(self, ids: list[str]) -> None:
        scene = self.workspace.scene
        if scene is not None:
            for node_id in ids:
                item = scene.nodes.get(node_id)
                if item is not None and item.isVisible():
                    scene.update(item.sceneBoundingRect())
        self.checks_changed.emit(ids)

    def problem(self, node_id: str | None) -> str | None:
        return self.checks.problem(node_id) if self.checks is not None and node_id else None

    # -- attaching a text ---------------------------------------------------------------------
    def attach_text(self) -> bool:
        """Node ▸ Attach Source Text…: which record, then a file or the clipboard's text."""
        doc = self.workspace.doc
        if doc is None:
            return False
        record = self._record_to_attach(doc)
        if record is None:
            return False
        name = record.title or record.url
        how = self.dialogs.choose(
            "Attach source text",
            f"Attach the text of “{name}”, so its quotes are checked and shown in the Source "
            "pane. Open a .txt, .md, .html or .pdf file, or use the text on the clipboard.",
            ["Open a File…", "Use the Clipboard's Text"])
        try:
            if how == FROM_FILE:
                path = self.dialogs.open_file_name("Attach source text", DOCUMENT_FILTER)
                if not path:
                    return False
                text = text_from_file(path)
            elif how == FROM_CLIPBOARD:
                text = text_from_paste(QGuiApplication.clipboard().text(), "the clipboard")
            else:
                return False
        except MapFileError as exc:
            self.dialogs.failed("Cannot attach this text", exc)
            return False
        new = SourceRecord.model_validate({**record.model_dump(), "text": text})
        command = ChangeNodes(doc, {}, {}, f"Attach text to “{_short(name)}”",
                              sources_after={record.id: new})
        if not self.workspace.push(command):
            return False
        log.info("attached %d characters to source %s", len(text), record.id)
        self.status.emit(f"Attached {len(text):,} characters to “{_short(name)}”", STATUS_MS)
        self.dock.show()
        self.dock.raise_()
        self.pane.show_record(record.id)
        return True

    def _record_to_attach(self, doc: MapDocument) -> SourceRecord | None:
        """The current node's record, the map's only one, one the user picks, or (a map
        citing nothing) a new one with a title the user gives."""
        records = list(doc.sources().values())
        node = doc.get(self.view.current_node())
        cited = node.source.source_id if node is not None and node.source is not None else None
        if cited is not None and cited in doc.sources():
            return doc.sources()[cited]
        if len(records) == 1:
            return records[0]
        if records:
            chosen = self.dialogs.choose_item("Attach source text", "Attach the text of:",
                                              [r.title or r.url or r.id for r in records])
            return records[chosen] if chosen is not None else None
        title = self.dialogs.prompt_text("Attach source text",
                                         "The map cites no source yet. The document's title:")
        if not title or not title.strip():
            return None
        try:
            return SourceRecord(id=new_id(), title=title.strip())
        except ValueError as exc:
            self.dialogs.failed("Cannot attach this text", exc)
            return None

    # -- evidence from the text ---------------------------------------------------------------
    def _passage_source(self, doc: MapDocument, passage: Passage) -> Source | None:
        record = doc.sources().get(passage.record_id)
        if record is None or record.text is None or passage.end > len(record.text):
            return None
        quote = quote_of(record.text[passage.start:passage.end])
        if not quote:
            return None
        blocks = self.pane.reader.blocks.between(passage.start, passage.end) \
            if self.pane.record_id == record.id else []
        if not blocks:
            from argmap.core.paragraphs import Blocks

            blocks = Blocks(record.text).between(passage.start, passage.end)
        return Source(title=record.title, url=record.url, quote=quote,
                      locator=locator_for(blocks) if blocks else "")

    def selected_passage(self) -> Passage | None:
        span = self.pane.reader.selection()
        doc = self.workspace.doc
        if span is None or doc is None or not self.pane.record_id:
            return None
        return Passage(doc.map_id, self.pane.record_id, *span)

    def new_from_selection(self, kind: Kind) -> str | None:
        """A new node of `kind` under the selected node, quoting the selected passage."""
        doc, parent = self.workspace.doc, self.view.current_node()
        passage = self.selected_passage()
        if doc is None or parent is None:
            self.status.emit("Select the node the new one goes under first", STATUS_MS)
            return None
        if passage is None:
            self.status.emit("Select a passage in the Source pane first (View ▸ Source)",
                             STATUS_MS)
            return None
        source = self._passage_source(doc, passage)
        if source is None:
            return None
        try:
            command, node_id = commands.add_child(doc, parent, kind, DEFAULT_TEXT[kind],
                                                  source=source)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return None
        command.setText(f"Add {kind.value} from the source")
        if not self.workspace.push(command):
            return None
        self.view.select_node(node_id)
        self.view.start_editing(node_id)
        return node_id

    def drop_passage(self, passage: Passage, scene_pos: QPointF) -> bool:
        """A passage dropped on the canvas: the node under it quotes it."""
        doc, scene = self.workspace.doc, self.workspace.scene
        if doc is None or scene is None or passage.map_id != doc.map_id:
            self.status.emit("That passage is from another map's source", STATUS_MS)
            return False
        item = scene.node_at(scene_pos)
        if item is None:
            return False
        source = self._passage_source(doc, passage)
        if source is None:
            return False
        if not self._set_source(doc, item.node_id, source, "Quote the source"):
            return False
        self.view.select_node(item.node_id)
        return True

    # -- fixing a locator ---------------------------------------------------------------------
    def fix_locator(self, node_id: str | None = None) -> bool:
        """The node's locator made to name where its quote is (one undo step)."""
        doc = self.workspace.doc
        node_id = node_id or self.view.current_node()
        result = self.checks.check(node_id) if self.checks is not None and node_id else None
        if doc is None or node_id is None or result is None or result.found is None \
                or result.verified:
            self.status.emit("Nothing to fix: the selected node's quote is where its locator "
                             "says, or not in its source's text at all", STATUS_MS)
            return False
        source = doc.node(node_id).source
        assert source is not None
        fixed = source.model_copy(update={"locator": locator_for(list(result.found.blocks)),
                                          "source_id": None})
        return self._set_source(doc, node_id, fixed, "Fix locator")

    def _set_source(self, doc: MapDocument, node_id: str, source: Source, text: str) -> bool:
        """One undo step named `text` that gives the node this source (a refusal says why)."""
        try:
            command = commands.edit_node(doc, node_id, source=source)
        except EditRejected as exc:
            self.workspace.refuse(exc)
            return False
        if command is None:
            return False
        command.setText(text)
        return self.workspace.push(command)

    def can_fix(self, node_id: str | None) -> bool:
        result = self.checks.check(node_id) if self.checks is not None and node_id else None
        return result is not None and result.found is not None and not result.verified

    def follow_selection(self) -> None:
        """The selected node's passage, scrolled to and flashed (when the pane is shown)."""
        if self.dock.isVisible():
            self.pane.show_node(self.view.current_node())


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"
