"""Hostile and odd inputs on the command line (issue 24): merges over the node limit, file
names that are not UTF-8, a closed or full standard output, terminal controls in what is
printed, device nodes as outputs, symlinked libraries and titles that look like paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.errors import LibraryError
from argmap.core.lockfile import LibraryLock
from argmap.core.mapfile import read_map, write_map
from argmap.core.model import MAX_NODES, Node, new_map
from argmap.core.store import Library
from argmap.core.terminal import BIDI_CONTROLS, safe, safe_json
from argmap.teams.bases import FileBases
from tests.helpers import digest, run_cli, small_map

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "argmap", *args], cwd=REPO, env=env,
                            **kwargs)  # type: ignore[call-overload]


# -- 1: a merge whose result is over the node limit ------------------------------------------
@pytest.mark.slow
def test_a_merge_over_the_node_limit_is_trouble_not_conflicts(capsys, tmp_path: Path):
    root = Node(id="root", kind="claim", text="root")
    base = new_map("big", [root])
    half = MAX_NODES // 2 + 1

    def side(prefix: str) -> object:
        kids = [Node(id=f"{prefix}{i}", parent="root", order=i, kind="claim", text="x")
                for i in range(half)]
        return base.model_copy(update={"nodes": (root, *kids)})

    paths = {name: tmp_path / f"{name}.argmap.json" for name in ("base", "ours", "theirs")}
    for name, amap in (("base", base), ("ours", side("o")), ("theirs", side("t"))):
        write_map(amap, paths[name])  # type: ignore[arg-type]
    out = tmp_path / "out.argmap.json"
    code, stdout, err = run_cli(capsys, "merge", str(paths["base"]), str(paths["ours"]),
                                str(paths["theirs"]), "-o", str(out))
    assert code == 2  # for git, 1 would mean "conflicts, OUT is valid": it would keep OUT
    assert err.count("\n") == 1 and f"at most {MAX_NODES}" in err and stdout == ""
    assert not out.exists()


# -- 4: file names that are not UTF-8 ------------------------------------------------------
def _undecodable(folder: Path, stem: bytes) -> str:
    return os.fsdecode(os.fsencode(str(folder)) + b"/" + stem + b"\xff.argmap.json")


def test_an_import_from_a_non_utf8_name_prints_its_id_and_records_the_version(
        capsys, tmp_path: Path, db_path: Path):
    name = _undecodable(tmp_path, b"team")
    write_map(small_map("from a bytes name"), name)
    code, out, err = run_cli(capsys, "--db", str(db_path), "import", name)
    assert (code, err) == (0, "")
    map_id = out.strip()
    with Library(db_path) as library:
        assert library.has_map(map_id)
        assert FileBases(library).base_for(name, map_id) is not None


def test_an_export_to_a_non_utf8_name_succeeds_and_records_the_version(
        capsys, tmp_path: Path, db_path: Path):
    out = _undecodable(tmp_path, b"sent")
    code, _, err = run_cli(capsys, "--db", str(db_path), "export", "seed-iran-proxies", "-o", out)
    assert (code, err) == (0, "")
    assert read_map(out).info.id == "seed-iran-proxies"
    with Library(db_path) as library:
        assert FileBases(library).base_for(out, "seed-iran-proxies") is not None


def test_a_failure_after_the_import_is_a_warning_not_a_failure(
        capsys, monkeypatch, tmp_path: Path, db_path: Path):
    def broken(self: FileBases, path: object, amap: object) -> None:
        raise LibraryError("cannot record the file version: disk I/O error")

    monkeypatch.setattr(FileBases, "remember", broken)
    path = tmp_path / "team.argmap.json"
    write_map(small_map(), path)
    code, out, err = run_cli(capsys, "--db", str(db_path), "import", str(path))
    assert code == 0 and out.strip()  # the map is in: its id is printed, a retry would duplicate
    assert err.count("\n") == 1 and "warning" in err and "two-way" in err
    with Library(db_path) as library:
        assert library.has_map(out.strip())


# -- 5: a closed or full standard output ---------------------------------------------------
def _many_changes(tmp_path: Path) -> tuple[Path, Path]:
    root = Node(id="root", kind="claim", text="root")
    kids = [Node(id=f"n{i}", parent="root", order=i, kind="claim", text=f"text {i} " * 8)
            for i in range(3000)]
    a, b = tmp_path / "a.argmap.json", tmp_path / "b.argmap.json"
    write_map(new_map("a", [root]), a)
    write_map(new_map("a", [root, *kids]).model_copy(
        update={"info": read_map(a).info}), b)
    return a, b


def test_a_reader_that_goes_away_ends_diff_quietly(tmp_path: Path):
    a, b = _many_changes(tmp_path)  # ~300 KB of output: more than a pipe holds
    proc = cli("--db", str(tmp_path / "lib.db"), "diff", str(a), str(b),
               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"added\t")  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 128 + 13  # as if killed by SIGPIPE, like other tools
    assert err == ""  # no traceback, no "Exception ignored"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_full_standard_output_is_one_line_on_stderr(tmp_path: Path):
    with open("/dev/full", "wb") as full:
        proc = cli("--db", str(tmp_path / "lib.db"), "list", stdout=full, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=60)
    text = err.decode()
    assert proc.returncode == 1
    assert text.count("\n") == 1 and text.startswith("argmap: ") and "No space left" in text


# -- 6: one escaping rule for everything printed -------------------------------------------
RULE = ([chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
        + ["\u2028", "\u2029", *sorted(BIDI_CONTROLS), "\ud800", "\udcff"])


@pytest.mark.parametrize("ch", RULE, ids=lambda c: f"U+{ord(c):04X}")
def test_the_rule_escapes_every_control_separator_bidi_mark_and_surrogate(ch: str):
    for escape in (safe, safe_json):
        shown = escape(f"a{ch}b")
        assert ch not in shown and shown.startswith("a\\") and shown.endswith("b")
    assert json.loads(f'"{safe_json("a" + ch + "b")}"') == f"a{ch}b"


def test_the_rule_keeps_ordinary_text():
    for text in ("plain", "Iran’s proxies", "naïve café", "a\u00a0b", "👩\u200d💻", "עברית", "中文"):
        assert safe(text) == text == safe_json(text)
    assert safe(os.fsdecode(b"name\xff")) == "name\\xff"  # the byte a bytes name holds


def test_list_escapes_a_bidi_override_in_a_title(capsys, db_path: Path):
    with Library(db_path) as library:
        library.add_new(small_map("evil \u202etxt.exe"))
    code, out, _ = run_cli(capsys, "--db", str(db_path), "list")
    assert code == 0 and "\u202e" not in out and "evil \\u202etxt.exe" in out


def test_diff_prints_one_line_per_change_with_no_raw_separators(capsys, tmp_path: Path):
    a = small_map()
    nodes = list(a.nodes)
    odd = "csi\x9b2J nel\x85 ls\u2028 ps\u2029 rlo\u202e end"
    nodes[1] = nodes[1].model_copy(update={"text": odd})
    b = a.model_copy(update={"nodes": tuple(nodes)})
    pa, pb = tmp_path / "a.argmap.json", tmp_path / "b.argmap.json"
    write_map(a, pa)
    write_map(b, pb)
    code, out, _ = run_cli(capsys, "--db", str(tmp_path / "l.db"), "diff", str(pa), str(pb))
    assert code == 1
    [line] = out.splitlines()  # str.splitlines breaks at U+0085, U+2028, U+2029 too
    what, node_id, _old, new = line.split("\t")
    assert (what, node_id) == ("text", nodes[1].id)
    assert json.loads(new) == odd and not any(ch in line for ch in "\x9b\x85\u2028\u2029\u202e")


@pytest.mark.parametrize("command", ["diff", "merge"])
def test_diff_and_merge_errors_escape_file_names(capsys, tmp_path: Path, command: str):
    missing = str(tmp_path / "x\x1b]0;pwned\x07\u202e.argmap.json")
    good = tmp_path / "good.argmap.json"
    write_map(small_map(), good)
    args = [missing, str(good)] if command == "diff" else [str(good), missing, str(good), "-o",
                                                           str(tmp_path / "o.argmap.json")]
    code, _, err = run_cli(capsys, "--db", str(tmp_path / "l.db"), command, *args)
    assert code == 2 and err.count("\n") == 1
    assert not any(ch in err for ch in "\x1b\x07\u202e") and "\\x1b]0;pwned\\x07" in err


# -- 7: outputs onto device nodes and other non-regular files --------------------------------
def test_an_output_onto_a_device_is_refused_and_the_device_kept(capsys, tmp_path: Path,
                                                               db_path: Path):
    link = tmp_path / "out.argmap.json"
    link.symlink_to(os.devnull)  # what `-o /dev/null` is, without needing root to see it
    source = tmp_path / "in.argmap.json"
    write_map(small_map(), source)
    for args in (["export", str(source), "-o", str(link)],
                 ["merge", str(source), str(source), str(source), "-o", str(link)]):
        code, _, err = run_cli(capsys, "--db", str(db_path), *args)
        assert code in (1, 2) and err.count("\n") == 1 and "not a regular file" in err
        assert link.is_symlink() and os.readlink(link) == os.devnull
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_export_onto_a_named_pipe_is_refused(capsys, tmp_path: Path, db_path: Path):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    source = tmp_path / "in.argmap.json"
    write_map(small_map(), source)
    code, _, err = run_cli(capsys, "--db", str(db_path), "export", str(source), "-o", str(fifo))
    assert code == 1 and "named pipe" in err and err.count("\n") == 1
    assert fifo.is_fifo()


# -- 12: a symlinked library path ------------------------------------------------------------
@pytest.mark.logs_warnings("gave up waiting for the library lock")
def test_a_symlinked_library_shares_the_lock_of_its_file(tmp_path: Path):
    real = tmp_path / "lib.db"
    Library(real).close()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    holder = LibraryLock(real, timeout_s=5)
    other = LibraryLock(link, timeout_s=0.05)
    try:
        assert other.path == holder.path
        with (holder.hold(exclusive=True), pytest.raises(LibraryError, match="locked"),
              other.hold(exclusive=True)):
            pass
    finally:
        holder.close()
        other.close()
    assert not (tmp_path / "link.db.lock").exists()


# -- 13: titles that look like paths ---------------------------------------------------------
@pytest.mark.parametrize("title", ["Pros/cons of cars", "notes.json", "plan.argdown"])
def test_a_title_that_looks_like_a_path_names_its_map(capsys, tmp_path: Path, db_path: Path,
                                                      title: str):
    with Library(db_path) as library:
        map_id = library.add_new(small_map(title)).info.id
    out = tmp_path / "sent.argmap.json"
    code, _, err = run_cli(capsys, "--db", str(db_path), "export", title, "-o", str(out))
    assert (code, err) == (0, "")
    assert read_map(out).info.id == map_id
    other = tmp_path / "other.argmap.json"
    write_map(small_map("other"), other)
    code, diff, _ = run_cli(capsys, "--db", str(db_path), "diff", title, str(other))
    assert code == 1 and diff


def test_a_file_is_read_when_no_map_has_its_name_and_the_library_is_untouched(
        capsys, tmp_path: Path, db_path: Path):
    Library(db_path).close()
    before = digest(db_path)
    source = tmp_path / "mine.argmap.json"
    write_map(small_map("from a file"), source)
    code, _, err = run_cli(capsys, "--db", str(db_path), "export", str(source), "-o",
                           str(tmp_path / "copy.argmap.json"))
    assert (code, err) == (0, "")
    assert digest(db_path) == before


def test_looking_for_a_file_creates_no_library(capsys, tmp_path: Path):
    db = tmp_path / "never.db"
    source = tmp_path / "mine.argmap.json"
    write_map(small_map(), source)
    code, _, _ = run_cli(capsys, "--db", str(db), "export", str(source), "-o",
                         str(tmp_path / "copy.svg"))
    assert code == 0 and not db.exists() and not (tmp_path / "never.db.lock").exists()


def test_neither_a_map_nor_a_file_is_one_line(capsys, tmp_path: Path, db_path: Path):
    Library(db_path).close()
    code, _, err = run_cli(capsys, "--db", str(db_path), "export", "Pros/cons of bikes", "-o",
                           str(tmp_path / "x.svg"))
    assert code == 1 and err.count("\n") == 1
    assert "Pros/cons of bikes: no such file, and no map in" in err
    code, _, err = run_cli(capsys, "--db", str(db_path), "export", "Bikes", "-o",
                           str(tmp_path / "x.svg"))
    assert code == 1 and "no map with id or title 'Bikes'" in err and "no file" in err
