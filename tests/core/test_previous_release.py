"""Format version 2 and the library migration against the previous release's own code
(issues 19 and 20): argmap as of commit 7f0c2b0, the last one before version 2, is taken
out of this repository's history into a temp folder and run in a subprocess.

- a version-2 file is refused by that reader with its one-line "newer argmap" error;
- a map with no version-2 feature is written byte for byte as that release writes it, and
  it reads what this argmap writes;
- a library made by that release opens here unchanged, takes arguments and assessments
  (migration m004), and the old release then refuses it in one line instead of losing them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.store import Library
from tests.conftest import REPO
from tests.helpers import argument_map

RELEASE = "7f0c2b0"


@pytest.fixture(scope="module")
def old_argmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The previous release's `argmap` package, unpacked from git (no network, no install)."""
    where = tmp_path_factory.mktemp("release")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", RELEASE,
                              "argmap"], capture_output=True, check=False)
    assert archive.returncode == 0, (
        f"this test needs commit {RELEASE} in the repository's history (a full clone): "
        + archive.stderr.decode(errors="replace"))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(where, filter="data")
    return where


def run_old(old_argmap: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(old_argmap)}
    prelude = (f"import argmap, sys; assert argmap.__file__.startswith({str(old_argmap)!r}), "
               "argmap.__file__\n")
    return subprocess.run([sys.executable, "-c", prelude + script, *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=old_argmap)


OLD_READ = """
from argmap.core.errors import MapFileError
from argmap.core.mapfile import dumps_map, read_map
try:
    amap = read_map(sys.argv[1])
except MapFileError as exc:
    print("refused:", exc)
else:
    sys.stdout.buffer.write(dumps_map(amap))
"""


def test_the_previous_reader_refuses_version_2_in_one_line(old_argmap: Path, tmp_path: Path):
    path = tmp_path / "v2.argmap.json"
    path.write_bytes(dumps_map(argument_map()))
    out = run_old(old_argmap, OLD_READ, str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout == (f"refused: {path}: made by a newer argmap: format version 2; "
                          "this argmap reads version 1\n")


def test_a_map_without_version_2_features_is_what_the_previous_release_writes(
        old_argmap: Path, tmp_path: Path, seed_bytes: bytes):
    seed = parse_map(seed_bytes)
    path = tmp_path / "v1.argmap.json"
    path.write_bytes(dumps_map(seed))
    out = run_old(old_argmap, OLD_READ, str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.encode() == dumps_map(seed) == path.read_bytes()


OLD_LIBRARY = """
from argmap.core.mapfile import parse_map
from argmap.core.store import Library
with Library(sys.argv[1]) as lib:
    lib.save(parse_map(open(sys.argv[2], "rb").read()))
    lib.save(parse_map(open(sys.argv[3], "rb").read()))
    lib.delete(parse_map(open(sys.argv[3], "rb").read()).info.id)  # into the trash
"""

OLD_OPEN = """
from argmap.core.errors import LibraryError
from argmap.core.store import Library
try:
    Library(sys.argv[1]).close()
except LibraryError as exc:
    print("refused:", exc)
else:
    print("opened")
"""


def test_a_library_of_the_previous_release_migrates(old_argmap: Path, tmp_path: Path,
                                                    seed_bytes: bytes):
    db = tmp_path / "old.db"
    seed = tmp_path / "seed.argmap.json"
    seed.write_bytes(seed_bytes)
    other = tmp_path / "other.argmap.json"
    other.write_bytes(seed_bytes.replace(b'"id": "', b'"id": "x', 1))
    made = run_old(old_argmap, OLD_LIBRARY, str(db), str(seed), str(other))
    assert made.returncode == 0, made.stderr
    assert run_old(old_argmap, OLD_OPEN, str(db)).stdout == "opened\n"

    want = parse_map(seed_bytes)
    with Library(db) as lib:
        assert lib.load(want.info.id).canonical() == want  # opens unchanged
        assert dumps_map(lib.load(want.info.id)) == dumps_map(want)
        assert [e.map_id for e in lib.trash()] == [parse_map(other.read_bytes()).info.id]
        assert lib.restore(lib.trash()[0].id).info.title == want.info.title
        columns = {r[1] for r in lib.db.execute("PRAGMA table_info(nodes)")}
        assert {"polarity", "assessment"} <= columns
        v2 = argument_map("v2 in the library")
        lib.save(v2)
        assert lib.load(v2.info.id) == v2.in_preorder()
        assert lib.verify(v2) is None
    with Library(db) as lib:  # a second open applies nothing again
        assert lib.load(v2.info.id).by_id()["a1"].polarity == "supports"
        assert lib.load(v2.info.id).by_id()["p2"].assessment == 0.9

    refused = run_old(old_argmap, OLD_OPEN, str(db)).stdout
    assert refused.startswith(f"refused: {db}: made by a newer argmap (library change "
                              "'m004_arguments_and_assessments')"), refused
    assert refused.count("\n") == 1
    assert json.loads(json.dumps(refused))  # plain text
