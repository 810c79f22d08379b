"""Writes the hostile sample files beside this script, and lists them in manifest.json.

python tests/data/hostile/make_corpus.py   (the very large cases are made by the tests)
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
INFO = {"id": "hostile", "title": "Hostile sample", "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00Z"}


def node(i, parent, kind, text, **extra) -> dict:
    return {"id": i, "parent": parent, "order": 0, "kind": kind, "text": text, **extra}


def doc(nodes: list[dict], **top) -> dict:
    return {"format": "argmap", "version": 1, "map": dict(INFO), "nodes": nodes, **top}


TABLE = "<table><tr><td>" * 20 + "cell" + "</td></tr></table>" * 20
CASES: dict[str, tuple[object, str, str]] = {
    # name: (document, outcome, phrase in the error or in the loaded root text)
    "html-and-file-urls": (doc([node("r", None, "claim",
        '<img src="file:///etc/passwd"> <b>bold</b> <a href="file:///etc">x</a> '
        '<style>@import url(file:///etc/hosts);</style>')]), "loads", "<img src="),
    "unc-image": (doc([node("r", None, "claim", '<img src="\\\\\\\\server\\\\share\\\\x.png">')]),
                  "loads", "server"),
    "nested-table-20": (doc([node("r", None, "claim", TABLE)]), "loads", "<table>"),
    "bidi-and-zero-width": (doc([node("r", None, "claim", "abc\u202edcba\u200b\u2066x\u2069")]),
                            "loads", "abc"),
    "long-word-300k": (doc([node("r", None, "claim", "w" * 300_000)]), "rejected",
                       "at most 10000 characters"),
    "parent-cycle": (doc([node("r", None, "claim", "root"), node("a", "b", "claim", "a"),
                          node("b", "a", "claim", "b")]), "rejected", "loops back"),
    "self-parent": (doc([node("r", None, "claim", "root"), node("a", "a", "claim", "a")]),
                    "rejected", "its own parent"),
    "huge-coordinates": (doc([node("r", None, "claim", "root", x=1e308, y=-1e308)]), "rejected",
                         "Extra inputs are not permitted"),
    "huge-order": (doc([{**node("r", None, "claim", "root"), "order": 10**30}]), "rejected",
                   "order"),
    "integer-past-2-63": (doc([{**node("r", None, "claim", "root"), "order": 2**63 + 1}]),
                          "rejected", "order"),
    "nul-in-text": (doc([node("r", None, "claim", "a\u0000b")]), "rejected", "NUL"),
    "newer-version": (doc([node("r", None, "claim", "root")], version=99), "rejected",
                      "made by a newer argmap"),
    "rebuttal-under-claim": (doc([node("r", None, "claim", "root"),
                                  node("x", "r", "rebuttal", "x")]), "rejected",
                             "rebuttal must answer an objection"),
}
RAW: dict[str, tuple[bytes, str, str]] = {
    "lone-surrogate": (json.dumps(doc([node("r", None, "claim", "PLACEHOLDER")]))
                       .replace("PLACEHOLDER", "\\ud800").encode(), "rejected", "text"),
    "deep-json-nesting": (b'{"format": "argmap", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
                          "rejected", "nested too deeply"),
    "utf16": (json.dumps(doc([node("r", None, "claim", "root")])).encode("utf-16"), "rejected",
              "UTF-16"),
}


def deep_chain(depth: int = 5000) -> bytes:
    nodes = [node("n0", None, "claim", "root")]
    nodes += [node(f"n{i}", f"n{i - 1}", "claim", f"step {i}") for i in range(1, depth + 1)]
    return ("\n".join(json.dumps(doc(nodes), indent=0).splitlines()) + "\n").encode()


def main() -> None:
    manifest = {}
    for name, (document, outcome, phrase) in CASES.items():
        (HERE / f"{name}.argmap.json").write_text(json.dumps(document, ensure_ascii=False),
                                                  encoding="utf-8")
        manifest[name] = {"outcome": outcome, "phrase": phrase}
    for name, (blob, outcome, phrase) in RAW.items():
        (HERE / f"{name}.argmap.json").write_bytes(blob)
        manifest[name] = {"outcome": outcome, "phrase": phrase}
    (HERE / "deep-chain-5000.argmap.json").write_bytes(deep_chain())
    manifest["deep-chain-5000"] = {"outcome": "loads", "phrase": "root"}
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")


if __name__ == "__main__":
    main()
