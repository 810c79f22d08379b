"""argmap's Argdown against the real Argdown CLI (@argdown/cli 1.7.5, run with Node).

Exports: the CLI parses every one with no error and reports one statement per node (title =
node id) with the node's exact text, argmap's data, and one support/attack relation per
parent link. Imports: every statement text the CLI finds in the samples (tests/data, and
../shared/interop when there) and in thousands of mutated files is a node's text, and files
the CLI rejects are rejected here.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from argmap.core.errors import MapFileError
from argmap.core.model import SUPPORTS, ArgumentMap, Kind, Node, allowed_child_kinds, new_map
from argmap.core.seed import seed_map
from argmap.formats.argdown import argdown_text, dumps_argdown, parse_argdown
from tests.formats.argdown_cli import argdown_cli, run_json, statement_texts
from tests.formats.interchange_maps import random_map, same_tree, special_text
from tests.formats.interop_samples import argdown_samples, sample_id
from tests.formats.test_argdown_arguments import argument_map
from tests.helpers import chain, small_map

SAMPLE_FILES = argdown_samples()
__all__ = ["argdown_cli"]  # the session fixture: installs the pinned CLI when it is missing


@pytest.fixture(autouse=True)
def _cli(argdown_cli: Path) -> None:
    pass


def random_argument_map(rng: random.Random, size: int = 30) -> ArgumentMap:
    """Random valid maps with supporting and attacking arguments, undercuts, objections to
    premises and assessments, texts made of Argdown's special characters."""
    nodes: list[Node] = [Node(id="n0", kind=Kind.CLAIM, text=special_text(rng) or "x")]
    for i in range(1, size):
        parent = rng.choice(nodes)
        text = special_text(rng).strip() or "x"
        grade = rng.choice([None, 0.25, 1.0])
        if parent.kind is not Kind.ARGUMENT and rng.random() < 0.3:
            nodes.append(Node(id=f"a{i}", parent=parent.id, order=rng.randint(0, 3),
                              kind=Kind.ARGUMENT, polarity=rng.choice(["supports", "attacks"]),
                              text=text, assessment=grade))
            nodes.append(Node(id=f"p{i}", parent=f"a{i}", kind=Kind.CLAIM, text=text + " p"))
            continue
        kind = rng.choice(allowed_child_kinds(parent.kind))
        nodes.append(Node(id=f"n{i}", parent=parent.id, order=rng.randint(0, 3), kind=kind,
                          text=text, assessment=grade))
    return new_map("random arguments", nodes)


