"""AIF-JSON (Argument Interchange Format, as AIFdb, OVA3 and the public corpora write it).

Export: one I-node per node but argument nodes, an RA ("Default Inference") per supporting
link and a CA ("Default Conflict") per attacking link, each S-node with edges premise -> S ->
conclusion; an argument node is one RA (supports) or CA (attacks) with an edge from every
premise, and an objection under it is a CA aimed at that S-node (an undercut). argmap's id,
kind, parent, order, polarity, assessment and source ride along in an `argmap` field of each
I-node and argument S-node (AIF readers ignore unknown fields), and the map's title in a
top-level `argmap` field, so re-import is exact.

Import reads plain AIF ({nodes, edges, locutions}), AIFdb exports and OVA3 saves
({"AIF": …, "OVA": …}); every I-node becomes a node with its text, whatever the graph's
shape; RA/CA nodes with several premises or aimed at become argument nodes (aif_links.py);
each policy (rephrases, attacks on inferences that cannot stay undercuts, several
conclusions, the dialogue layer) is counted in the LossReport.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from argmap.core.errors import MapFileError, excerpt
from argmap.core.mapfile_sources import source_json
from argmap.core.model import MAX_NODES, PREMISES, ArgumentMap, Kind, Node, Polarity
from argmap.formats.aif_links import SCHEMES as _SCHEMES
from argmap.formats.aif_links import scheme_links
from argmap.formats.aif_text import ova_text
from argmap.formats.graph_tree import GraphNode, build_tree
from argmap.formats.loss import LossReport, add_record_losses
from argmap.formats.options import ExportOptions, Progress, write_text
from argmap.formats.registry import AIF

_DIALOGUE = frozenset({"L", "YA", "TA"})
_NAMES = {"RA": "Default Inference", "CA": "Default Conflict"}
MAX_EDGES = 4 * MAX_NODES


# -- export ---------------------------------------------------------------------------------
def aif_dict(amap: ArgumentMap, report: LossReport | None = None) -> dict[str, Any]:
    """The AIF-JSON object of a map (I-nodes and argument S-nodes in pre-order, then one
    S-node per other link)."""
    report = report if report is not None else LossReport()
    stamp = amap.info.modified.strftime("%Y-%m-%d %H:%M:%S")
    nodes: list[dict[str, Any]] = []
    schemes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    by_id = amap.by_id()

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e_{len(edges)}", "fromID": src, "toID": dst, "formEdgeID": None})

    for node, _depth in amap.preorder():
        extra = _extra(node)
        if node.kind is Kind.ARGUMENT:  # one RA/CA: every premise flows into it
            kind = "CA" if node.attacks else "RA"
            nodes.append({"nodeID": _sid(node), "text": node.text, "type": kind,
                          "timestamp": stamp, "scheme": _NAMES[kind], "argmap": extra})
            edge(_sid(node), str(node.parent))
            continue
        nodes.append({"nodeID": node.id, "text": node.text, "type": "I", "timestamp": stamp,
                      "argmap": extra})
        if node.parent is None:
            continue
        up = by_id[node.parent]
        target = _sid(up) if up.kind is Kind.ARGUMENT else node.parent
        if up.kind is Kind.ARGUMENT and node.kind in PREMISES:
            edge(node.id, target)  # a premise of the argument's S-node
            continue
        attack = node.attacks
        sid = f"{'ca' if attack else 'ra'}_{node.id}"  # "_" never occurs in argmap ids
        name = _NAMES["CA" if attack else "RA"]
        schemes.append({"nodeID": sid, "text": name, "type": "CA" if attack else "RA",
                        "timestamp": stamp, "scheme": name})
        edge(node.id, sid)
        edge(sid, target)
    sourced = sum(1 for n in amap.nodes if n.source is not None)
    report.add("source kept only in an argmap field (AIF has no place for it)",
               "sources kept only in argmap fields (AIF has no place for them)", sourced)
    add_record_losses(report, amap.sources, "AIF")
    return {
        "nodes": nodes + schemes,
        "edges": edges,
        "locutions": [],
        "argmap": {"format": "argmap-aif", "version": 1,
                   "map": amap.info.model_dump(mode="json")},
    }


def _sid(node: Node) -> str:
    """An argument node's S-node id ("_" never occurs in argmap ids)."""
    return f"{'ca' if node.attacks else 'ra'}_{node.id}"


