"""Inputs that used to slip through, hang or flood (issue 11): each is refused at once in
one bounded line, and the CLI never prints a control character."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.core import mapfile
from argmap.core.errors import MapFileError
from tests.helpers import small_map

REPO = Path(__file__).resolve().parents[2]
#: A message quoting file input stays this short, however long the input.
MESSAGE_BOUND = 300


def valid_doc(**changes: object) -> dict[str, object]:
    doc = json.loads(mapfile.dumps_map(small_map()))
    doc.update(changes)
    return doc


def refusal(data: bytes) -> str:
    with pytest.raises(MapFileError) as caught:
        mapfile.parse_map(data, "f.argmap.json")
    message = str(caught.value)
    assert "\n" not in message
    return message


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path):
    fifo = tmp_path / "map.argmap.json"
    os.mkfifo(fifo)
    with pytest.raises(MapFileError, match="named pipe"):
        mapfile.read_input(fifo)
    done = cli("--db", str(tmp_path / "lib.db"), "import", str(fifo), timeout=30)
    assert done.returncode == 1
    assert "named pipe (FIFO), not a regular file" in done.stderr
    assert not (tmp_path / "lib.db").exists()


def test_a_device_is_refused(tmp_path: Path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(MapFileError, match="a device"):
        mapfile.read_input("/dev/zero")


def test_a_ten_million_character_node_id_is_quoted_as_an_excerpt():
    doc = valid_doc()
    doc["nodes"][1]["id"] = "n" * 10_000_000  # type: ignore[index]
    message = refusal(json.dumps(doc).encode())
    assert len(message) < MESSAGE_BOUND and "…" in message


def test_a_five_million_character_unknown_key_is_quoted_as_an_excerpt():
    doc = valid_doc()
    doc["k" * 5_000_000] = 1
    message = refusal(json.dumps(doc).encode())
    assert len(message) < MESSAGE_BOUND and "Extra inputs" in message


def test_a_duplicate_huge_key_is_quoted_as_an_excerpt():
    key = "d" * 1_000_000
    message = refusal(b'{"%s": 1, "%s": 2}' % (key.encode(), key.encode()))
    assert len(message) < MESSAGE_BOUND and "duplicate key" in message


def test_gzip_is_named_as_gzip():
    assert "gzip" in refusal(gzip.compress(mapfile.dumps_map(small_map())))


def test_a_five_thousand_digit_integer_gives_no_python_advice():
    message = refusal(b'{"format": "argmap", "version": ' + b"9" * 5000 + b"}")
    assert "more than 4300 digits" in message
    assert "set_int_max_str_digits" not in message


def test_a_double_utf8_bom_is_named():
    message = refusal(b"\xef\xbb\xbf\xef\xbb\xbf" + mapfile.dumps_map(small_map()))
    assert "two UTF-8 byte-order marks" in message and "utf-8-sig" not in message


def test_a_single_bom_still_loads():
    assert mapfile.parse_map(b"\xef\xbb\xbf" + mapfile.dumps_map(small_map())).info.title


def test_list_escapes_control_characters_in_titles(capsys, db_path: Path, tmp_path: Path):
    evil = small_map("Evil \x1b]0;pwned\x07 \x1b[2J title\x9b")
    path = tmp_path / "evil.argmap.json"
    mapfile.write_map(evil, path)
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert main(["--db", str(db_path), "list"]) == 0
    out, _err = capsys.readouterr()
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "Evil \\x1b]0;pwned\\x07 \\x1b[2J title\\x9b" in out


def test_errors_escape_control_characters_in_file_names(capsys, tmp_path: Path, db_path: Path):
    bad = tmp_path / "bad\x1b[2Jname\x07.argmap.json"
    bad.write_bytes(b"{}")
    assert main(["--db", str(db_path), "import", str(bad)]) == 1
    _out, err = capsys.readouterr()
    assert "\x1b" not in err and "\x07" not in err and "bad\\x1b[2Jname\\x07" in err
    with pytest.raises(SystemExit) as caught:  # argparse echoes the stray words
        main(["--db", str(db_path), "no-such-command\x1b[2J", "x"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments" in err and "\x1b" not in err


def test_db_in_a_missing_folder_is_one_line_and_creates_nothing(capsys, tmp_path: Path):
    db = tmp_path / "missing" / "library.db"
    for args in (["list"], ["import", str(tmp_path / "x.argmap.json")]):
        mapfile.write_map(small_map(), tmp_path / "x.argmap.json")
        assert main(["--db", str(db), *args]) == 1
        out, err = capsys.readouterr()
        assert out == "" and len(err.splitlines()) == 1 and "no such folder" in err
    assert not (tmp_path / "missing").exists()


HOSTILE_SHAPES = {
    "empty objects": (b"[", b"{},", b"{}]"),
    "empty nodes": (b'{"format":"argmap","version":1,"nodes":[', b"{},", b"{}]}"),
    "string nodes": (b'{"format":"argmap","version":1,"nodes":[', b'"a",', b'"a"]}'),
    "many keys": (b'{"format":"argmap","version":1,"k":{', b'"k%d":1,', b'"z":1}}'),
    "AIF-like objects": (b'{"edges":[],"nodes":[', b'{"nodeID":"%d"},', b'{}]}'),
    "AIF-like strings": (b'{"edges":[],"nodes":[', b'"%d",', b'"x"]}'),
}
PEAK_SCRIPT = """
import resource, sys
from pathlib import Path
from argmap.core.errors import MapFileError
from argmap.formats.interchange import import_file  # what the CLI and the window use
try:
    import_file(sys.argv[1])
except MapFileError as exc:
    status = Path("/proc/self/status")  # VmHWM starts afresh at exec; ru_maxrss does not
    hwm = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")] \\
        if status.exists() else []
    kib = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("refused", kib // 1024)
"""


@pytest.mark.slow
@pytest.mark.parametrize("shape", HOSTILE_SHAPES)
def test_refusing_the_largest_file_peaks_under_500_mb(  # through interchange.import_file
tmp_path: Path, shape: str):
    head, unit, tail = HOSTILE_SHAPES[shape]
    path = tmp_path / "big.json"
    room = mapfile.MAX_FILE_BYTES - len(head) - len(tail)
    with open(path, "wb") as out:  # streamed: the test process itself stays small
        out.write(head)
        if b"%d" not in unit:
            out.write(unit * (room // len(unit)))
            room = 0
        i = 0
        while room:
            item = unit % i if b"%d" in unit else unit
            if len(item) > room:
                break
            out.write(item)
            room -= len(item)
            i += 1
        out.write(tail)
    assert path.stat().st_size <= mapfile.MAX_FILE_BYTES
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(path)], cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=True)
    word, peak_mb = done.stdout.split()
    assert word == "refused"
    assert int(peak_mb) <= 500, f"{shape}: peak {peak_mb} MB"
