"""`argmap diff` and `argmap merge` on the command line: exit statuses, one-line messages,
and nothing written on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.cli import main
from argmap.core.mapfile import dumps_map, read_map, write_map
from tests.badfiles import BAD_FILES, write_bad
from tests.teams.maps import add, change, make

BASE = make([
    ("root", None, "claim", "Root"),
    ("a", "root", "evidence", "A"),
    ("b", "root", "objection", "B"),
])


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    versions = {
        "base": BASE,
        "ours": change(BASE, "a", text="A by us"),
        "theirs": add(BASE, "x", "b", "rebuttal", "answer"),
        "clash": change(BASE, "a", text="A by them"),
    }
    for name, amap in versions.items():
        paths[name] = tmp_path / f"{name}.argmap.json"
        write_map(amap, paths[name])
    return paths


def test_diff_exit_status_follows_diff(capsys, files):
    assert run(capsys, "diff", str(files["base"]), str(files["base"])) == (0, "", "")
    code, out, err = run(capsys, "diff", str(files["base"]), str(files["ours"]))
    assert (code, err) == (1, "")
    assert out == 'text\ta\t"A"\t"A by us"\n'


def test_diff_against_a_library_map_by_title(capsys, files, db_path):
    assert run(capsys, "--db", str(db_path), "import", str(files["base"]))[0] == 0
    code, out, _err = run(capsys, "--db", str(db_path), "diff", "t", str(files["theirs"]))
    assert code == 1
    assert out.startswith("added\tx\t")


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_diff_of_a_bad_file_is_one_line_and_exit_2(capsys, tmp_path, files, name):
    bad, phrase = write_bad(tmp_path, name)
    code, out, err = run(capsys, "diff", str(files["base"]), str(bad))
    assert (code, out) == (2, "")
    assert phrase in err and err.count("\n") == 1


def test_clean_merge_exit_0(capsys, files, tmp_path):
    out = tmp_path / "out.argmap.json"
    code, stdout, err = run(capsys, "merge", str(files["base"]), str(files["ours"]),
                            str(files["theirs"]), "-o", str(out))
    assert (code, stdout, err) == (0, "", "")
    merged = read_map(out)
    assert {n.id: n.text for n in merged.nodes} == {"root": "Root", "a": "A by us", "b": "B",
                                                      "x": "answer"}


def test_conflicting_merge_exit_1_writes_a_valid_map_and_one_line_per_conflict(capsys, files, tmp_path):
    out = tmp_path / "out.argmap.json"
    code, _stdout, err = run(capsys, "merge", str(files["base"]), str(files["ours"]),
                             str(files["clash"]), "-o", str(out))
    assert code == 1
    assert err == "conflict\ta\ttext\tboth sides changed it differently\tA by us\n"
    assert read_map(out).by_id()["a"].text == "A by us"


def test_merge_output_is_deterministic_bytes(capsys, files, tmp_path):
    outs = [tmp_path / "one.argmap.json", tmp_path / "two.argmap.json"]
    for out in outs:
        run(capsys, "merge", str(files["base"]), str(files["ours"]), str(files["theirs"]), "-o", str(out))
    assert outs[0].read_bytes() == outs[1].read_bytes()


@pytest.mark.parametrize("name", ["truncated", "duplicate-id", "parent-cycle"])
@pytest.mark.parametrize("slot", [0, 1, 2])
def test_merge_with_a_bad_file_writes_nothing(capsys, files, tmp_path, name, slot):
    bad, phrase = write_bad(tmp_path, name)
    args = [str(files["base"]), str(files["ours"]), str(files["theirs"])]
    args[slot] = str(bad)
    out = files["ours"]  # as git's driver does: OUT is OURS
    before = out.read_bytes()
    code, stdout, err = run(capsys, "merge", *args, "-o", str(out))
    assert (code, stdout) == (2, "")
    assert phrase in err and err.count("\n") == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_merge_of_different_maps_is_refused(capsys, files, tmp_path):
    other = tmp_path / "other.argmap.json"
    other.write_bytes(dumps_map(make([("root", None, "claim", "x")], map_id="another")))
    out = tmp_path / "out.argmap.json"
    code, _stdout, err = run(capsys, "merge", str(files["base"]), str(files["ours"]), str(other),
                             "-o", str(out))
    assert code == 2
    assert "different maps" in err and err.count("\n") == 1
    assert not out.exists()


def test_merge_into_an_unwritable_place_is_exit_2(capsys, files, tmp_path):
    out = tmp_path / "missing-folder" / "out.argmap.json"
    code, _stdout, err = run(capsys, "merge", str(files["base"]), str(files["ours"]),
                             str(files["theirs"]), "-o", str(out))
    assert code == 2 and err.count("\n") == 1


def test_an_empty_base_from_git_is_a_two_way_merge(capsys, files, tmp_path):
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    out = tmp_path / "out.argmap.json"
    code, _stdout, err = run(capsys, "merge", str(empty), str(files["ours"]), str(files["theirs"]),
                             "-o", str(out))
    assert (code, err) == (1, "conflict\ta\ttext\tthe versions differ\tA by us\n")
    merged = read_map(out)
    assert merged.by_id()["a"].text == "A by us"
    assert "x" in merged.by_id()  # added on one side, nothing deleted
