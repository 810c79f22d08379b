"""Undoable edits. Every change to a map is a QUndoCommand built here.

All edits are one command type, `ChangeNodes`: the before and after states of the nodes
it touches. Add, delete, edit, move and paste differ only in the diff they build, so
there is one redo/undo path to get right, and the same diffs are what a node-level
merge of two teammates' copies will produce. A multi-node delete is a parent command
with one child per subtree, so one undo restores everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from argmap.core.citations import cite, link_fragment
from argmap.core.errors import EditRejected, gist
from argmap.core.evaluate_text import percent
from argmap.core.model import (
    ATTACKS,
    PREMISES,
    SUPPORTS,
    ArgumentMap,
    Kind,
    MapInfo,
    Node,
    Polarity,
    Source,
    StructureError,
    allowed_child_kinds,
    may_hold,
    new_id,
    now,
)
from argmap.editing.document import MapDocument, NodeDiff, SourceDiff, a_kind

#: The texts a node is added with before it is typed (gui/editor.py's DEFAULT_TEXT too).
DEFAULT_TEXTS = frozenset({"New claim", "New evidence", "New objection", "New rebuttal",
                           "New argument"})


class ChangeNodes(QUndoCommand):
    def __init__(
        self,
        doc: MapDocument,
        before: NodeDiff,
        after: NodeDiff,
        text: str,
        parent: QUndoCommand | None = None,
        sources_after: SourceDiff | None = None,
    ):
        super().__init__(text, parent)
        self.doc = doc
        self.before = dict(before)
        self.after = dict(after)
        #: The source records the edit touches (core/citations.py), after and before.
        self.sources_after = dict(sources_after or {})
        self.sources_before = {i: doc.sources().get(i) for i in self.sources_after}
        self.refused: str | None = None

    def redo(self) -> None:
        # Qt swallows exceptions raised in redo(); a refused diff marks the command obsolete
        # instead, and QUndoStack.push() then drops it, leaving the document unchanged.
        try:
            self.doc.apply(self.after, self.sources_after)
        except StructureError as exc:
            self.refused = str(exc)
            self.setObsolete(True)

    def undo(self) -> None:
        self.doc.apply(self.before, self.sources_before)


class Macro(QUndoCommand):
    """One undo step made of child commands, run in order and undone in reverse.

    The children are held in Python rather than as Qt child commands: PySide6 does not
    transfer ownership of a QUndoCommand to its Qt parent, so Qt-parented children are
    either collected early or deleted twice.
    """

    def __init__(self, text: str):
        super().__init__(text)
        self.parts: list[ChangeNodes] = []
        self.refused: str | None = None

    def add(self, child: ChangeNodes) -> None:
        self.parts.append(child)

    def redo(self) -> None:
        done: list[ChangeNodes] = []
        for part in self.parts:
            part.redo()
            if part.refused:
                for finished in reversed(done):
                    finished.undo()
                self.refused = part.refused
                self.setObsolete(True)
                return
            done.append(part)

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()


class RenameMap(QUndoCommand):
    def __init__(self, doc: MapDocument, title: str):
        super().__init__(f"Rename map to “{title}”")
        self.doc = doc
        self.old = doc.info
        self.new = MapInfo.model_validate({**doc.info.model_dump(), "title": title, "modified": now()})

    def redo(self) -> None:
        self.doc.set_info(self.new)

    def undo(self) -> None:
        self.doc.set_info(self.old)


class ApplyMerge(QUndoCommand):
    """A whole merge as one undo step: the document's nodes and title become the merged
    map's; undo puts the map before it back. `done`/`undone` keep what the library records
    about the merged file (its version last exchanged) in step with the document."""

    def __init__(self, doc: MapDocument, merged: ArgumentMap, text: str,
                 done: Callable[[], None] | None = None, undone: Callable[[], None] | None = None):
        super().__init__(text)
        self.doc = doc
        now_ = {n.id: n for n in doc.nodes()}
        new = merged.by_id()
        after = {i: new.get(i) for i in sorted(now_.keys() | new.keys()) if now_.get(i) != new.get(i)}
        records = {r.id: r for r in merged.sources}
        have = doc.sources()
        sources = {i: records.get(i) for i in sorted(have.keys() | records.keys())
                   if have.get(i) != records.get(i)}
        self.nodes = ChangeNodes(doc, {i: now_.get(i) for i in after}, after, text,
                                 sources_after=sources)
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


def refusal(command: QUndoCommand) -> str | None:
    """Why a pushed command was refused by the document, or None if it applied."""
    return getattr(command, "refused", None)


def _diff(doc: MapDocument, after: dict[str, Node | None], text: str,
          sources: SourceDiff | None = None) -> ChangeNodes:
    before = {i: doc.get(i) for i in after}
    return ChangeNodes(doc, before, after, text, sources_after=sources)


def _placed(doc: MapDocument, parent: str | None, ids: Sequence[str],
            pending: dict[str, Node | None]) -> None:
    """Give `ids` (the new sibling order under `parent`) orders 0..n-1 in `pending`."""
    for position, node_id in enumerate(ids):
        node = pending.get(node_id) or doc.node(node_id)
        if node.order != position or node.parent != parent or node_id in pending:
            pending[node_id] = node.model_copy(update={"order": position, "parent": parent})


def _validated(node: Node) -> Node:
    return Node.model_validate(node.model_dump())


def add_child(doc: MapDocument, parent: str | None, kind: Kind, text: str,
              index: int | None = None, source: Source | None = None) -> tuple[ChangeNodes, str]:
    parent_node = doc.get(parent)
    if kind not in allowed_child_kinds(parent_node.kind if parent_node else None):
        where = f"under {a_kind(parent_node.kind)}" if parent_node else "at the top level"
        raise EditRejected(f"{a_kind(kind)} cannot go {where}")
    [node], records = link_fragment(doc.sources(), [
        Node(id=new_id(), parent=parent, kind=kind, text=text, source=source)])
    siblings = list(doc.children(parent))
    siblings.insert(len(siblings) if index is None else index, node.id)
    pending: dict[str, Node | None] = {node.id: node}
    _placed(doc, parent, siblings, pending)
    label = "Add root claim" if parent is None else f"Add {kind.value}"
    if text not in DEFAULT_TEXTS:
        label = f"{label} {gist(text)}"
    return _diff(doc, pending, label, dict(records)), node.id


def adds(command: QUndoCommand | None, node_id: str) -> bool:
    """Whether `command` is the one that added node_id."""
    return (isinstance(command, ChangeNodes) and command.before.get(node_id, False) is None
            and command.after.get(node_id) is not None)


def added_with_text(doc: MapDocument, added: ChangeNodes, node_id: str, text: str) -> Node:
    """The node `added` adds, with `text` instead of the placeholder it was added with
    (checked: EditRejected if the text breaks a rule)."""
    old = added.after[node_id]
    assert old is not None
    try:
        return _validated(old.model_copy(update={"text": text}))
    except ValueError as exc:
        raise EditRejected(_first_error(exc)) from None


def readd(doc: MapDocument, added: ChangeNodes, node: Node) -> ChangeNodes:
    """`added` again (undone by the caller), its node as typed: adding a node and typing its
    text is one undo step, named by the text ("Add claim “Cycling lanes…”")."""
    label = added.text().split(" “")[0]
    return ChangeNodes(doc, added.before, {**added.after, node.id: node},
                       f"{label} {gist(node.text)}", sources_after=added.sources_after)


def forget_redo(stack: QUndoStack) -> None:
    """Drop the steps after the stack's index (a node added and then taken back with Esc is
    no "Redo Add claim"): pushing an obsolete command truncates, then is not kept."""
    nothing = QUndoCommand("nothing")
    nothing.setObsolete(True)
    stack.push(nothing)


def add_subtrees(doc: MapDocument, fragment: Sequence[Node], parent: str | None,
                 index: int | None = None, label: str = "Paste") -> tuple[ChangeNodes, list[str]]:
    """Insert copied nodes (top-level ones have parent None) under `parent`, with fresh ids."""
    parent_node = doc.get(parent)
    fresh = {n.id: new_id() for n in fragment}
    tops = [n for n in fragment if n.parent is None]
    for top in tops:  # an argument pastes as any node does (it brings its premises)
        if not may_hold(parent_node.kind if parent_node else None, top.kind):
            where = f"under {a_kind(parent_node.kind)}" if parent_node else "at the top level"
            raise EditRejected(f"cannot paste {a_kind(top.kind)} {where}")
    pending: dict[str, Node | None] = {}
    fragment, records = link_fragment(doc.sources(), fragment)  # this map's records
    for n in fragment:
        pending[fresh[n.id]] = n.model_copy(
            update={"id": fresh[n.id], "parent": fresh[n.parent] if n.parent else parent}
        )
    siblings = list(doc.children(parent))
    at = len(siblings) if index is None else index
    new_tops = [fresh[t.id] for t in sorted(tops, key=lambda t: t.order)]
    siblings[at:at] = new_tops
    _placed(doc, parent, siblings, pending)
    return _diff(doc, pending, label, dict(records)), new_tops


def top_level(doc: MapDocument, ids: Iterable[str]) -> list[str]:
    """The given ids minus any whose ancestor is also given (deleting it deletes them)."""
    chosen = [i for i in ids if i in doc]
    chosen_set = set(chosen)
    return [i for i in chosen if not any(a in chosen_set for a in doc.ancestors(i))]


def delete_subtrees(doc: MapDocument, ids: Iterable[str]) -> QUndoCommand:
    tops = top_level(doc, ids)
    if not tops:
        raise EditRejected("nothing selected to delete")
    reason = doc.premise_loss(tops)
    if reason:
        raise EditRejected(reason)
    count = sum(1 for t in tops for _ in doc.subtree(t))
    macro = Macro(f"Delete {gist(doc.node(tops[0]).text)}" if count == 1 else
                  f"Delete {count} nodes ({gist(doc.node(tops[0]).text)}"
                  f"{' and more' if len(tops) > 1 else ' and below'})")
    for top in tops:
        after: dict[str, Node | None] = dict.fromkeys(doc.subtree(top))
        macro.add(ChangeNodes(doc, {i: doc.node(i) for i in after}, after, "delete subtree"))
    return macro


def fragment_of(doc: MapDocument, ids: Iterable[str]) -> list[Node]:
    """The subtrees of `ids` as a clipboard fragment (top-level parents cleared)."""
    out: list[Node] = []
    for top in top_level(doc, ids):
        for node_id in doc.subtree(top):
            node = doc.node(node_id)
            out.append(node.model_copy(update={"parent": None}) if node_id == top else node)
    return out


def edit_node(doc: MapDocument, node_id: str, *, text: str | None = None,
              kind: Kind | None = None, source: Source | bool | None = False,
              polarity: Polarity | None = None,
              assessment: float | bool | None = False) -> ChangeNodes | None:
    """Change text, kind, source, an argument's polarity or the assessment (source and
    assessment=False: leave it; None: remove it). None when nothing changes.

    A source's title and URL are its record's: changing them edits the record for every
    node that cites it, or gives the node a record (core/citations.py)."""
    old = doc.node(node_id)
    update: dict[str, object] = {}
    citation = None
    if assessment is not False and assessment is not True and assessment != old.assessment:
        update["assessment"] = assessment
    if text is not None and text.strip() != old.text:
        update["text"] = text
    if kind is not None and kind is not old.kind:
        if reason := doc.kind_refusal(node_id, kind):
            raise EditRejected(reason)
        update["kind"] = kind
    if polarity is not None and polarity != old.polarity:
        if old.kind is not Kind.ARGUMENT:
            raise EditRejected(f"only an argument supports or attacks by choice, not {a_kind(old.kind)}")
        update["polarity"] = polarity
    if source is not False:
        assert source is None or isinstance(source, Source)
        citation = cite(doc.sources(), doc.citing, old, source)
        if citation.nodes:
            update["source"] = citation.nodes[node_id].source
    if not update:
        return None
    try:
        new = _validated(old.model_copy(update=update))
    except ValueError as exc:
        raise EditRejected(_first_error(exc)) from None
    named = gist(old.text)
    if list(update) == ["assessment"]:
        return _diff(doc, {node_id: new}, f"{assessment_label(new.assessment)} {named}")
    what = next(w for w in ("text", "kind", "polarity", "source", "assessment") if w in update)
    if what == "polarity":
        return _diff(doc, {node_id: new},
                     f"Make argument {named} {'attack' if polarity == 'attacks' else 'support'}")
    label = f"Make {named} {a_kind(new.kind)}" if what == "kind" else f"Edit {what} of {named}"
    others = {i: n for i, n in citation.nodes.items() if i != node_id} if citation else {}
    return _diff(doc, {**others, node_id: new}, label,
                 citation.records if citation else None)


def assessment_label(value: float | None) -> str:
    """The undo step's name: "Assess 75 %" or "Clear assessment"."""
    return "Clear assessment" if value is None else f"Assess {percent(value)}"


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors(include_input=False, include_url=False)[0]
        field = ".".join(str(p) for p in first["loc"])
        return f"{field}: {first['msg']}"
    return str(exc)