def check_export(amap: ArgumentMap, result: dict) -> list[str]:
    """The CLI's reading of an export against the map: one statement per node (its data names
    the node id, its text is the node's), one argument per argument node whose premise–
    conclusion structure has the node's premises and its parent (or, when it attacks, a
    statement negating its parent) as main conclusion, and one relation per other link."""
    problems = []
    statements, arguments = result["statements"], result["arguments"]
    ids = {t: ec.get("data", {}).get("argmap", {}).get("id") for t, ec in statements.items()}
    ids.update({t: a.get("data", {}).get("argmap", {}).get("id") for t, a in arguments.items()})
    negates = {t: ec["data"]["argmap"]["negates"] for t, ec in statements.items()
               if "negates" in ec.get("data", {}).get("argmap", {})}
    nodes = {n.id: n for n in amap.nodes}
    titled = [i for t, i in ids.items() if t not in negates]
    if sorted(titled) != sorted(nodes):
        problems.append(f"nodes differ: {set(titled) ^ set(nodes)}")
    for title, ec in statements.items():
        node = nodes.get(ids[title] or "")
        texts = [m["text"] for m in ec["members"] if m.get("text")]
        if title in negates:
            parent = nodes[negates[title]]
            expected = f"Not: {argdown_text(parent.text)}"
        else:
            expected = argdown_text(node.text) if node else "?"
        if texts != [expected]:
            problems.append(f"{title}: {texts!r} != {expected!r}")
    index = amap.children_index()
    for title, arg in arguments.items():
        node = nodes.get(ids[title] or "")
        if node is None or node.kind is not Kind.ARGUMENT:
            problems.append(f"{title}: not an argument node")
            continue
        pcs = [(ids.get(m["title"]) if m["title"] not in negates else ("not", negates[m["title"]]),
                m["role"]) for m in arg["pcs"]]
        premises = [(k.id, "premise") for k in index[node.id] if k.kind in SUPPORTS]
        conclusion = ("not", node.parent) if node.attacks else node.parent
        if pcs != [*premises, (conclusion, "main-conclusion")]:
            problems.append(f"{title}: structure {pcs!r}")
    relations = sorted((ids.get(r["from"]) or "", ids.get(r["to"]) or "", r["relationType"])
                       for r in result["relations"] if r["from"] not in negates)
    expected_relations = sorted(
        (n.id, n.parent, "undercut" if nodes[n.parent].kind is Kind.ARGUMENT
         else "attack" if n.attacks else "support")
        for n in amap.nodes if n.parent and n.kind is not Kind.ARGUMENT
        and not (nodes[n.parent].kind is Kind.ARGUMENT and n.kind in SUPPORTS))
    if relations != expected_relations:
        problems.append(f"relations differ: {set(relations) ^ set(expected_relations)}")
    attacks = sorted((negates[r["from"]], ids.get(r["to"])) for r in result["relations"]
                     if r["from"] in negates)
    expected_attacks = sorted((n.parent, n.parent) for n in amap.nodes
                              if n.kind is Kind.ARGUMENT and n.attacks)
    if attacks != expected_attacks:
        problems.append(f"attacking arguments: {attacks!r} != {expected_attacks!r}")
    return problems


def test_the_cli_reads_arguments_and_undercuts_with_the_same_structure(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    amap = argument_map()
    text = dumps_argdown(amap)
    (folder / "arguments.argdown").write_text(text, "utf-8")
    results = run_json(folder, tmp_path / "out")
    assert set(results) == {"arguments"}, "the CLI rejected the export"
    assert check_export(amap, results["arguments"]) == []
    assert same_tree(parse_argdown(text.encode(), "arguments.argdown"), amap)


@pytest.mark.slow
def test_the_cli_reads_every_export_with_the_same_statements_and_relations(tmp_path: Path):
    maps = {"seed": seed_map(), "deep": chain(120)}
    maps.update({f"random{i}": random_map(random.Random(i)) for i in range(150)})
    maps["arguments"] = argument_map()
    maps.update({f"args{i}": random_argument_map(random.Random(i)) for i in range(60)})
    folder = tmp_path / "in"
    folder.mkdir()
    for name, amap in maps.items():
        (folder / f"{name}.argdown").write_text(dumps_argdown(amap), "utf-8")
    results = run_json(folder, tmp_path / "out")
    assert set(results) == set(maps), "the CLI rejected some exports"
    problems = {name: check_export(amap, results[name]) for name, amap in maps.items()}
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=sample_id)
def test_samples_import_with_every_statement_text_the_cli_finds(tmp_path: Path, path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / path.name).write_bytes(path.read_bytes())
    [result] = run_json(folder, tmp_path / "out").values()
    amap = parse_argdown(path.read_bytes(), path.name)
    cli_texts = statement_texts(result)
    assert cli_texts, "the CLI found no statements"
    assert cli_texts <= {n.text for n in amap.nodes}


REJECTED = {
    "relation after an empty line": "[a]: x\n\n  + b\n",
    "unclosed bold": "[a]: x **y\n",
    "unclosed italic before a relation": "[a]: x\n  + f *y z\n  + b\n",
    "inference with no premise": "--\nrule\n--\n(2) c\n",
    "contradiction with an argument": "[a]: x\n  + <b>\n    >< <c>\n",
    "pcs without conclusion": "(1) p\n(2) q\n",
    "link broken over lines": "[a]: see [the\nlink](http://x.org) here\n",
    "backslash at the end of a line": "[a]: x \\\n",
}


