"""Import a corpus of real AIF maps and check each one; print a table per corpus folder.

    python benchmarks/aif_corpus.py DIR [--sample N] [--seed S]

DIR holds AIF JSON files at any depth (e.g. recap-utr/arguebase-public's
`*/format=aif,lang=en/*.json`; not committed). For each file: import through the same path as
`argmap import` (interchange.import_file); the map must validate again from its own dump;
every I-node's text must be a node's text; the map's AIF export must re-import exactly and,
when `arguebuf` is installed, load in arguebuf. Linked arguments (RA/CA nodes with two or
more I-node premises) are counted in each file and in its export: "linked kept" is how many
come back as one RA/CA of the same type with the same premise texts and conclusion.
Exit status 1 if any file crashed, produced an invalid map, lost an I-node text or failed a
round trip; files argmap rejects with a MapFileError are counted and listed, not failures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

from argmap.core.errors import MapFileError
from argmap.core.model import ArgumentMap, Kind
from argmap.formats.aif import aif_dict, dumps_aif, parse_aif
from argmap.formats.graph_tree import split_text
from argmap.formats.interchange import import_file

try:
    import arguebuf
except ImportError:  # optional: the [test] extra installs it
    arguebuf = None


def inode_texts(path: Path) -> list[str]:
    raw = json.loads(path.read_text("utf-8"))
    body = raw.get("AIF", raw) if isinstance(raw, dict) else {}
    return [(n.get("text") or "").strip() or "(empty)" for n in body.get("nodes", [])
            if isinstance(n, dict) and n.get("type") == "I"]


def linked(body: dict) -> Counter[tuple[str, tuple[str, ...], str]]:
    """(type, premise texts, first conclusion text) of each RA/CA with two or more premises."""
    kinds = {str(n["nodeID"]): n.get("type") for n in body.get("nodes", []) if isinstance(n, dict)}
    text = {str(n["nodeID"]): (n.get("text") or "").strip() or "(empty)"
            for n in body.get("nodes", []) if isinstance(n, dict)}
    into: dict[str, list[str]] = defaultdict(list)
    out: dict[str, list[str]] = defaultdict(list)
    for e in body.get("edges", []):
        a, b = str(e.get("fromID")), str(e.get("toID"))
        if a in kinds and b in kinds:
            into[b].append(a)
            out[a].append(b)
    found: Counter[tuple[str, tuple[str, ...], str]] = Counter()
    for s, kind in kinds.items():
        premises = tuple(sorted({text[p] for p in into[s] if kinds[p] == "I"}))
        conclusions = [text[c] for c in out[s] if kinds[c] == "I"]
        if kind in ("RA", "CA") and len(premises) > 1 and conclusions:
            found[(kind, premises, conclusions[0])] += 1
    return found


def check(path: Path, scratch: Path) -> tuple[str, dict[str, int], list[str]]:
    """('ok' | 'rejected' | 'crash' | 'invalid' | 'lost' | 'roundtrip' | 'arguebuf', counts, report)."""
    counts: dict[str, int] = {}
    try:
        result = import_file(path)
    except MapFileError as exc:
        return "rejected", counts, [str(exc)]
    except Exception:  # a crash is what this benchmark exists to find
        return "crash", counts, [traceback.format_exc(limit=3)]
    amap = result.map
    counts["nodes"] = len(amap.nodes)
    try:
        ArgumentMap.model_validate(amap.model_dump())
    except Exception as exc:
        return "invalid", counts, [str(exc)]
    texts = inode_texts(path)
    counts["inodes"] = len(texts)
    have = Counter(n.text for n in amap.nodes)
    # a text longer than a node holds continues in child nodes, cut at spaces
    missing = [t for t in texts if have[t] == 0 and not all(have[p] for p in split_text(t))]
    if missing:
        return "lost", counts, missing[:3]
    raw = json.loads(path.read_text("utf-8"))
    before = linked(raw.get("AIF", raw))
    after = linked(aif_dict(amap))
    counts["linked"] = sum(before.values())
    counts["linked kept"] = sum((before & after).values())
    exported = dumps_aif(amap)
    back = parse_aif(json.loads(exported), "export.aif.json")
    if [n.model_dump() for n in back.canonical().nodes] != [n.model_dump() for n in amap.canonical().nodes]:
        return "roundtrip", counts, []
    if arguebuf is not None:
        out = scratch / "export.aif.json"
        out.write_text(exported, "utf-8")
        graph = arguebuf.load.file(out)
        statements = sum(n.kind is not Kind.ARGUMENT for n in amap.nodes)
        if len(graph.atom_nodes) != statements:
            return "arguebuf", counts, [f"{len(graph.atom_nodes)} atom nodes"]
    return "ok", counts, result.report_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="check N random files (0: all)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    files = sorted(args.dir.rglob("*.json"))
    if args.sample and args.sample < len(files):
        files = sorted(random.Random(args.seed).sample(files, args.sample))
    table: dict[str, Counter[str]] = defaultdict(Counter)
    losses: Counter[str] = Counter()
    problems: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            corpus = path.relative_to(args.dir).parts[0]
            status, counts, lines = check(path, Path(tmp))
            row = table[corpus]
            row["files"] += 1
            row[status] += 1
            row.update(counts)
            if status == "ok":
                for line in lines:
                    losses[" ".join(w for w in line.split() if not w.isdigit())] += 1
            elif status != "rejected" or len(problems) < 20:
                problems.append(f"{status}: {path}: {' | '.join(lines)[:300]}")
    elapsed = time.perf_counter() - start
    cols = ["files", "ok", "rejected", "crash", "invalid", "lost", "roundtrip", "arguebuf",
            "inodes", "nodes", "linked", "linked kept"]
    print("| corpus | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    total: Counter[str] = Counter()
    for corpus in sorted(table):
        total.update(table[corpus])
        print(f"| {corpus} | " + " | ".join(str(table[corpus][c]) for c in cols) + " |")
    print("| **all** | " + " | ".join(str(total[c]) for c in cols) + " |")
    print(f"\n{len(files)} files in {elapsed:.1f} s; arguebuf check: {'on' if arguebuf else 'off'}")
    if total["linked"]:
        print(f"linked arguments kept as one RA/CA: {total['linked kept']} of {total['linked']} "
              f"({100 * total['linked kept'] / total['linked']:.1f} %)")
    print("\nfiles whose import report has each kind of loss:")
    for line, n in losses.most_common():
        print(f"  {n:5d}  {line}")
    for line in problems:
        print(line)
    bad = sum(total[c] for c in ("crash", "invalid", "lost", "roundtrip", "arguebuf"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