def move_node(doc: MapDocument, node_id: str, new_parent: str | None,
              index: int | None = None, label: str | None = None) -> ChangeNodes | None:
    """Re-parent and/or reorder; index counts among new_parent's children without node_id."""
    reason = doc.can_reparent(node_id, new_parent)
    if reason:
        raise EditRejected(reason)
    node = doc.node(node_id)
    old_siblings = [i for i in doc.children(node.parent) if i != node_id]
    targets = old_siblings if new_parent == node.parent else [
        i for i in doc.children(new_parent) if i != node_id]
    at = len(targets) if index is None else max(0, min(index, len(targets)))
    new_order = [*targets[:at], node_id, *targets[at:]]
    if new_parent == node.parent and new_order == doc.children(node.parent):
        return None
    pending: dict[str, Node | None] = {}
    if new_parent != node.parent:
        _placed(doc, node.parent, old_siblings, pending)
    _placed(doc, new_parent, new_order, pending)
    label = label or ("Reorder" if new_parent == node.parent else "Move")
    return _diff(doc, pending, f"{label} {gist(node.text)}")


# -- arguments: linked premises --------------------------------------------------------------
DEFAULT_ARGUMENT_TEXT = "New argument"


def link_premises(doc: MapDocument, ids: Sequence[str],
                  text: str = DEFAULT_ARGUMENT_TEXT) -> tuple[ChangeNodes, str]:
    """Link sibling reasons as the premises of one new argument node, in one undo step.

    The argument takes the first one's place under their parent. Reasons that support it
    (claims, evidence) make an argument that supports it, as they are; reasons that attack
    it (objections, or rebuttals of an objection) make one that attacks it, their kinds
    made claims (premises are claims or evidence) and their rebuttals objections (an attack
    on a claim). A mix of both is refused: which way would the argument point?
    """
    chosen = list(dict.fromkeys(i for i in ids if i in doc))
    if not chosen:
        raise EditRejected("select the reasons to link (Shift+click or Shift+drag for several)")
    parents = {doc.node(i).parent for i in chosen}
    if len(parents) != 1:
        raise EditRejected("only siblings can be linked: select reasons under one node")
    parent = parents.pop()
    up = doc.get(parent)
    if up is None:
        raise EditRejected("a root claim has no parent to support: link reasons under it")
    if up.kind is Kind.ARGUMENT:
        raise EditRejected("these are already premises of one argument (its frame)")
    kinds = {doc.node(i).kind for i in chosen}
    if Kind.ARGUMENT in kinds:
        raise EditRejected("an argument cannot be a premise: select claims, evidence or objections")
    if kinds <= SUPPORTS:
        polarity: Polarity = "supports"
    elif kinds <= ATTACKS:
        polarity = "attacks"
    else:
        raise EditRejected("link reasons that all support or all attack: these mix both")
    siblings = doc.children(parent)
    chosen.sort(key=siblings.index)
    argument = Node(id=new_id(), parent=parent, kind=Kind.ARGUMENT, polarity=polarity,
                    text=text)
    rest = [i for i in siblings if i not in chosen]
    rest.insert(siblings.index(chosen[0]), argument.id)  # no chosen one comes before it
    pending: dict[str, Node | None] = {argument.id: argument}
    for position, node_id in enumerate(chosen):
        node = doc.node(node_id)
        update: dict[str, object] = {"parent": argument.id, "order": position}
        if node.kind not in PREMISES:
            update["kind"] = Kind.CLAIM
            for child in doc.children(node_id):
                if doc.node(child).kind is Kind.REBUTTAL:
                    pending[child] = doc.node(child).model_copy(update={"kind": Kind.OBJECTION})
        pending[node_id] = node.model_copy(update=update)
    _placed(doc, parent, rest, pending)
    count = len(chosen)
    label = f"Link {count} premise{'s' if count != 1 else ''} as an argument"
    return _diff(doc, pending, label), argument.id


