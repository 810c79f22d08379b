"""Lock loss (issue 11): a stray open/close of the library inside the editor's process must
not let another argmap process delete or overwrite what the editor is writing.

POSIX record locks belong to the process: closing *any* descriptor of the database drops
every lock SQLite holds on it ("How To Corrupt An SQLite Database File", section 2.2). In
WAL mode the next process to close its connection then checkpoints and deletes the WAL the
editor still writes to, and the editor's next edits vanish with it. The editor here is a
child process; the test runs `argmap --db LIB list` beside it and kills it with SIGKILL.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.store import Library
from tests.reliability.stray_close_editor import MAP_ID

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def editor(db: Path, mode: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.stray_close_editor", str(db), mode],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def tell(child: subprocess.Popen[str], line: str, answer: str) -> None:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(line + "\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == answer


def cli_list(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", "--db", str(db), "list"], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()
    assert child.returncode == -signal.SIGKILL


def texts_after_kill(db: Path) -> dict[str, str]:
    with Library(db) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {n.id: n.text for n in lib.load(MAP_ID).nodes}


def test_stray_close_then_cli_list_then_edit_survives_sigkill(tmp_path: Path):
    db = tmp_path / "library.db"
    child = editor(db, "idle")
    try:
        listed = cli_list(db)  # the CLI beside the running editor
        assert listed.returncode == 0, listed.stderr
        assert MAP_ID in listed.stdout
        tell(child, "edit 1", "saved 1")
        assert cli_list(db).returncode == 0
        tell(child, "edit 2", "saved 2")
    finally:
        kill(child)
    assert texts_after_kill(db)["n1"] == "edit 2"


def test_stray_close_inside_a_save_keeps_the_cli_out_until_it_commits(tmp_path: Path):
    db = tmp_path / "library.db"
    child = editor(db, "in-transaction")
    try:
        lister = subprocess.Popen([sys.executable, "-m", "argmap", "--db", str(db), "list"],
                                  cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        tell(child, "commit", "committed")
        out, err = lister.communicate(timeout=60)
        assert lister.returncode == 0, err
        assert MAP_ID in out
        tell(child, "edit 1", "saved 1")
    finally:
        kill(child)
    texts = texts_after_kill(db)
    assert (texts["n1"], texts["n2"]) == ("edit 1", "in flight")


def test_the_cli_says_in_one_line_that_it_waits_for_a_busy_library(tmp_path: Path):
    db = tmp_path / "library.db"
    child = editor(db, "in-transaction")  # holds the library's lock inside a save
    try:
        lister = subprocess.Popen([sys.executable, "-m", "argmap", "--db", str(db), "list"],
                                  cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        assert lister.stderr is not None
        notice = lister.stderr.readline()  # printed while the editor still holds the lock
        assert notice == "argmap: waiting for the library: another argmap is saving to it\n"
        tell(child, "commit", "committed")
        out, err = lister.communicate(timeout=60)
        assert lister.returncode == 0 and err == "" and MAP_ID in out
    finally:
        kill(child)
