"""Child process for the add_new race test: waits for GO, then adds COUNT maps that all
carry map id "race", titled TITLE #k.  python -m tests.reliability.import_racer DB GO TITLE COUNT
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from argmap.core.model import ArgumentMap, MapInfo, Node
from argmap.core.store import Library


def racer_map(title: str) -> ArgumentMap:
    info = MapInfo(id="race", title=title, created="2026-01-01T00:00:00Z",
                   modified="2026-01-01T00:00:00Z")
    return ArgumentMap(info=info, nodes=(Node(id="root", kind="claim", text=title),))


def main(db: str, go: str, title: str, count: int) -> None:
    with Library(db) as lib:
        print("ready", flush=True)
        while not Path(go).exists():
            time.sleep(0.001)
        for k in range(count):
            print(lib.add_new(racer_map(f"{title} #{k}")).info.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
