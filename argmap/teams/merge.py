"""Merge teammates' versions of one map node by node and field by field (no Qt).

Three-way (`merge_maps`): with the last common version (base) each field of each node
takes the side that changed it; identical changes merge once; both sides changing a field
differently is a conflict that keeps ours. Two-way (`merge_two_way`): with no base, nodes
only one side has are added, nothing is ever deleted, and every field the sides disagree
on is a conflict (the preferred side's value is kept until the user picks).

Whatever the inputs, the result is a valid map (it is built through the validating model)
and nothing changed on either side is lost: a node deleted on one side but changed or
given a child on the other is kept. Argument nodes merge as nodes (their `polarity` and every
node's `assessment` are fields); a premise linked into an argument on one side and edited
on the other merges cleanly, one linked into different arguments on the two sides is a
conflict that says so, and an argument the merge would leave without a premise (or directly
under another argument) is unlinked into a claim or objection, with a conflict. Conflicts
carry the base/ours/theirs values so the editor can resolve them node by node and re-run the
merge with `choices`.

Everything is iterative and deterministic (ids are visited in sorted order), and when
there is no conflict the result does not depend on which side is "ours".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from argmap.core.bulk import bulk
from argmap.core.errors import ArgmapError, excerpt
from argmap.core.model import MAX_NODES, PREMISES, ArgumentMap, Kind, MapInfo, Node
from argmap.teams.conflict import (
    DELETED,
    NOT_THEIRS,
    UNKNOWN,
    Choice,
    Conflict,
    Side,
)
from argmap.teams.diff import MAP
from argmap.teams.fields import (
    FIELDS,
    KIND,
    PARENT,
    POLARITY,
    TEXT,
    Record,
    build_node,
    children_ids,
    record,
)
from argmap.teams.merge_sources import merge_sources
from argmap.teams.siblings import merge_siblings


class MergeError(ArgmapError):
    """The versions cannot be merged at all (e.g. they are different maps)."""


@dataclass(frozen=True)
class MergeResult:
    merged: ArgumentMap
    conflicts: tuple[Conflict, ...] = field(default=())
    ours: ArgumentMap | None = None
    theirs: ArgumentMap | None = None

    @property
    def clean(self) -> bool:
        return not self.conflicts


Choices = Mapping[tuple[str, str], Choice]


def node_choices(conflicts: tuple[Conflict, ...], node_id: str, choice: Choice) -> dict[
    tuple[str, str], Choice
]:
    """The `choices` entries that resolve every conflict on one node the same way."""
    return {(c.node_id, c.field): choice for c in conflicts if c.node_id == node_id}


def check_same_map(*maps: ArgumentMap) -> None:
    ids = {m.info.id for m in maps}
    if len(ids) > 1:
        shown = ", ".join(excerpt(i) for i in sorted(ids))
        raise MergeError(f"these are different maps (map ids {shown}); only versions of one map merge")


@bulk
def merge_maps(
    base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap, choices: Choices | None = None
) -> MergeResult:
    """Three-way merge of two versions of a map that both started from `base`."""
    check_same_map(base, ours, theirs)
    base_recs = {n.id: record(n) for n in base.nodes}
    merger = _Merger(base_recs, children_ids(base), ours, theirs, choices or {})
    title = merger.pick(MAP, "title", base.info.title, ours.info.title, theirs.info.title)
    created = _pick_quiet(base.info.created, ours.info.created, theirs.info.created)
    return merger.finish(title, created, base)


@bulk
def merge_two_way(
    ours: ArgumentMap, theirs: ArgumentMap, prefer: Side = "ours", choices: Choices | None = None,
    offer_deletions: bool = False,
) -> MergeResult:
    """Merge with no common version: add what either side has, update nothing silently.

    Fields the two versions disagree on are conflicts holding `prefer`'s value; the sibling
    order is `prefer`'s, with the other side's new nodes placed after the same neighbours.
    `offer_deletions` (with prefer="ours"): each node only ours has is also a DELETED
    conflict (NOT_THEIRS), kept unless the choice for it is "theirs" — the editor asks it.
    """
    check_same_map(ours, theirs)
    if prefer == "theirs":
        swapped = {k: _other(v) for k, v in (choices or {}).items()}
        result = merge_two_way(theirs, ours, "ours", swapped)
        return MergeResult(
            result.merged,
            tuple(_swap(c) for c in result.conflicts),
            ours,
            theirs,
        )
    o, t = ours.by_id(), theirs.by_id()
    base_recs: dict[str, Record] = {}
    for node_id in o.keys() & t.keys():
        ro, rt = record(o[node_id]), record(t[node_id])
        base_recs[node_id] = tuple(x if x == y else UNKNOWN for x, y in zip(ro, rt, strict=True))
    base_kids: dict[str | None, list[str]] = {}
    for parent, kids in children_ids(theirs).items():
        base_kids[parent] = [n for n in kids if n in o and o[n].parent == parent]
    merger = _Merger(base_recs, base_kids, ours, theirs, choices or {}, reason="the versions differ",
                     offer_deletions=offer_deletions)
    title_base = ours.info.title if ours.info.title == theirs.info.title else UNKNOWN
    title = merger.pick(MAP, "title", title_base, ours.info.title, theirs.info.title)
    created = min(ours.info.created, theirs.info.created)
    return merger.finish(title, created, None)


def _other(choice: Choice) -> Choice:
    return "theirs" if choice == "ours" else "ours" if choice == "theirs" else choice


def _swap(c: Conflict) -> Conflict:
    return Conflict(c.node_id, c.field, c.reason, c.base, c.theirs, c.ours, _other(c.chosen))


def _pick_quiet(base: datetime, ours: datetime, theirs: datetime) -> datetime:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return min(ours, theirs)


class _Merger:
    """One merge: node records are decided in passes, each pass keeping the map valid."""

    def __init__(
        self,
        base: dict[str, Record],
        base_kids: dict[str | None, list[str]],
        ours: ArgumentMap,
        theirs: ArgumentMap,
        choices: Choices,
        reason: str = "both sides changed it differently",
        offer_deletions: bool = False,
    ):
        self.base = base
        self.base_kids = base_kids
        self.ours_map, self.theirs_map = ours, theirs
        self.o = {n.id: record(n) for n in ours.nodes}
        self.t = {n.id: record(n) for n in theirs.nodes}
        self.choices = choices
        self.both_reason = reason
        self.offer_deletions = offer_deletions
        self.conflicts: list[Conflict] = []
        self.recs: dict[str, list[object]] = {}
        #: Nodes one side deleted and the other left alone: (keeping side, its record).
        self.dropped: dict[str, tuple[Side, Record]] = {}
        self._decide_nodes()
        self._keep_parents(sorted(self.recs))
        self._break_cycles()
        self._fix_kinds()

    def pick(self, node_id: str, name: str, base: object, ours: object, theirs: object) -> object:
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        chosen = self.choices.get((node_id, name), "ours")
        chosen = "ours" if chosen == "both" and name in ("parent", "title") else chosen
        reason = self.both_reason
        if name == "parent" and self._is_argument(self.o, ours) and self._is_argument(self.t, theirs):
            reason = (f"linked into different arguments: {ours} in ours, {theirs} in theirs; "
                      "a premise belongs to one")
        self.conflicts.append(Conflict(node_id, name, reason, base, ours, theirs, chosen))
        return theirs if chosen == "theirs" else ours

    @staticmethod
    def _is_argument(side: dict[str, Record], node_id: object) -> bool:
        rec = side.get(node_id) if isinstance(node_id, str) else None
        return rec is not None and rec[KIND] is Kind.ARGUMENT

    # -- pass 1: which nodes, and each field ---------------------------------------------
    def _decide_nodes(self) -> None:
        blank = (UNKNOWN,) * len(FIELDS)
        for node_id in sorted(self.base.keys() | self.o.keys() | self.t.keys()):
            b, o, t = self.base.get(node_id), self.o.get(node_id), self.t.get(node_id)
            if o is not None and o == t:
                self.recs[node_id] = list(o)
            elif o is not None and t is not None:
                bb = b if b is not None else blank
                self.recs[node_id] = [
                    self.pick(node_id, name, bb[i], o[i], t[i]) for i, name in enumerate(FIELDS)
                ]
            elif o is not None or t is not None:
                side: Side = "ours" if o is not None else "theirs"
                kept = o if o is not None else t
                assert kept is not None
                if b is None and side == "ours" and self.offer_deletions:
                    chosen = self.choices.get((node_id, DELETED), "ours")
                    self.conflicts.append(Conflict(node_id, DELETED, NOT_THEIRS, None, kept[TEXT],
                                                   None, "theirs" if chosen == "theirs" else "ours"))
                    if chosen == "theirs":
                        self.dropped[node_id] = (side, kept)
                    else:
                        self.recs[node_id] = list(kept)
                elif b is None:
                    self.recs[node_id] = list(kept)  # added on one side
                elif b == kept:
                    self.dropped[node_id] = (side, kept)  # deleted on the other, untouched here
                else:
                    gone = "theirs" if side == "ours" else "ours"
                    chosen = self.choices.get((node_id, DELETED), side)
                    chosen = side if chosen == "both" else chosen
                    self.conflicts.append(Conflict(
                        node_id, DELETED, f"deleted in {gone}, changed in {side}; kept",
                        b[TEXT], o[TEXT] if o else None, t[TEXT] if t else None, chosen,
                    ))
                    if chosen == side:
                        self.recs[node_id] = list(kept)
                    else:
                        self.dropped[node_id] = (side, kept)

    # -- pass 2: every parent exists ------------------------------------------------------
    def _keep_parents(self, start: list[str]) -> None:
        """A node whose parent was deleted on one side keeps that parent (up the chain)."""
        stack = list(reversed(start))
        while stack:
            node_id = stack.pop()
            parent = self.recs[node_id][PARENT]
            if parent is None or parent in self.recs:
                continue
            assert isinstance(parent, str)
            if parent not in self.dropped:  # cannot happen with valid inputs; stay valid anyway
                self.recs[node_id][PARENT] = None
                continue
            side, kept = self.dropped.pop(parent)
            gone = "theirs" if side == "ours" else "ours"
            self.conflicts.append(Conflict(
                parent, DELETED, f"deleted in {gone}, but a kept node is its child; kept",
                kept[TEXT], kept[TEXT] if side == "ours" else None,
                kept[TEXT] if side == "theirs" else None, side,
            ))
            self.recs[parent] = list(kept)
            stack.append(parent)

    # -- pass 3: no cycles ----------------------------------------------------------------
    def _cycles(self) -> list[list[str]]:
        state: dict[str, int] = {}
        found: list[list[str]] = []
        for start in sorted(self.recs):
            if start in state:
                continue
            walk: list[str] = []
            current: str | None = start
            while current is not None and current not in state:
                state[current] = 1
                walk.append(current)
                parent = self.recs[current][PARENT]
                current = parent if isinstance(parent, str) else None
            if current is not None and state[current] == 1:
                found.append(walk[walk.index(current):])
            for node_id in walk:
                state[node_id] = 2
        return found

    def _break_cycles(self) -> None:
        """Moves from both sides that close a loop: the nodes in it go back to ours' parent."""
        while cycles := self._cycles():
            touched: list[str] = []
            for cycle in cycles:
                fixed = False
                for node_id in sorted(cycle):
                    o = self.o.get(node_id)
                    if o is not None and self.recs[node_id][PARENT] != o[PARENT]:
                        self.conflicts.append(Conflict(
                            node_id, "parent", "the two sides' moves make a cycle; kept ours",
                            self.base.get(node_id, (None,))[PARENT], o[PARENT],
                            self.recs[node_id][PARENT],
                        ))
                        self.recs[node_id][PARENT] = o[PARENT]
                        touched.append(node_id)
                        fixed = True
                if not fixed:  # cannot happen (a loop needs a move ours did not make)
                    self.recs[min(cycle)][PARENT] = None
            self._keep_parents(touched)

    # -- pass 4: kind rules ---------------------------------------------------------------
    def _kind_options(self, node_id: str) -> list[Kind]:
        values = [side.get(node_id, (None,) * len(FIELDS))[KIND] for side in (self.o, self.t)]
        values.append(self.base.get(node_id, (None,) * len(FIELDS))[KIND])
        return [v for v in values if isinstance(v, Kind)]

    def _set_kind(self, node_id: str, kind: Kind, reason: str) -> None:
        rec = self.recs[node_id]
        self.conflicts.append(Conflict(
            node_id, "kind", reason, self.base.get(node_id, (None,) * len(FIELDS))[KIND],
            self.o.get(node_id, (None,) * len(FIELDS))[KIND],
            self.t.get(node_id, (None,) * len(FIELDS))[KIND],
        ))
        rec[KIND] = kind

    def _unlink(self, node_id: str, reason: str) -> None:
        """An argument the merge cannot keep becomes what its polarity says: claim or objection."""
        attacks = self.recs[node_id][POLARITY] == "attacks"
        kind = Kind.OBJECTION if attacks else Kind.CLAIM
        self._set_kind(node_id, kind, f"{reason}; made it {'an objection' if attacks else 'a claim'}")

    def _fix_kinds(self) -> None:
        """Roots are claims, rebuttals answer objections, no argument sits directly under
        another; each fix prefers ours' kind. Then every argument keeps a premise (else it is
        unlinked), and polarity follows kind."""
        changed = True
        while changed:
            changed = False
            for node_id in sorted(self.recs):
                rec = self.recs[node_id]
                parent = rec[PARENT]
                if parent is None:
                    if rec[KIND] is not Kind.CLAIM:
                        self._set_kind(node_id, Kind.CLAIM, "a root must be a claim")
                        changed = True
                    continue
                assert isinstance(parent, str)
                up = self.recs[parent]
                ours_up = self.o.get(parent, (None,) * len(FIELDS))[KIND]
                if rec[KIND] is Kind.ARGUMENT and up[KIND] is Kind.ARGUMENT:
                    changed = True
                    if up[PARENT] is not None and isinstance(ours_up, Kind) and (
                            ours_up is not Kind.ARGUMENT):
                        self._set_kind(parent, ours_up, "an argument cannot hold an argument")
                    else:
                        self._unlink(node_id, "an argument cannot sit directly under another")
                    continue
                if rec[KIND] is not Kind.REBUTTAL or up[KIND] is Kind.OBJECTION:
                    continue
                changed = True
                if up[PARENT] is not None and ours_up is Kind.OBJECTION:
                    self._set_kind(parent, Kind.OBJECTION, "a rebuttal child needs an objection")
                    continue
                options = [k for k in self._kind_options(node_id)
                           if k is not Kind.REBUTTAL and k is not Kind.ARGUMENT]
                self._set_kind(node_id, options[0] if options else Kind.OBJECTION,
                               "a rebuttal must answer an objection")
        premised = {rec[PARENT] for rec in self.recs.values() if rec[KIND] in PREMISES}
        for node_id in sorted(self.recs):
            if self.recs[node_id][KIND] is Kind.ARGUMENT and node_id not in premised:
                self._unlink(node_id, "the merge left this argument no premise")
        for node_id in sorted(self.recs):
            _match_polarity(self.recs[node_id], (self.o, self.t, self.base), node_id)

    # -- pass 5: sibling order, and the map ---------------------------------------------
    def _side_kids(self, kids: dict[str | None, list[str]], parent: str | None) -> list[str]:
        return [n for n in kids.get(parent, ()) if n in self.recs and self.recs[n][PARENT] == parent]

    def finish(self, title: object, created: datetime, base: ArgumentMap | None) -> MergeResult:
        ours_kids, theirs_kids = children_ids(self.ours_map), children_ids(self.theirs_map)
        members: dict[str | None, list[str]] = {}
        for node_id in sorted(self.recs):
            parent = self.recs[node_id][PARENT]
            members.setdefault(parent if isinstance(parent, str) else None, []).append(node_id)
        copies = self._both_copies(members)
        nodes: list[Node] = []
        for parent in sorted(members, key=lambda p: (p is not None, p or "")):
            order, clashes = merge_siblings(
                self._side_kids(self.base_kids, parent),
                self._side_kids(ours_kids, parent),
                self._side_kids(theirs_kids, parent),
            )
            for node_id in clashes:
                self.conflicts.append(Conflict(
                    node_id, "order", "both sides moved it to different places; kept ours"))
            placed = set(order)
            order += [n for n in members[parent] if n not in placed]
            position = 0
            for node_id in order:
                nodes.append(build_node(node_id, self.recs[node_id], position))
                position += 1
                for copy_id, rec in copies.get(node_id, ()):
                    nodes.append(build_node(copy_id, rec, position))
                    position += 1
        assert isinstance(title, str)
        if len(nodes) > MAX_NODES:  # the validating model would refuse it with a traceback
            raise MergeError(f"the merged map would have {len(nodes)} nodes; a map holds at "
                             f"most {MAX_NODES}: nothing was merged")
        info = MapInfo(
            id=self.ours_map.info.id,
            title=title,
            created=created,
            modified=max(self.ours_map.info.modified, self.theirs_map.info.modified),
        )
        cited = {n.source.source_id for n in nodes if n.source and n.source.source_id}
        sources, more = merge_sources(base, self.ours_map, self.theirs_map, cited, self.choices)
        self.conflicts += more
        merged = ArgumentMap(info=info, nodes=tuple(nodes), sources=sources).canonical()
        conflicts = tuple(sorted(self.conflicts, key=lambda c: (c.node_id, c.field, c.reason)))
        return MergeResult(merged, conflicts, self.ours_map, self.theirs_map)

    def _both_copies(
        self, members: dict[str | None, list[str]]
    ) -> dict[str, list[tuple[str, list[object]]]]:
        """Conflicts resolved as "both": theirs' version is kept as a new sibling of ours'."""
        copies: dict[str, list[tuple[str, list[object]]]] = {}
        taken = set(self.recs) | set(self.o) | set(self.t)
        wanted = sorted({c.node_id for c in self.conflicts if c.chosen == "both"})
        for node_id in wanted:
            theirs = self.t.get(node_id)
            if theirs is None or node_id not in self.recs:
                continue
            copy_id = _fresh_id(node_id, taken)
            taken.add(copy_id)
            rec = list(theirs)
            parent = self.recs[node_id][PARENT]
            rec[PARENT] = parent
            up = self.recs[parent][KIND] if isinstance(parent, str) else None
            if up is None:
                rec[KIND] = Kind.CLAIM
            elif rec[KIND] is Kind.ARGUMENT:  # a copy has no premises: unlinked
                rec[KIND] = Kind.OBJECTION if rec[POLARITY] == "attacks" else Kind.CLAIM
            elif rec[KIND] is Kind.REBUTTAL and up is not Kind.OBJECTION:
                rec[KIND] = Kind.OBJECTION
            _match_polarity(rec, (), copy_id)
            copies.setdefault(node_id, []).append((copy_id, rec))
        return copies


def _match_polarity(rec: list[object], sides: tuple[dict[str, Record], ...], node_id: str) -> None:
    """Only an argument has a polarity: a node whose merged kind is not one loses it, and an
    argument whose polarity was cleared by the other side's kind change gets a side's back."""
    if rec[KIND] is not Kind.ARGUMENT:
        rec[POLARITY] = None
    elif rec[POLARITY] not in ("supports", "attacks"):
        known = [s[node_id][POLARITY] for s in sides if node_id in s]
        rec[POLARITY] = next((p for p in known if p in ("supports", "attacks")), "supports")


def _fresh_id(node_id: str, taken: set[str]) -> str:
    stem = node_id[:57]
    candidate = f"{stem}-theirs"
    count = 2
    while candidate in taken:
        candidate = f"{stem[:50]}-theirs{count}"
        count += 1
    return candidate
