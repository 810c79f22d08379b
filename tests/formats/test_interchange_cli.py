"""`argmap import` / `argmap export` with Argdown and AIF: the id alone on stdout, what the
conversion lost on stderr, the library untouched by a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.core.mapfile import write_map
from argmap.core.seed import seed_map
from argmap.core.store import Library
from argmap.formats.interchange import import_file
from tests.formats.interchange_maps import same_tree
from tests.formats.interop_samples import aif_samples, argdown_samples, sample_id
from tests.helpers import digest, small_map
from tests.helpers import run_cli as run


@pytest.mark.parametrize("suffix", [".argdown", ".aif.json"])
def test_export_then_import_is_exact_with_reports_on_stderr(capsys, tmp_path: Path, suffix: str):
    db, out = tmp_path / "lib.db", tmp_path / f"seed{suffix}"
    code, stdout, err = run(capsys, "--db", str(db), "export", "seed-iran-proxies", "-o", str(out))
    assert (code, stdout) == (0, "")
    if suffix == ".aif.json":  # sources have no place in AIF
        assert err == "argmap: 20 sources kept only in an argmap field (AIF has no place for them)\n" \
            .replace("an argmap field", "argmap fields").replace("it)", "them)")
    else:
        assert err == ""
    other = tmp_path / "other.db"
    code, stdout, err = run(capsys, "--db", str(other), "import", str(out))
    assert code == 0 and err == ""
    new_id = stdout.strip()
    assert "\n" not in new_id
    with Library(other) as library:
        assert same_tree(library.load(new_id), seed_map())


def test_import_reports_losses_on_stderr_and_only_the_id_on_stdout(capsys, tmp_path: Path):
    src = tmp_path / "debate.argdown"
    src.write_text("# Section\n\n[T]: thesis\n  + [A]: reason\n  + [B]: other\n    + [A]\n", "utf-8")
    db = tmp_path / "lib.db"
    code, stdout, err = run(capsys, "--db", str(db), "import", str(src))
    assert code == 0 and len(stdout.splitlines()) == 1
    assert err.splitlines() == [
        "argmap: 3 statement titles not kept (such as [T]): argmap's boxes have no titles",
        "argmap: 1 heading (section) dropped",
        "argmap: 1 statement with several parents was copied under its other parents"]
    with Library(db) as library:
        amap = library.load(stdout.strip())
    assert sorted(n.text for n in amap.nodes) == ["other", "reason", "reason", "thesis"]


def test_aif_is_recognised_by_content(capsys, tmp_path: Path):
    src = tmp_path / "nodeset.json"
    src.write_text(json.dumps({"nodes": [
        {"nodeID": "1", "type": "I", "text": "claim"}, {"nodeID": "2", "type": "I", "text": "why"},
        {"nodeID": "3", "type": "RA", "text": "Default Inference"},
        {"nodeID": "4", "type": "L", "text": "Ann: claim"}],
        "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}], "locutions": []}))
    code, stdout, err = run(capsys, "--db", str(tmp_path / "lib.db"), "import", str(src))
    assert code == 0 and stdout.strip()
    assert err == "argmap: record of who said what when (dialogue layer, 1 node) dropped\n"


@pytest.mark.parametrize("path", argdown_samples() + aif_samples(), ids=sample_id)
def test_samples_import_on_the_command_line_with_their_losses_on_stderr(capsys, tmp_path, path):
    db = tmp_path / "lib.db"
    code, stdout, err = run(capsys, "--db", str(db), "import", str(path))
    assert code == 0 and len(stdout.splitlines()) == 1
    expected = import_file(path)
    assert err.splitlines() == [f"argmap: {line}" for line in expected.report_lines]
    with Library(db) as library:
        stored = library.load(stdout.strip())
    # copies made for several parents get fresh ids: compare the trees without them
    assert [(d, n.kind, n.text) for n, d in stored.preorder()] == \
        [(d, n.kind, n.text) for n, d in expected.map.preorder()]
    assert stored.info.title == expected.map.info.title


@pytest.mark.parametrize("name, data, phrase", [
    ("bad.argdown", b"[a]: fine\n\n  + relation after an empty line\n", "line 3"),
    ("bad.argdown", b"[a]: x **never closed\n", "line 1"),
    ("bad.json", b'{"nodes": [{"nodeID": "1", "type": "I"}, {"nodeID": "1", "type": "I"}]}',
     "duplicate nodeID"),
])
def test_bad_interchange_files_leave_the_library_unchanged(capsys, tmp_path, db_path, name, data, phrase):
    from argmap.core.seed import open_library

    open_library(db_path).close()  # `list` reads only: it makes no library
    before = digest(db_path)
    src = tmp_path / name
    src.write_bytes(data)
    code, stdout, err = run(capsys, "--db", str(db_path), "import", str(src))
    assert (code, stdout) == (1, "")
    assert err.count("\n") == 1 and err.startswith("argmap: ") and phrase in err
    assert digest(db_path) == before


def test_export_of_a_subtree_and_from_a_file(capsys, tmp_path: Path):
    src = tmp_path / "small.argmap.json"
    write_map(small_map(), src)
    out = tmp_path / "part.argdown"
    code, _out, _err = run(capsys, "export", str(src), "-o", str(out), "--subtree", "root")
    assert code == 0
    assert same_tree(import_file(out).map, small_map())


def test_an_argdown_or_aif_file_is_a_map_argument_too(capsys, tmp_path: Path):
    """`argmap export X.argdown -o Y.aif.json` converts between the formats without a library."""
    seed = tmp_path / "seed.argdown"
    assert run(capsys, "export", str(tmp_path / "seed.argmap.json"), "-o", str(seed))[0] == 1
    write_map(seed_map(), tmp_path / "seed.argmap.json")
    assert run(capsys, "export", str(tmp_path / "seed.argmap.json"), "-o", str(seed))[0] == 0
    aif = tmp_path / "seed.aif.json"
    assert run(capsys, "--db", str(tmp_path / "none.db"), "export", str(seed), "-o", str(aif))[0] == 0
    assert same_tree(import_file(aif).map, seed_map())
    assert not (tmp_path / "none.db").exists()
    code, out, _err = run(capsys, "diff", str(seed), str(aif))
    assert (code, out) == (0, "")
