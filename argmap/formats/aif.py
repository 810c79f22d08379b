"""AIF-JSON (Argument Interchange Format, as AIFdb, OVA3 and the public corpora write it).

Export: one I-node per node, an RA ("Default Inference") per supporting link and a CA
("Default Conflict") per attacking link, each S-node with edges premise -> S -> conclusion.
argmap's id, kind, parent, order and source ride along in an `argmap` field of each I-node
(AIF readers ignore unknown fields), and the map's title in a top-level `argmap` field, so
re-import is exact.

Import reads plain AIF ({nodes, edges, locutions}), AIFdb exports and OVA3 saves
({"AIF": …, "OVA": …}); every I-node becomes a node with its text, whatever the graph's
shape, and each policy (linked premises, rephrases, attacks on inferences or on attacks,
several conclusions, the dialogue layer) is counted in the LossReport.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from argmap.core.errors import MapFileError, excerpt
from argmap.core.model import ATTACKS, MAX_NODES, ArgumentMap
from argmap.formats.graph_tree import GraphNode, Link, build_tree
from argmap.formats.loss import LossReport

SUFFIX = ".aif.json"
_DIALOGUE = frozenset({"L", "YA", "TA"})
_SCHEMES = frozenset({"RA", "CA", "MA"})
MAX_EDGES = 4 * MAX_NODES


# -- export ---------------------------------------------------------------------------------
def aif_dict(amap: ArgumentMap, report: LossReport | None = None) -> dict[str, Any]:
    """The AIF-JSON object of a map (I-nodes in pre-order, then one S-node per link)."""
    report = report if report is not None else LossReport()
    stamp = amap.info.modified.strftime("%Y-%m-%d %H:%M:%S")
    nodes: list[dict[str, Any]] = []
    schemes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for node, _depth in amap.preorder():
        extra: dict[str, Any] = {"id": node.id, "kind": node.kind.value, "parent": node.parent,
                                 "order": node.order}
        if node.source is not None:
            extra["source"] = node.source.model_dump(mode="json")
        nodes.append({"nodeID": node.id, "text": node.text, "type": "I", "timestamp": stamp,
                      "argmap": extra})
        if node.parent is None:
            continue
        attack = node.kind in ATTACKS
        sid = f"{'ca' if attack else 'ra'}_{node.id}"  # "_" never occurs in argmap ids
        name = "Default Conflict" if attack else "Default Inference"
        schemes.append({"nodeID": sid, "text": name, "type": "CA" if attack else "RA",
                        "timestamp": stamp, "scheme": name})
        edges.append({"edgeID": f"e_{len(edges)}", "fromID": node.id, "toID": sid,
                      "formEdgeID": None})
        edges.append({"edgeID": f"e_{len(edges)}", "fromID": sid, "toID": node.parent,
                      "formEdgeID": None})
    sourced = sum(1 for n in amap.nodes if n.source is not None)
    report.add("source kept only in an argmap field (AIF has no place for it)",
               "sources kept only in argmap fields (AIF has no place for them)", sourced)
    return {
        "nodes": nodes + schemes,
        "edges": edges,
        "locutions": [],
        "argmap": {"format": "argmap-aif", "version": 1,
                   "map": amap.info.model_dump(mode="json")},
    }


def dumps_aif(amap: ArgumentMap, report: LossReport | None = None) -> str:
    return json.dumps(aif_dict(amap, report), ensure_ascii=False, indent=1) + "\n"


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
        if kind == "I":
            inodes.append((nid, node))

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
    links, counts = _links(types, into, out_of)
    dialogue = sum(1 for t in types.values() if t in _DIALOGUE)
    other = sum(1 for t in types.values() if t != "I" and t not in _DIALOGUE and t not in _SCHEMES)
    linked = sum(1 for s, srcs in into.items()
                 if types[s] == "RA" and sum(types[p] == "I" for p in srcs) > 1)
    has_link = {link.child for link in links} | {link.parent for link in links}
    isolated = sum(1 for g in graph if g.key not in has_link)

    report.add('I-node without text got the text "(empty)"',
               'I-nodes without text got the text "(empty)"', empty)
    report.add("linked argument (one RA, several premises) became separate supporters",
               "linked arguments (one RA, several premises) became separate supporters", linked)
    report.add("rephrase (MA) became a supporting child", "rephrases (MA) became supporting children",
               counts["MA"])
    report.add("attack or support on an inference (undercut) now targets its premise",
               "attacks or supports on inferences (undercuts) now target their premises",
               counts["on_RA"])
    report.add("attack or support on an attack now targets the attacker",
               "attacks or supports on attacks now target the attackers", counts["on_CA"])
    report.add("S-node without an I-node premise or conclusion dropped",
               "S-nodes without an I-node premise or conclusion dropped", counts["unresolved"])
    report.add("isolated I-node became a root claim", "isolated I-nodes became root claims", isolated)
    report.add("edge to a missing node dropped", "edges to missing nodes dropped", dangling)
    if dialogue:
        report.note(f"dialogue layer (L/YA/TA, {_nodes(dialogue)}) dropped")
    if other:
        report.note(f"other nodes (PA and unknown types, {_nodes(other)}) dropped")
    return build_tree(_title(raw, name), graph, links, report, name)


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
            where=f"nodeID {excerpt(nid)}",
        ))
    return graph, empty


def _links(types: dict[str, str], into: dict[str, list[str]],
           out_of: dict[str, list[str]]) -> tuple[list[Link], dict[str, int]]:
    """child -> parent links between I-nodes, one per (premise, S-node, conclusion)."""
    counts = {"MA": 0, "on_RA": 0, "on_CA": 0, "unresolved": 0}

    def resolve(node: str) -> str | None:
        """An I-node stands for itself; an S-node for its first I-node premise."""
        if types.get(node) == "I":
            return node
        premises = [p for p in into.get(node, []) if types.get(p) == "I"]
        return premises[0] if types.get(node) in _SCHEMES and premises else None

    links: list[Link] = []
    for s, kind in types.items():
        if kind not in _SCHEMES:
            continue
        # an S-node flowing into this one attacks or supports it; only I-nodes are premises
        sources = [n for n in into.get(s, []) if types.get(n) == "I"]
        targets = []
        for t in out_of.get(s, []):
            counts["on_RA"] += types.get(t) == "RA"
            counts["on_CA"] += types.get(t) in ("CA", "MA")
            r = resolve(t)
            if r:
                targets.append(r)
        if not sources or not targets:
            counts["unresolved"] += 1
            continue
        counts["MA"] += kind == "MA"
        for target in targets:
            for source in sources:
                if source != target:
                    links.append(Link(source, target, attack=kind == "CA"))
    return links, counts


def _title(raw: dict[str, Any], name: str) -> str:
    own = raw.get("argmap")
    if isinstance(own, dict) and isinstance(own.get("map"), dict):
        title = own["map"].get("title")
        if isinstance(title, str) and title.strip():
            return title
    stem = Path(name).name
    for suffix in (SUFFIX, ".json"):
        stem = stem.removesuffix(suffix)
    return stem or "AIF import"
