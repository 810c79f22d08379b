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
    for _ in range(KILLS):
        with subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.crash_writer", str(db)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0, 0.04))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        highest = max(highest, check_library(db))
    assert highest > KILLS // 2, "the writer should have saved new versions between kills"
    stats.record("kills_survived", KILLS)
