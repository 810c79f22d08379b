"""The command line never overwrites a teammate's changes: `argmap export` refuses, `--force`
overwrites, `argmap sync` merges both ways; `diff` reads pipes; `show` is git's textconv."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.mapfile import read_map, write_map
from argmap.teams.exchange import same_content
from tests.conftest import REPO
from tests.helpers import digest, run_cli
from tests.teams.git import git
from tests.teams.maps import add, change

SEED_ID = "seed-iran-proxies"


@pytest.fixture
def shared(tmp_path: Path, capsys) -> tuple[Path, Path]:
    """The seed map exported to a file, then changed there by a teammate."""
    db, path = tmp_path / "lib.db", tmp_path / "team.argmap.json"
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))[0] == 0
    write_map(add(change(read_map(path), "qaani", text="A teammate's Qaani."),
                  "their-point", "thesis", "evidence", "Their new point."), path)
    return db, path


def test_export_over_a_file_changed_elsewhere_is_refused_in_one_line(shared, capsys):
    db, path = shared
    before = digest(path)
    code, out, err = run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "changes made elsewhere" in err and "argmap sync" in err
    assert digest(path) == before


def test_a_subtree_export_is_refused_too(shared, capsys):
    db, path = shared
    before = digest(path)
    code, _out, err = run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path),
                              "--subtree", "thesis")
    assert code == 1 and "changes made elsewhere" in err and digest(path) == before


def test_the_refusal_names_a_command_that_can_be_pasted(tmp_path, capsys):
    db, path = tmp_path / "lib.db", tmp_path / "my team.argmap.json"
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))[0] == 0
    write_map(change(read_map(path), "qaani", text="Theirs."), path)
    code, _out, err = run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))
    assert code == 1 and f"`argmap sync {SEED_ID} '{path}'`" in err  # quoted: it has a space


def test_force_overwrites(shared, capsys):
    db, path = shared
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path), "--force")[0] == 0
    assert "their-point" not in read_map(path).by_id()


def test_export_again_after_my_own_export_just_writes(tmp_path, capsys):
    db, path = tmp_path / "lib.db", tmp_path / "mine.argmap.json"
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))[0] == 0
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))[0] == 0


def test_sync_leaves_the_library_map_and_the_file_equal(shared, capsys, tmp_path):
    db, path = shared
    mine = tmp_path / "mine-edit.argmap.json"
    run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(mine))
    code, _out, err = run_cli(capsys, "--db", str(db), "sync", SEED_ID, str(path))
    assert (code, err) == (0, "")
    exported = tmp_path / "after.argmap.json"
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(exported))[0] == 0
    assert same_content(read_map(exported), read_map(path))
    assert read_map(path).by_id()["qaani"].text == "A teammate's Qaani."
    # now that both are one version, a plain export just writes
    assert run_cli(capsys, "--db", str(db), "export", SEED_ID, "-o", str(path))[0] == 0


def test_sync_reports_conflicts_like_merge(shared, capsys):
    db, path = shared
    from argmap.core.store import Library

    with Library(db) as library:
        library.save(change(library.load(SEED_ID), "qaani", text="My Qaani."))
    code, _out, err = run_cli(capsys, "--db", str(db), "sync", SEED_ID, str(path))
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("conflict\tqaani\ttext\t") and line.endswith("My Qaani.")
    assert read_map(path).by_id()["qaani"].text == "My Qaani."
    assert "their-point" in read_map(path).by_id()


def _argmap() -> list[str]:
    return [sys.executable, "-m", "argmap"]


def test_diff_reads_standard_input_and_process_substitution(tmp_path):
    a, b = tmp_path / "a.argmap.json", tmp_path / "b.argmap.json"
    shutil.copyfile(REPO / "resources" / "seed-iran-proxies.argmap.json", a)
    write_map(change(read_map(a), "qaani", text="Changed."), b)
    env = {**os.environ, "ARGMAP_DB": str(tmp_path / "unused.db")}
    with a.open("rb") as stdin:
        done = subprocess.run([*_argmap(), "diff", "-", str(b)], stdin=stdin, capture_output=True,
                              text=True, env=env, timeout=60)
    assert done.returncode == 1 and done.stdout.startswith("text\tqaani\t"), done.stderr
    assert shutil.which("bash")
    line = f"{shlex.join(_argmap())} diff <(cat {shlex.quote(str(a))}) {shlex.quote(str(b))}"
    done = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1 and done.stdout.startswith("text\tqaani\t"), done.stderr


def test_import_still_refuses_a_pipe(tmp_path):
    fifo = tmp_path / "pipe.argmap.json"
    os.mkfifo(fifo)
    done = subprocess.run([*_argmap(), "--db", str(tmp_path / "l.db"), "import", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "named pipe" in done.stderr


def test_show_prints_one_line_per_node(tmp_path, capsys):
    path = tmp_path / "m.argmap.json"
    shutil.copyfile(REPO / "resources" / "seed-iran-proxies.argmap.json", path)
    code, out, _err = run_cli(capsys, "show", str(path))
    amap = read_map(path)
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"# {amap.info.title}"
    assert sum(1 for line in lines if line.lstrip().startswith("- [")) == len(amap.nodes)
    qaani = next(line for line in lines if line.endswith("{qaani}"))
    assert qaani.startswith("  - [") and amap.by_id()["qaani"].text.split()[0] in qaani


def test_git_diff_shows_map_changes_as_node_lines(tmp_path):
    assert shutil.which("git")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / ".gitattributes").write_text("*.argmap.json merge=argmap diff=argmap\n")
    git(root, "config", "diff.argmap.textconv", f"{shlex.join(_argmap())} show")
    path = root / "team.argmap.json"
    shutil.copyfile(REPO / "resources" / "seed-iran-proxies.argmap.json", path)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "seed")
    write_map(change(read_map(path), "qaani", text="Re-worded by a teammate."), path)
    shown = git(root, "diff").stdout
    changed = [line for line in shown.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and changed[1].startswith("+  - [")
    assert "Re-worded by a teammate." in changed[1]
    assert all(line.endswith("{qaani}") for line in changed)
