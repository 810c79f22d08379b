"""Small builders shared by tests."""

from __future__ import annotations

import hashlib
import os
import random
import sys
from pathlib import Path

from PySide6.QtGui import QUndoCommand

from argmap.core.mapfile import read_map, write_map
from argmap.core.model import ArgumentMap, Node, allowed_child_kinds, new_map
from argmap.core.store import Library
from argmap.editing import commands
from argmap.editing.document import MapDocument

#: The `argmap` command pip installed beside this Python (the console entry point).
ARGMAP_SCRIPT = Path(sys.executable).with_name("argmap.exe" if os.name == "nt" else "argmap")


def argmap_script() -> Path:
    assert ARGMAP_SCRIPT.is_file(), (
        f"no {ARGMAP_SCRIPT}: install argmap into this environment (pip install -e .)")
    return ARGMAP_SCRIPT


def chain(depth: int, title: str = "chain") -> ArgumentMap:
    nodes = [Node(id="n0", kind="claim", text="root")]
    nodes += [
        Node(id=f"n{i}", parent=f"n{i - 1}", kind="claim", text=f"step {i}")
        for i in range(1, depth + 1)
    ]
    return new_map(title, nodes)


def small_map(title: str = "small") -> ArgumentMap:
    return new_map(
        title,
        [
            Node(id="root", kind="claim", text="Cities should ban cars downtown."),
            Node(id="e1", parent="root", order=0, kind="evidence", text="Air quality improves.",
                 source={"title": "Study", "quote": "NO2 fell 40%", "locator": "p. 3"}),
            Node(id="o1", parent="root", order=1, kind="objection", text="Shops lose trade."),
            Node(id="r1", parent="o1", order=0, kind="rebuttal", text="Footfall rose in Oslo."),
        ],
    )


def argument_map(title: str = "arguments") -> ArgumentMap:
    """A version-2 map: a linked argument (two premises and an undercut), an attacking
    argument with one premise under an objection, and assessments."""
    return new_map(
        title,
        [
            Node(id="root", kind="claim", text="Cities should ban cars downtown.", assessment=0.6),
            Node(id="a1", parent="root", order=0, kind="argument", polarity="supports",
                 text="Cleaner air, and health follows air."),
            Node(id="p1", parent="a1", order=0, kind="evidence", text="Air quality improves.",
                 source={"title": "Study", "quote": "NO2 fell 40%", "locator": "p. 3"}),
            Node(id="p2", parent="a1", order=1, kind="claim", text="Cleaner air improves health.",
                 assessment=0.9),
            Node(id="u1", parent="a1", order=2, kind="objection",
                 text="The study measured a different city."),
            Node(id="o1", parent="root", order=1, kind="objection", text="Shops lose trade."),
            Node(id="a2", parent="o1", order=0, kind="argument", polarity="attacks",
                 text="Footfall rose."),
            Node(id="p3", parent="a2", order=0, kind="claim", text="Footfall rose in Oslo.",
                 assessment=0.0),
        ],
    )


def random_edit(doc: MapDocument, rng: random.Random) -> QUndoCommand | None:
    """An add, delete, text edit or move somewhere in the map (None if the move is refused)."""
    ids = [n.id for n in doc.nodes()]
    node_id = rng.choice(ids)
    node = doc.node(node_id)
    roll = rng.random()
    kinds = sorted(allowed_child_kinds(node.kind))
    if roll < 0.3 and kinds:
        return commands.add_child(doc, node_id, rng.choice(kinds), "new " * rng.randint(1, 40))[0]
    if roll < 0.5 and node.parent is not None:
        return commands.delete_subtrees(doc, [node_id])
    if roll < 0.75:
        return commands.edit_node(doc, node_id, text="edited " * rng.randint(1, 60))
    try:
        return commands.move_node(doc, node_id, rng.choice(ids))
    except commands.EditRejected:
        return None


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """`argmap ARGS` in-process: exit status, stdout, stderr."""
    from argmap.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_map_file(library: Library, path: str | os.PathLike[str]) -> ArgumentMap:
    """A map file added to the library as a new map (the file is only read)."""
    return library.add_new(read_map(path))


def export_map_file(library: Library, map_id: str, path: str | os.PathLike[str]) -> None:
    """A library map written as a map file."""
    write_map(library.load(map_id), path)
