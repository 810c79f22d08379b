"""Child process for the kill test: saves ever newer versions of two maps until killed.

Every version is a whole, valid map whose node texts all carry the version number and
whose size depends on it, so a reader can tell one saved version from a mix of two.
python -m tests.reliability.crash_writer DB            (one writer)
python -m tests.reliability.crash_writer --serve DB    (a writer per "fork" line on stdin)

The server has argmap loaded but never opens the library: each writer it forks opens its
own, so killing one is killing a fresh process, without the cost of starting Python again.
"""

from __future__ import annotations

import os
import sys

from argmap.core.model import ArgumentMap, MapInfo, Node
from argmap.core.store import Library

MAPS = ("kill-a", "kill-b")


def version(map_id: str, v: int) -> ArgumentMap:
    count = 20 + (v * 7) % 60
    nodes = [Node(id="root", kind="claim", text=f"{map_id} v{v} root")]
    nodes += [
        Node(id=f"n{i}", parent="root" if i < 5 else f"n{i // 5 - 1}", order=i,
             kind="evidence" if i % 3 else "objection", text=f"{map_id} v{v} node {i} " + "x" * (v % 50))
        for i in range(count)
    ]
    info = MapInfo(id=map_id, title=f"{map_id} v{v}", created="2026-01-01T00:00:00Z",
                   modified="2026-01-01T00:00:00Z")
    return ArgumentMap(info=info, nodes=tuple(nodes))


def main(db: str) -> None:
    with Library(db) as lib:
        start = 1 + max((int(m.title.split(" v")[1]) for m in lib.list_maps()), default=0)
        print("ready", os.getpid(), flush=True)
        v = start
        while True:
            for map_id in MAPS:
                lib.save(version(map_id, v))
            v += 1


def serve(db: str) -> None:
    """"fork": start a writer (it prints "ready PID"); "reap": wait for it and print how it ended."""
    child = 0
    while line := sys.stdin.readline():
        if line.strip() == "fork":
            sys.stdout.flush()
            child = os.fork()
            if child == 0:
                try:
                    main(db)
                finally:
                    os._exit(1)  # never back into the server's loop
        elif line.strip() == "reap":
            _pid, status = os.waitpid(child, 0)
            signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            print("killed" if signum else "exited", signum or os.WEXITSTATUS(status), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(sys.argv[2])
    else:
        main(sys.argv[1])
