"""What a map concludes: every node's strength (DF-QuAD) and standing (grounded), no Qt.

The semantics, in words for readers of a map, is docs/evaluation.md; this is the arithmetic.

**Strength** is DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016). A node's base score v0 is
the user's assessment, or 0.5 when it is not assessed. Its attackers are its objection and
rebuttal children and its argument children of polarity "attacks"; its supporters are its
claim and evidence children and its argument children of polarity "supports". With
F(v1..vn) = 1 − Π(1 − vi) (F() = 0), va = F(attackers' strengths), vs = F(supporters'):

    strength = v0 − v0·(va − vs)          if va ≥ vs
    strength = v0 + (1 − v0)·(vs − va)    otherwise

**An argument node** (one inference from linked premises) differs in its base only: its
premises (claim/evidence children) all have to hold, so its base is the weakest premise's
strength, times its own assessment when the user judged the inference itself. Its objection
children undercut the inference: they are its attackers as above, and it has no supporters.
Its premises are not supporters of its parent: the argument, with its own strength, is the
one supporter (or attacker) there.

**Standing** is the grounded labelling of the attack relation: objection/rebuttal → parent,
attacking argument → parent, undercut → argument; a linked argument also needs all its
premises (each premise p counts as attacking an auxiliary "p fails", which attacks the
argument). A node stands when every attacker falls (so a node nobody attacks stands), and
falls when an attacker that stands attacks it; an argument stands when all its premises
stand and no undercut stands, and falls otherwise. Supports never attack: a claim's
supporters change its strength, never its standing. On a tree the least fixed point is one
bottom-up pass and labels every node.

Everything here is iterative over flat arrays (maps may be 200,000 deep) and O(n) from
scratch; `Evaluation.update` recomputes only the changed nodes' ancestors, stopping where
nothing changes.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Protocol, cast

from argmap.core.model import ATTACKS, PREMISES, Kind

#: The base score of a node the user has not assessed.
UNASSESSED = 0.5
# The model's kinds (StrEnum: they equal, and hash as, their plain string values).
_ARGUMENT = Kind.ARGUMENT
_ATTACKING_KINDS = ATTACKS  # objection, rebuttal; an argument attacks by its polarity
_PREMISE_KINDS = PREMISES  # claim, evidence: an argument's premises, elsewhere supporters
_NO_PREMISE = 2.0  # above any strength: "no premise seen yet" in a running minimum


class EvalNode(Protocol):
    """What evaluation reads of a node (argmap.core.model.Node has it all)."""

    @property
    def id(self) -> str: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def order(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def polarity(self) -> str | None: ...
    @property
    def assessment(self) -> float | None: ...


# -- DF-QuAD, as the paper defines it -------------------------------------------------------
def aggregate(strengths: Iterable[float]) -> float:
    """F(v1..vn) = 1 − Π(1 − vi); F() = 0 (the paper's strength aggregation function)."""
    product = 1.0
    for value in strengths:
        product *= 1.0 - value
    return 1.0 - product


def combine(v0: float, va: float, vs: float) -> float:
    """The paper's combination function c(v0, va, vs)."""
    if va >= vs:
        return v0 - v0 * (va - vs)
    return v0 + (1.0 - v0) * (vs - va)


# -- roles ----------------------------------------------------------------------------------
def _attacks(kind: str, polarity: str | None) -> bool:
    return kind in _ATTACKING_KINDS or polarity == "attacks"


def is_premise(kind: str, parent_kind: str | None) -> bool:
    """A claim/evidence child of an argument node is one of its linked premises."""
    return parent_kind == _ARGUMENT and kind in _PREMISE_KINDS


def _node_value(argument: bool, assessment: float | None, attack_product: float,
                support_product: float, weakest_premise: float) -> tuple[float, float]:
    """(base, strength) of a node from its children's running aggregates."""
    if argument and weakest_premise <= 1.0:
        base = weakest_premise if assessment is None else weakest_premise * assessment
    else:
        base = UNASSESSED if assessment is None else assessment
    return base, combine(base, 1.0 - attack_product, 1.0 - support_product)


@dataclass(frozen=True)
class Impact:
    """One child in a why list: its strength, and how much its parent's strength would drop
    (positive impact) or rise (negative) if the child and its subtree were gone."""

    node_id: str
    strength: float
    impact: float


@dataclass(frozen=True)
class Why:
    node_id: str
    base: float
    strength: float
    children: tuple[Impact, ...]  # largest |impact| first, ties in outline order


class Evaluation:
    """Strength, base and standing of every node of a map, kept in flat arrays.

    Build it from a map's nodes (`Evaluation(amap.nodes)`); after an edit, call
    `update(ids, current)` with every id that was added, changed, moved or deleted (a deleted
    subtree's root is enough) and the map's nodes as they now are, by id.
    """

    def __init__(self, nodes: Sequence[EvalNode]):
        self._nodes: list[EvalNode | None] = list(nodes)
        # C-level loops where they exist: a 200,000-node map spends most of its time here.
        self._index: dict[str, int] = dict(zip([n.id for n in nodes], range(len(nodes)),
                                               strict=True))
        parents: list[str | None] = [n.parent for n in nodes]
        lookup = cast(Callable[[str | None, int], int], self._index.get)
        self._parent: list[int] = list(map(lookup, parents, repeat(-1)))  # roots: -1
        # Children as linked lists in two int arrays (first child, next sibling; -1: none),
        # built on the first update or why: no per-node list for the garbage collector to
        # walk, and an edit links or unlinks one entry.
        self._first: list[int] = []
        self._next: list[int] = []
        self._strength: list[float] = []
        self._base: list[float] = []
        self._stands: list[bool] = []
        self._evaluate_all(nodes)

    # -- queries ----------------------------------------------------------------------------
    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def strength(self, node_id: str) -> float:
        return self._strength[self._index[node_id]]

    def base(self, node_id: str) -> float:
        """The base score DF-QuAD started from (for an argument: from its premises)."""
        return self._base[self._index[node_id]]

    def stands(self, node_id: str) -> bool:
        return self._stands[self._index[node_id]]

    def why(self, node_id: str) -> Why:
        """The node's base and strength, and each child's strength and impact."""
        i = self._index[node_id]
        kids = sorted(self._kids_of(i), key=self._sibling_key)
        without = self._strengths_without_each(i, kids)
        strength = self._strength[i]
        impacts = [Impact(self._id(k), self._strength[k], strength - w)
                   for k, w in zip(kids, without, strict=True)]
        # Stable, so ties (to 12 places: float noise is no reason to reorder) keep outline order.
        impacts.sort(key=lambda entry: -round(abs(entry.impact), 12))
        return Why(node_id, self._base[i], strength, tuple(impacts))

    # -- from scratch -----------------------------------------------------------------------
    def _evaluate_all(self, nodes: Sequence[EvalNode]) -> None:
        """One bottom-up pass: each node is finished from its children's running aggregates,
        then folds its own value into its parent's (DF-QuAD's `combine`, inlined for speed:
        200,000 nodes in well under a second)."""
        parent = self._parent
        n = len(nodes)
        kind = [node.kind for node in nodes]
        argument = [k == _ARGUMENT for k in kind]
        # What each node is to its parent: 0 supporter, 1 attacker, 2 premise (roots: 0).
        role = [1 if k in _ATTACKING_KINDS else 0 for k in kind]
        if any(argument):
            for i in compress(range(n), argument):
                if nodes[i].polarity == "attacks":
                    role[i] = 1
            for i, p in enumerate(parent):
                if p >= 0 and argument[p] and kind[i] in _PREMISE_KINDS:
                    role[i] = 2
        assessment = [node.assessment for node in nodes]
        plain_base = [UNASSESSED if a is None else a for a in assessment]
        inference = [1.0 if a is None else a for a in assessment]  # an argument's own factor
        attack_product = [1.0] * n
        support_product = [1.0] * n
        weakest = [_NO_PREMISE] * n
        attacked = [False] * n  # an attacker (or undercut) that stands
        premise_falls = [False] * n
        strength = [0.0] * n
        base = [0.0] * n
        stands = [False] * n
        for i in self._bottom_up():
            w = weakest[i]  # at most 1.0 only for an argument with premises
            b = plain_base[i] if w > 1.0 else w * inference[i]
            d = support_product[i] - attack_product[i]  # va − vs, as 1 − x − (1 − y) = y − x
            s = b - b * d if d >= 0.0 else b - (1.0 - b) * d
            up = not attacked[i] and not premise_falls[i]
            base[i] = b
            strength[i] = s
            stands[i] = up
            p = parent[i]
            if p < 0:
                continue
            r = role[i]
            if r == 0:
                support_product[p] *= 1.0 - s
            elif r == 1:
                attack_product[p] *= 1.0 - s
                if up:
                    attacked[p] = True
            else:
                if s < weakest[p]:
                    weakest[p] = s
                if not up:
                    premise_falls[p] = True
        self._strength, self._base, self._stands = strength, base, stands

    def _bottom_up(self) -> Iterable[int]:
        """Every node after all of its descendants: reversed input order when each parent
        comes before its children (maps from the library and from files are in pre-order),
        else a reversed breadth-first order."""
        parent = self._parent
        if all(p < i for i, p in enumerate(parent)):
            return range(len(parent) - 1, -1, -1)
        self._link_all()
        order = [i for i, p in enumerate(parent) if p < 0]
        for i in order:  # grows while it is read: breadth-first
            order.extend(self._kids_of(i))
        order.reverse()
        return order

    # -- one node from its children ---------------------------------------------------------
    def _recompute(self, i: int) -> bool:
        """Recompute node i from its children; True if its strength or standing changed."""
        node = self._nodes[i]
        assert node is not None
        argument = node.kind == _ARGUMENT
        attack_product = support_product = 1.0
        weakest = _NO_PREMISE
        attacked = premise_falls = False
        nxt = self._next
        k = self._first[i]
        while k >= 0:
            child = self._nodes[k]
            assert child is not None
            s, up = self._strength[k], self._stands[k]
            if argument and child.kind in _PREMISE_KINDS:
                weakest = min(weakest, s)
                premise_falls = premise_falls or not up
            elif _attacks(child.kind, child.polarity):
                attack_product *= 1.0 - s
                attacked = attacked or up
            else:
                support_product *= 1.0 - s
            k = nxt[k]
        b, s = _node_value(argument, node.assessment, attack_product, support_product, weakest)
        up = not attacked and not (argument and premise_falls)
        changed = not (s == self._strength[i] and up == self._stands[i])  # NaN: changed
        self._base[i], self._strength[i], self._stands[i] = b, s, up
        return changed

    def _strengths_without_each(self, i: int, kids: list[int]) -> list[float]:
        """Node i's strength with each child (and its subtree) removed in turn: O(children),
        with prefix and suffix aggregates, so a node of 10,000 children stays cheap."""
        node = self._nodes[i]
        assert node is not None
        argument = node.kind == _ARGUMENT
        # Per child: its factor in the attack product, the support product and the premise
        # minimum (the neutral 1.0 / 1.0 / _NO_PREMISE where it plays no part).
        factors: list[tuple[float, float, float]] = []
        for k in kids:
            child = self._nodes[k]
            assert child is not None
            s = self._strength[k]
            if argument and child.kind in _PREMISE_KINDS:
                factors.append((1.0, 1.0, s))
            elif _attacks(child.kind, child.polarity):
                factors.append((1.0 - s, 1.0, _NO_PREMISE))
            else:
                factors.append((1.0, 1.0 - s, _NO_PREMISE))
        count = len(factors)
        prefix = [(1.0, 1.0, _NO_PREMISE)]
        for a, b, m in factors:
            pa, pb, pm = prefix[-1]
            prefix.append((pa * a, pb * b, min(pm, m)))
        suffix = [(1.0, 1.0, _NO_PREMISE)] * (count + 1)
        for j in range(count - 1, -1, -1):
            a, b, m = factors[j]
            sa, sb, sm = suffix[j + 1]
            suffix[j] = (sa * a, sb * b, min(sm, m))
        out = []
        for j in range(count):
            pa, pb, pm = prefix[j]
            sa, sb, sm = suffix[j + 1]
            out.append(_node_value(argument, node.assessment, pa * sa, pb * sb, min(pm, sm))[1])
        return out

    # -- incremental ------------------------------------------------------------------------
    def update(self, node_ids: Iterable[str], current: Mapping[str, EvalNode]) -> set[str]:
        """Bring the evaluation up to date after an edit and return the ids whose strength or
        standing changed (new nodes included). `node_ids`: every node added, changed (kind,
        polarity, assessment), moved or deleted; `current`: the map's nodes now, by id (an id
        missing from it was deleted, with its subtree)."""
        self._link_all()
        dirty: set[int] = set()
        deleted: list[int] = []
        placed: list[tuple[int, EvalNode]] = []
        for node_id in dict.fromkeys(node_ids):
            node = current.get(node_id)
            i = self._index.get(node_id)
            if node is None:
                if i is not None:
                    deleted.append(i)
                continue
            if i is None:
                i = len(self._nodes)
                self._index[node_id] = i
                self._nodes.append(node)
                self._parent.append(-1)
                self._first.append(-1)
                self._next.append(-1)
                self._strength.append(math.nan)
                self._base.append(math.nan)
                self._stands.append(False)
            else:
                self._nodes[i] = node
            placed.append((i, node))
            dirty.add(i)
        for i, node in placed:  # parents after every new node has an index
            new_parent = -1 if node.parent is None else self._index[node.parent]
            old_parent = self._parent[i]
            if new_parent != old_parent:
                if old_parent >= 0:
                    self._unlink(i, old_parent)
                    dirty.add(old_parent)
                if new_parent >= 0:
                    self._next[i] = self._first[new_parent]
                    self._first[new_parent] = i
                self._parent[i] = new_parent
            if new_parent >= 0:
                dirty.add(new_parent)
        for i in deleted:
            if self._nodes[i] is not None:
                dirty.add(self._parent[i])
                self._remove_subtree(i)
        dirty = {i for i in dirty if i >= 0 and self._nodes[i] is not None}
        return {self._id(i) for i in self._propagate(dirty)}

    def _propagate(self, dirty: set[int]) -> list[int]:
        """Recompute the dirty nodes deepest first, each at most once, walking up from every
        node whose value changed; return the nodes whose value changed."""
        depth = self._depths(dirty)
        heap = [(-depth[i], i) for i in dirty]
        heapq.heapify(heap)
        queued = set(dirty)
        changed = []
        while heap:
            neg_depth, i = heapq.heappop(heap)
            queued.discard(i)
            if self._recompute(i):
                changed.append(i)
                p = self._parent[i]
                if p >= 0 and p not in queued:
                    queued.add(p)
                    heapq.heappush(heap, (neg_depth + 1, p))
        return changed

    def _depths(self, targets: Iterable[int]) -> dict[int, int]:
        """Depth of each target, walking up with memoisation: O(depth) for the first, and a
        pasted subtree's nodes mostly stop at their parent."""
        depth: dict[int, int] = {}
        for start in targets:
            path = []
            i = start
            while i >= 0 and i not in depth:
                path.append(i)
                i = self._parent[i]
            d = -1 if i < 0 else depth[i]
            for j in reversed(path):
                d += 1
                depth[j] = d
        return depth

    def _remove_subtree(self, top: int) -> None:
        p = self._parent[top]
        if p >= 0:
            self._unlink(top, p)
        stack = [top]
        while stack:
            i = stack.pop()
            stack.extend(self._kids_of(i))
            node = self._nodes[i]
            if node is not None:
                del self._index[node.id]
            self._nodes[i] = None
            self._first[i] = self._next[i] = self._parent[i] = -1

    # -- helpers ----------------------------------------------------------------------------
    def _link_all(self) -> None:
        """Build the children links (once: before the first update every node is alive)."""
        if self._first or not self._nodes:
            return
        n = len(self._nodes)
        first, nxt = [-1] * n, [-1] * n
        for i in range(n - 1, -1, -1):  # linking in reverse keeps each child list in input order
            p = self._parent[i]
            if p >= 0:
                nxt[i] = first[p]
                first[p] = i
        self._first, self._next = first, nxt

    def _kids_of(self, i: int) -> list[int]:
        self._link_all()
        out = []
        k = self._first[i]
        while k >= 0:
            out.append(k)
            k = self._next[k]
        return out

    def _unlink(self, i: int, p: int) -> None:
        """Take i out of p's child list: O(siblings before it)."""
        nxt = self._next
        if self._first[p] == i:
            self._first[p] = nxt[i]
        else:
            k = self._first[p]
            while nxt[k] != i:
                k = nxt[k]
            nxt[k] = nxt[i]
        nxt[i] = -1

    def _id(self, i: int) -> str:
        node = self._nodes[i]
        assert node is not None
        return node.id

    def _sibling_key(self, i: int) -> tuple[int, str]:
        node = self._nodes[i]
        assert node is not None
        return (node.order, node.id)
