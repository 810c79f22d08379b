"""The open map's quotes checked against their sources' texts, kept current as it is edited
(QtCore only): what the canvas marks, the Inspector says and the Source pane highlights.

One QuoteChecks per document. Each node's quote is checked with core/verify.check_quote,
the rules `argmap check` uses; results are cached by (record, quote, locator), and each
record's text is indexed once (core/quotes.TextIndex) until the text changes. An edit
re-checks only the nodes it touched; attaching or changing a record's text re-checks the
nodes citing it. A map with no attached text costs nothing here: no node is checked.
`changed` lists the nodes whose result moved, for the canvas to repaint those boxes only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from argmap.core.model import Node
from argmap.core.quotes import Found, TextIndex
from argmap.core.verify import check_quote
from argmap.editing.document import MapDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NodeCheck:
    """One node's quote against its record's text: `problem` None means verified; `found`
    is where the quote is in the text (also when its locator is wrong)."""

    record_id: str
    problem: str | None
    found: Found | None

    @property
    def verified(self) -> bool:
        return self.problem is None


Key = tuple[str, str, str]  # record id, quote, locator


class QuoteChecks(QObject):
    changed = Signal(list)  # [node id] whose check result changed

    def __init__(self, doc: MapDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self._indexes: dict[str, tuple[str, TextIndex]] = {}  # record id -> (text, index)
        self._cache: dict[Key, tuple[str | None, Found | None]] = {}
        self._results: dict[str, NodeCheck] = {}
        self._recheck(list(n.id for n in doc.nodes()) if self._any_text() else [])
        doc.applied.connect(self._applied)
        doc.sources_changed.connect(self._sources_changed)

    # -- what the views read ------------------------------------------------------------------
    def check(self, node_id: str) -> NodeCheck | None:
        """The node's result; None when it has no quote, or its source no text."""
        return self._results.get(node_id)

    def problem(self, node_id: str) -> str | None:
        """What is wrong with the node's quote, or None (verified, or not checked)."""
        result = self._results.get(node_id)
        return result.problem if result is not None else None

    def results(self) -> dict[str, NodeCheck]:
        """Every checked node's result by node id. Do not mutate."""
        return self._results

    def index(self, record_id: str) -> TextIndex | None:
        """The record's text, indexed; None when it has none."""
        record = self.doc.sources().get(record_id)
        if record is None or record.text is None:
            return None
        held = self._indexes.get(record_id)
        if held is None or (held[0] is not record.text and held[0] != record.text):
            held = self._indexes[record_id] = (record.text, TextIndex(record.text))
            log.debug("indexed the text of source %s (%d characters)", record_id,
                      len(record.text))
        return held[1]

    # -- following the document ---------------------------------------------------------------
    def _any_text(self) -> bool:
        return any(r.text is not None for r in self.doc.sources().values())

    def _applied(self, ids: list[str]) -> None:
        if ids and (self._results or self._any_text()):
            self._recheck(ids)

    def _sources_changed(self, record_ids: list[str]) -> None:
        touched = set(record_ids)
        for record_id in touched:
            self._indexes.pop(record_id, None)
        self._cache = {k: v for k, v in self._cache.items() if k[0] not in touched}
        self._recheck([n.id for n in self.doc.nodes() if n.source is not None
                       and n.source.source_id in touched]
                      + [i for i, r in self._results.items() if r.record_id in touched])

    def _recheck(self, ids: list[str]) -> None:
        moved: list[str] = []
        for node_id in dict.fromkeys(ids):
            node = self.doc.get(node_id)
            new = self._checked(node) if node is not None else None
            if new != self._results.get(node_id):
                moved.append(node_id)
                if new is None:
                    self._results.pop(node_id, None)
                else:
                    self._results[node_id] = new
        moved = [i for i in moved if i in self.doc]  # a removed node needs no repaint
        if moved:
            self.changed.emit(moved)

    def _checked(self, node: Node) -> NodeCheck | None:
        source = node.source
        if source is None or source.source_id is None or not source.quote.strip():
            return None
        index = self.index(source.source_id)
        if index is None:
            return None
        key = (source.source_id, source.quote, source.locator)
        result = self._cache.get(key)
        if result is None:
            result = self._cache[key] = check_quote(index, source.quote, source.locator)
        return NodeCheck(source.source_id, *result)
