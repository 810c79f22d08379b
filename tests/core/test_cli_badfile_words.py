"""Bad-file messages a user reads (issue 23): a file that is no map file at all says what
it is, whatever its name; a message about a node names it by its text as well as its id."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from argmap.core.mapfile import write_map
from tests.helpers import run_cli as run
from tests.helpers import small_map

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(30)


def _zip(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, "x")
    return path.read_bytes()


def _sqlite(path: Path) -> bytes:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    return path.read_bytes()


@pytest.mark.parametrize("suffix", [".argmap.json", ".argdown", ".json"])
@pytest.mark.parametrize("make, what", [
    (lambda _t: PNG, "is a PNG picture, not a map file"),
    (lambda _t: PDF, "is a PDF document, not a map file"),
    (lambda _t: JPEG, "is a JPEG picture, not a map file"),
    (lambda t: _zip(t / "a.zip", "notes.txt"), "is a ZIP archive, not a map file"),
    (lambda t: _zip(t / "a.docx", "word/document.xml"), "is a Word document (DOCX), not a map"),
    (lambda t: _sqlite(t / "a.db"), "is an SQLite database, not a map file"),
], ids=["png", "pdf", "jpeg", "zip", "docx", "sqlite"])
def test_a_renamed_file_says_what_it_is(capsys, tmp_path, db_path, make, what, suffix):
    path = tmp_path / f"renamed{suffix}"
    path.write_bytes(make(tmp_path))
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert (code, out) == (1, "")
    assert err == f"argmap: {path}: {what}" + err[len(f"argmap: {path}: {what}"):]
    assert what in err and "UTF-8" not in err and err.count("\n") == 1, err


def test_a_node_in_a_message_is_named_by_its_text_and_id(capsys, tmp_path, db_path):
    path = tmp_path / "bad.argmap.json"
    write_map(small_map(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    target = next(n for n in data["nodes"] if n["parent"] is not None)
    target["order"] = -5
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 1
    words = " ".join(target["text"].split())[:20]
    assert f"node “{words}" in err and f"(id '{target['id']}'): order" in err, err
