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

import pytest

from argmap.core.errors import MapFileError
from argmap.core.model import ATTACKS, ArgumentMap
from argmap.core.seed import seed_map
from argmap.formats.argdown import argdown_text, dumps_argdown, parse_argdown
from tests.formats.argdown_cli import argdown_cli, run_json, statement_texts
from tests.formats.interchange_maps import random_map
from tests.formats.interop_samples import argdown_samples, sample_id
from tests.helpers import chain, small_map

SAMPLE_FILES = argdown_samples()
__all__ = ["argdown_cli"]  # the session fixture: installs the pinned CLI when it is missing


@pytest.fixture(autouse=True)
def _cli(argdown_cli: Path) -> None:
    pass


def check_export(amap: ArgumentMap, result: dict) -> list[str]:
    problems = []
    statements = result["statements"]
    if set(statements) != {n.id for n in amap.nodes}:
        problems.append(f"titles differ: {set(statements) ^ {n.id for n in amap.nodes}}")
    for node in amap.nodes:
        ec = statements.get(node.id, {"members": []})
        texts = [m["text"] for m in ec["members"] if m.get("text")]
        if texts != [argdown_text(node.text)]:
            problems.append(f"{node.id}: {texts!r} != {argdown_text(node.text)!r}")
        if ec.get("data", {}).get("argmap", {}).get("id") != node.id:
            problems.append(f"{node.id}: data {ec.get('data')!r}")
    relations = sorted((r["from"], r["to"], r["relationType"]) for r in result["relations"])
    expected = sorted((n.id, n.parent, "attack" if n.kind in ATTACKS else "support")
                      for n in amap.nodes if n.parent)
    if relations != expected:
        problems.append(f"relations differ: {set(relations) ^ set(expected)}")
    if result["arguments"]:
        problems.append(f"unexpected arguments: {list(result['arguments'])}")
    return problems


@pytest.mark.slow
def test_the_cli_reads_every_export_with_the_same_statements_and_relations(tmp_path: Path):
    maps = {"seed": seed_map(), "deep": chain(120)}
    maps.update({f"random{i}": random_map(random.Random(i)) for i in range(150)})
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


def _mutants(count: int, rng: random.Random) -> list[str]:
    # Shortcodes (:heart:) are left out: the CLI swaps them for symbols and argmap keeps them
    # as typed (docs/interchange.md), so they would differ by design.
    samples = [p.read_text("utf-8").replace(":heart:", "") for p in SAMPLE_FILES]
    samples += [dumps_argdown(seed_map()), dumps_argdown(small_map())]
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
        missing = statement_texts(result) - {n.text for n in amap.nodes}
        assert not missing, f"m{i}: texts lost: {sorted(missing)[:3]}"
    assert accepted_by_cli > 100 and rejected_by_cli > 100  # both sides were exercised
