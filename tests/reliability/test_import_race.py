"""Several processes adding maps with one map id at once (issue 11): every add is a new
map, none replaces another; the id check and the insert are one transaction."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argmap.core.store import Library

REPO = Path(__file__).resolve().parents[2]
PROCESSES = 6
EACH = 15


def test_concurrent_add_new_of_one_map_id_keeps_every_map(tmp_path: Path):
    db = tmp_path / "library.db"
    go = tmp_path / "go"
    with Library(db):
        pass
    children = [
        subprocess.Popen([sys.executable, "-m", "tests.reliability.import_racer", str(db), str(go),
                          f"p{p}", str(EACH)], cwd=REPO, stdout=subprocess.PIPE, text=True)
        for p in range(PROCESSES)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    printed = []
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        printed += out.split()
    with Library(db) as lib:
        maps = lib.list_maps()
        titles = sorted(m.title for m in maps)
        assert sorted(lib.load(m.id).nodes[0].text for m in maps) == titles
    assert len(set(printed)) == PROCESSES * EACH  # every printed id is a different map
    assert sorted(m.id for m in maps) == sorted(printed)
    assert titles == sorted(f"p{p} #{k}" for p in range(PROCESSES) for k in range(EACH))
