"""Find's marks on the scene's boxes: the matches, and the one the find bar stands on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.gui.canvas.items import NodeItem


class FindMarks:
    """Mixed into MapScene (which has `nodes`, `_matches` and `_current_match`)."""

    if TYPE_CHECKING:
        @property
        def nodes(self) -> dict[str, NodeItem]: ...

    _matches: list[str]
    _current_match: str | None

    def set_matches(self, node_ids: list[str]) -> None:
        """Highlight these nodes as find matches, replacing the ones before; none is current."""
        self.clear_matches()
        for node_id in node_ids:
            item = self.nodes.get(node_id)
            if item is not None:
                item.matched = True
                item.update()
        self._matches = list(node_ids)

    def set_current_match(self, node_id: str | None) -> None:
        """The match the find bar stands on, drawn filled."""
        old = self.nodes.get(self._current_match) if self._current_match is not None else None
        if old is not None:
            old.current_match = False
            old.update()
        self._current_match = node_id
        item = self.nodes.get(node_id) if node_id is not None else None
        if item is not None:
            item.current_match = True
            item.update()

    def clear_matches(self) -> None:
        for node_id in self._matches:
            item = self.nodes.get(node_id)
            if item is not None:
                item.matched = item.current_match = False
                item.update()
        self.set_current_match(None)
        self._matches = []