def _extra(node: Node) -> dict[str, Any]:
    extra: dict[str, Any] = {"id": node.id, "kind": node.kind.value, "parent": node.parent,
                             "order": node.order}
    if node.polarity is not None:
        extra["polarity"] = node.polarity
    if node.assessment is not None:
        extra["assessment"] = node.assessment
    if node.source is not None:
        extra["source"] = source_json(node.source, 1)
    return extra


def dumps_aif(amap: ArgumentMap, report: LossReport | None = None) -> str:
    return json.dumps(aif_dict(amap, report), ensure_ascii=False, indent=1) + "\n"


def write_aif(amap: ArgumentMap, path: str | os.PathLike[str], _options: ExportOptions,
             _progress: Progress | None = None) -> list[str]:
    """The AIF JSON file (registry.AIF), written whole or not at all; what it lost."""
    report = LossReport()
    write_text(path, dumps_aif(amap, report))
    return report.lines()


# -- import ---------------------------------------------------------------------------------
def looks_like_aif(raw: object) -> bool:
    """AIF by content: a nodes list whose entries carry nodeID, or an OVA3 save."""
    if not isinstance(raw, dict):
        return False
    body = raw.get("AIF") if isinstance(raw.get("AIF"), dict) else raw
    if not isinstance(body, dict):
        return False
    nodes = body.get("nodes")
    if not isinstance(nodes, list):
        return False
    if nodes:
        return isinstance(nodes[0], dict) and "nodeID" in nodes[0]
    return isinstance(body.get("edges"), list)  # an empty AIFdb export: nodes, edges, locutions


def parse_aif(raw: object, name: str, report: LossReport | None = None) -> ArgumentMap:
    """Build and validate a whole map from parsed AIF JSON; MapFileError says what and where."""
    report = report if report is not None else LossReport()
    if not looks_like_aif(raw):
        raise MapFileError(name, "not an AIF file: no list of nodes with nodeID")
    assert isinstance(raw, dict)
    body: dict[str, Any] = raw["AIF"] if isinstance(raw.get("AIF"), dict) else raw
    nodes_raw = body.get("nodes")
    edges_raw = body.get("edges", [])
    if not isinstance(nodes_raw, list) or not isinstance(edges_raw, list):
        raise MapFileError(name, 'not an AIF file: "nodes" and "edges" must be lists')
    if len(nodes_raw) > MAX_NODES or len(edges_raw) > MAX_EDGES:
        raise MapFileError(name, f"too large: {len(nodes_raw)} nodes, {len(edges_raw)} edges")

    types: dict[str, str] = {}
    inodes: list[tuple[str, dict[str, Any]]] = []
    snodes: dict[str, tuple[int, dict[str, Any]]] = {}
    position: dict[str, int] = {}
    for i, node in enumerate(nodes_raw):
        if not isinstance(node, dict):
            raise MapFileError(name, "an AIF node is not a JSON object", f"nodes[{i}]")
        nid = _ident(node.get("nodeID"))
        kind = node.get("type")
        if nid is None or not isinstance(kind, str):
            raise MapFileError(name, "an AIF node lacks a nodeID or type", f"nodes[{i}]")
        if nid in types:
            raise MapFileError(name, f"duplicate nodeID {excerpt(nid)}", f"nodes[{i}]")
        types[nid] = kind
        position[nid] = i
        if kind == "I":
            inodes.append((nid, node))
        elif kind in _SCHEMES:
            snodes[nid] = (i, node)

    into: dict[str, list[str]] = {}  # S-node -> its sources, in edge order
    out_of: dict[str, list[str]] = {}  # S-node -> its targets
    dangling = 0
    for i, edge in enumerate(edges_raw):
        if not isinstance(edge, dict):
            raise MapFileError(name, "an AIF edge is not a JSON object", f"edges[{i}]")
        src, dst = _ident(edge.get("fromID")), _ident(edge.get("toID"))
        if src is None or dst is None:
            raise MapFileError(name, "an AIF edge lacks fromID or toID", f"edges[{i}]")
        if src not in types or dst not in types:
            dangling += 1
            continue
        if types[dst] in _SCHEMES:
            into.setdefault(dst, []).append(src)
        if types[src] in _SCHEMES:
            out_of.setdefault(src, []).append(dst)

    graph, empty = _graph_nodes(inodes)
    analysed = ova_text(raw, types, edges_raw, name, report)  # an OVA3 save's text: a source
    if analysed is not None:
        graph = analysed.cite(graph)
    marked = {s for s, (_i, n) in snodes.items()
              if isinstance(n.get("argmap"), dict) and n["argmap"].get("kind") == "argument"}
    found = scheme_links(types, into, out_of, marked)
    links, counts = found.links, found.counts
    graph = sorted(graph + _argument_nodes(found.arguments, snodes), key=lambda g: position[g.key])
    dialogue = sum(1 for t in types.values() if t in _DIALOGUE)
    other = sum(1 for t in types.values() if t != "I" and t not in _DIALOGUE and t not in _SCHEMES)
    has_link = {link.child for link in links} | {link.parent for link in links}
    isolated = sum(1 for g in graph if g.key not in has_link and g.polarity is None)

    report.add('statement without text (I-node) got the text "(empty)"',
               'statements without text (I-nodes) got the text "(empty)"', empty)
    report.add("linked argument with several conclusions kept the first; its premises support "
               "the others one by one", "linked arguments with several conclusions kept the "
               "first; their premises support the others one by one", counts["several"])
    report.add("rephrasing of a statement (MA) became its supporting child",
               "rephrasings of statements (MA) became their supporting children",
               counts["MA"])
    report.add("support aimed at an argument's reasoning became one more premise of it",
               "supports aimed at arguments' reasoning became more premises of them",
               counts["inference_support"])
    report.add("attack or support aimed at a reasoning step (undercut) now aims at the step's "
               "first premise", "attacks or supports aimed at reasoning steps (undercuts) now "
               "aim at the steps' first premises",
               counts["on_RA"])
    report.add("attack or support aimed at an objection's link (CA) now aims at the objection",
               "attacks or supports aimed at objections' links (CA) now aim at the objections",
               counts["on_CA"])
    report.add("reasoning or conflict step without a premise or conclusion (S-node) dropped",
               "reasoning or conflict steps without a premise or conclusion (S-nodes) dropped",
               counts["unresolved"])
    report.add("statement linked to nothing (I-node) became a root claim",
               "statements linked to nothing (I-nodes) became root claims", isolated)
    report.add("edge to a missing node dropped", "edges to missing nodes dropped", dangling)
    if dialogue:
        report.note(f"record of who said what when (dialogue layer, {_nodes(dialogue)}) dropped")
    if other:
        report.note(f"preferences and other parts argmap does not know (PA and other node types, "
                    f"{_nodes(other)}) dropped")
    amap = build_tree(_title(raw, name), graph, links, report, name)
    return analysed.attach(amap) if analysed is not None else amap


