"""Reading commands never create a library (issue 23): `argmap export "TITLE"` without
--db made the per-user library just to report "no map". Per-user folders are in tmp
(tests/conftest.py); here ARGMAP_DB is unset, so the platform's data folder is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.core.seed import seed_map
from argmap.core.store import default_path
from tests.helpers import run_cli as run


@pytest.fixture
def no_library(monkeypatch, tmp_path) -> Path:
    monkeypatch.delenv("ARGMAP_DB", raising=False)
    path = default_path()
    assert str(path).startswith(str(Path.home())), path  # inside the test's own home
    assert not path.exists()
    return path


@pytest.mark.parametrize("args", [
    ("export", "No such map", "-o", "out.svg"),
    ("show", "No such map"),
    ("evaluate", "No such map"),
    ("check", "No such map"),
    ("diff", "No such map", "Nor this one"),
], ids=["export", "show", "evaluate", "check", "diff"])
def test_a_reading_command_naming_no_map_creates_no_library(capsys, no_library, args, tmp_path,
                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code in (1, 2) and out == ""  # diff says trouble with 2, as diff(1) does
    assert "no map" in err and "no library there yet" in err, err
    assert not no_library.exists()
    assert not (tmp_path / "out.svg").exists()


def test_list_show_and_evaluate_of_the_seed_map_need_no_library(capsys, no_library):
    seed = seed_map()
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert out.split("\t")[:2] == [seed.info.id, seed.info.title]
    assert run(capsys, "evaluate", seed.info.id)[0] == 0
    assert run(capsys, "show", seed.info.title)[0] == 0
    assert "no map" not in run(capsys, "check", seed.info.id)[2]  # its quotes, checked
    assert not no_library.exists()


def test_exporting_the_seed_map_makes_the_library_to_keep_what_it_sent(capsys, no_library,
                                                                       tmp_path):
    out_file = tmp_path / "seed.argmap.json"
    assert run(capsys, "export", seed_map().info.title, "-o", str(out_file))[0] == 0
    assert out_file.exists() and no_library.exists()
