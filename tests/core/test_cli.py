from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.mapfile import write_map
from argmap.core.seed import SEED_FILE
from tests.badfiles import BAD_FILES, write_bad, write_oversized
from tests.helpers import argmap_script, digest, small_map
from tests.helpers import run_cli as run


def test_list_on_a_new_library_shows_the_seeded_map(capsys, db_path: Path):
    code, out, err = run(capsys, "--db", str(db_path), "list")
    assert (code, err) == (0, "")
    [line] = out.splitlines()
    map_id, title, count, modified = line.split("\t")
    assert (map_id, title) == ("seed-iran-proxies", "Iran’s proxies are out of Tehran’s control")
    assert int(count) >= 15
    assert modified.endswith("Z")


def test_argmap_db_env_is_the_default(capsys, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("ARGMAP_DB", str(tmp_path / "env.db"))
    assert run(capsys, "list")[0] == 0
    assert (tmp_path / "env.db").exists()


def test_export_import_export_is_byte_identical(capsys, tmp_path: Path):
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    out1, out2 = tmp_path / "a.argmap.json", tmp_path / "b.argmap.json"
    assert run(capsys, "--db", str(first), "export", "seed-iran-proxies", "-o", str(out1))[0] == 0
    code, new_id, err = run(capsys, "--db", str(second), "import", str(out1))
    assert (code, err) == (0, "")
    assert new_id.strip() == "seed-iran-proxies"
    assert run(capsys, "--db", str(second), "export", new_id.strip(), "-o", str(out2))[0] == 0
    assert out1.read_bytes() == out2.read_bytes()


def test_export_by_title_and_from_a_file(capsys, tmp_path: Path, db_path: Path):
    title = "Iran’s proxies are out of Tehran’s control"
    out = tmp_path / "t.argmap.json"
    assert run(capsys, "--db", str(db_path), "export", title, "-o", str(out)) == (0, "", "")
    src = tmp_path / "small.argmap.json"
    write_map(small_map(), src)
    other = tmp_path / "other.db"
    out2 = tmp_path / "copy.argmap.json"
    assert run(capsys, "--db", str(other), "export", str(src), "-o", str(out2)) == (0, "", "")
    assert out2.read_bytes() == src.read_bytes()
    assert not other.exists(), "exporting a file must not touch the library"


def test_import_twice_gets_a_fresh_id(capsys, tmp_path: Path, db_path: Path):
    src = tmp_path / "small.argmap.json"
    write_map(small_map(), src)
    before = digest(src)
    ids = [run(capsys, "--db", str(db_path), "import", str(src))[1].strip() for _ in range(2)]
    assert ids[0] != ids[1]
    assert digest(src) == before, "the imported file is only read"
    _, out, _ = run(capsys, "--db", str(db_path), "list")
    assert {line.split("\t")[0] for line in out.splitlines()} >= set(ids)


def _populated_library(capsys, db_path: Path) -> str:
    assert run(capsys, "--db", str(db_path), "list")[0] == 0
    return digest(db_path)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_import_is_one_line_and_leaves_library_unchanged(capsys, tmp_path, db_path, name):
    before = _populated_library(capsys, db_path)
    path, phrase = write_bad(tmp_path, name)
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("argmap: ") and str(path) in err
    assert phrase in err
    assert digest(db_path) == before


@pytest.mark.parametrize("case", ["oversized", "missing", "directory"])
def test_unreadable_paths(capsys, tmp_path, db_path, case):
    before = _populated_library(capsys, db_path)
    if case == "oversized":
        from argmap.core.mapfile import MAX_FILE_BYTES

        path, phrase = write_oversized(tmp_path), f"at most {MAX_FILE_BYTES // 2**20} MiB"
    elif case == "missing":
        path, phrase = tmp_path / "missing.argmap.json", "no such file"
    else:
        path, phrase = tmp_path / "dir.argmap.json", "is a directory"
        path.mkdir()
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert (code, out) == (1, "")
    assert phrase in err and err.count("\n") == 1
    assert digest(db_path) == before


def test_unknown_map_and_format(capsys, db_path: Path, tmp_path: Path):
    code, _, err = run(capsys, "--db", str(db_path), "export", "nope", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "no map with id or title 'nope'" in err
    code, _, err = run(capsys, "--db", str(db_path), "export", "nope", "-o", str(tmp_path / "x.doc"))
    assert code == 1 and "unknown export format" in err


def test_damaged_library_is_a_one_line_error(capsys, db_path: Path):
    db_path.write_bytes(b"not a database at all" * 50)
    code, out, err = run(capsys, "--db", str(db_path), "list")
    assert (code, out) == (1, "")
    assert "not an argmap library" in err and err.count("\n") == 1


@pytest.mark.slow
def test_console_entry_point_and_module_run(tmp_path: Path):
    """The installed `argmap` script (pyproject's [project.scripts]) and `python -m argmap`."""
    for cmd in ([str(argmap_script())], [sys.executable, "-m", "argmap"]):
        proc = subprocess.run([*cmd, "--db", str(tmp_path / "m.db"), "list"],
                              capture_output=True, text=True, timeout=60, check=False)
        assert proc.returncode == 0, (cmd, proc.stderr)
        assert proc.stdout.startswith("seed-iran-proxies\t"), cmd
    assert SEED_FILE.endswith(".argmap.json")
