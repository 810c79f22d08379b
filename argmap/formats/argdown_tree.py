"""From a parsed Argdown document to argmap's tree: the import policies for Argdown.

Statements are grouped by title (Argdown's equivalence classes) and arguments by title; each
group is one node. Relations become links (support and entails: supporting child; attack,
contrary, contradictory and undercut: attacking child). An argument with a premise–conclusion
structure becomes an argument node (linked premises) under its main conclusion: its premises
are its children, an undercut of it (or of its inference) is an objection under it, and its
own outgoing relations are its main conclusion's, as Argdown derives them. argmap's attacking
arguments come back from the `[Not …]` conclusion the export writes for them. graph_tree then
makes the tree. Every departure from the file is counted in the LossReport.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.core.model import ArgumentMap, Kind, Node
from argmap.formats.argdown_doc import Document, Pcs, Statement, bounded_json
from argmap.formats.graph_tree import GraphNode, Link, build_tree
from argmap.formats.loss import LossReport

#: The text of an argument reconstructed with no title above its premises.
UNTITLED_ARGUMENT = "Untitled argument"


@dataclass
class _Arguments:
    """The reconstructed arguments of a document: argument key -> its premise–conclusion
    structure, its main conclusion, and (argmap's attacking arguments) what it attacks."""

    pcs: dict[str, Pcs] = field(default_factory=dict)
    conclusion: dict[str, str] = field(default_factory=dict)
    attacks: dict[str, str] = field(default_factory=dict)
    anonymous: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> _Arguments:
        out = cls()
        for i, pcs in enumerate(doc.pcs):
            key = pcs.argument
            if key is None or key in out.pcs:  # a second PCS of one argument: an argument of its own
                key = f"p#{i}"
                out.anonymous.append(key)
            out.pcs[key] = pcs
            out.conclusion[key] = pcs.conclusions[-1][0]
        out._negations(doc)
        return out

    def _negations(self, doc: Document) -> None:
        """argmap's attacking argument: its conclusion is a statement whose data says which
        node it negates, used nowhere else, and the argument attacks one statement."""
        candidates = {c for a, c in self.conclusion.items()
                      if "negates" in (doc.statements[c].hint or {})}
        if not candidates:
            return
        used: dict[str, int] = {}
        for pcs in doc.pcs:
            for key, _line in (*pcs.premises, *pcs.conclusions):
                used[key] = used.get(key, 0) + 1
        out: dict[str, set[tuple[str, str]]] = {}
        for rel in doc.relations:
            used[rel.target] = used.get(rel.target, 0) + (rel.target in candidates)
            used[rel.source] = used.get(rel.source, 0) + (rel.source in candidates)
            if rel.source in self.pcs:
                out.setdefault(rel.source, set()).add((rel.target, rel.type))
        for arg, conclusion in self.conclusion.items():
            targets = out.get(arg, set())
            if conclusion in candidates and used.get(conclusion) == 1 and len(targets) == 1:
                [(target, rtype)] = targets
                if rtype == "attack" and target not in self.pcs:
                    self.attacks[arg] = target


def build_map(doc: Document, title: str, report: LossReport, name: str) -> ArgumentMap:
    args = _Arguments.of(doc)
    negations = {args.conclusion[a] for a in args.attacks}
    nodes: list[GraphNode] = []
    links: list[tuple[int, Link]] = []
    orders: dict[str, int] = {}
    extra = untitled = 0
    dropped_titles: dict[bool, list[str]] = {False: [], True: []}
    for key, st in doc.statements.items():
        if key in negations:
            continue
        hint = st.hint or {}
        wordings = st.wordings
        is_argument = key.startswith("a")
        if key in args.pcs and not wordings:
            text = st.title.strip() or UNTITLED_ARGUMENT
        else:
            text = wordings[0] if wordings else (st.title.strip() or "(untitled)")
            untitled += not wordings
        if st.title and wordings and "id" not in hint:
            dropped_titles[is_argument].append(st.title)
        exact = hint.get("text")
        if isinstance(exact, str) and exact.strip() and exact.split() == text.split():
            text = exact.strip()
        nodes.append(_graph_node(key, text, st, args))
        node_id, order = hint.get("id"), hint.get("order")
        if isinstance(node_id, str) and isinstance(order, int) and not isinstance(order, bool):
            orders[node_id] = order
        for j, other in enumerate(wordings[1:], start=1):
            wording = f"{key}~{j}"
            while wording in doc.statements:  # a title may look like a wording's key
                wording += "~"
            nodes.append(GraphNode(key=wording, text=other, where=f"line {st.lines[j]}"))
            links.append((0, Link(wording, key, attack=False)))
            extra += 1
    for key in args.anonymous:
        nodes.append(GraphNode(key=key, text=UNTITLED_ARGUMENT, polarity="supports",
                               where=f"line {args.pcs[key].line}"))

    inference_of: dict[str, str] = {}
    # an undercut of a statement that concludes an argument (or one step of it) undercuts
    # that inference (the CLI reads `<_` under a PCS's conclusion so)
    concluding: dict[str, str] = {}
    rules = 0
    taken = set(doc.statements) | set(args.pcs)
    for arg, pcs in args.pcs.items():
        rules += pcs.inference_rules
        steps = _steps(arg, pcs, doc, taken)
        for number, (step, step_premises, conclusion) in enumerate(steps, start=1):
            if step != arg:
                nodes.append(GraphNode(key=step, text=_step_text(doc, arg, number, len(steps)),
                                       polarity="supports", where=f"line {pcs.line}"))
            for premise, line in step_premises:
                links.append((line, Link(premise, step, attack=False)))
            concluding.setdefault(conclusion, step)
        for holder, index in pcs.inferences:
            inference_of[holder] = steps[min(index, len(steps) - 1)][0]
        if arg in args.attacks:
            links.append((pcs.line, Link(arg, args.attacks[arg], attack=True)))
        else:
            links.append((pcs.line, Link(arg, args.conclusion[arg], attack=False)))
        for step, _premises, conclusion in steps[:-1]:
            links.append((pcs.line, Link(step, conclusion, attack=False)))

    inference_steps = set(args.pcs) | {n.key for n in nodes if n.polarity is not None}
    plain_undercuts = contradictions = at_premise = 0
    for rel in doc.relations:
        src = inference_of.get(rel.source, rel.source)
        dst = inference_of.get(rel.target, rel.target)
        if rel.type == "undercut" and dst not in inference_steps and dst in concluding:
            dst = concluding[dst]
        if src in args.pcs:  # Argdown: an argument's relations are its main conclusion's
            if src in args.attacks:
                continue  # the attack is the argument's own link
            src = args.conclusion[src]
            if dst == src and rel.type == "support":
                continue  # `+ <A>` under A's own conclusion: the argument's link
        if dst in args.pcs and rel.type != "undercut":
            dst = args.pcs[dst].premises[0][0]  # supporting or attacking an argument: a premise
            at_premise += 1
        plain_undercuts += rel.type == "undercut" and dst not in inference_steps
        contradictions += rel.type == "contradictory"
        links.append((rel.line, Link(src, dst, attack=rel.type != "support")))
    links.sort(key=lambda pair: pair[0])

    report.add("objection to reasoning (undercut) became a plain objection: it aims at a "
               "statement or at an argument without premises",
               "objections to reasoning (undercuts) became plain objections: they aim at "
               "statements or at arguments without premises", plain_undercuts)
    report.add("support or attack aimed at a whole argument now aims at its first premise",
               "supports or attacks aimed at whole arguments now aim at their first premises",
               at_premise)
    report.add("statement marked as contradicting another (><) became an objection to it",
               "statements marked as contradicting others (><) became objections to them",
               contradictions)
    report.add("name of an inference rule (between the -- lines) dropped",
               "names of inference rules (between the -- lines) dropped", rules)
    report.add("extra wording of a titled statement became its supporting child",
               "extra wordings of titled statements became their supporting children", extra)
    report.add("statement or argument without text took its title as text",
               "statements or arguments without text took their titles as text", untitled)
    _titles_dropped(report, dropped_titles)
    report.add("heading (section) dropped", "headings (sections) dropped", len(doc.headings))
    report.add("list read as plain statements", "lists read as plain statements", doc.lists)
    report.add("statement lost its formatting (bold, italic, links, special characters)",
               "statements lost their formatting (bold, italic, links, special characters)",
               doc.formatted)
    report.add("statement's tags kept only as text", "statements' tags kept only as text",
               doc.tagged)
    report.add("data block other than argmap's and assessments ignored",
               "data blocks other than argmap's and assessments ignored", doc.foreign_data)
    if doc.front_matter and not _own_front_matter(doc.front_matter):
        report.note("front matter settings ignored (title kept)")
    if _plain_text(doc):
        n = len(doc.statements)
        report.note(f"the file holds no Argdown (no titles, relations or arguments): its text "
                    f"became {n} plain statement{'s' if n != 1 else ''}")
    amap = build_tree(title, nodes, [link for _line, link in links], report, name)
    return _argument_orders(amap, orders) if orders else amap


def _steps(arg: str, pcs: Pcs, doc: Document,
           taken: set[str]) -> list[tuple[str, list[tuple[str, int]], str]]:
    """The inferential steps of a premise–conclusion structure, first to last: (the key of
    its argument node, its premises, its conclusion). The last step is the argument itself;
    each earlier one is an argument of its own under its intermediate conclusion, and that
    conclusion is a premise of the next step, as Argdown reads a multi-step argument."""
    out: list[tuple[str, list[tuple[str, int]], str]] = []
    premises = iter(pcs.premises)
    pending = next(premises, None)
    previous: tuple[str, int] | None = None
    for index, (conclusion, line) in enumerate(pcs.conclusions):
        mine = [previous] if previous is not None else []
        while pending is not None and pending[1] < line:
            mine.append(pending)
            pending = next(premises, None)
        if index == len(pcs.conclusions) - 1:
            key = arg
        else:
            key = f"{arg}~step{index + 1}"
            while key in taken:
                key += "~"
            taken.add(key)
        out.append((key, mine, conclusion))
        previous = (conclusion, line)
    return out


def _step_text(doc: Document, arg: str, number: int, total: int) -> str:
    """An intermediate step's text: which step of which argument it is."""
    st = doc.statements.get(arg)
    name = (st.title.strip() if st is not None else "") or UNTITLED_ARGUMENT
    return f"{name}: step {number} of {total}"


def _graph_node(key: str, text: str, st: Statement, args: _Arguments) -> GraphNode:
    hint = st.hint or {}
    source = hint.get("source")
    polarity = None
    if key in args.pcs:
        polarity = "attacks" if key in args.attacks else "supports"
    return GraphNode(
        key=key,
        text=text,
        id_hint=hint["id"] if isinstance(hint.get("id"), str) else None,  # type: ignore[arg-type]
        kind_hint=hint["kind"] if isinstance(hint.get("kind"), str) else None,  # type: ignore[arg-type]
        source=source if isinstance(source, dict) else None,
        tags=st.tags or [],
        polarity=polarity,  # type: ignore[arg-type]
        assessment=hint.get("assessment"),
        where=f"line {st.lines[0] if st.lines else st.line}",
    )


def _titles_dropped(report: LossReport, dropped: dict[bool, list[str]]) -> None:
    """Titles of statements and arguments not written by argmap (its own are made from the
    text again on export): argmap's boxes have no titles."""
    for is_argument, found in dropped.items():
        if not found:
            continue
        example = f"<{found[0]}>" if is_argument else f"[{found[0]}]"
        what = "argument" if is_argument else "statement"
        report.add(f"{what} title not kept ({example}): argmap's boxes have no titles",
                   f"{what} titles not kept (such as {example}): argmap's boxes have no titles",
                   len(found))


def _plain_text(doc: Document) -> bool:
    """True when the file is text with no Argdown in it (it still parses: as statements)."""
    return bool(doc.statements) and not (
        doc.relations or doc.pcs or doc.headings or doc.front_matter or doc.foreign_data
        or any(st.title or st.hint for st in doc.statements.values()))


def _argument_orders(amap: ArgumentMap, orders: dict[str, int]) -> ArgumentMap:
    """The sibling order of an argument's children, as argmap's data gives it (the file lists
    premises first and undercuts after)."""
    by_id = amap.by_id()
    out: list[Node] = []
    for node in amap.nodes:
        up = by_id.get(node.parent or "")
        if node.id in orders and up is not None and up.kind is Kind.ARGUMENT:
            node = node.model_copy(update={"order": max(0, min(orders[node.id], 1_000_000))})
        out.append(node)
    return ArgumentMap(info=amap.info, nodes=tuple(out))


def _own_front_matter(front: str) -> bool:
    """True when the front matter holds nothing argmap drops: argmap's own, or a title only."""
    body = front.strip("=").strip()
    value = bounded_json(body)
    if isinstance(value, dict):
        return value.get("argmap") == 1 or set(value) == {"title"}
    return _TITLE_ONLY.fullmatch(body) is not None


_TITLE_ONLY = re.compile(r"title:[^\n]*")
