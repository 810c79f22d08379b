"""From a parsed Argdown document to argmap's tree: the import policies for Argdown.

Statements are grouped by title (Argdown's equivalence classes) and arguments by title; each
group is one node. Relations become links (support and entails: supporting child; attack,
contrary, contradictory and undercut: attacking child). A premise–conclusion structure hangs
its premises under its argument and the argument under its main conclusion. graph_tree then
makes the tree. Every departure from the file is counted in the LossReport.
"""

from __future__ import annotations

from argmap.core.model import ArgumentMap
from argmap.formats.argdown_doc import Document, bounded_json
from argmap.formats.graph_tree import GraphNode, Link, build_tree
from argmap.formats.loss import LossReport


def build_map(doc: Document, title: str, report: LossReport, name: str) -> ArgumentMap:
    nodes: list[GraphNode] = []
    links: list[tuple[int, Link]] = []
    extra = untitled = 0
    for key, st in doc.statements.items():
        hint = st.hint or {}
        wordings = st.wordings
        text = wordings[0] if wordings else (st.title.strip() or "(untitled)")
        untitled += not wordings
        exact = hint.get("text")
        if isinstance(exact, str) and exact.strip() and exact.split() == text.split():
            text = exact.strip()
        source = hint.get("source")
        nodes.append(GraphNode(
            key=key,
            text=text,
            id_hint=hint["id"] if isinstance(hint.get("id"), str) else None,  # type: ignore[arg-type]
            kind_hint=hint["kind"] if isinstance(hint.get("kind"), str) else None,  # type: ignore[arg-type]
            source=source if isinstance(source, dict) else None,
            tags=st.tags or [],
            where=f"line {st.lines[0] if st.lines else st.line}",
        ))
        for j, other in enumerate(wordings[1:], start=1):
            wording = f"{key}~{j}"
            while wording in doc.statements:  # a title may look like a wording's key
                wording += "~"
            nodes.append(GraphNode(key=wording, text=other, where=f"line {st.lines[j]}"))
            links.append((0, Link(wording, key, attack=False)))
            extra += 1

    inference_of: dict[str, str] = {}
    flattened = rules = pcs_count = 0
    for pcs in doc.pcs:
        pcs_count += 1
        rules += pcs.inference_rules
        conclusion = pcs.conclusions[-1][0]
        flattened += len(pcs.conclusions) - 1
        if pcs.argument is not None:
            arg = pcs.argument
            links.append((pcs.line, Link(arg, conclusion, attack=False)))
        else:
            arg = conclusion
        for holder in pcs.inferences:
            inference_of[holder] = arg
        for premise, line in [*pcs.premises, *pcs.conclusions[:-1]]:
            links.append((line, Link(premise, arg, attack=False)))

    undercuts = contradictions = 0
    for rel in doc.relations:
        src = inference_of.get(rel.source, rel.source)
        dst = inference_of.get(rel.target, rel.target)
        undercuts += rel.type == "undercut"
        contradictions += rel.type == "contradictory"
        links.append((rel.line, Link(src, dst, attack=rel.type != "support")))
    links.sort(key=lambda pair: pair[0])

    report.add("undercut became an attack on its argument", "undercuts became attacks on their arguments",
               undercuts)
    report.add("contradiction (><) became an attack", "contradictions (><) became attacks",
               contradictions)
    report.add("argument reconstruction (PCS) became premises under its argument",
               "argument reconstructions (PCS) became premises under their arguments", pcs_count)
    report.add("intermediary conclusion became a premise", "intermediary conclusions became premises",
               flattened)
    report.add("inference rule dropped", "inference rules dropped", rules)
    report.add("extra wording of a titled statement became its supporting child",
               "extra wordings of titled statements became their supporting children", extra)
    report.add("statement or argument without text took its title as text",
               "statements or arguments without text took their titles as text", untitled)
    report.add("heading (section) dropped", "headings (sections) dropped", len(doc.headings))
    report.add("list read as plain statements", "lists read as plain statements", doc.lists)
    report.add("statement lost its formatting (bold, italic, links, special characters)",
               "statements lost their formatting (bold, italic, links, special characters)",
               doc.formatted)
    report.add("statement's tags kept only as text", "statements' tags kept only as text",
               doc.tagged)
    report.add("data block other than argmap's ignored", "data blocks other than argmap's ignored",
               doc.foreign_data)
    if doc.front_matter and not _own_front_matter(doc.front_matter):
        report.note("front matter settings ignored (title kept)")
    return build_tree(title, nodes, [link for _line, link in links], report, name)


def _own_front_matter(front: str) -> bool:
    value = bounded_json(front.strip("=").strip())
    return isinstance(value, dict) and value.get("argmap") == 1
