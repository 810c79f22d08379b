"""MapDocument: the open map, its undo stack, and the signals every view mirrors.

The document holds nodes in a dict (id -> immutable Node) plus a children index, so an
edit costs O(siblings), not O(map), and the map's source records by id. Only commands call
`apply`; views listen to signals. `to_map()` builds the validated ArgumentMap for saving
and exporting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from argmap.core.errors import gist
from argmap.core.model import (
    PREMISES,
    ArgumentMap,
    Kind,
    MapInfo,
    Node,
    SourceRecord,
    StructureError,
    allowed_child_kinds,
    may_hold,
    now,
    sort_key,
)


def a_kind(kind: Kind) -> str:
    """"a claim", "an objection", "evidence": a kind as a message names it."""
    if kind is Kind.EVIDENCE:
        return "evidence"
    return f"{'an' if kind.value[0] in 'aeiou' else 'a'} {kind.value}"


#: before/after states of the nodes an edit touches; None = the node does not exist.
NodeDiff = Mapping[str, Node | None]
#: before/after states of the source records an edit touches; None = no such record.
SourceDiff = Mapping[str, SourceRecord | None]


class MapDocument(QObject):
    nodes_added = Signal(list)  # [node id]
    nodes_removed = Signal(list)  # [node id]
    nodes_changed = Signal(list)  # [node id]: text, kind or source
    structure_changed = Signal()  # parents or sibling order changed: lay out again
    info_changed = Signal()
    #: [node id] of every node an edit added, changed, moved or removed; emitted first, before
    #: the signals above, so what follows the map (its evaluation) is current when they run
    applied = Signal(list)
    sources_changed = Signal(list)  # [record id]: added, removed or edited

    def __init__(self, amap: ArgumentMap, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._info = amap.info
        self._nodes: dict[str, Node] = {n.id: n for n in amap.nodes}
        self._children: dict[str | None, list[str]] = {}
        for node in sorted(amap.nodes, key=sort_key):
            self._children.setdefault(node.parent, []).append(node.id)
        self._touched: set[str] = set()  # ids changed since take_touched(), for autosave
        self._sources: dict[str, SourceRecord] = {r.id: r for r in amap.sources}
        self._touched_sources: set[str] = set()

    # -- queries -------------------------------------------------------------------------
    @property
    def info(self) -> MapInfo:
        return self._info

    @property
    def map_id(self) -> str:
        return self._info.id

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> Node:
        return self._nodes[node_id]

    def get(self, node_id: str | None) -> Node | None:
        return self._nodes.get(node_id) if node_id is not None else None

    def nodes(self) -> Iterable[Node]:
        return self._nodes.values()

    def sources(self) -> Mapping[str, SourceRecord]:
        """The map's source records by id. Do not mutate."""
        return self._sources

    def citing(self, record_id: str) -> list[Node]:
        """The nodes whose source is this record: O(map)."""
        return [n for n in self._nodes.values()
                if n.source is not None and n.source.source_id == record_id]

    # Shadows QObject.children() on purpose: a document's children are nodes, and it
    # owns no child QObjects that anyone asks it for.
    def children(self, node_id: str | None) -> list[str]:  # type: ignore[override]
        """Child ids in sibling order (roots for None). Do not mutate."""
        return self._children.get(node_id, [])

    def children_index(self) -> Mapping[str | None, list[str]]:
        """Parent id -> child ids in sibling order, for layout. Do not mutate."""
        return self._children

    def roots(self) -> list[str]:
        return self.children(None)

    def siblings(self, node_id: str) -> list[str]:
        return self.children(self._nodes[node_id].parent)

    def subtree(self, node_id: str) -> Iterator[str]:
        """node_id and its descendants, pre-order, iteratively."""
        stack = [node_id]
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(self._children.get(current, [])))

    def ancestors(self, node_id: str) -> Iterator[str]:
        parent = self._nodes[node_id].parent
        while parent is not None:
            yield parent
            parent = self._nodes[parent].parent

    def depth(self, node_id: str) -> int:
        return sum(1 for _ in self.ancestors(node_id))

    def allowed_kinds(self, node_id: str) -> tuple[Kind, ...]:
        """Kinds node_id may change to without breaking a rule."""
        node = self._nodes[node_id]
        if node.kind is Kind.ARGUMENT:
            return (Kind.ARGUMENT,)  # changing what an argument is comes with its editor
        parent = self.get(node.parent)
        options = allowed_child_kinds(parent.kind if parent else None)
        if any(self._nodes[c].kind is Kind.REBUTTAL for c in self.children(node_id)):
            options = tuple(k for k in options if k is Kind.OBJECTION)
        return options

    def kind_refusal(self, node_id: str, kind: Kind) -> str | None:
        """Why node_id may not become `kind`, in words; None if it may (the rules of
        allowed_kinds and premise_loss, said as a user reads them)."""
        node = self._nodes[node_id]
        if kind is node.kind:
            return f"it is {a_kind(kind)} already"
        if node.kind is Kind.ARGUMENT:
            return ("an argument stays an argument: unlink it (Ctrl+Shift+L) to make its "
                    "premises reasons of their own")
        parent = self.get(node.parent)
        if kind not in allowed_child_kinds(parent.kind if parent else None):
            where = f"under {a_kind(parent.kind)}" if parent else "at the top level"
            return f"{a_kind(kind)} cannot go {where}"
        if kind is not Kind.OBJECTION and any(
                self._nodes[c].kind is Kind.REBUTTAL for c in self.children(node_id)):
            return (f"it has a rebuttal under it, and a rebuttal answers only an objection: "
                    f"move or delete the rebuttal first to make it {a_kind(kind)}")
        if kind not in PREMISES:
            return self.premise_loss([node_id])
        return None

    def can_reparent(self, node_id: str, new_parent: str | None) -> str | None:
        """None if node_id may move under new_parent; else the reason it may not."""
        node = self._nodes[node_id]
        if new_parent == node_id:
            return "a node cannot be its own parent"
        if new_parent is not None and (
            new_parent not in self._nodes or node_id in self.ancestors(new_parent)
        ):
            return "a node cannot move into its own subtree"
        target = self.get(new_parent)
        if not may_hold(target.kind if target else None, node.kind):
            where = f"under {a_kind(target.kind)}" if target else "at the top level"
            return f"{a_kind(node.kind)} cannot go {where}"
        if new_parent != node.parent:
            return self.premise_loss([node_id])
        return None

    def premise_loss(self, leaving: Iterable[str]) -> str | None:
        """Why taking `leaving` away from where they are (deleted, moved elsewhere, made
        objections) would leave an argument without a premise, in words; None if it would
        not. The rule apply() enforces, said before anything is tried: O(their siblings)."""
        gone = set(leaving)
        for arg in {self._nodes[i].parent for i in gone if self._nodes[i].kind in PREMISES}:
            node = self.get(arg)
            if node is None or arg in gone or node.kind is not Kind.ARGUMENT:
                continue
            if not any(c not in gone and self._nodes[c].kind in PREMISES
                       for c in self.children(arg)):
                return (f"the argument {gist(node.text)} needs at least one premise: unlink it "
                        "(Ctrl+Shift+L) or delete the argument itself")
        return None

    def to_map(self) -> ArgumentMap:
        """The current state as a validated ArgumentMap (nodes in pre-order)."""
        ordered = [self._nodes[i] for i in self._preorder_ids()]
        return ArgumentMap(info=self._info, nodes=tuple(ordered),
                           sources=tuple(self._sources.values()))

    def take_touched(self) -> set[str]:
        """Ids of the nodes added, removed or changed since the last call."""
        touched, self._touched = self._touched, set()
        return touched

    def take_touched_sources(self) -> set[str]:
        """Ids of the source records added, removed or changed since the last call."""
        touched, self._touched_sources = self._touched_sources, set()
        return touched

    def _preorder_ids(self) -> Iterator[str]:
        for root in self.roots():
            yield from self.subtree(root)

    # -- mutation (commands only) ------------------------------------------------------------
    def apply(self, diff: NodeDiff, sources: SourceDiff | None = None) -> None:
        """Replace the listed nodes (and source records) with the given states, then signal
        what changed.

        The caller (a command) has checked the rules; this re-checks the nodes it touches
        and refuses the whole diff, changing nothing, if it would break the map.
        """
        sources = sources or {}
        self._check_sources(diff, sources)
        added, removed, changed, moved = [], [], [], False
        for node_id, new in diff.items():
            old = self._nodes.get(node_id)
            if old is None and new is None:
                continue
            if new is None:
                removed.append(node_id)
            elif old is None:
                added.append(node_id)
            else:
                if (old.parent, old.order) != (new.parent, new.order):
                    moved = True
                if (old.kind, old.text, old.source, old.polarity, old.assessment) != (
                        new.kind, new.text, new.source, new.polarity, new.assessment):
                    changed.append(node_id)
        self._check(diff)
        touched_parents: set[str | None] = set()
        for node_id, new in diff.items():
            old = self._nodes.get(node_id)
            if old is not None:
                touched_parents.add(old.parent)
                if new is None or (old.parent, old.order) != (new.parent, new.order):
                    siblings = self._children.get(old.parent)
                    if siblings is not None and node_id in siblings:
                        siblings.remove(node_id)
            if new is None:
                self._nodes.pop(node_id, None)
                self._children.pop(node_id, None)
                continue
            self._nodes[node_id] = new
            if old is None or (old.parent, old.order) != (new.parent, new.order):
                touched_parents.add(new.parent)
                self._children.setdefault(new.parent, []).append(node_id)
        for parent in touched_parents:
            kids = self._children.get(parent)
            if kids:
                kids.sort(key=lambda i: sort_key(self._nodes[i]))
            elif parent in self._children and parent is not None:
                del self._children[parent]
        for record_id, record in sources.items():
            if record is None:
                self._sources.pop(record_id, None)
            else:
                self._sources[record_id] = record
        if sources:
            self._sources = dict(sorted(self._sources.items()))
        self._info = self._info.model_copy(update={"modified": now()})
        self._touched.update(diff)
        self.applied.emit(list(diff))
        self._touched_sources.update(sources)
        if sources:
            self.sources_changed.emit(list(sources))
        if removed:
            self.nodes_removed.emit(removed)
        if added:
            self.nodes_added.emit(added)
        if changed:
            self.nodes_changed.emit(changed)
        if added or removed or moved:
            self.structure_changed.emit()

    def _check_sources(self, diff: NodeDiff, sources: SourceDiff) -> None:
        """Every touched node cites a record that exists after the edit (core/citations.py
        builds such edits), and a removed record is cited by no node."""
        def record(record_id: str) -> SourceRecord | None:
            return sources[record_id] if record_id in sources else self._sources.get(record_id)

        for node_id, new in diff.items():
            s = new.source if new is not None else None
            if s is None:
                continue
            if s.source_id is None and (s.title or s.url):
                raise StructureError(f"node {node_id!r}: source: not linked to a record",
                                     node_id, "source")
            if s.source_id is not None and record(s.source_id) is None:
                raise StructureError(f"node {node_id!r}: source: no record {s.source_id!r}",
                                     node_id, "source")
        gone = {i for i, r in sources.items() if r is None}
        for node in self._nodes.values() if gone else ():
            after = diff.get(node.id, node)
            cited = after.source.source_id if after is not None and after.source else None
            if cited is not None and cited in gone:
                raise StructureError(f"source {cited!r}: still cited by node {node.id!r}",
                                     node.id, "source")

    def _check(self, diff: NodeDiff) -> None:
        """Validate the nodes a diff touches against the resulting map; raise StructureError."""
        def after(node_id: str | None) -> Node | None:
            if node_id is None:
                return None
            return diff[node_id] if node_id in diff else self._nodes.get(node_id)

        for node_id, new in diff.items():
            if new is None:  # its children go too, or move elsewhere (an unlink)
                for child in self.children(node_id):
                    moved = diff.get(child, self._nodes[child])
                    if child not in diff or (moved is not None and moved.parent == node_id):
                        raise StructureError(f"node {node_id!r} still has children", node_id)
                continue
            if new.id != node_id:
                raise StructureError(f"node {node_id!r}: id mismatch", node_id, "id")
            parent = after(new.parent)
            if new.parent is not None and parent is None:
                raise StructureError(f"node {node_id!r}: parent missing", node_id, "parent")
            if not may_hold(parent.kind if parent else None, new.kind):
                raise StructureError(f"node {node_id!r}: kind not allowed here", node_id, "kind")
            for child in self.children(node_id):
                c = after(child)
                if c is not None and c.parent == node_id and not may_hold(new.kind, c.kind):
                    raise StructureError(f"node {child!r}: kind not allowed here", child, "kind")
            seen = {node_id}
            up = new.parent
            while up is not None:  # cycle check walks ancestors only: O(depth)
                if up in seen:
                    raise StructureError(f"node {node_id!r}: cycle", node_id, "parent")
                seen.add(up)
                anc = after(up)
                up = anc.parent if anc is not None else None
        self._check_premises(diff, after)

    def _check_premises(self, diff: NodeDiff, after: Callable[[str | None], Node | None]) -> None:
        """Every argument the diff touches keeps at least one premise: O(its children)."""
        touched: set[str | None] = set()
        for node_id, new in diff.items():
            old = self._nodes.get(node_id)
            touched.update(n.parent for n in (old, new) if n is not None)
            touched.add(node_id)
        for arg in touched:
            node = after(arg)
            if arg is None or node is None or node.kind is not Kind.ARGUMENT:
                continue
            kids = {*self.children(arg), *(i for i, n in diff.items() if n and n.parent == arg)}
            if not any((k := after(c)) is not None and k.parent == arg and k.kind in PREMISES
                       for c in kids):
                raise StructureError(f"node {arg!r}: an argument needs at least one premise",
                                     arg, "kind")

    def set_info(self, info: MapInfo) -> None:
        self._info = info
        self.info_changed.emit()