def test_files_the_cli_rejects_get_a_one_line_error_naming_the_line(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(REJECTED.values()):
        (folder / f"bad{i}.argdown").write_text(text, "utf-8")
    (folder / "good.argdown").write_text("[a]: fine\n", "utf-8")
    assert set(run_json(folder, tmp_path / "out")) == {"good"}  # the CLI rejects them all
    for i, text in enumerate(REJECTED.values()):
        with pytest.raises(MapFileError) as info:
            parse_argdown(text.encode(), f"bad{i}.argdown")
        message = str(info.value)
        assert "\n" not in message and "line " in message, message


def negations(result: dict[str, Any]) -> set[str]:
    """The texts of the statements argmap's export writes to negate an attacking argument's
    parent (their data says `negates`)."""
    return {m["text"].strip() for ec in result["statements"].values()
            if "negates" in (ec.get("data") or {}).get("argmap", {})
            for m in ec["members"] if m.get("text")}


def _mutants(count: int, rng: random.Random) -> list[str]:
    # Shortcodes (:heart:) are left out: the CLI swaps them for symbols and argmap keeps them
    # as typed (docs/interchange.md), so they would differ by design.
    samples = [p.read_text("utf-8").replace(":heart:", "") for p in SAMPLE_FILES]
    samples += [dumps_argdown(seed_map()), dumps_argdown(small_map()),
                dumps_argdown(argument_map()), dumps_argdown(random_argument_map(rng))]
    snippets = ["\n", "\n\n", "  + ", "  - ", "\n  + [a]", "**", "_", "*", "[", "]", "<", ">", "{",
                "}", "(1) ", "\n--\n", "\\", "#", "@[", "//", "/*", "*/", "<!--", "-->", ":", ".",
                "\n    - <b>: x", "\n(2) y\n----\n(3) z", "===", "\t", "  ", "[t]: ", "<a>: ",
                "><", "_>", "<_ ", "\n  +> [c]", "\n  -> <d>"]
    out = []
    for _ in range(count):
        text = rng.choice(samples)
        if rng.random() < 0.5:
            start = rng.randrange(len(text))
            text = text[start:start + rng.randint(50, 1500)]
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(chars))
            if rng.random() < 0.5:
                chars[at:at] = list(rng.choice(snippets))
            else:
                del chars[at:at + rng.randint(1, 10)]
        out.append("".join(chars))
    return out


@pytest.mark.slow
def test_mutated_files_import_exactly_when_the_cli_parses_them(tmp_path: Path):
    docs = _mutants(600, random.Random(14))
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(docs):
        (folder / f"m{i}.argdown").write_text(text, "utf-8")
    results = run_json(folder, tmp_path / "out")
    accepted_by_cli = rejected_by_cli = 0
    for i, text in enumerate(docs):
        result = results.get(f"m{i}")
        try:
            amap = parse_argdown(text.encode(), f"m{i}.argdown")
        except MapFileError as exc:
            assert result is None, f"m{i}: the CLI parses it but argmap says {exc}"
            rejected_by_cli += 1
            continue
        if result is None:
            # argmap does not read YAML: a broken front matter or data block that it ignores
            # is the one thing the CLI rejects and argmap imports (docs/interchange.md)
            assert "{" in text or "===" in text, f"m{i}: argmap imports what the CLI rejects"
            continue
        accepted_by_cli += 1
        # an export's exact texts (with line breaks) are in its data; the statement that
        # negates an attacking argument's parent is folded into the argument
        texts = {n.text for n in amap.nodes} | {argdown_text(n.text) for n in amap.nodes}
        missing = statement_texts(result) - texts - negations(result)
        assert not missing, f"m{i}: texts lost: {sorted(missing)[:3]}"
    assert accepted_by_cli > 100 and rejected_by_cli > 100  # both sides were exercised
