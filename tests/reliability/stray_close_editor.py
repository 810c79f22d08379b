"""Child process for the lock-loss test: an editor-like process that, like Qt's file dialog
reading the library's folder for icons, opens and closes the library file once.

python -m tests.reliability.stray_close_editor DB MODE
  MODE "idle": stray close between saves; "in-transaction": stray close inside a save.
Protocol on stdin/stdout: prints "ready" once the map is saved and the stray close is
done (or, in-transaction, while the save is still open); each "edit N" line saves node
n1's text as "edit N" through the autosave path and prints "saved N".
"""

from __future__ import annotations

import sys

from argmap.core.model import ArgumentMap, MapInfo, Node
from argmap.core.store import Library

MAP_ID = "stray-close"


def base_map() -> ArgumentMap:
    nodes = [Node(id="root", kind="claim", text="root")]
    nodes += [Node(id=f"n{i}", parent="root", order=i, kind="evidence", text=f"node {i}")
              for i in range(1, 6)]
    info = MapInfo(id=MAP_ID, title="stray close", created="2026-01-01T00:00:00Z",
                   modified="2026-01-01T00:00:00Z")
    return ArgumentMap(info=info, nodes=tuple(nodes))


def stray_close(db: str) -> None:
    """What a file dialog or a preview does: open the library file, read, close."""
    with open(db, "rb") as fh:
        fh.read(100)


def main(db: str, mode: str) -> None:
    lib = Library(db)
    amap = base_map()
    lib.save(amap)
    if mode == "in-transaction":
        with lib.writing() as conn:  # a save in progress when the descriptor is closed
            conn.execute("UPDATE nodes SET text = 'in flight' WHERE map_id = ? AND id = 'n2'",
                         [MAP_ID])
            stray_close(db)
            print("ready", flush=True)
            assert sys.stdin.readline().strip() == "commit"
        print("committed", flush=True)
    else:
        stray_close(db)
        print("ready", flush=True)
    for line in sys.stdin:
        word, number = line.split()
        assert word == "edit"
        node = amap.by_id()["n1"].model_copy(update={"text": f"edit {number}"})
        assert lib.save_changes(amap.info, [node], [])
        print(f"saved {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "idle")
