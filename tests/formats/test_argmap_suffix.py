"""`.argmap`: argmap's map file under one suffix, read and written exactly like `.argmap.json`
(Windows associates files by their last extension only)."""

from __future__ import annotations

from pathlib import Path

from argmap.core.mapfile import dumps_map, read_map
from argmap.core.seed import SEED_FILE
from argmap.formats import registry
from argmap.formats.export import export_map
from argmap.formats.interchange import import_file
from argmap.formats.options import ExportOptions
from tests.helpers import run_cli

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "resources" / SEED_FILE


def test_dot_argmap_is_argmaps_own_format():
    assert registry.for_output("team.argmap") is registry.ARGMAP
    assert registry.for_output("TEAM.ARGMAP") is registry.ARGMAP
    assert registry.is_map_file("team.argmap")
    assert ".argmap" in registry.input_suffixes()


def test_export_and_import_round_trip_through_dot_argmap(tmp_path: Path):
    seed = read_map(SEED)
    single, double = tmp_path / "seed.argmap", tmp_path / "seed.argmap.json"
    export_map(seed, single, ExportOptions())
    export_map(seed, double, ExportOptions())
    assert single.read_bytes() == double.read_bytes() == dumps_map(seed)
    result = import_file(single)
    assert result.format == registry.ARGMAP.key and result.report_lines == []
    assert result.map == seed


def test_the_cli_exports_imports_and_shows_dot_argmap(capsys, tmp_path: Path):
    db, out = str(tmp_path / "lib.db"), tmp_path / "copy.argmap"
    code, _out, err = run_cli(capsys, "--db", db, "export", str(SEED), "-o", str(out))
    assert code == 0, err
    assert out.read_bytes() == SEED.read_bytes()
    code, new_id, err = run_cli(capsys, "--db", db, "import", str(out))
    assert code == 0 and new_id.strip() == read_map(SEED).info.id, err
    code, shown, _err = run_cli(capsys, "--db", db, "show", str(out))
    assert code == 0 and "Qaani" in shown
    code, _out, err = run_cli(capsys, "--db", db, "diff", str(out), str(SEED))
    assert code == 0, err
