"""What a merge could not decide on its own (no Qt): one Conflict per node (or record) and
field, and the names merge.py and merge_sources.py share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from argmap.core.terminal import safe

Choice = Literal["ours", "theirs", "both"]
Side = Literal["ours", "theirs"]
#: How much of a node's text a conflict line quotes.
LINE_TEXT = 60
#: Field name of a conflict over a node that one side deleted.
DELETED = "deleted"
#: The reason of a two-way merge's DELETED conflict over a node only ours has: with no common
#: version nobody knows whether we added it or they deleted it, so the user is asked.
NOT_THEIRS = "not in their version (added by you, or deleted by them); kept"


class _Unknown:
    """A base value nobody knows (two-way merge, or a node both sides added)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class Conflict:
    """One field of one node the merge could not decide; `chosen` says what the map holds."""

    node_id: str  # MAP for the map's title; a record id for a `record.…` field
    field: str  # one of fields.FIELDS, "record.<name>", "order", "title", or DELETED
    reason: str
    base: object = None
    ours: object = None
    theirs: object = None
    chosen: Choice = "ours"

    def line(self, text: str | None = None) -> str:
        """One stable line for stderr: conflict, node id, field, reason (tab-separated), then
        an excerpt of the node's text when given, so a person knows which node it is."""
        tail = f"\t{safe(' '.join(text.split())[:LINE_TEXT])}" if text else ""
        return f"conflict\t{safe(self.node_id)}\t{self.field}\t{self.reason}{tail}"