def unlink_argument(doc: MapDocument, argument_id: str) -> tuple[ChangeNodes, list[str]]:
    """Dissolve an argument, in one undo step: its premises go back to its parent in its
    place, each a reason of its own again (of an argument that attacked: objections, or
    rebuttals under an objection). Refused while it has undercuts: an undercut attacks the
    inference, which is gone once the premises stand alone, and turning it into an attack
    on the parent would make it say something else; move or delete it first."""
    node = doc.node(argument_id)
    if node.kind is not Kind.ARGUMENT:
        raise EditRejected(f"{a_kind(node.kind)} is not an argument: there is nothing to unlink")
    kids = doc.children(argument_id)
    undercuts = [k for k in kids if doc.node(k).kind not in PREMISES]
    if undercuts:
        n = len(undercuts)
        raise EditRejected(
            f"the argument has {n} undercut{'s' if n != 1 else ''} "
            f"({'an objection' if n == 1 else 'objections'} to its inference), which "
            f"unlinking would leave nothing to attack: move or delete {'it' if n == 1 else 'them'} "
            "first")
    parent = node.parent
    up = doc.get(parent)
    siblings = list(doc.children(parent))
    at = siblings.index(argument_id)
    siblings[at:at + 1] = kids
    pending: dict[str, Node | None] = {argument_id: None}
    attacker = Kind.REBUTTAL if up is not None and up.kind is Kind.OBJECTION else Kind.OBJECTION
    for child in kids:
        premise = doc.node(child)
        update: dict[str, object] = {"parent": parent}
        if node.polarity == "attacks":
            update["kind"] = attacker
        pending[child] = premise.model_copy(update=update)
    _placed(doc, parent, siblings, pending)
    return _diff(doc, pending, "Unlink argument"), list(kids)
