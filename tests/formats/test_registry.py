"""The one format registry: what it says is what the CLI offers, writes and reads.

The Export and Open dialogs are checked against it in tests/gui/test_format_dialogs.py.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import build_parser
from argmap.core.seed import SEED_FILE
from argmap.formats import registry
from argmap.formats.interchange import import_file
from argmap.formats.registry import AIF, ARGDOWN, ARGMAP, FORMATS, PDF, PNG, SVG
from tests.helpers import run_cli

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "resources" / SEED_FILE


def _subcommand_help(name: str) -> str:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices[name].format_help()  # type: ignore[index]


def test_the_table_has_one_entry_per_key_and_label():
    assert len({f.key for f in FORMATS}) == len({f.label for f in FORMATS}) == len(FORMATS)
    for fmt in FORMATS:
        assert fmt.suffixes and all(s.startswith(".") and s == s.lower() for s in fmt.suffixes)
        assert fmt.reads or fmt.writes, fmt.key


def test_export_help_and_its_error_list_every_suffix_argmap_writes(capsys, tmp_path: Path):
    help_text = " ".join(_subcommand_help("export").split())
    for suffix in registry.output_suffixes():
        assert suffix in help_text
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "lib.db"), "export", str(SEED),
                              "-o", str(tmp_path / "seed.txt"))
    assert code == 1 and "unknown export format" in err
    listed = err.split("use ", 1)[1].strip().split(", ")
    assert listed == list(registry.output_suffixes())
    assert {s for f in FORMATS if f.writes for s in f.suffixes} == set(listed)


@pytest.mark.parametrize("fmt", registry.writable(), ids=lambda f: f.key)
def test_the_cli_exports_every_writable_format_and_reads_back_the_readable(
        capsys, tmp_path: Path, qapp, fmt: registry.Format):
    out = tmp_path / f"seed{fmt.suffix}"
    code, _out, err = run_cli(capsys, "--db", str(tmp_path / "lib.db"), "export", str(SEED),
                              "-o", str(out))
    assert code == 0, err
    assert registry.for_output(out) is fmt and out.stat().st_size > 0
    if fmt.reads:
        assert import_file(out).format == fmt.key


def test_the_suffix_picks_the_format_longest_first_and_json_is_argmaps_own():
    assert registry.for_output("a/b.AIF.JSON") is AIF
    assert registry.for_output("team.argmap.json") is ARGMAP
    assert registry.for_output("team.json") is ARGMAP  # ARGMAP comes before AIF
    assert [registry.for_output(f"x{s}") for s in (".png", ".svg", ".pdf", ".argdown")] == [
        PNG, SVG, PDF, ARGDOWN]
    assert registry.for_output("x.txt") is None and registry.for_output("png") is None
    assert registry.for_input("x.Argdown") is ARGDOWN
    assert registry.for_input("x.aif.json") is None  # JSON: told apart by content


def test_is_map_file_is_argmap_json_and_not_aif_json():
    assert registry.is_map_file("team.argmap.json") and registry.is_map_file("TEAM.JSON")
    for name in ("corpus.aif.json", "map.argdown", "map.png", "map.pdf", "notes.txt"):
        assert not registry.is_map_file(name), name


def test_every_reader_and_writer_is_a_function_of_the_agreed_shape():
    for fmt in FORMATS:
        for ref, arity in ((fmt.writer, 4), (fmt.reader, 3)):
            if ref is None:
                continue
            module, _, name = ref.partition(":")
            function = getattr(__import__(module, fromlist=[name]), name)
            assert len(inspect.signature(inspect.unwrap(function)).parameters) == arity, ref


def test_the_registry_imports_no_qt_and_no_format_module():
    """The CLI imports it at start: it stays headless and quick."""
    script = ("import sys, argmap.formats.registry\n"
              "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'argmap'))))\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['argmap', 'argmap.formats', 'argmap.formats.registry']"


def test_an_argmap_file_is_read_as_json_once(monkeypatch):
    """Importing recognises the format from the parsed JSON and validates that same parse:
    a 10,000-node file's JSON was parsed twice (~15% of opening it)."""
    from argmap.core import mapfile
    from argmap.core.mapfile import dumps_map
    from argmap.formats.interchange import import_bytes
    from tests.helpers import small_map

    calls = []
    real = mapfile._parse_json
    monkeypatch.setattr(mapfile, "_parse_json", lambda *a: calls.append(1) or real(*a))
    amap = small_map()
    assert import_bytes(dumps_map(amap), "m.argmap.json").map == amap
    assert len(calls) == 1
