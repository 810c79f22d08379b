"""Several processes adding maps with one map id at once (issue 11): every add is a new
map, none replaces another; the id check and the insert are one transaction."""

from __future__ import annotations

import subprocess
import sys
import threading
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


def test_add_new_checks_and_inserts_in_one_transaction(db_path: Path, monkeypatch):
    """Deterministic: another writer tries to add the same id between the check and the
    insert; it must wait for the first add to commit and then get a fresh id."""
    from tests.reliability.import_racer import racer_map

    with Library(db_path):
        pass
    first = Library(db_path)
    real_has_map = Library.has_map
    added: list[str] = []
    other_done = threading.Event()

    def other_writer() -> None:
        with Library(db_path) as other:
            added.append(other.add_new(racer_map("second")).info.id)
        other_done.set()

    def has_map_then_race(self: Library, map_id: str) -> bool:
        taken = real_has_map(self, map_id)
        if self is first and not added and not other_done.is_set():
            thread = threading.Thread(target=other_writer)
            thread.start()
            other_done.wait(1.0)  # the old add_new let it write here; now it waits
            threads.append(thread)
        return taken

    threads: list[threading.Thread] = []
    monkeypatch.setattr(Library, "has_map", has_map_then_race)
    with first:
        added.insert(0, first.add_new(racer_map("first")).info.id)
    for thread in threads:
        thread.join()
    monkeypatch.undo()
    with Library(db_path) as lib:
        assert sorted(m.title for m in lib.list_maps()) == ["first", "second"]
    assert len(set(added)) == 2
