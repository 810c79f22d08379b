"""The open map's evaluation (strength and standing of every node), kept current as it is
edited.

One `core.evaluate.Evaluation` per document, made on first use (the Inspector asks as soon
as a map opens) and then updated from the document's `applied` signal, which comes before
any other signal of an edit: the canvas, the outline and the Inspector read current values
whichever order they listen in. An edit recomputes only the nodes it touched and their
ancestors, stopping where nothing changes (Evaluation.update); `changed` lists the nodes
whose strength or standing moved, for the canvas to repaint those boxes and no others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping

from PySide6.QtCore import QObject, Signal

from argmap.core.evaluate import Evaluation, Why
from argmap.core.model import Node
from argmap.editing.document import MapDocument

log = logging.getLogger(__name__)


class _Current(Mapping[str, Node]):
    """The document's nodes by id, as Evaluation.update reads them (no copy)."""

    def __init__(self, doc: MapDocument):
        self.doc = doc

    def __getitem__(self, node_id: str) -> Node:
        return self.doc.node(node_id)

    def get(self, node_id: str, default: object = None) -> Node | None:  # type: ignore[override]
        return self.doc.get(node_id)

    def __iter__(self) -> Iterator[str]:
        return (n.id for n in self.doc.nodes())

    def __len__(self) -> int:
        return len(self.doc)


class DocumentEvaluation(QObject):
    changed = Signal(list)  # [node id] whose strength or standing an edit changed

    def __init__(self, doc: MapDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self._evaluation: Evaluation | None = None
        self._current = _Current(doc)
        doc.applied.connect(self._applied)

    @property
    def evaluation(self) -> Evaluation:
        if self._evaluation is None:
            self._evaluation = Evaluation(list(self.doc.nodes()))
            log.debug("evaluated %d nodes", len(self.doc))
        return self._evaluation

    def _applied(self, ids: list[str]) -> None:
        if self._evaluation is None:  # made from the document as it is when first asked
            return
        changed = self._evaluation.update(ids, self._current)
        if changed:
            self.changed.emit(list(changed))

    # -- what the views read ------------------------------------------------------------------
    def mark(self, node_id: str) -> tuple[float, bool] | None:
        """(strength, stands) of a node; None for a node the map does not hold."""
        ev = self.evaluation
        if node_id not in ev:
            return None
        return ev.strength(node_id), ev.stands(node_id)

    def why(self, node_id: str) -> Why:
        return self.evaluation.why(node_id)