def _nodes(n: int) -> str:
    return f"{n} node" if n == 1 else f"{n} nodes"


def _ident(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value:
        return value
    return None


def _graph_nodes(inodes: list[tuple[str, dict[str, Any]]]) -> tuple[list[GraphNode], int]:
    graph: list[GraphNode] = []
    empty = 0
    for nid, node in inodes:
        text = node.get("text")
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            text = "(empty)"
            empty += 1
        own: dict[str, Any] = node["argmap"] if isinstance(node.get("argmap"), dict) else {}
        source = own.get("source")
        graph.append(GraphNode(
            key=nid,
            text=text,
            id_hint=own["id"] if isinstance(own.get("id"), str) else nid,
            kind_hint=own["kind"] if isinstance(own.get("kind"), str) else None,
            source=source if isinstance(source, dict) else None,
            assessment=own.get("assessment"),
            where=f"nodeID {excerpt(nid)}",
        ))
    return graph, empty


def _argument_nodes(arguments: dict[str, Polarity],
                    snodes: dict[str, tuple[int, dict[str, Any]]]) -> list[GraphNode]:
    """A graph node for each RA/CA that becomes an argument node: the S-node's text (or its
    type's default name), and argmap's own id, source and assessment when it wrote them."""
    graph = []
    for sid, polarity in arguments.items():
        node = snodes[sid][1]
        text = node.get("text")
        text = text.strip() if isinstance(text, str) else ""
        own: dict[str, Any] = node["argmap"] if isinstance(node.get("argmap"), dict) else {}
        source = own.get("source")
        graph.append(GraphNode(
            key=sid,
            text=text or _NAMES[node["type"]],
            id_hint=own["id"] if isinstance(own.get("id"), str) else sid,
            source=source if isinstance(source, dict) else None,
            polarity=polarity,
            assessment=own.get("assessment"),
            where=f"nodeID {excerpt(sid)}",
        ))
    return graph


def _title(raw: dict[str, Any], name: str) -> str:
    own = raw.get("argmap")
    if isinstance(own, dict) and isinstance(own.get("map"), dict):
        title = own["map"].get("title")
        if isinstance(title, str) and title.strip():
            return title
    stem = Path(name).name
    for suffix in AIF.suffixes:
        stem = stem.removesuffix(suffix)
    return stem or "AIF import"
