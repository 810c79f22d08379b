"""Library migration m005 (source records) against a library made by the code before it
(issue 21): argmap as of commit ae6573b, the last one before records, is taken out of this
repository's history and run in a subprocess to make the library, as
test_previous_release.py does for version 2."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest

from argmap.core.mapfile import dumps_map, parse_map
from argmap.core.source_ids import plain_id
from argmap.core.store import Library
from tests.core.test_previous_release import OLD_OPEN, run_old
from tests.shared_files import REPO

BEFORE_RECORDS = "ae6573b"
FERRY = REPO / "tests" / "data" / "sources" / "night-ferry.argmap.json"


@pytest.fixture(scope="module")
def code_before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("before-records")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", BEFORE_RECORDS,
                              "argmap"], capture_output=True, check=False)
    assert archive.returncode == 0, (
        f"this test needs commit {BEFORE_RECORDS} in the repository's history (a full clone): "
        + archive.stderr.decode(errors="replace"))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(where, filter="data")
    return where


OLD_SAVE = """
from argmap.core.mapfile import parse_map
from argmap.core.store import Library
with Library(sys.argv[1]) as lib:
    for path in sys.argv[2:]:
        lib.save(parse_map(open(path, "rb").read()))
"""


def test_a_library_made_before_records_migrates(code_before: Path, tmp_path: Path,
                                                seed_bytes: bytes):
    mixed = tmp_path / "mixed.argmap.json"  # two sources, one URL only, a bare quote
    mixed.write_bytes(FERRY.read_bytes().replace(b'"id": "night-ferry"', b'"id": "mixed"').replace(
        b'"title": "The Night Ferry Stays (Kessel Harbour Gazette)", "url": "", '
        b'"quote": "cutting', b'"title": "", "url": "https://example.org/ferry", "quote": "cutting'
    ).replace(b'"title": "The Night Ferry Stays (Kessel Harbour Gazette)", "url": "", '
              b'"quote": "a group', b'"title": "", "url": "", "quote": "a group'))
    seed = tmp_path / "seed.argmap.json"
    seed.write_bytes(seed_bytes)
    db = tmp_path / "before.db"
    made = run_old(code_before, OLD_SAVE, str(db), str(seed), str(mixed))
    assert made.returncode == 0, made.stderr

    with Library(db) as lib:
        for path in (seed, mixed):
            want = parse_map(path.read_bytes())  # what the version-1 reader makes of the file
            got = lib.load(want.info.id)
            assert got.canonical() == want  # the same records, with the same ids
            assert dumps_map(got) == path.read_bytes()  # still written as version 1
        mixed_map = lib.load("mixed")
        assert sorted(r.url or r.title for r in mixed_map.sources) == [
            "The Night Ferry Stays (Kessel Harbour Gazette)", "https://example.org/ferry"]
        assert mixed_map.by_id()["bikes"].source.source_id is None  # a quote with no record
        assert lib.load("seed-iran-proxies").sources[0].id == plain_id(
            "Iran’s Proxies Are Out of Control (The Atlantic)", "")
        columns = {r[1]: r for r in lib.db.execute("PRAGMA table_info(nodes)")}
        assert "source_id" in columns
        assert lib.db.execute("SELECT count(*) FROM nodes WHERE source_title IS NOT NULL "
                              "OR source_url IS NOT NULL").fetchone()[0] == 0  # one place
        attached = mixed_map.model_copy(update={"sources": tuple(
            r.model_copy(update={"text": "Text."}) for r in mixed_map.sources)})
        lib.save(attached)
        assert lib.load("mixed") == attached.in_preorder() and lib.verify(attached) is None

    refused = run_old(code_before, OLD_OPEN, str(db)).stdout
    assert refused.startswith(f"refused: {db}: made by a newer argmap (library change "
                              "'m005_source_records')"), refused
