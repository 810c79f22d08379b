"""`argmap attach` and `argmap check` (issue 21's "done when"): with the article attached the
map's quotes all verify; an exported copy carries the text, and a quote altered there and
another's locator moved are both reported, exit 1. Run on the project's own article and map
always, and on the seeded map with ../shared/seed/article.txt when it is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli as run
from tests.shared_files import REPO, SHARED

OWN = REPO / "tests" / "data" / "sources"
ARTICLE = SHARED / "seed" / "article.txt"
#: (map file to import, or None: the seeded map; its text; quotes; a quote to alter; a node
#: whose locator to move)
CASES = [("own", OWN / "night-ferry.argmap.json", OWN / "night-ferry.txt", 9, "fridays",
          "subsidy")]
if ARTICLE.is_file():
    CASES.append(("seed", None, ARTICLE, 19, "qaani", "khazali"))


def library_map(capsys, db: Path, map_file: Path | None) -> str:
    if map_file is None:
        assert run(capsys, "--db", str(db), "list")[0] == 0  # the first run seeds it
        return "seed-iran-proxies"
    code, out, err = run(capsys, "--db", str(db), "import", str(map_file))
    assert (code, err) == (0, "")
    return out.strip()


@pytest.mark.parametrize(("map_file", "text", "quotes", "altered", "moved"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_attach_then_check_then_a_spoiled_copy(capsys, tmp_path: Path, map_file: Path | None,
                                               text: Path, quotes: int, altered: str,
                                               moved: str):
    db = tmp_path / "library.db"
    map_id = library_map(capsys, db, map_file)
    code, out, err = run(capsys, "--db", str(db), "check", map_id)
    assert code == 1 and err == ""
    assert out.splitlines()[-2].endswith(f"no text attached: {quotes} quotes not checked "
                                         "(argmap attach MAP FILE)")
    assert out.splitlines()[-1] == f"0 of {quotes} quotes verified"

    code, out, err = run(capsys, "--db", str(db), "attach", map_id, str(text))
    assert (code, err) == (0, "") and out.startswith("attached ")
    assert run(capsys, "--db", str(db), "check", map_id) == (
        0, f"{quotes} of {quotes} quotes verified\n", "")

    copy = tmp_path / "copy.argmap.json"
    assert run(capsys, "--db", str(db), "export", map_id, "-o", str(copy))[0] == 0
    doc = json.loads(copy.read_text(encoding="utf-8"))
    assert doc["version"] == 2 and doc["sources"][0]["text"] == text.read_text(encoding="utf-8")
    for node in doc["nodes"]:
        if node["id"] == altered:
            node["source"]["quote"] = node["source"]["quote"].replace(" ", "  ", 1) + " (sic)"
        if node["id"] == moved:
            node["source"]["locator"] = "paragraph 3" if node["source"]["locator"] != (
                "paragraph 3") else "paragraph 4"
    copy.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "check", str(copy))
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert lines[-1] == f"{quotes - 2} of {quotes} quotes verified"
    assert sorted(ln.split("\t")[0] for ln in lines[:-1]) == sorted([altered, moved])
    problems = {ln.split("\t")[0]: ln.split("\t")[2] for ln in lines[:-1]}
    assert problems[altered].startswith("not in the text")
    assert problems[moved].startswith("found in paragraph ")
    assert "but the locator says “paragraph" in problems[moved]


def test_attach_names_the_source_or_says_which_there_are(capsys, tmp_path: Path):
    db = tmp_path / "library.db"
    two = tmp_path / "two.argmap.json"
    doc = json.loads((OWN / "night-ferry.argmap.json").read_text(encoding="utf-8"))
    doc["nodes"][1]["source"]["title"] = "Another paper"
    two.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    map_id = library_map(capsys, db, two)
    text = str(OWN / "night-ferry.txt")
    code, out, err = run(capsys, "--db", str(db), "attach", map_id, text)
    assert code == 1 and out == ""
    assert err.startswith("argmap: 'Should Kessel keep its night ferry?' has 2 sources; name "
                          "one with --source TITLE: 'Another paper' (id src-")
    code, out, err = run(capsys, "--db", str(db), "attach", map_id, text, "--source",
                         "The Night Ferry Stays (Kessel Harbour Gazette)")
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "--db", str(db), "check", map_id)
    assert out.splitlines() == ["source\tAnother paper\tno text attached: 1 quote not checked "
                                "(argmap attach MAP FILE)", "8 of 9 quotes verified"]
    code, out, err = run(capsys, "--db", str(db), "attach", map_id, text, "--source", "Nope")
    assert code == 1 and "no source titled 'Nope'" in err and err.count("\n") == 1


def test_attach_to_a_map_file_rewrites_it_and_refuses_other_formats(capsys, tmp_path: Path):
    copy = tmp_path / "ferry.argmap.json"
    copy.write_bytes((OWN / "night-ferry.argmap.json").read_bytes())
    assert run(capsys, "attach", str(copy), str(OWN / "night-ferry.txt"))[0] == 0
    assert json.loads(copy.read_text(encoding="utf-8"))["version"] == 2
    assert run(capsys, "check", str(copy)) == (0, "9 of 9 quotes verified\n", "")
    argdown = tmp_path / "ferry.argdown"
    assert run(capsys, "export", str(copy), "-o", str(argdown))[0] == 0
    code, _out, err = run(capsys, "attach", str(argdown), str(OWN / "night-ferry.txt"))
    assert code == 1 and "import this file first" in err
    before = copy.read_bytes()
    code, _out, err = run(capsys, "attach", str(copy), str(tmp_path / "missing.txt"))
    assert code == 1 and err == f"argmap: {tmp_path / 'missing.txt'}: no such file\n"
    assert copy.read_bytes() == before
