"""One editor per library (issue 11), with real processes on the offscreen platform: a
second `argmap --db LIB FILE` hands FILE to the running editor and exits 0; after the
editor is killed with SIGKILL, its stale lock is taken over by the next `argmap`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.core.mapfile import write_map
from argmap.core.store import Library
from argmap.gui.single_instance import instance_key
from tests.helpers import small_map

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")]


def editor(db: Path, *args: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "argmap", "--db", str(db), *args],
                                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_listening(db: Path, running: subprocess.Popen[bytes]) -> None:
    """Until the editor has claimed the library (its local server's socket exists)."""
    socket = Path(os.environ["XDG_RUNTIME_DIR"]) / instance_key(db)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and running.poll() is None:
        if socket.exists():
            return
        time.sleep(0.1)
    pytest.fail(f"the editor never listened (running: {running.poll() is None})")


def wait_for_map(db: Path, map_id: str, running: subprocess.Popen[bytes]) -> None:
    """Until the editor has stored the map it was asked to open (or it died)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and running.poll() is None:
        if db.exists():
            with Library(db) as lib:
                if lib.has_map(map_id):
                    return
        time.sleep(0.2)
    pytest.fail(f"the editor never opened {map_id} (running: {running.poll() is None})")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    process.wait(timeout=30)


def test_a_second_argmap_hands_its_file_to_the_running_editor(tmp_path: Path):
    db, log = tmp_path / "library.db", tmp_path / "editors.log"
    first_file, second_file = tmp_path / "first.argmap.json", tmp_path / "second.argmap.json"
    first_map, second_map = small_map("handed over"), small_map("after the kill")
    write_map(first_map, first_file)
    write_map(second_map, second_file)
    running = editor(db, log=log)
    try:
        wait_until_listening(db, running)
        second = subprocess.run(
            [sys.executable, "-m", "argmap", "--db", str(db), first_file.name], cwd=tmp_path,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
            capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 0, second.stderr
        wait_for_map(db, first_map.info.id, running)  # a relative path, resolved by the sender
        assert running.poll() is None
        stop(running)  # SIGKILL: the lock file and the server socket stay behind
        taker = editor(db, str(second_file), log=log)
        try:
            wait_for_map(db, second_map.info.id, taker)
            assert taker.poll() is None  # it is the editor now, not a hand-over that exited
        finally:
            stop(taker, signal.SIGTERM)
    finally:
        stop(running)
