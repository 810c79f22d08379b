"""Merge the source records of teammates' versions of a map (no Qt): by record id, field by
field, with the rules nodes follow (merge.py).

A field changed on one side takes that side's value; both sides changing it differently is
a conflict that keeps ours (`record.<field>`, node_id the record id). A record one side
deleted goes unless the other changed it, or a merged node still cites it: then it is kept,
with a conflict that says why. A two-way merge (no base) deletes nothing. Record conflicts
are listed but never asked about one by one in the editor: a record is not a node on the
map, and the nodes citing it carry the visible part of any choice.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.core.model import ArgumentMap, SourceRecord
from argmap.teams.conflict import UNKNOWN, Choice, Conflict, Side
from argmap.teams.fields import RECORD_FIELDS, Record, build_record, source_record

#: The reasons of record conflicts (not asked in the editor: see the module docstring).
BOTH_CHANGED = "both sides changed this source differently; kept ours"
DIFFER = "the versions of this source differ; kept ours"


def merge_sources(base: ArgumentMap | None, ours: ArgumentMap, theirs: ArgumentMap,
                  cited: set[str], choices: Mapping[tuple[str, str], Choice]) -> tuple[
        tuple[SourceRecord, ...], list[Conflict]]:
    """The merged records (every id in `cited` among them) and their conflicts."""
    b = {r.id: source_record(r) for r in base.sources} if base is not None else {}
    o = {r.id: source_record(r) for r in ours.sources}
    t = {r.id: source_record(r) for r in theirs.sources}
    conflicts: list[Conflict] = []
    out: dict[str, Record] = {}
    for record_id in sorted(b.keys() | o.keys() | t.keys()):
        bb, oo, tt = b.get(record_id), o.get(record_id), t.get(record_id)
        if oo is not None and tt is not None:
            known = bb if bb is not None else (UNKNOWN,) * len(RECORD_FIELDS)
            reason = BOTH_CHANGED if base is not None else DIFFER
            out[record_id] = tuple(
                _pick(record_id, name, known[i], oo[i], tt[i], reason, choices, conflicts)
                for i, name in enumerate(RECORD_FIELDS))
            continue
        kept = oo if oo is not None else tt
        if kept is None:  # deleted on both sides
            if bb is not None and record_id in cited:  # cannot happen with valid inputs
                out[record_id] = bb
            continue
        side: Side = "ours" if oo is not None else "theirs"
        gone = "theirs" if side == "ours" else "ours"
        if base is None or bb is None:
            out[record_id] = kept  # added on one side, or no base to tell
        elif kept != bb:
            conflicts.append(Conflict(record_id, "record", f"deleted in {gone}, changed in "
                                      f"{side}; kept", None, oo, tt, side))
            out[record_id] = kept
        elif record_id in cited:
            conflicts.append(Conflict(record_id, "record", f"deleted in {gone}, but a kept node "
                                      "cites it; kept", None, oo, tt, side))
            out[record_id] = kept
    return tuple(build_record(i, rec) for i, rec in sorted(out.items())), conflicts


def _pick(record_id: str, name: str, base: object, ours: object, theirs: object, reason: str,
          choices: Mapping[tuple[str, str], Choice], conflicts: list[Conflict]) -> object:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    field = f"record.{name}"
    chosen: Choice = "theirs" if choices.get((record_id, field)) == "theirs" else "ours"
    b, o, t = ({"characters": len(v)} if name == "text" and isinstance(v, str) else v
               for v in (base, ours, theirs))
    conflicts.append(Conflict(record_id, field, reason, b, o, t, chosen))
    return theirs if chosen == "theirs" else ours
