"""SIGKILL a process in the middle of saving, over and over; the library must stay whole.

After every kill: PRAGMA integrity_check is "ok" and each map equals exactly one of the
versions the writer saved (never a mix of two). ARGMAP_KILLS sets the count (CI: 100).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.core.store import Library
from tests.reliability import stats
from tests.reliability.crash_writer import MAPS, version

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("ARGMAP_KILLS", "100"))


def check_library(db: Path) -> int:
    with Library(db) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        seen = 0
        for map_id in MAPS:
            if not lib.has_map(map_id):
                continue
            stored = lib.load(map_id)
            v = int(stored.info.title.split(" v")[1])
            assert stored.nodes == version(map_id, v).in_preorder().nodes, f"{map_id} is a mix"
            seen = max(seen, v)
        return seen


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_saves_never_damages_the_library(tmp_path: Path):
    db = tmp_path / "library.db"
    rng = random.Random(20261125)
    highest = 0
    # the writers are forked by a server that has argmap loaded: a kill costs a fork, not a start
    with subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", "--serve", str(db)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    ) as server:
        assert server.stdin is not None and server.stdout is not None
        for _ in range(KILLS):
            server.stdin.write("fork\n")
            server.stdin.flush()
            ready, pid = server.stdout.readline().split()
            assert ready == "ready"
            time.sleep(rng.uniform(0, 0.04))
            os.kill(int(pid), signal.SIGKILL)
            server.stdin.write("reap\n")
            server.stdin.flush()
            assert server.stdout.readline().split() == ["killed", str(int(signal.SIGKILL))]
            highest = max(highest, check_library(db))
        server.stdin.close()
        assert server.wait(timeout=30) == 0
    assert highest > KILLS // 2, "the writer should have saved new versions between kills"
    stats.record("kills_survived", KILLS)
