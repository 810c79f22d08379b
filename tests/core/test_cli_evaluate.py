"""`argmap evaluate MAP` and `--why NODE`, on a hand-computed map file and the seeded library."""

from __future__ import annotations

from pathlib import Path

from argmap.core.mapfile import write_map
from argmap.core.model import Node, new_map
from argmap.core.seed import seed_map
from tests.helpers import run_cli as run


def _file(tmp_path: Path) -> Path:
    nodes = [
        Node(id="t", kind="claim", text="The thesis."),
        Node(id="e", parent="t", order=0, kind="evidence", text="A fact.", assessment=0.8),
        Node(id="o", parent="t", order=1, kind="objection", text="But.", assessment=0.6),
        Node(id="r", parent="o", kind="rebuttal", text="No.", assessment=0.9),
        Node(id="arg", parent="t", order=2, kind="argument", polarity="supports", text="So."),
        Node(id="p1", parent="arg", order=0, kind="claim", text="One.", assessment=0.9),
        Node(id="p2", parent="arg", order=1, kind="evidence", text="Two.", assessment=0.7),
        Node(id="u", parent="arg", order=2, kind="objection", text="Not so.", assessment=0.5),
    ]
    path = tmp_path / "hand.argmap.json"
    write_map(new_map("hand", nodes), path)
    return path


def test_one_line_per_node_in_outline_order(capsys, tmp_path: Path):
    db = tmp_path / "untouched.db"
    code, out, err = run(capsys, "--db", str(db), "evaluate", str(_file(tmp_path)))
    assert (code, err) == (0, "")
    # Hand-computed: o = 0.6·(1 − 0.9); arg = min(0.9, 0.7)·(1 − 0.5);
    # t = 0.5 + 0.5·((1 − 0.2·0.65) − 0.06)
    assert out.splitlines() == [
        "t\tclaim\t\t0.905\tstands",
        "e\tevidence\t0.800\t0.800\tstands",
        "o\tobjection\t0.600\t0.060\tfalls",
        "r\trebuttal\t0.900\t0.900\tstands",
        "arg\targument\t\t0.350\tfalls",
        "p1\tclaim\t0.900\t0.900\tstands",
        "p2\tevidence\t0.700\t0.700\tstands",
        "u\tobjection\t0.500\t0.500\tstands",
    ]
    assert not db.exists(), "evaluating a file must not touch the library"


def test_why_gives_strength_base_and_children_by_impact(capsys, tmp_path: Path):
    code, out, err = run(capsys, "evaluate", str(_file(tmp_path)), "--why", "t")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "t\t0.905\t0.500",
        "e\t0.800\t+0.260",
        "arg\t0.350\t+0.035",
        "o\t0.060\t-0.030",
    ]
    code, out, _ = run(capsys, "evaluate", str(_file(tmp_path)), "--why", "r")
    assert (code, out) == (0, "r\t0.900\t0.900\n")  # a leaf: its base, no children


def test_a_library_map_by_id_and_the_errors(capsys, db_path: Path):
    code, out, err = run(capsys, "--db", str(db_path), "evaluate", "seed-iran-proxies")
    assert (code, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert [fields[0] for fields in lines] == [n.id for n, _ in seed_map().preorder()]
    assert all(len(fields) == 5 and fields[4] in ("stands", "falls") for fields in lines)
    code, out, err = run(capsys, "--db", str(db_path), "evaluate", "seed-iran-proxies",
                         "--why", "no-such-node")
    assert (code, out) == (1, "")
    assert err.startswith("argmap: no node with id 'no-such-node'") and err.count("\n") == 1
    code, out, err = run(capsys, "--db", str(db_path), "evaluate", "no such map")
    assert (code, out) == (1, "") and err.startswith("argmap: no map with id or title")


def test_a_library_map_keeps_its_assessments(capsys, tmp_path: Path, db_path: Path):
    code, map_id, _ = run(capsys, "--db", str(db_path), "import", str(_file(tmp_path)))
    assert code == 0
    code, out, err = run(capsys, "--db", str(db_path), "evaluate", map_id.strip())
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == "o\tobjection\t0.600\t0.060\tfalls"


def _doc_block(command: str) -> list[str]:
    """The output lines docs/evaluation.md shows under `$ COMMAND` (elisions left out)."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "evaluation.md").read_text("utf-8")
    block = text.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if not line.startswith("…")]


def test_the_worked_example_in_the_docs_is_what_the_command_prints(capsys, tmp_path: Path):
    seed = seed_map()
    shown = _doc_block("argmap evaluate seed-iran-proxies --why thesis")
    path = tmp_path / "seed.argmap.json"
    write_map(seed, path)
    _code, out, _ = run(capsys, "evaluate", str(path), "--why", "thesis")
    assert shown == out.splitlines()[:len(shown)]
    assessed = {"funding": 0.9, "own-money": 0.3}
    nodes = [n.model_copy(update={"assessment": assessed[n.id]}) if n.id in assessed else n
             for n in seed.nodes]
    write_map(seed.model_copy(update={"nodes": tuple(nodes)}), path)
    shown = _doc_block("argmap evaluate iran.argmap.json --why thesis")
    _code, out, _ = run(capsys, "evaluate", str(path), "--why", "thesis")
    assert shown == out.splitlines()[:len(shown)]
