"""Every file in tests/data/hostile/ has its expected outcome, from the CLI and the window.

How long each takes is measured by benchmarks/hostile_times.py, not asserted here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.core.mapfile import read_map
from argmap.core.store import Library
from tests.reliability import stats

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
MANIFEST = json.loads((HOSTILE / "manifest.json").read_text(encoding="utf-8"))


def million_nodes(tmp: Path) -> Path:
    """10^6 nodes: made here rather than checked in (about 60 MB)."""
    path = tmp / "million-nodes.argmap.json"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"format": "argmap", "version": 1, "map": {"id": "m", "title": "m", '
                 '"created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"}, '
                 '"nodes": [{"id": "n0", "parent": null, "order": 0, "kind": "claim", "text": "r"}')
        for i in range(1, 1_000_000):
            fh.write(f',\n{{"id": "n{i}", "parent": "n0", "order": 0, "kind": "claim", "text": "t"}}')
        fh.write("]}\n")
    return path


def cases(tmp: Path) -> list[tuple[str, Path, str, str]]:
    out = [(name, HOSTILE / f"{name}.argmap.json", spec["outcome"], spec["phrase"])
           for name, spec in sorted(MANIFEST.items())]
    # ~70 MB: within the file limit (97 MiB), refused by its shape before json.loads
    out.append(("million-nodes", million_nodes(tmp), "rejected",
                "JSON objects and arrays; a map file has at most"))
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_matches_the_files():
    files = {p.name.removesuffix(".argmap.json") for p in HOSTILE.glob("*.argmap.json")}
    assert files == set(MANIFEST)


def test_hostile_corpus_from_the_command_line(tmp_path: Path, capsys, qapp):  # PNG in-process
    db = tmp_path / "library.db"
    assert main(["--db", str(db), "list"]) == 0
    capsys.readouterr()
    rejected = 0
    for name, path, outcome, phrase in cases(tmp_path):
        before = digest(db)
        code = main(["--db", str(db), "import", str(path)])
        out, err = capsys.readouterr()
        if outcome == "loads":
            assert (code, err) == (0, ""), name
            with Library(db) as library:  # stored as the file has it, hostile text and all
                assert library.load(out.strip()).nodes == read_map(path).nodes, name
            png = tmp_path / "x.png"
            assert main(["--db", str(db), "export", out.strip(), "-o", str(png)]) == 0
            assert png.read_bytes().startswith(b"\x89PNG"), name
        else:
            assert code == 1 and phrase in err and err.count("\n") == 1, (name, err)
            assert digest(db) == before, name
            rejected += 1
    stats.record("hostile_files_rejected", rejected)


@pytest.fixture
def hostile_cases(tmp_path: Path):
    return cases(tmp_path)


def test_hostile_corpus_in_the_window(window, hostile_cases):
    window.dialogs.answer("choose", always=1)  # a map already in the library: open a copy
    for name, path, outcome, phrase in hostile_cases:
        window.dialogs.shown.clear()
        maps_before = [m.id for m in window.library.list_maps()]
        opened = window.files.open_file(str(path))
        shown = [text for _title, text in window.dialogs.errors]
        window.view.zoom_reset()
        window.repaint()
        if outcome == "loads":
            assert opened and not shown, name
            root = window.doc.node(window.doc.roots()[0])
            assert phrase in root.text
            assert window.scene.nodes[root.id].text == root.text
            assert set(window.scene.nodes) == {n.id for n in window.doc.nodes()}, name  # all drawn
        else:
            assert not opened and len(shown) == 1 and phrase in shown[0], (name, shown)
            assert [m.id for m in window.library.list_maps()] == maps_before
